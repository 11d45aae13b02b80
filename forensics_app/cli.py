"""forensics-app command line: a thin layer over io, store, pipeline and report.

Every command has help with an example. Bad input: one line ``forensics-app: <file>: <problem>``
on stderr, exit code 2, no traceback.
"""

from __future__ import annotations

import argparse
import errno
import hashlib
import json
import logging
import math
import os
import sys
from pathlib import Path

from . import __version__
from .errors import Cancelled, ForensicsError, InputError, literal, per_language, phrase, quoted
from .clilang import argparse_speaking, cli_translator, help_formatter
from .i18n import N_, Translator, translator

EXIT_BAD_INPUT = 2
EXIT_PROBLEMS = 1

_SPEAKING: list[Translator] = []     # the language of the running command (set by main)


def _tr() -> Translator:
    """The language the command line speaks now (English when called outside :func:`main`)."""
    return _SPEAKING[-1] if _SPEAKING else translator("en")

EXAMPLES = {      # message ids: the Chinese help shows Chinese sample text
    "analyze": N_("forensics-app analyze sample_cases/guangzhou-2019 --out out/guangzhou"),
    "verify": N_("forensics-app verify sample_cases/guangzhou-2019"),
    "new-case": N_("forensics-app new-case cases/C1 --case-id C1 --id-photo id.jpg --frames stills/ --log tx.csv"),
    "report": N_("forensics-app report sample_cases/guangzhou-2019 --out out/report.pdf --lang en"),
    "compare": N_("forensics-app compare id.jpg still.jpg --population east_asian_vendor_fmr_1e-3 --json"),
    "calibrate": N_("forensics-app calibrate my_lab_photos/ --name lab_2026"),
    "note": N_("forensics-app note sample_cases/guangzhou-2019 'Checked the police receipt' --target case"),
    "eval-liveness": N_("forensics-app eval-liveness ../shared/data/liveness_real  (MANIFEST.tsv, or folders live/ "
                        "print/ replay/)"),
    "gui": N_("forensics-app gui [CASE]"),
    "settings": N_("forensics-app settings examiner_name 'Dr. Li Wei'"),
    "batch": N_("forensics-app batch backlog/ --out out/backlog --workers 2"),
    "verify-portfolio": N_("forensics-app verify-portfolio out/backlog --pdf out/backlog/portfolio.pdf"),
    "reproduce": N_("forensics-app reproduce sample_cases/guangzhou-2019 out/guangzhou/report.pdf"),
}
DESCRIPTION = N_("forensics-app: analyse, verify and report disputed bank face-verification cases")


def positive(kind=float):
    """argparse type: a finite number above zero (refuses nan, inf, 0, negatives)."""
    def parse(text: str):
        tr = _tr()
        shown = repr(text) if tr.lang == "en" else f"「{text}」"     # as typed
        try:
            v = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(tr.gettext("{0} is not a number").format(shown)) from None
        if not math.isfinite(v) or v <= 0:
            raise argparse.ArgumentTypeError(tr.gettext("{0} must be a finite number above 0").format(shown))
        return v
    return parse


def _add_common(p: argparse.ArgumentParser, _=str) -> None:
    p.add_argument("--workspace", type=Path, help=_("workspace folder (default: sibling CASE.forensics/)"))
    p.add_argument("--max-file-mb", type=positive(), default=None, help=_("refuse evidence files larger than this"))
    p.add_argument("--max-megapixels", type=positive(), default=None,
                   help=_("refuse images or video frames with more pixels (default 50)"))
    p.add_argument("--max-log-rows", type=positive(int), default=None,
                   help=_("refuse transaction logs with more rows (default 200000)"))
    p.add_argument("--max-xlsx-mb", type=positive(), default=None,
                   help=_("refuse XLSX logs that decompress to more than this (default 200)"))
    p.add_argument("--max-video-frames", type=positive(int), default=None,
                   help=_("analyse at most this many frames per video, evenly spaced over the whole clip "
                        "(default 900; the rule and counts are in the results and report)"))


def _limits(a):
    from .io.images import Limits
    kw = {}
    if getattr(a, "max_file_mb", None):
        kw["max_bytes"] = int(a.max_file_mb * 1024 * 1024)
    if getattr(a, "max_megapixels", None):
        kw["max_pixels"] = int(a.max_megapixels * 1_000_000)
    if getattr(a, "max_log_rows", None):
        kw["max_log_rows"] = a.max_log_rows
    if getattr(a, "max_xlsx_mb", None):
        kw["max_xlsx_bytes"] = int(a.max_xlsx_mb * 1024 * 1024)
    if getattr(a, "max_video_frames", None):
        kw["max_video_frames"] = a.max_video_frames
    return Limits(**kw)


_OPENED: list = []      # workspaces this command opened: closed, or discarded if it created one and failed


def _examiner() -> str:
    """The examiner's name from the settings: the actor of every audit entry a command makes."""
    from .settings import load as load_settings
    return load_settings().get("examiner_name")


def _open(a):
    from .io.case import load_case
    from .store.workspace import Workspace
    case = load_case(a.case, _limits(a))
    ws = Workspace.open(case, a.workspace, actor=_examiner())
    _OPENED.append(ws)
    return case, ws


def _workspace_path(a) -> Path:
    from .store.workspace import default_workspace
    return Path(a.workspace).absolute() if a.workspace else default_workspace(Path(a.case).absolute())


