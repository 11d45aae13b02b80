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


def build_report(results: dict, out: Path, lang: str = "zh", mask: bool = True,
                 case_root: Path | None = None, created: str | None = None,
                 sign: Path | None = None, sign_password: str | None = None) -> Path:
    """Write the report PDF atomically; returns its path."""
    text = results_text(results)
    digest = hashlib.sha256(text.encode()).hexdigest()
    pdf = render(results, text, digest, lang=lang, mask=mask, case_root=case_root, created=created)
    if sign:
        from .signing import sign_pdf
        pdf = sign_pdf(pdf, sign, sign_password)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp")
    tmp.write_bytes(pdf)
    tmp.replace(out)
    return out

