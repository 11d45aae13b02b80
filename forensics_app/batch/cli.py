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


def _bar(done: int, failed: int, total: int, text: str) -> None:
    width = 30
    fill = int(width * done / total) if total else width
    print(f"\r[{'#' * fill}{'.' * (width - fill)}] done {done - failed}  failed {failed}  "
          f"remaining {total - done}  {text[-30:]:<30}", end="", file=sys.stderr, flush=True)


def run_from_args(a) -> int:
    from ..core.portfolio_model import CaseStatus
    from ..io.images import Limits
    from ..pipeline import Options
    from . import run_batch
    from .cluster import TlsFiles, dashboard_link

    limits = Limits(max_bytes=int(a.max_file_mb * 1024 * 1024)) if a.max_file_mb else Limits()
    opts = Options(population=a.population, limits=limits,
                   pad_model=str(a.pad_model) if a.pad_model else os.environ.get("FORENSICS_PAD_MODEL"))

    def on_client(client):
        link = dashboard_link(client)
        if not a.quiet:
            print(f"cluster: {client.scheduler.address}  workers {len(client.scheduler_info()['workers'])}"
                  + (f"  dashboard {link}" if link else "  (no dashboard: install bokeh for Dask's dashboard)"),
                  file=sys.stderr)

    portfolio = run_batch(a.cases_dir, a.out, opts, workers=a.workers, scheduler=a.scheduler,
                          tls=TlsFiles(a.tls_ca, a.tls_cert, a.tls_key), allow_insecure=a.allow_insecure_tcp,
                          reports=not a.no_reports, progress=_bar if not a.quiet else (lambda *x: None),
                          on_client=on_client)
    if not a.quiet:
        print(file=sys.stderr)
    if not a.no_reports:
        from ..report.portfolio import build_portfolio_report
        pdf = build_portfolio_report(Path(a.out) / "portfolio.json", Path(a.out) / "portfolio.pdf", mask=not a.no_mask,
                                     lang=a.lang)
        print(f"portfolio report: {pdf}" + ("" if a.no_mask else " (masked)"))
    by = {st: portfolio.count(st) for st in CaseStatus}
    print(f"portfolio: {Path(a.out) / 'portfolio.json'}")
    print(f"  cases {len(portfolio.cases)}: analysed {by[CaseStatus.analysed]}, refused {by[CaseStatus.refused]}, "
          f"failed {by[CaseStatus.failed]}")
    for c in portfolio.cases:
        if c.status != CaseStatus.analysed or c.message:
            print(f"  [{c.status.value:>8}] {c.path}: {c.message}")
    print(f"  links {len(portfolio.links)}")
    for link in portfolio.links:
        print(f"    {link.kind.value:<9} {', '.join(link.case_ids)}")
    note = portfolio.method.face.note
    if note:
        print(f"  face links: {note}")
    return 0


def verify_from_args(a) -> int:
    from ..errors import InputError
    from .verify import verify_portfolio

    if a.pdf is not None and not Path(a.pdf).is_file():
        raise InputError(a.pdf, N_("does not exist or is not a file"))
    checked, problems = verify_portfolio(a.out, a.pdf)
    print(f"checked {checked} analysed cases in {a.out}")
    for p in problems:
        print(f"PROBLEM   {p}")
    print("OK: portfolio, results, anchors, workspaces and evidence agree" if not problems else "PROBLEMS FOUND")
    return 1 if problems else 0