def _check_out(a, kind: str) -> Path:
    """Validate --out before any work: outside the evidence folder and the workspace, writable."""
    from .io.outputs import check_output
    return check_output(a.out, kind, evidence=[Path(a.case).absolute()], protect=[_workspace_path(a)])


def _verification(a, case, ws) -> dict | None:
    """Refuse a report from evidence that fails verification, unless the examiner overrides."""
    rep = ws.verify(case)
    if rep.custody_ok:
        return None
    if not getattr(a, "unverified_report", False):
        raise InputError(case.root, N_("verification failed ({reasons}); nothing is analysed and no report is issued. "
                                       "Run 'forensics-app verify' to see why, or pass --unverified-report to go ahead (a "
                                       "report is then stamped 'verification failed' on every page)"),
                                    reasons=per_language(lambda lang: _first_reasons(rep, lang)))
    lang = getattr(a, "lang", None) or case.language     # the report's language: the stamp prints in it
    return {"failed": True, "reasons": rep.reasons(lang, custody_only=True)}


def _first_reasons(rep, lang: str) -> str:
    reasons = rep.reasons(lang, custody_only=True)
    return reasons[0] + ("; …" if len(reasons) > 1 else "")


def _warn_unknown_keys(case) -> None:
    """A case.json key this version does not read is said, not ignored in silence."""
    from .io.case import unknown_keys
    _ = _tr().gettext
    for key, near in unknown_keys(case.manifest):
        text = (_("warning: case.json key '{key}' is not one this version reads and is ignored (did you mean "
                  "'{near}'?)") if near else _("warning: case.json key '{key}' is not one this version reads and "
                                               "is ignored")).format(key=key, near=near)
        print(f"forensics-app: {case.root / 'case.json'}: {text}", file=sys.stderr)


def cmd_analyze(a) -> int:
    from .core.facecompare import FaceParams
    from .core.hashing import results_text
    from .io.outputs import Staged
    from .pipeline import Options, run
    out_dir = _check_out(a, "folder")
    from .settings import load as load_settings
    st = load_settings()
    pad_model = str(a.pad_model) if a.pad_model else (os.environ.get("FORENSICS_PAD_MODEL") or st.get("pad_model"))
    pad_model = pad_model or "builtin"
    from .core import pad as padmod
    padmod.load(pad_model)          # a bad PAD model is refused before any work
    population = a.population or st.get("population") or None
    if population:
        from .io import calibrations
        calibrations.for_population(population, a.protocol)   # an unknown population is refused before any work
    case, ws = _open(a)
    _warn_unknown_keys(case)
    if population and not (a.population_reason or "").strip():
        from .io import calibrations
        dflt = calibrations.default_population(case.manifest, case.is_chinese)["key"]
        if population != dflt:
            raise InputError(None, N_("population '{population}' is not the case's default '{dflt}': state why with "
                                      "--population-reason"),
                                   population=population, dflt=dflt)
    opts = Options(population=population, population_reason=a.population_reason, protocol=a.protocol,
                   limits=_limits(a), use_cache=not a.no_cache, pad_model=pad_model,
                   face=FaceParams(**({"sface_every": a.sface_every} if a.sface_every else {})))

    from .i18n.render import progress_text
    tr_progress = _tr()         # the command line's language (--lang, else the user's setting)

    def progress(f, message):
        if not a.quiet:
            text = progress_text(message, tr_progress)
            print(f"\r[{f * 100:5.1f}%] {text[:70]:<70}", end="", file=sys.stderr, flush=True)
    staged = Staged()
    try:
        with ws.write():        # the analysis, its export record and the outputs stand or fall together
            verification = _verification(a, case, ws)     # also for --no-report: results from swapped evidence are refused too
            results = run(case, ws, opts, progress=progress, actor=_examiner())
            if not a.quiet:
                print(file=sys.stderr)
            text = results_text(results)           # encoded once: 0.7 s for a 300-frame video
            digest = hashlib.sha256(text.encode("utf-8")).hexdigest()     # = results_digest(results)
            res_path = staged.add(out_dir / "results.json", text.encode("utf-8"))
            pdf_path = None
            if not a.no_report:
                from .report import report_bytes
                lang = a.lang or results["language"]
                pdf = report_bytes(results, lang=lang, mask=not a.no_mask, case_root=case.root,
                                   created=ws.analysis_date(digest), verification=verification,
                                   notes=ws.notes(), text=text)
                pdf_path = staged.add(out_dir / "report.pdf", pdf)
                ws.append_audit("export", {"report": str(pdf_path), "lang": lang, "masked": not a.no_mask,
                                           "signed": False, "report_sha256": hashlib.sha256(pdf).hexdigest(),
                                           "results_sha256": digest,
                                           "verification_failed": bool(verification), "actor": _examiner()})
            staged.commit()
    except BaseException:
        staged.abort()
        raise
    from .i18n.render import render
    tr = _tr()                  # the command line's language, as its progress line
    print(tr.gettext(N_("results: {0}")).format(res_path))
    if pdf_path:
        print(tr.gettext(N_("report:  {0}")).format(pdf_path))
    for f in results["findings"]:          # triage list: the desk's severity words (the report prints none)
        print(f"  [{tr.gettext(SEVERITY[f['severity']]):>8}] {f['rule']}: {render('title.' + f['rule'], {}, tr)}")
    return 0


