"""The demo's own CA and server certificate, made at start with trustme."""

from __future__ import annotations

import ssl
import tempfile
from dataclasses import dataclass
from pathlib import Path

import trustme


@dataclass(frozen=True)
class DemoTls:
    directory: Path
    ca_path: Path
    """PEM of the CA (what clients trust)."""
    cert_path: Path
    """PEM of the server certificate chain and its private key."""

    def client_context(self) -> ssl.SSLContext:
        """An SSLContext trusting only the demo CA (never the system store)."""
        return ssl.create_default_context(cafile=str(self.ca_path))


def make_tls(host: str) -> DemoTls:
    """A fresh CA and a server certificate for 127.0.0.1, localhost, ::1 and ``host``."""
    names = ["127.0.0.1", "localhost", "::1"]
    if host not in names and host not in ("0.0.0.0", "::", ""):
        names.append(host)
    directory = Path(tempfile.mkdtemp(prefix="qrpin-demo-tls-"))
    ca = trustme.CA(organization_name="QR PIN Manager demo tenant")
    server = ca.issue_cert(*names)
    ca_path = directory / "demo-ca.pem"
    cert_path = directory / "demo-server.pem"
    ca.cert_pem.write_to_path(str(ca_path))
    server.private_key_and_cert_chain_pem.write_to_path(str(cert_path))
    cert_path.chmod(0o600)
    return DemoTls(directory, ca_path, cert_path)
