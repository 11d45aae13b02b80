"""Helpers shared by the tests (import as `from helpers import ...`)."""

import hashlib
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "sample_cases" / "guangzhou-2019"
SHARED = ROOT.parent / "shared" / "data"


def tree_hashes(root: Path) -> dict:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def run_cli(*args, cwd=None):
    """Run the real command line in a subprocess (what a user types)."""
    return subprocess.run([sys.executable, "-m", "forensics_app", *map(str, args)],
                          capture_output=True, text=True, cwd=cwd, timeout=600)


MKCERT = '''
import datetime as dt, sys
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Test Examiner")])
now = dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=1)
cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(1).not_valid_before(now).not_valid_after(now + dt.timedelta(days=365))
        .sign(key, hashes.SHA256()))
open(sys.argv[1], "wb").write(pkcs12.serialize_key_and_certificates(
    b"examiner", key, cert, None, serialization.BestAvailableEncryption(sys.argv[2].encode())))
'''


def make_p12(path: Path, password: str) -> Path:
    """A self-signed examiner certificate in a password-protected PKCS#12 file."""
    subprocess.run([sys.executable, "-c", MKCERT, str(path), password], check=True)
    return path