SEVERITY = {"critical": N_("critical"), "major": N_("major"), "minor": N_("minor"), "info": N_("info")}   # as the desk


def cmd_verify(a) -> int:
    from .io.case import load_case
    from .store.anchor import check_exports
    from .store import migrations
    from .store.workspace import Workspace, DB_NAME
    for f in [a.pdf, a.results, a.report, *(a.trust or [])]:
        if f is not None and not Path(f).is_file():
            raise InputError(f, N_("does not exist or is not a file"))
    case = load_case(a.case, _limits(a), validate=False, must_exist=False)
    wpath = _workspace_path(a)
    if not (wpath / DB_NAME).is_file():
        raise InputError(wpath, N_("no workspace yet: open or analyse the case first (intake records the hashes); "
                                   "without the examiner's workspace, 'forensics-app reproduce CASE EXPORT' re-runs "
                                   "an exported report or results.json and compares it"))
    ws = Workspace(wpath)
    _OPENED.append(ws)
    ws.actor = _examiner()
    ws.bind(case)
    migrations.migrate(ws)            # refuses a workspace from a newer program
    rep = ws.verify(case)
    rep.export_problems = check_exports(ws, a.results, a.report)
    from .store.anchor import analyses_listing, export_notices
    rep.analyses = analyses_listing(ws)
    rep.notices = export_notices(ws, a.results, a.report)
    sig = None
    if a.pdf:
        from .report.signing import verify_pdf
        sig = verify_pdf(a.pdf, a.trust)
    lang = a.lang or _tr().lang
    if a.json:
        print(json.dumps(rep.as_dict(lang) | ({"signature": sig} if sig else {}), indent=2, ensure_ascii=False))
    else:
        _print_verify(rep, case, sig, a.pdf, lang)
    ws.append_audit("verify", {"ok": rep.ok, "added": len(rep.added), "missing": len(rep.missing),
                               "modified": len(rep.modified), "audit_problems": len(rep.audit_problems),
                               "export_problems": len(rep.export_problems)})
    return 0 if rep.ok and (not sig or sig["valid"]) else EXIT_PROBLEMS


def cmd_reproduce(a) -> int:
    """The other side's check: re-analyse with the export's recorded options in a temporary
    workspace, compare without the audit_head anchor (pipeline/reproduce.py)."""
    from .i18n.render import progress_text
    from .pipeline.reproduce import reproduce
    if not Path(a.export).is_file():
        raise InputError(a.export, N_("does not exist or is not a file"))
    tr = _tr()
    _ = tr.gettext

    def progress(f, message):
        if not a.quiet and not a.json:
            print(f"\r[{f * 100:5.1f}%] {progress_text(message, tr)[:70]:<70}", end="", file=sys.stderr, flush=True)
    rep = reproduce(a.case, a.export, _limits(a), progress=progress, actor=_examiner() or "reproduce")
    if not a.quiet and not a.json:
        print(file=sys.stderr)
    if a.json:
        print(json.dumps(rep.as_dict(), indent=2, ensure_ascii=False))
        return 0 if rep.same else EXIT_PROBLEMS
    if rep.recorded_version != rep.version:
        print(_("note: the export was made with forensics-app {recorded}; this is {version}. Figures may differ "
                "between versions.").format(recorded=rep.recorded_version, version=rep.version))
    print(_("{export} ({attachment}): analysis digest {digest}").format(
        export=rep.export, attachment=rep.attachment, digest=rep.recorded_digest))
    if rep.same:
        print(_("REPRODUCED: re-running the case with the recorded options gives the same results "
                "(audit_head aside, which anchors the export to the examiner's workspace)"))
        return 0
    print(_("NOT REPRODUCED: the re-run's analysis digest is {digest}; it differs at:").format(digest=rep.rerun_digest))
    for d in rep.differences:
        print(_("  {path}: export {recorded}, re-run {rerun}").format(**d))
    return EXIT_PROBLEMS


# The verify listing: a label per kind of problem, then the problem (en and zh from the catalogue).
_VERIFY_LABELS = {"files.added": N_("ADDED"), "files.missing": N_("MISSING"), "files.modified": N_("MODIFIED"),
                  "declared": N_("DECLARED"), "export": N_("EXPORT")}


def _print_verify(rep, case, sig, pdf, lang: str) -> None:
    from .i18n import translator
    from .store.anchor import _lr_text
    tr = translator(lang)
    _ = tr.gettext
    print(_("checked {n} files in {folder}").format(n=rep.checked, folder=case.root))
    for p in rep.problems():
        label = _(_VERIFY_LABELS.get(p.code) or _VERIFY_LABELS.get(p.code.split(".")[0]) or N_("AUDIT"))
        if p.code in ("files.added", "files.missing"):
            detail = p.params["path"]
        elif p.code == "files.modified":
            m = next(m for m in rep.modified if m["path"] == p.params["path"])
            detail = _("{path}  recorded {recorded}…  now {now}…").format(
                path=m["path"], recorded=m["recorded"][:16], now=m["now"][:16])
        else:
            detail = p.text(lang)
        print(f"{label:<9} {detail}")
    if len(rep.analyses) > 1:
        print(_("{n} analyses of this case are in the workspace:").format(n=len(rep.analyses)))
        for x in rep.analyses:
            print(_("  no. {id}  {time}  results {digest}…  likelihood ratio {lr}  population {population}").format(
                id=x["id"], time=x["created_at"][:19], digest=x["results_sha256"][:12],
                lr=_lr_text(x["likelihood_ratio"]), population=x["population"] or "—"))
    for p in rep.notices:
        print(f"{_('NOTE'):<9} {p.text(lang)}")
    if sig:
        from .report.signing import summary_text
        print(f"{_('SIGNATURE')} {pdf}: {_('valid') if sig['valid'] else _('INVALID')} — {summary_text(sig, lang)}")
    print(_("OK: evidence and audit log intact") if rep.ok and (not sig or sig["valid"]) else _("PROBLEMS FOUND"))


