"""Signing a report with the examiner's PKCS#12 certificate (pyHanko), and checking it."""

from __future__ import annotations

import io
import logging
from contextlib import contextmanager
from pathlib import Path

from ..errors import InputError, quoted
from ..i18n import N_

FIELD = "ExaminerSignature"


@contextmanager
def quiet_pyhanko():
    """pyHanko logs full tracebacks for conditions we report ourselves (wrong password,
    self-signed certificate): silence them for the duration."""
    noisy = logging.getLogger("pyhanko")
    level = noisy.level
    noisy.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        noisy.setLevel(level)


def sign_pdf(pdf: bytes, p12: Path, password: str | None = None) -> bytes:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers

    p12 = Path(p12)
    if not p12.is_file():
        raise InputError(p12, N_("certificate file not found"))
    try:
        with quiet_pyhanko():
            signer = signers.SimpleSigner.load_pkcs12(pfx_file=str(p12),
                                                      passphrase=password.encode() if password else None)
    except Exception as exc:
        raise InputError(p12, N_("cannot read the PKCS#12 certificate ({error}); wrong password?"),
                              error=quoted(type(exc).__name__)) from None
    if signer is None:
        raise InputError(p12, N_("cannot read the PKCS#12 certificate; wrong password?"))
    w = IncrementalPdfFileWriter(io.BytesIO(pdf))
    meta = signers.PdfSignatureMetadata(field_name=FIELD, reason="Forensic examination report",
                                        location="forensics-app")
    out = signers.sign_pdf(w, meta, signer=signer)
    return out.getvalue()


def verify_pdf(path: Path, trust: list[Path] | None = None) -> dict:
    """Check every signature: intact (the signed bytes are unchanged) and cryptographically valid.

    Trust in the signer's certificate is reported separately: it needs the examiner's
    certificate (or its CA) given as ``trust``.
    """
    with quiet_pyhanko():
        return _verify(Path(path), trust)


def _verify(path: Path, trust) -> dict:
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext
    from asn1crypto import pem, x509

    roots = []
    for t in trust or []:
        data = Path(t).read_bytes()
        if pem.detect(data):
            _, _, data = pem.unarmor(data)
        roots.append(x509.Certificate.load(data))
    try:
        with open(path, "rb") as fh:
            r = PdfFileReader(fh, strict=False)
            sigs = r.embedded_signatures
            if not sigs:
                return _result(False, 0, ["none"])
            results = []
            for sig in sigs:
                vc = ValidationContext(trust_roots=roots, allow_fetching=False) if roots else \
                    ValidationContext(allow_fetching=False)
                st = validate_pdf_signature(sig, vc)
                results.append({"field": sig.field_name, "intact": bool(st.intact), "valid": bool(st.valid),
                                "trusted": bool(st.trusted), "covers_whole_file": sig.coverage.name,
                                "signer": st.signing_cert.subject.human_friendly if st.signing_cert else ""})
    except Exception as exc:
        return _result(False, None, ["damaged"], error=type(exc).__name__)
    ok = all(x["intact"] and x["valid"] for x in results)
    parts = ["valid", "trusted" if all(x["trusted"] for x in results) else "untrusted"] if ok else ["broken"]
    return _result(ok, len(results), parts, details=results)


# What the signature check says, as catalogue messages (verify prints them in its --lang).
SUMMARY = {"none": N_("the PDF carries no signature"),
           "damaged": N_("the signature cannot be validated: the file is damaged or altered ({error})"),
           "valid": N_("signature intact and cryptographically valid"),
           "broken": N_("signature BROKEN: the signed content was altered"),
           "trusted": N_("signer certificate trusted"),
           "untrusted": N_("signer certificate not checked against a trust root (give --trust)")}


def summary_text(sig: dict, lang: str = "en") -> str:
    from ..i18n import translator
    tr = translator(lang)
    sep = "；" if lang == "zh" else "; "
    return sep.join(tr.gettext(SUMMARY[c]).format(**sig.get("summary_params", {})) for c in sig["summary_codes"])


def _result(valid: bool, n, codes: list[str], details=None, **params) -> dict:
    out = {"valid": valid, "signatures": n, "summary_codes": codes, "summary_params": params}
    out["summary"] = summary_text(out)
    if details is not None:
        out["details"] = details
    return out
