"""Where the batch runs: a LocalCluster on this machine, or an existing Dask cluster.

Remote clusters are reached over ``tls://`` with certificates (CA, client certificate and key);
plain ``tcp://`` carries case data unencrypted and unauthenticated, so it is accepted only on the
loopback or with an explicit ``allow_insecure`` flag.
"""

from __future__ import annotations

import ipaddress
import logging
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..errors import InputError, quoted
from ..i18n import N_


# One case at a time per worker: a worker that dies then takes only its own case down (a task
# merely queued on it would count the death against an innocent case). A case is tried
# 1 + allowed-failures times before it is recorded as failed.
LOCAL_CONFIG = {"distributed.scheduler.worker-saturation": 1.0,
                "distributed.scheduler.allowed-failures": 2}


@dataclass
class TlsFiles:
    ca: str | None = None
    cert: str | None = None
    key: str | None = None


def _is_loopback(host: str) -> bool:
    if host in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_address(address: str, tls: TlsFiles, allow_insecure: bool = False) -> str:
    parts = urlsplit(address)
    if parts.scheme not in ("tcp", "tls") or not parts.hostname or not parts.port:
        raise InputError(None, N_("--scheduler {address}: expected tls://HOST:PORT or tcp://HOST:PORT"),
                               address=address)
    if parts.scheme == "tls":
        missing = [n for n, v in (("--tls-ca", tls.ca), ("--tls-cert", tls.cert), ("--tls-key", tls.key)) if not v]
        if missing:
            raise InputError(None, N_("--scheduler {address}: a tls:// cluster needs {names}"), address=address,
                                   names=', '.join(missing))
    elif not _is_loopback(parts.hostname) and not allow_insecure:
        raise InputError(None, N_("--scheduler {address}: plain tcp:// to another machine sends case data unencrypted; use "
                                  "tls:// with certificates, or --allow-insecure-tcp on a network you trust"),
                               address=address)
    return address


def connect(workers: int = 1, scheduler: str | None = None, tls: TlsFiles | None = None,
            allow_insecure: bool = False, dashboard: bool = True):
    """(client, cluster or None). The caller closes both."""
    from distributed import Client, LocalCluster

    for name in ("distributed", "distributed.http.proxy", "distributed.scheduler", "distributed.nanny",
                 "distributed.core", "distributed.worker"):
        logging.getLogger(name).setLevel(logging.WARNING)   # the batch prints its own progress
    tls = tls or TlsFiles()
    if scheduler:
        check_address(scheduler, tls, allow_insecure)
        security = None
        if scheduler.startswith("tls://"):
            from distributed.security import Security
            security = Security(tls_ca_file=tls.ca, tls_client_cert=tls.cert, tls_client_key=tls.key,
                                require_encryption=True)
        try:
            return Client(scheduler, security=security, timeout="20s"), None
        except (OSError, TimeoutError) as exc:
            raise InputError(None, N_("--scheduler {scheduler}: cannot reach the scheduler ({reason})"),
                                   scheduler=scheduler, reason=quoted(exc)) from None
    if workers < 1:
        raise InputError(None, N_("--workers {workers}: at least one worker is needed"), workers=workers)
    try:
        import bokeh  # noqa: F401  - Dask's dashboard needs it (a dependency; a stripped install runs without)
        dash = "127.0.0.1:0" if dashboard else None       # on the loopback only: it shows the cases' tasks
    except ImportError:
        dash = None
    import dask

    with dask.config.set(LOCAL_CONFIG):
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               host="127.0.0.1", dashboard_address=dash, silence_logs=logging.ERROR)
    return Client(cluster), cluster


def dashboard_link(client) -> str | None:
    try:
        info = client.scheduler_info()
        if "dashboard" not in info.get("services", {}):
            return None
        return client.dashboard_link
    except Exception:          # noqa: BLE001 - a missing dashboard is not a problem of the batch
        return None