def cmd_new_case(a) -> int:
    from .io.newcase import create_case
    path = create_case(a.dir, case_id=a.case_id, id_photo=a.id_photo, frames=a.frames, video=a.video,
                       logs=a.log or [], documents=a.document or [], population=a.population,
                       language=a.language, title=a.title)
    print(_tr().gettext("wrote {0}").format(path))
    return 0


def _sign_password(a) -> str | None:
    """The PKCS#12 password, never from the command line itself (it would sit in the shell history
    and in every process listing): from a file or an environment variable named by an option, else
    asked on the terminal; None (an unprotected certificate) when there is no terminal to ask on."""
    if a.sign_password is not None:
        raise InputError(None, N_("a password is never taken on the command line (shell history, process listings): use "
                                  "--sign-password-file, --sign-password-env or the terminal prompt"))
    if not a.sign:
        return None
    if a.sign_password_file:
        try:
            text = a.sign_password_file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(a.sign_password_file, N_("cannot read the password file ({error})"),
                                                   error=quoted(exc.__class__.__name__)) from None
        return text.splitlines()[0] if text else ""
    if a.sign_password_env:
        if a.sign_password_env not in os.environ:
            raise InputError(None, N_("environment variable {sign_password_env} (--sign-password-env) is not set"),
                                   sign_password_env=a.sign_password_env)
        return os.environ[a.sign_password_env]
    if sys.stdin.isatty():
        import getpass
        return getpass.getpass(f"password for {a.sign.name} (empty if none): ") or None
    return None


def cmd_report(a) -> int:
    from .io.outputs import Staged
    from .report import report_bytes
    out = _check_out(a, "file")
    if a.sign and not Path(a.sign).is_file():
        raise InputError(a.sign, N_("does not exist or is not a file"))
    password = _sign_password(a)
    case, ws = _open(a)
    latest = ws.latest_analysis()
    if latest is None:
        raise InputError(ws.path, N_("no analysis in the workspace yet: run 'forensics-app analyze' first"))
    results = json.loads(latest["results"])
    from .core.schema import schema_errors
    errors = schema_errors(results)
    stale = N_("the workspace's latest analysis was made by another version of forensics-app and does not "
               "match this version's results ({detail}); run 'forensics-app analyze' again")
    if errors:
        raise InputError(ws.path, stale, detail=quoted(errors[0][:160]))
    lang = a.lang or results["language"]
    staged = Staged()
    try:
        with ws.write():
            verification = _verification(a, case, ws)
            try:
                pdf = report_bytes(results, lang=lang, mask=not a.no_mask, sign=a.sign,
                                   sign_password=password, case_root=case.root,
                                   created=ws.analysis_date(latest["results_sha256"]), verification=verification,
                                   notes=ws.notes())
            except KeyError as exc:          # a message code this version does not know
                raise InputError(ws.path, stale, detail=phrase(N_("unknown message code {code}"),
                                                                 code=str(exc)[:80])) from None
            staged.add(out, pdf)
            ws.append_audit("export", {"report": str(out), "lang": lang, "masked": not a.no_mask,
                                       "signed": bool(a.sign), "report_sha256": hashlib.sha256(pdf).hexdigest(),
                                       "results_sha256": latest["results_sha256"],
                                       "verification_failed": bool(verification), "actor": _examiner()})
            staged.commit()
    except BaseException:
        staged.abort()
        raise
    print(_tr().gettext("report: {0}").format(out))
    return 0


