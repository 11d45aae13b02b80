"""The ``batch`` command's arguments, terminal progress bar and summary (kept out of cli.py)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from ..i18n import N_


def add_arguments(s, _=str) -> None:
    """The arguments, their help in the language of ``_`` (the command line's gettext)."""
    s.add_argument("cases_dir", type=Path, help=_("folder whose sub-folders with a case.json are the cases"))
    s.add_argument("--out", type=Path, required=True, help=_("output folder: cases/<case_id>/ and portfolio.json"))
    s.add_argument("--workers", type=int, default=1, help=_("worker processes of the local cluster (default 1)"))
    s.add_argument("--scheduler", help=_("address of an existing Dask scheduler: tls://HOST:PORT "
                                       "(tcp:// only on the loopback or with --allow-insecure-tcp)"))
    s.add_argument("--tls-ca", help=_("CA certificate (PEM) of a tls:// cluster"))
    s.add_argument("--tls-cert", help=_("this client's certificate (PEM)"))
    s.add_argument("--tls-key", help=_("this client's private key (PEM)"))
    s.add_argument("--allow-insecure-tcp", action="store_true",
                   help=_("accept a plain tcp:// scheduler on another machine (unencrypted, unauthenticated)"))
    s.add_argument("--population", help=_("calibration for every case (default: each case's reference_population)"))
    s.add_argument("--pad-model", type=Path, help=_("descriptor JSON of a vendor ONNX PAD model"))
    s.add_argument("--no-reports", action="store_true", help=_("skip each case's PDF report and the portfolio PDF"))
    s.add_argument("--no-mask", action="store_true", help=_("portfolio PDF with ID and phone numbers in full"))
    s.add_argument("--lang", choices=("zh", "en"), default="zh", help=_("language of the portfolio PDF (default zh)"))
    s.add_argument("--max-file-mb", type=float, default=None, help=_("refuse evidence files larger than this"))
    s.add_argument("-q", "--quiet", action="store_true")


def _speaking(a):
    """The command line's language (cli.py sets ``a.speaking``; English when called otherwise)."""
    from ..i18n import translator
    return getattr(a, "speaking", None) or translator("en")


def _bar(done: int, failed: int, total: int, text: str, tr=None) -> None:
    from ..i18n import translator
    width = 30
    fill = int(width * done / total) if total else width
    counts = (tr or translator("en")).gettext("done {done}  failed {failed}  remaining {left}").format(
        done=done - failed, failed=failed, left=total - done)
    print(f"\r[{'#' * fill}{'.' * (width - fill)}] {counts}  {text[-30:]:<30}", end="", file=sys.stderr, flush=True)


def run_from_args(a) -> int:
    from ..core.portfolio_model import CaseStatus
    from ..io.images import Limits
    from ..pipeline import Options
    from . import run_batch
    from .cluster import TlsFiles, dashboard_link

    limits = Limits(max_bytes=int(a.max_file_mb * 1024 * 1024)) if a.max_file_mb else Limits()
    opts = Options(population=a.population, limits=limits,
                   pad_model=str(a.pad_model) if a.pad_model else os.environ.get("FORENSICS_PAD_MODEL"))

    tr = _speaking(a)
    _ = tr.gettext

    def on_client(client):
        link = dashboard_link(client)
        if not a.quiet:
            print(_("cluster: {address}  workers {n}").format(address=client.scheduler.address,
                                                             n=len(client.scheduler_info()["workers"]))
                  + "  " + (_("dashboard {0}").format(link) if link
                            else _("(no dashboard: install bokeh for Dask's dashboard)")), file=sys.stderr)

    portfolio = run_batch(a.cases_dir, a.out, opts, workers=a.workers, scheduler=a.scheduler,
                          tls=TlsFiles(a.tls_ca, a.tls_cert, a.tls_key), allow_insecure=a.allow_insecure_tcp,
                          reports=not a.no_reports, progress=(lambda *x: _bar(*x, tr=tr)) if not a.quiet else (lambda *x: None),
                          on_client=on_client)
    if not a.quiet:
        print(file=sys.stderr)
    if not a.no_reports:
        from ..report.portfolio import build_portfolio_report
        pdf = build_portfolio_report(Path(a.out) / "portfolio.json", Path(a.out) / "portfolio.pdf", mask=not a.no_mask,
                                     lang=a.lang)
        print(_("portfolio report: {0}").format(pdf) + ("" if a.no_mask else " " + _("(masked)")))
    from ..report.portfolio_text import case_message, face_rule, kind_name, status_name
    by = {st: portfolio.count(st) for st in CaseStatus}
    print(_("portfolio: {0}").format(Path(a.out) / "portfolio.json"))
    print("  " + _("cases {n}: analysed {analysed}, refused {refused}, failed {failed}").format(
        n=len(portfolio.cases), analysed=by[CaseStatus.analysed], refused=by[CaseStatus.refused],
        failed=by[CaseStatus.failed]))
    for c in portfolio.cases:
        if c.status != CaseStatus.analysed or c.message:
            print(f"  [{status_name(c.status.value, tr):>8}] {c.path}: {case_message(c, tr)}")
    print("  " + _("links {0}").format(len(portfolio.links)))
    for link in portfolio.links:
        print(f"    {kind_name(link.kind.value, tr):<9} {', '.join(link.case_ids)}")
    face = portfolio.method.face
    if face.note:
        note = face.note if tr.lang == "en" else " ".join(face_rule(face, tr))
        print("  " + _("face links: {0}").format(note))
    return 0


def verify_from_args(a) -> int:
    from ..errors import InputError
    from .verify import verify_portfolio

    if a.pdf is not None and not Path(a.pdf).is_file():
        raise InputError(a.pdf, N_("does not exist or is not a file"))
    from ..report.portfolio_text import quote
    tr = _speaking(a)
    _ = tr.gettext
    checked, problems = verify_portfolio(a.out, a.pdf)
    print(_("checked {n} analysed cases in {folder}").format(n=checked, folder=a.out))
    for p in problems:          # as verify_portfolio words them (English): quoted in another language
        print(f"{_('PROBLEM'):<9} {quote(p, tr)}")
    print(_("OK: portfolio, results, anchors, workspaces and evidence agree") if not problems else _("PROBLEMS FOUND"))
    return 1 if problems else 0
