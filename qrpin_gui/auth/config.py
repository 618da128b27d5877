"""Sign-in configuration: authority, client id, scopes, trust and proxy, broker choice.

Scopes are the least set a store manager needs (``docs/graph-qrpin-api.md`` §2.9 and §5):

- list users and read administrative units (the stores);
- read and write QR code + PIN methods of other users (``UserAuthMethod-QR.ReadWrite.All`` is
  limited to QR objects, so it is preferred over ``UserAuthenticationMethod.ReadWrite.All``);
- read the signed-in user's own directory roles (``/me/scopedRoleMemberOf``);
- read the tenant's QR code + PIN policy.

``Directory.AccessAsUser.All`` (needed only when a user changes their *own* PIN) is not part of
the sign-in: it is asked for with :meth:`qrpin_gui.auth.service.AuthService.ensure_scopes`.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from qrpin_gui.settings import Settings, is_valid_client_id, is_valid_tenant

GRAPH = "https://graph.microsoft.com/"
LOGIN_HOST = "https://login.microsoftonline.com"
MULTI_TENANT = "organizations"

SIGN_IN_SCOPES: tuple[str, ...] = (
    GRAPH + "User.Read.All",
    GRAPH + "AdministrativeUnit.Read.All",
    GRAPH + "RoleManagement.Read.Directory",
    GRAPH + "UserAuthMethod-QR.ReadWrite.All",
    GRAPH + "Policy.Read.AuthenticationMethod",
    GRAPH + "GroupMember.Read.All",
)
"""Asked for at sign-in (all need admin consent: ``docs/app-registration.md``)."""

OWN_PIN_SCOPES: tuple[str, ...] = (GRAPH + "Directory.AccessAsUser.All",)
"""Asked for only when the signed-in user changes their own PIN (incremental consent)."""

DEFAULT_INTERACTIVE_TIMEOUT = 180.0
"""Seconds a browser sign-in may take before it is given up (never unlimited)."""


def authority_for(tenant: str, host: str = LOGIN_HOST) -> str:
    """``https://login.microsoftonline.com/<tenant>``, or ``/organizations`` with no tenant."""
    tenant = tenant.strip() or MULTI_TENANT
    return f"{host.rstrip('/')}/{tenant}"


def broker_default(platform: str | None = None) -> bool:
    """The WAM broker is on by default on Windows only."""
    return (platform or sys.platform) == "win32"


@dataclass(frozen=True, slots=True)
class AuthConfig:
    """Everything :class:`~qrpin_gui.auth.service.AuthService` needs to build its MSAL app.

    ``verify``: ``None`` trusts the operating system's certificate store (``truststore``); a path
    trusts exactly that CA bundle (the demo tenant's CA, for this run only).
    ``proxy``: ``""`` = the system proxy settings, ``"none"`` = direct, else ``http(s)://host:port``.
    """

    client_id: str
    authority: str
    scopes: tuple[str, ...] = SIGN_IN_SCOPES
    verify: Path | None = None
    proxy: str = ""
    use_broker: bool = False
    demo: bool = False
    interactive_timeout: float = DEFAULT_INTERACTIVE_TIMEOUT
    validate_authority: bool = True

    @classmethod
    def from_settings(cls, settings: Settings, *, platform: str | None = None) -> AuthConfig:
        """The production configuration from the user's settings.

        Raises ``ValueError`` when the tenant or client id is missing or malformed (the first-run
        and settings dialogs prevent that; this guards hand-edited settings files).
        """
        if not settings.client_id or not is_valid_client_id(settings.client_id):
            raise ValueError("client_id")
        if settings.tenant and not is_valid_tenant(settings.tenant):
            raise ValueError("tenant")
        use_broker = (
            settings.use_broker if settings.use_broker is not None else broker_default(platform)
        )
        return cls(
            client_id=settings.client_id.strip(),
            authority=authority_for(settings.tenant),
            proxy=settings.proxy,
            use_broker=bool(use_broker) and (platform or sys.platform) == "win32",
        )

    @classmethod
    def for_demo(
        cls,
        *,
        authority: str,
        client_id: str,
        ca_path: Path | str,
        interactive_timeout: float = DEFAULT_INTERACTIVE_TIMEOUT,
    ) -> AuthConfig:
        """The demo tenant: its HTTPS authority, its CA trusted for this run, never the broker."""
        return cls(
            client_id=client_id,
            authority=authority,
            verify=Path(ca_path),
            proxy="none",
            use_broker=False,
            demo=True,
            interactive_timeout=interactive_timeout,
            validate_authority=False,
        )