def cmd_compare(a) -> int:
    """Two photos through the face stage itself (ID photo = A, one still = B), so the figures are
    those a one-still case gives: same gates, same calibrations, same reportable LR."""
    from .core.facecompare import compare
    from .core.facedesc import Engines, describe
    from .io import calibrations
    from .io.images import read_image
    cals = calibrations.for_population(a.population, a.protocol)
    for p in (a.a, a.b):
        if not Path(p).is_file():
            raise InputError(p, N_("does not exist or is not a file"))
    engines = Engines.load(with_dlib=True)
    imgs = []
    for p in (a.a, a.b):
        rgb, _ = read_image(p)
        if describe(engines, rgb, with_sface=False) is None:
            raise InputError(p, N_("no face detected"))
        imgs.append(rgb)
    pop = {"key": a.population, "base": a.population.split("_vendor_fmr_")[0],
           "vendor_fmr": "_vendor_fmr_" in a.population}
    res = compare(engines, imgs[0], [(str(a.b), 0, 0.0, imgs[1])], 1, cals,
                  others=calibrations.other_populations(pop, a.protocol))
    if res["frames_used"] == 0 and res["status"] == "no_usable_frames":
        raise InputError(a.b, N_("face unfit for comparison: {value}"),
                              value=res["per_frame"][0]["reasons"])
    algs = [{k: x.get(k) for k in ("algorithm", "status", "median_distance", "likelihood_ratio", "log10_lr",
                                   "verbal_scale", "lr_bounds_log10", "single_still_capped", "explanation",
                                   "vendor_check", "fitted_range", "other_populations")}
            | {"calibration": x["calibration"]["name"], "calibration_sha256": x["calibration"]["sha256"],
               "calibration_origin": x["calibration"].get("origin")}
            for x in res["algorithms"]]
    out = {"a": str(a.a), "b": str(a.b), "primary": res["primary"], "status": res["status"],
           "distance": res["median_distance"], "likelihood_ratio": res["likelihood_ratio"],
           "log10_lr": res["log10_lr"], "verbal_scale": res["verbal_scale"], "population": a.population,
           "protocol": a.protocol, "algorithms": algs, "id_photo_quality": res["id_photo"].get("validated_range"),
           "note": "A is taken as the ID photo, B as one captured still; a single comparison never establishes "
                   "identity alone, and a face match cannot show who was present"}

    if a.json:
        print(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        from .core.lr import format_lr
        from .core.propositions import support
        from .i18n.render import value_text
        no_lr = {"no_usable_frames": N_("no usable frames"), "no_reference_face": N_("no face in the ID photo"),
                 "outside_validated_range": N_("outside the validated range"),
                 "reproduction_suspected": N_("withheld: possible reproduction of the ID photo"),
                 "fails_vendor_check": N_("withheld: fails the vendor check")}
        tr = _tr()
        _ = tr.gettext
        for x in algs:
            if x["likelihood_ratio"] is None:
                print(f"{x['algorithm']}: {_(no_lr.get(x['status'], x['status']))}")
                for o in x.get("other_populations") or []:
                    if o["likelihood_ratio"] is not None:
                        print(_("  under the population {key}: LR {lr}  calibration {calibration}").format(
                            key=o["population"], lr=format_lr(o["likelihood_ratio"]), calibration=o["calibration"]))
                continue
            vs = x["verbal_scale"]
            name = _("{0} (reportable)").format(x["algorithm"]) if x["algorithm"] == res["primary"] else x["algorithm"]
            print(_("{name}: distance {distance}  LR {lr} ({support})  calibration {calibration}").format(
                name=name, distance=f"{x['median_distance']:.4f}", lr=format_lr(x["likelihood_ratio"]),
                support=value_text(support(vs), tr), calibration=x["calibration"]))
    return 0


def cmd_calibrate(a) -> int:
    from .core import caldesc
    from .core.calbuild import calibrate
    from .core.facedesc import Engines
    from .core.lr import Calibration
    from .io import calibrations
    from .io.photosets import describe_folder
    targets = [calibrations.install_target(f"{alg}_chip_{a.name}", a.out, replace=a.replace)
               for alg in calibrations.ALGORITHMS]               # checked before any work
    if not Path(a.dir).is_dir():
        raise InputError(a.dir, N_("not a folder of identity sub-folders"))
    from .io.outputs import check_output
    for t in targets:
        check_output(t, "file")
    z, skipped = describe_folder(Engines.load(with_dlib=True), a.dir,
                                 progress=lambda f, msg="": print(f"\r{_progress(msg)}", end="", file=sys.stderr))
    print(file=sys.stderr)
    keep = z["o_found"] & z["c_found"]
    z = {k: v[keep] for k, v in z.items()}
    if len(set(z["labels"].tolist())) < 4:
        raise InputError(a.dir, N_("calibration needs at least 4 people with faces, got {n}"),
                                n=len(set(z['labels'].tolist())))
    fitted = []
    for alg in calibrations.ALGORITHMS:                       # fit both before writing either
        try:
            texts = caldesc.lab(alg, "chip", a.population or a.name, a.limits or "", str(a.dir),
                                len(set(z["labels"].tolist())), len(z["labels"]), len(skipped))
            d = calibrate(z, alg, "chip", a.name, None, texts)
        except (ValueError, IndexError) as exc:
            raise InputError(a.dir, N_("cannot fit a calibration: {reason}"), reason=quoted(exc)) from None
        fitted.append(Calibration.from_dict(d))
    _ = _tr().gettext
    for cal in fitted:
        path = calibrations.save(cal, a.out, replace=a.replace)
        cv = cal.metrics["cross_validation"]
        print(_("wrote {0}").format(path))
        print("  " + _("people {people}, same pairs {same}, different pairs {diff}").format(
            people=cal.n_people, same=cal.n_same, diff=cal.n_diff))
        print("  " + _("held out ({splits} splits): EER {eer}, Cllr {cllr} {ci}, LR bounds {lo}..{hi}").format(
            splits=cv["splits"], eer=f"{cv['eer']['point']:.3f}", cllr=f"{cv['cllr']['point']:.3f}",
            ci=cv["cllr"]["ci95"], lo=f"10^{cal.log10_lower:.2f}", hi=f"10^{cal.log10_upper:.2f}"))
    print(_("use it with --population {0} --population-reason '...'").format(a.name))
    return 0


def cmd_note(a) -> int:
    from .io.case import MAX_TEXT
    for what, v in ((phrase(N_("note text")), a.text), (phrase(N_("--author")), a.author or ""),
                    (phrase(N_("--target")), a.target)):
        try:
            v.encode("utf-8")
        except UnicodeEncodeError:
            raise InputError(None, N_("{what} is not valid UTF-8 text"), what=what) from None
        if len(v) > MAX_TEXT:
            raise InputError(None, N_("{what} is {n} characters long, over the limit of {MAX_TEXT}"), what=what,
                                   n=len(v), MAX_TEXT=MAX_TEXT)
        if any(ord(ch) < 32 and ch not in "\t\n" or 0x202A <= ord(ch) <= 0x202E or 0x2066 <= ord(ch) <= 0x2069
               for ch in v):
            raise InputError(None, N_("{what} contains control or text-direction characters"), what=what)
    from .core.rules import RULES
    case, ws = _open(a)
    known = {"case"} | {r.id for r in RULES} | {rel for rel, _p in case.frame_paths()} | {
        i.rel for i in case.items}
    if a.target not in known:
        raise InputError(case.root / "case.json", N_("note target {target} does not exist in this case: use 'case', a rule id (e.g. "
                                                     "ID_LOST_BEFORE_USE) or the path of an evidence file"),
                                                  target=literal(a.target))
    pk = ws.add_note(a.target, a.text, a.author or _examiner())
    print(_tr().gettext("note {0} saved").format(pk))
    return 0


def _pad(a):
    from .core import pad
    from .settings import load as load_settings
    return pad.load(getattr(a, "pad_model", None) or os.environ.get("FORENSICS_PAD_MODEL")
                    or load_settings().get("pad_model") or pad.BUILTIN)


def _progress(message) -> str:
    """A progress message in the command line's language."""
    from .i18n.render import progress_text
    return progress_text(message, _tr())


def cmd_eval_liveness(a) -> int:
    from .pipeline.evaluation import evaluate, write_figures
    rep = evaluate(a.dir, pad=_pad(a), cache=a.cache, subset=a.subset,
                   progress=lambda f, msg="": print(f"\r{_progress(msg)[-70:]:<70}", end="", file=sys.stderr))
    print(file=sys.stderr)
    if a.out:
        write_figures(rep, a.out)
    if a.json:
        print(json.dumps(rep, indent=2, ensure_ascii=False))
        return 0
    from .i18n.render import term_text
    tr = _tr()
    _ = tr.gettext

    def word(vocab, code):
        return term_text(vocab, code, tr) if code in TERMS.get(vocab, {}) else (code or "")
    from .i18n.messages import TERMS
    for r in rep["items"]:
        truth = word("verdict", r["truth"]) if r["truth"] == "live" else word("species", r["truth"])
        print(f"{r['path'][:58]:<58} {r['split']} {truth:<9} {word('verdict', r['verdict']):<16} "
              f"{word('species', r['species'])}")
    h = rep["held_out"]

    def fmt(x):
        return _("{k}/{n} = {rate} (95% CI {lo}-{hi})").format(k=x["k"], n=x["n"], rate=x["rate"], lo=x["ci95"][0],
                                                              hi=x["ci95"][1]) if x["n"] else "n = 0"
    print(_("held out by subject; learned-score thresholds fitted on the other split: {0}").format(rep["pad"]["fits"]))
    print(f"BPCER                  {fmt(h['bpcer'])}")
    print(_("live judged live       {0}  (>= 3 s or >= 20 frames: {1})").format(
        fmt(h["live_judged_live"]), fmt(h["long_live_judged_live"])))
    for sp, v in h["apcer"].items():
        print(f"APCER {word('species', sp):<16} {fmt(v)}  " + _("(accepted as live {0}, inconclusive {1})").format(
            v["accepted_as_live"], v["inconclusive"]))
    return 0


def cmd_batch(a) -> int:
    from .batch.cli import run_from_args
    a.speaking = _tr()
    return run_from_args(a)


def cmd_verify_portfolio(a) -> int:
    from .batch.cli import verify_from_args
    a.speaking = _tr()
    return verify_from_args(a)


def cmd_gui(a) -> int:
    if getattr(a, "portfolio", None):
        from .gui.portfolio_view import main as portfolio_main
        return portfolio_main(str(a.portfolio))
    import importlib.util
    if importlib.util.find_spec("PySide6") is None:
        raise InputError(None, N_("the review desk needs Qt: install the gui extra (pip install 'forensics-app[gui]')"))
    from .gui.app import main as gui_main
    return gui_main([str(a.case)] if a.case else [])


def cmd_settings(a) -> int:
    from .settings import KEYS, load as load_settings, type_word
    st = load_settings()
    if a.key is None:
        print(f"# {st.path}")
        for k in KEYS.values():
            print(f"{k.name:<24} {json.dumps(st.get(k.name), ensure_ascii=False):<20}  # {_tr().gettext(k.doc)}")
        return 0
    if a.key not in KEYS:
        raise InputError(st.path, N_("unknown setting {key} (known: {names})"), key=literal(a.key),
                                  names=', '.join(KEYS))
    if a.value is None:
        print(json.dumps(st.get(a.key), ensure_ascii=False))
        return 0
    key = KEYS[a.key]
    try:
        value = json.loads(a.value) if key.type in (bool, int, list) else a.value
    except json.JSONDecodeError:
        raise InputError(None, N_("setting {key} needs a JSON {type}, got {value}"), key=literal(a.key),
                               type=type_word(key.type), value=literal(a.value)) from None
    st.set(a.key, value)
    print(f"{a.key} = {json.dumps(st.get(a.key), ensure_ascii=False)}  ({st.path})")
    return 0


def build_parser(tr: Translator | None = None) -> argparse.ArgumentParser:
    """The parser, its help in ``tr``'s language (argparse's own words too, inside
    :func:`~forensics_app.clilang.argparse_speaking`)."""
    tr = tr or translator("en")
    _ = tr.gettext
    formatter = help_formatter(tr)
    p = _Parser(prog="forensics-app", description=_(DESCRIPTION), formatter_class=formatter)
    p.add_argument("--version", action="version", version=f"forensics-app {__version__}",
                   help=_("show the program's version and exit"))
    p.add_argument("-v", "--verbose", action="store_true", help=_("log what the program does (for a bug report)"))
    sub = p.add_subparsers(dest="command", required=True, metavar=_("COMMAND"), title=_("commands"))

    def add(name, fn, help_):
        sp = sub.add_parser(name, help=_(help_), description=_(help_),
                            epilog=_("example: {0}").format(_(EXAMPLES[name])), formatter_class=formatter)
        sp.set_defaults(fn=fn)
        return sp

    s = add("analyze", cmd_analyze, N_("analyse a case: results.json and report.pdf in --out"))
    s.add_argument("case", type=Path)
    s.add_argument("--out", type=Path, required=True)
    s.add_argument("--population", help=_("relevant population (default: the 'population' setting, else the case's, "
                                          "restricted to people who pass the bank's face check, e.g. "
                                          "east_asian_vendor_fmr_1e-3)"))
    s.add_argument("--population-reason", help=_("why, when --population is not the case's default (required then)"))
    s.add_argument("--protocol", choices=("chip", "photo"), default="chip",
                   help=_("calibration protocol: chip photo vs capture (default) or photo vs photo"))
    s.add_argument("--pad-model", help=_("'builtin' (default: the shipped MiniFASNet pair), 'none', or a descriptor JSON "
                   "of another ONNX PAD model (or FORENSICS_PAD_MODEL)"))
    s.add_argument("--lang", choices=("zh", "en"))
    s.add_argument("--no-report", action="store_true")
    s.add_argument("--no-mask", action="store_true", help=_("show ID and phone numbers unmasked"))
    s.add_argument("--no-cache", action="store_true")
    s.add_argument("--sface-every", type=positive(int), default=None,
                   help=_("video: compare every Nth usable frame of each face track and its last (default 10; "
                        "1 = every usable frame)"))
    s.add_argument("--unverified-report", action="store_true",
                   help=_("issue the report even though verify finds problems; every page then says so and why"))
    s.add_argument("-q", "--quiet", action="store_true")
    _add_common(s, _)

    s = add("verify", cmd_verify, N_("re-hash the evidence and check the audit log (exit 1 on problems)"))
    s.add_argument("case", type=Path)
    s.add_argument("--json", action="store_true")
    s.add_argument("--pdf", type=Path, help=_("also validate the signature of a signed report"))
    s.add_argument("--trust", type=Path, action="append", help=_("examiner or CA certificate (PEM/DER) to trust"))
    s.add_argument("--results", type=Path, help=_("an exported results.json to check against the audit chain"))
    s.add_argument("--report", type=Path, help=_("an exported report PDF to check against the audit chain"))
    s.add_argument("--lang", choices=("zh", "en"),
                   help=_("language of the listing (default: the 'language' setting)"))
    _add_common(s, _)

    s = add("reproduce", cmd_reproduce, N_("re-run an exported analysis without the examiner's workspace and compare it "
                                           "(exit 1 if it differs)"))
    s.add_argument("case", type=Path)
    s.add_argument("export", type=Path, help=_("the report PDF or results.json to re-run"))
    s.add_argument("--json", action="store_true")
    s.add_argument("-q", "--quiet", action="store_true")
    _add_common(s, _)

    s = add("new-case", cmd_new_case, N_("create a case folder and its case.json from files"))
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

    s = add("report", cmd_report, N_("rebuild the PDF report from the workspace without re-analysing"))
    s.add_argument("case", type=Path)
    s.add_argument("--out", type=Path, required=True)
    s.add_argument("--lang", choices=("zh", "en"))
    s.add_argument("--no-mask", action="store_true", help=_("show ID and phone numbers unmasked"))
    s.add_argument("--sign", type=Path, help=_("examiner's PKCS#12 certificate to sign the PDF"))
    s.add_argument("--sign-password", help=argparse.SUPPRESS)     # refused with a message, see _sign_password
    s.add_argument("--sign-password-file", type=Path, metavar=_("FILE"),
                   help=_("read the certificate's password from the first line of FILE"))
    s.add_argument("--sign-password-env", metavar=_("VAR"),
                   help=_("read the certificate's password from environment variable VAR "
                        "(without either, it is asked on the terminal; never given on the command line)"))
    s.add_argument("--unverified-report", action="store_true",
                   help=_("issue the report even though verify finds problems; every page then says so and why"))
    _add_common(s, _)

    s = add("compare", cmd_compare, N_("compare an ID photo (A) with one still (B): both algorithms, the reportable LR"))
    s.add_argument("a", type=Path)
    s.add_argument("b", type=Path)
    s.add_argument("--population", default="east_asian_vendor_fmr_1e-3",
                   help=_("population key (default: a Chinese case's default when the bank declares no FMR)"))
    s.add_argument("--protocol", choices=("chip", "photo"), default="chip")
    s.add_argument("--json", action="store_true")

    s = add("calibrate", cmd_calibrate, N_("fit a lab's own calibration from identity-per-folder photos"))
    s.add_argument("dir", type=Path)
    s.add_argument("--name", required=True)
    s.add_argument("--population")
    s.add_argument("--limits")
    s.add_argument("--out", type=Path, help=_("folder for the calibration (default: the user calibration folder)"))
    s.add_argument("--replace", action="store_true", help=_("overwrite an installed calibration of the same name"))

    s = add("note", cmd_note, N_("add an examiner's note to the case (audit-logged)"))
    s.add_argument("case", type=Path)
    s.add_argument("text")
    s.add_argument("--target", default="case", help=_("'case' or a finding's rule id"))
    s.add_argument("--author")
    _add_common(s, _)

    s = add("eval-liveness", cmd_eval_liveness, N_("APCER per attack species and BPCER with 95%% intervals, split by subject"))
    s.add_argument("dir", type=Path)
    s.add_argument("--pad-model", help=_("'builtin' (default), 'none', or a descriptor JSON (or FORENSICS_PAD_MODEL)"))
    s.add_argument("--json", action="store_true")
    s.add_argument("--subset", action="store_true", help=_("one item per class only (what CI runs)"))
    s.add_argument("--cache", type=Path, help=_("folder to keep each item's measurements in (re-runs judge only)"))
    s.add_argument("--out", type=Path, help=_("write the derived figures (no data) as JSON here"))

    s = add("settings", cmd_settings, N_("show or change the examiner's settings (name, qualifications, defaults)"))
    s.add_argument("key", nargs="?", help=_("setting to show or change (none: list all)"))
    s.add_argument("value", nargs="?", help=_("new value (JSON for numbers, booleans and lists)"))

    s = add("batch", cmd_batch, N_("analyse every case under a folder on a Dask cluster and link the cases"))
    from .batch.cli import add_arguments
    add_arguments(s, _)

    s = add("verify-portfolio", cmd_verify_portfolio,
            N_("check a batch's portfolio, results, anchors, workspaces and evidence against each other (exit 1 on problems)"))
    s.add_argument("out", type=Path, help=_("the --out folder of 'batch'"))
    s.add_argument("--pdf", type=Path, help=_("also check that this portfolio report was made from this portfolio.json"))

    s = add("gui", cmd_gui, N_("open the review desk"))
    s.add_argument("case", type=Path, nargs="?")
    s.add_argument("--portfolio", type=Path, help=_("open a batch's portfolio view (the --out folder of 'batch')"))
    return p


class _Parser(argparse.ArgumentParser):
    """Usage errors as the contract's one line and exit 2 (argparse's default prints the usage too)."""

    def error(self, message):
        line = _tr().gettext("{message} (see {prog} --help)").format(message=message, prog=self.prog)
        self.exit(EXIT_BAD_INPUT, f"forensics-app: {line}\n")


def _one_line(text: str) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= 600 else text[:597] + "…"


_OS_ERRORS = {errno.ENOSPC: N_("the disk is full"), errno.EROFS: N_("the medium is read-only"),
              errno.ELOOP: N_("symbolic-link loop"), errno.ENAMETOOLONG: N_("file name too long"),
              errno.ENOENT: N_("no such file or folder"), errno.EACCES: N_("permission denied"),
              errno.EPERM: N_("operation not permitted"), errno.EISDIR: N_("is a folder"),
              errno.ENOTDIR: N_("a part of the path is not a folder"),
              errno.EPIPE: N_("the output was closed before everything was written (broken pipe)")}


def _os_error(exc: OSError, tr: Translator | None = None) -> str:
    """An OS error the commands did not turn into an InputError: the file, and the problem in the
    user's language (the system's own words quoted when we have no entry for them)."""
    from .i18n.render import quote
    tr = tr or translator("en")
    where = exc.filename or ""
    what = _OS_ERRORS.get(exc.errno)
    what = tr.gettext(what) if what else quote(exc.strerror or exc, tr)
    return f"{where}: {what}" if where else what


def main(argv: list[str] | None = None) -> int:
    """Every command's one error path: a ForensicsError (or an OS error) becomes one line naming the
    file and exit 2; a workspace this command created is removed again when the command fails."""
    argv = sys.argv[1:] if argv is None else [str(x) for x in argv]
    tr = cli_translator(argv)
    _SPEAKING.append(tr)
    try:
        return _main(argv, tr)
    finally:
        _SPEAKING.pop()


def _main(argv: list[str], tr: Translator) -> int:
    _ = tr.gettext
    with argparse_speaking(tr):
        parser = build_parser(tr)
        a = parser.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if a.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    ok = False
    try:
        rc = a.fn(a)
        ok = True
        return rc
    except Cancelled as exc:
        print(f"forensics-app: {_one_line(exc.render(tr))}", file=sys.stderr)
        return 130
    except KeyboardInterrupt:
        print("\nforensics-app: " + _("interrupted"), file=sys.stderr)
        return 130
    except ForensicsError as exc:
        print(f"forensics-app: {_one_line(exc.render(tr))}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except OSError as exc:
        print(f"forensics-app: {_one_line(_os_error(exc, tr))}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except RecursionError:
        print(f"forensics-app: {_one_line(getattr(a, 'case', '') or '')}: " + _("input is nested too deeply to read"),
              file=sys.stderr)
        return EXIT_BAD_INPUT
    finally:
        while _OPENED:
            ws = _OPENED.pop()
            ws.close() if ok else ws.discard()


if __name__ == "__main__":
    sys.exit(main())
