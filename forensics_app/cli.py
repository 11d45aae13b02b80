"""forensics-app command line: a thin layer over io, store, pipeline and report.

Every command has help with an example. Bad input: one line ``forensics-app: <file>: <problem>``
on stderr, exit code 2, no traceback.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from pathlib import Path

from . import __version__
from .errors import Cancelled, ForensicsError, InputError

EXIT_BAD_INPUT = 2
EXIT_PROBLEMS = 1

EXAMPLES = {
    "analyze": "forensics-app analyze sample_cases/guangzhou-2019 --out out/guangzhou",
    "verify": "forensics-app verify sample_cases/guangzhou-2019",
    "new-case": ("forensics-app new-case cases/C1 --case-id C1 --id-photo id.jpg --frames stills/ "
                 "--log tx.csv"),
    "report": "forensics-app report sample_cases/guangzhou-2019 --out out/report.pdf --lang en",
    "compare": "forensics-app compare id.jpg still.jpg --population east_asian --json",
    "calibrate": "forensics-app calibrate my_lab_photos/ --name lab_2026",
    "note": "forensics-app note sample_cases/guangzhou-2019 'Checked the police receipt' --target case",
    "eval-liveness": "forensics-app eval-liveness clips/  (folders live/, print/, replay/)",
    "gui": "forensics-app gui [CASE]",
    "settings": "forensics-app settings examiner_name 'Dr. Li Wei'",
    "batch": "forensics-app batch backlog/ --out out/backlog --workers 2",
}


def _add_common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--workspace", type=Path, help="workspace folder (default: sibling CASE.forensics/)")
    p.add_argument("--max-file-mb", type=float, default=None, help="refuse evidence files larger than this")


def _limits(a):
    from .io.images import Limits
    return Limits(max_bytes=int(a.max_file_mb * 1024 * 1024)) if a.max_file_mb else Limits()


def _open(a):
    from .io.case import load_case
    from .store.workspace import Workspace
    case = load_case(a.case, _limits(a))
    ws = Workspace.open(case, a.workspace)
    return case, ws


def cmd_analyze(a) -> int:
    from .pipeline import Options, run, write_results
    from .core.facecompare import FaceParams
    case, ws = _open(a)
    from .settings import load as load_settings
    st = load_settings()
    pad_model = str(a.pad_model) if a.pad_model else (os.environ.get("FORENSICS_PAD_MODEL") or st.get("pad_model"))
    opts = Options(population=a.population or st.get("population") or None, limits=_limits(a),
                   use_cache=not a.no_cache, face=FaceParams(detector=a.detector), pad_model=pad_model or None)

    def progress(f, text):
        if not a.quiet:
            print(f"\r[{f * 100:5.1f}%] {text[:70]:<70}", end="", file=sys.stderr, flush=True)
    results = run(case, ws, opts, progress=progress)
    if not a.quiet:
        print(file=sys.stderr)
    out = write_results(results, a.out)
    print(f"results: {out}")
    if not a.no_report:
        from .core.hashing import results_digest
        from .report import build_report
        pdf = build_report(results, a.out / "report.pdf", lang=a.lang or results["language"],
                           mask=not a.no_mask, case_root=case.root,
                           created=ws.analysis_date(results_digest(results)))
        ws.append_audit("export", {"report": str(pdf), "lang": a.lang or results["language"]})
        print(f"report:  {pdf}")
    for f in results["findings"]:
        print(f"  [{f['severity']:>8}] {f['rule']}: {f['title']}")
    return 0


def cmd_verify(a) -> int:
    from .io.case import load_case
    from .store.workspace import Workspace, default_workspace, DB_NAME
    case = load_case(a.case, _limits(a), validate=False, must_exist=False)
    wpath = a.workspace or default_workspace(case.root)
    if not (wpath / DB_NAME).is_file():
        raise InputError(wpath, "no workspace yet: open or analyse the case first (intake records the hashes)")
    ws = Workspace(wpath)
    rep = ws.verify(case)
    sig = None
    if a.pdf:
        from .report.signing import verify_pdf
        sig = verify_pdf(a.pdf, a.trust)
    if a.json:
        print(json.dumps(rep.as_dict() | ({"signature": sig} if sig else {}), indent=2, ensure_ascii=False))
    else:
        print(f"checked {rep.checked} files in {case.root}")
        for p in rep.added:
            print(f"ADDED     {p}")
        for p in rep.missing:
            print(f"MISSING   {p}")
        for m in rep.modified:
            print(f"MODIFIED  {m['path']}  recorded {m['recorded'][:16]}…  now {m['now'][:16]}…")
        for m in rep.declared_mismatch:
            print(f"DECLARED  {m['path']}  {m['problem']}")
        for p in rep.audit_problems:
            print(f"AUDIT     {p}")
        if sig:
            print(f"SIGNATURE {a.pdf}: {'valid' if sig['valid'] else 'INVALID'} — {sig['summary']}")
        print("OK: evidence and audit log intact" if rep.ok and (not sig or sig["valid"]) else "PROBLEMS FOUND")
    ws.append_audit("verify", {"ok": rep.ok, "added": len(rep.added), "missing": len(rep.missing),
                               "modified": len(rep.modified)})
    return 0 if rep.ok and (not sig or sig["valid"]) else EXIT_PROBLEMS


def cmd_new_case(a) -> int:
    from .io.newcase import create_case
    path = create_case(a.dir, case_id=a.case_id, id_photo=a.id_photo, frames=a.frames, video=a.video,
                       logs=a.log or [], documents=a.document or [], population=a.population,
                       language=a.language, title=a.title)
    print(f"wrote {path}")
    return 0


def _sign_password(a) -> str | None:
    """The PKCS#12 password, never from the command line itself (it would sit in the shell history
    and in every process listing): from a file or an environment variable named by an option, else
    asked on the terminal; None (an unprotected certificate) when there is no terminal to ask on."""
    if a.sign_password is not None:
        raise InputError(None, "a password is never taken on the command line (shell history, process "
                               "listings): use --sign-password-file, --sign-password-env or the terminal prompt")
    if not a.sign:
        return None
    if a.sign_password_file:
        try:
            text = a.sign_password_file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(a.sign_password_file, f"cannot read the password file ({exc.__class__.__name__})") from None
        return text.splitlines()[0] if text else ""
    if a.sign_password_env:
        if a.sign_password_env not in os.environ:
            raise InputError(None, f"environment variable {a.sign_password_env} (--sign-password-env) is not set")
        return os.environ[a.sign_password_env]
    if sys.stdin.isatty():
        import getpass
        return getpass.getpass(f"password for {a.sign.name} (empty if none): ") or None
    return None


def cmd_report(a) -> int:
    from .report import build_report
    password = _sign_password(a)
    case, ws = _open(a)
    latest = ws.latest_analysis()
    if latest is None:
        raise InputError(ws.path, "no analysis in the workspace yet: run 'forensics-app analyze' first")
    results = json.loads(latest["results"])
    lang = a.lang or results["language"]
    out = build_report(results, a.out, lang=lang, mask=not a.no_mask, sign=a.sign,
                       sign_password=password, case_root=case.root,
                       created=ws.analysis_date(latest["results_sha256"]))
    ws.append_audit("export", {"report": str(out), "lang": lang, "masked": not a.no_mask,
                               "signed": bool(a.sign)})
    print(f"report: {out}")
    return 0


def cmd_compare(a) -> int:
    from .core.faces import FaceModels, analyse_faces, distance
    from .core.lr import verbal_band
    from .io import calibrations
    from .io.images import read_image
    cal = calibrations.load(a.population)
    models = FaceModels.load(with_68=False)
    embs = []
    for p in (a.a, a.b):
        rgb, _ = read_image(p)
        faces = analyse_faces(models, rgb, max_faces=1)
        if not faces:
            raise InputError(p, "no face detected")
        embs.append(faces[0].embedding)
    d = distance(*embs)
    lr = cal.lr(d)
    out = {"a": str(a.a), "b": str(a.b), "distance": round(d, 6), "calibration": cal.name,
           "population": cal.population, "log10_lr": round(cal.log10_lr(d), 6), "likelihood_ratio": round(lr, 6),
           "verbal_scale": verbal_band(lr), "lr_bounds_log10": [cal.log10_lower, cal.log10_upper],
           "note": "one pair of photos: state the conditions; a single comparison never establishes identity alone"}
    if a.json:
        print(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        vs = out["verbal_scale"]
        print(f"distance {d:.4f}  LR {lr:.3g} ({vs['en']} for {'same' if vs['favours'] == 'Hp' else 'different'} person)"
              f"  calibration {cal.name}")
    return 0


def cmd_calibrate(a) -> int:
    from .core.calibrate import fit_calibration
    from .core.faces import FaceModels
    from .io import calibrations
    from .io.photosets import embed_folder
    import numpy as np
    models = FaceModels.load(with_68=False)
    labels, files, embs, skipped = embed_folder(
        models, a.dir, progress=lambda f, msg="": print(f"\r{msg}", end="", file=sys.stderr))
    print(file=sys.stderr)
    try:
        cal = fit_calibration(np.array(embs), labels, a.name, population=a.population or a.name,
                              source=f"{a.dir}: {len(set(labels))} people, {len(labels)} photos "
                                     f"({len(skipped)} skipped)", limits=a.limits or "")
    except ValueError as exc:
        raise InputError(a.dir, str(exc)) from None
    path = calibrations.save(cal, a.out)
    m = cal.metrics["held_out"]
    print(f"wrote {path}\n  people {cal.n_people}, same pairs {cal.n_same}, different pairs {cal.n_diff}\n"
          f"  held-out EER {m['eer']:.3f}, Cllr {m['cllr']:.3f}, LR bounds 10^{cal.log10_lower:.2f}..10^{cal.log10_upper:.2f}")
    return 0


def cmd_note(a) -> int:
    case, ws = _open(a)
    pk = ws.add_note(a.target, a.text, a.author or "")
    print(f"note {pk} saved")
    return 0


def _pad(a):
    from .settings import load as load_settings
    path = getattr(a, "pad_model", None) or os.environ.get("FORENSICS_PAD_MODEL") or load_settings().get("pad_model")
    if not path:
        return None
    from .core.pad import PadModel
    return PadModel.load(path)


def cmd_eval_liveness(a) -> int:
    from .pipeline.clips import evaluate_folder
    rep = evaluate_folder(a.dir, pad=_pad(a),
                          progress=lambda f, msg="": print(f"\r{msg[-70:]:<70}", end="", file=sys.stderr))
    print(file=sys.stderr)
    if a.json:
        print(json.dumps(rep, indent=2, ensure_ascii=False))
        return 0
    for r in rep["clips"]:
        print(f"{r['clip']:<50} truth {r['truth']:<9} verdict {r['verdict']:<17} {r['species'] or ''}")
    print(f"BPCER {rep['bpcer']:.3f} over {rep['n_live']} live clips (inconclusive {rep['live_inconclusive']:.3f})"
          if rep["n_live"] else "no live clips")
    for sp, v in rep["apcer"].items():
        print(f"APCER {sp:<9} {v['apcer']:.3f} over {v['n']} clips (inconclusive {v['inconclusive']:.3f}, "
              f"accepted as live {v['accepted_as_live']:.3f})")
    return 0


def cmd_batch(a) -> int:
    from .batch.cli import run_from_args
    return run_from_args(a)


def cmd_gui(a) -> int:
    if getattr(a, "portfolio", None):
        from .gui.portfolio_view import main as portfolio_main
        return portfolio_main(str(a.portfolio))
    import importlib.util
    if importlib.util.find_spec("PySide6") is None:
        raise InputError(None, "the review desk needs Qt: install the gui extra (pip install 'forensics-app[gui]')")
    from .gui.app import main as gui_main
    return gui_main([str(a.case)] if a.case else [])


def cmd_settings(a) -> int:
    from .settings import KEYS, load as load_settings
    st = load_settings()
    if a.key is None:
        print(f"# {st.path}")
        for k in KEYS.values():
            print(f"{k.name:<24} {json.dumps(st.get(k.name), ensure_ascii=False):<20}  # {k.doc}")
        return 0
    if a.key not in KEYS:
        raise InputError(st.path, f"unknown setting {a.key!r} (known: {', '.join(KEYS)})")
    if a.value is None:
        print(json.dumps(st.get(a.key), ensure_ascii=False))
        return 0
    key = KEYS[a.key]
    try:
        value = json.loads(a.value) if key.type in (bool, int, list) else a.value
    except json.JSONDecodeError:
        raise InputError(None, f"setting {a.key!r} needs a JSON {key.type.__name__}, got {a.value!r}") from None
    st.set(a.key, value)
    print(f"{a.key} = {json.dumps(st.get(a.key), ensure_ascii=False)}  ({st.path})")
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="forensics-app", description=__doc__.splitlines()[0])
    p.add_argument("--version", action="version", version=f"forensics-app {__version__}")
    p.add_argument("-v", "--verbose", action="store_true")
    sub = p.add_subparsers(dest="command", required=True)

    def add(name, fn, help_):
        sp = sub.add_parser(name, help=help_, description=help_,
                            epilog=f"example: {EXAMPLES[name]}", formatter_class=argparse.RawDescriptionHelpFormatter)
        sp.set_defaults(fn=fn)
        return sp

    s = add("analyze", cmd_analyze, "analyse a case: results.json and report.pdf in --out")
    s.add_argument("case", type=Path)
    s.add_argument("--out", type=Path, required=True)
    s.add_argument("--population", help="calibration to use (default: the 'population' setting, else the case's "
                                        "reference_population)")
    s.add_argument("--detector", choices=("hog", "cnn"), default="hog")
    s.add_argument("--pad-model", type=Path, help="descriptor JSON of a vendor ONNX PAD model (or FORENSICS_PAD_MODEL)")
    s.add_argument("--lang", choices=("zh", "en"))
    s.add_argument("--no-report", action="store_true")
    s.add_argument("--no-mask", action="store_true", help="show ID and phone numbers unmasked")
    s.add_argument("--no-cache", action="store_true")
    s.add_argument("-q", "--quiet", action="store_true")
    _add_common(s)

    s = add("verify", cmd_verify, "re-hash the evidence and check the audit log (exit 1 on problems)")
    s.add_argument("case", type=Path)
    s.add_argument("--json", action="store_true")
    s.add_argument("--pdf", type=Path, help="also validate the signature of a signed report")
    s.add_argument("--trust", type=Path, action="append", help="examiner or CA certificate (PEM/DER) to trust")
    _add_common(s)

    s = add("new-case", cmd_new_case, "create a case folder and its case.json from files")
    s.add_argument("dir", type=Path)
    s.add_argument("--case-id", required=True)
    s.add_argument("--id-photo", type=Path, required=True)
    g = s.add_mutually_exclusive_group()
    g.add_argument("--frames", type=Path)
    g.add_argument("--video", type=Path)
    s.add_argument("--log", type=Path, action="append")
    s.add_argument("--document", type=Path, action="append")
    s.add_argument("--population")
    s.add_argument("--language", choices=("zh", "en"), default="zh")
    s.add_argument("--title", default="")

    s = add("report", cmd_report, "rebuild the PDF report from the workspace without re-analysing")
    s.add_argument("case", type=Path)
    s.add_argument("--out", type=Path, required=True)
    s.add_argument("--lang", choices=("zh", "en"))
    s.add_argument("--no-mask", action="store_true", help="show ID and phone numbers unmasked")
    s.add_argument("--sign", type=Path, help="examiner's PKCS#12 certificate to sign the PDF")
    s.add_argument("--sign-password", help=argparse.SUPPRESS)     # refused with a message, see _sign_password
    s.add_argument("--sign-password-file", type=Path, metavar="FILE",
                   help="read the certificate's password from the first line of FILE")
    s.add_argument("--sign-password-env", metavar="VAR",
                   help="read the certificate's password from environment variable VAR "
                        "(without either, it is asked on the terminal; never given on the command line)")
    _add_common(s)

    s = add("compare", cmd_compare, "compare two face photos: distance, LR and verbal band")
    s.add_argument("a", type=Path)
    s.add_argument("b", type=Path)
    s.add_argument("--population", default="east_asian")
    s.add_argument("--json", action="store_true")

    s = add("calibrate", cmd_calibrate, "fit a lab's own calibration from identity-per-folder photos")
    s.add_argument("dir", type=Path)
    s.add_argument("--name", required=True)
    s.add_argument("--population")
    s.add_argument("--limits")
    s.add_argument("--out", type=Path, help="folder for the calibration (default: the user calibration folder)")

    s = add("note", cmd_note, "add an examiner's note to the case (audit-logged)")
    s.add_argument("case", type=Path)
    s.add_argument("text")
    s.add_argument("--target", default="case", help="'case' or a finding's rule id")
    s.add_argument("--author")
    _add_common(s)

    s = add("eval-liveness", cmd_eval_liveness, "APCER per attack species and BPCER over live/ print/ replay/ clips")
    s.add_argument("dir", type=Path)
    s.add_argument("--pad-model", type=Path, help="descriptor JSON of an ONNX PAD model (or FORENSICS_PAD_MODEL)")
    s.add_argument("--json", action="store_true")

    s = add("settings", cmd_settings, "show or change the examiner's settings (name, qualifications, defaults)")
    s.add_argument("key", nargs="?", help="setting to show or change (none: list all)")
    s.add_argument("value", nargs="?", help="new value (JSON for numbers, booleans and lists)")

    s = add("batch", cmd_batch, "analyse every case under a folder on a Dask cluster and link the cases")
    from .batch.cli import add_arguments
    add_arguments(s)

    s = add("gui", cmd_gui, "open the review desk")
    s.add_argument("case", type=Path, nargs="?")
    s.add_argument("--portfolio", type=Path, help="open a batch's portfolio view (the --out folder of 'batch')")
    return p


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    a = parser.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if a.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    try:
        return a.fn(a)
    except InputError as exc:
        print(f"forensics-app: {exc.message}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except Cancelled:
        print("forensics-app: cancelled", file=sys.stderr)
        return 130
    except ForensicsError as exc:
        print(f"forensics-app: {exc.message}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nforensics-app: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
