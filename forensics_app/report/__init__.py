"""The court report (PDF), built from the results dict and nothing else but the images it shows.

Deterministic: reportlab runs in invariant mode with the creation date taken from the analysis
record, so the same results and options give a byte-identical PDF. results.json is attached
inside the PDF. Chinese and English editions; ID and phone numbers masked unless asked not to.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..core.hashing import results_text
from .build import render


def report_bytes(results: dict, lang: str = "zh", mask: bool = True, case_root: Path | None = None,
                 created: str | None = None, sign: Path | None = None, sign_password: str | None = None,
                 verification: dict | None = None, notes: list[dict] | None = None,
                 text: str | None = None) -> bytes:
    """The report PDF as bytes. ``verification``: {"failed": True, "reasons": [...]} stamps every
    page (only when the examiner overrode the refusal of a report from failed verification).
    ``notes``: the examiner's notes from the workspace, printed with their targets. ``text``:
    ``results_text(results)`` when the caller already has it (a 300-frame case's takes ~0.7 s)."""
    text = results_text(results) if text is None else text
    digest = hashlib.sha256(text.encode()).hexdigest()
    pdf = render(results, text, digest, lang=lang, mask=mask, case_root=case_root, created=created,
                 verification=verification, notes=notes)
    if sign:
        from .signing import sign_pdf
        pdf = sign_pdf(pdf, sign, sign_password)
    return pdf


def build_report(results: dict, out: Path, lang: str = "zh", mask: bool = True,
                 case_root: Path | None = None, created: str | None = None,
                 sign: Path | None = None, sign_password: str | None = None,
                 verification: dict | None = None, notes: list[dict] | None = None) -> Path:
    """Write the report PDF atomically (nothing is left if it fails); returns its path."""
    from ..io.outputs import write_atomic
    pdf = report_bytes(results, lang, mask, case_root, created, sign, sign_password, verification, notes)
    return write_atomic(Path(out), pdf)

