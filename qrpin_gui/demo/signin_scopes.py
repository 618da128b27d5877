"""Scope handling of the demo sign-in endpoints: parse, validate, consent.

A request's ``scope`` holds OIDC scopes (``openid``, ``profile``, ``offline_access``,
``email``) and Graph scopes, short (``User.Read.All``) or full
(``https://graph.microsoft.com/User.Read.All``), or ``.default``. Graph is the only resource
the demo models.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from qrpin_gui.demo import signin_errors as errors
from qrpin_gui.demo.constants import DEMO_APP_SCOPES, GRAPH_APP_ID, GRAPH_RESOURCE

OIDC_SCOPES = frozenset({"openid", "profile", "offline_access", "email"})
_GRAPH_PREFIXES = (GRAPH_RESOURCE + "/", "graph.microsoft.com/", GRAPH_APP_ID + "/")
_SCOPE_NAME = re.compile(r"^(\.default|[A-Za-z][A-Za-z0-9-]*(\.[A-Za-z0-9-]+)+)$")
# Delegated Graph scopes that need an administrator's consent besides the "*.All" ones
# (User.ReadBasic.All is the one "*.All" scope a user may consent to: docs/graph-qrpin-api.md).
_ADMIN_CONSENT_EXTRA = frozenset(
    {
        "RoleManagement.Read.Directory",
        "Policy.Read.AuthenticationMethod",
        "Policy.ReadWrite.AuthenticationMethod",
    }
)
_USER_CONSENTABLE_ALL = frozenset({"User.ReadBasic.All"})
DEFAULT_SCOPES = ("User.Read",)
"""What an access token carries when only OIDC scopes were asked for."""


@dataclass(frozen=True)
class RequestedScopes:
    """One request's scopes, split and checked."""

    oidc: tuple[str, ...]
    graph_raw: tuple[str, ...]
    """Graph scopes exactly as requested (echoed in the token response)."""
    graph_short: tuple[str, ...]
    """Short Graph names, ``.default`` expanded (what the access token carries)."""

    @property
    def response_scope(self) -> str:
        """The token response's ``scope``: the Graph scopes as asked, then the OIDC ones.

        ``.default`` is answered as the expanded scopes in the requested form plus the
        ``.default`` string itself, so MSAL's cache lookup for ``.default`` finds the token.
        """
        words: list[str] = []
        for raw in self.graph_raw:
            if raw.lower().endswith(".default"):
                prefix = raw[: -len(".default")]
                words.extend(prefix + name for name in DEMO_APP_SCOPES)
            words.append(raw)
        if not self.graph_raw:
            words.extend(DEFAULT_SCOPES)
        words.extend(s for s in ("openid", "profile", "offline_access") if s in self.oidc)
        return " ".join(dict.fromkeys(words))

    @property
    def token_scopes(self) -> list[str]:
        return list(self.graph_short) or list(DEFAULT_SCOPES)


def _strip_graph_prefix(scope: str) -> str | None:
    """The short name of a Graph scope, or None when the scope names another resource."""
    lowered = scope.lower()
    for prefix in _GRAPH_PREFIXES:
        if lowered.startswith(prefix.lower()):
            return scope[len(prefix) :]
    if "/" in scope or ":" in scope:
        return None
    return scope


def _resource_of(scope: str) -> str:
    return scope.rsplit("/", 1)[0] if "/" in scope else scope


def parse_scopes(raw: str | None, tenant: str) -> RequestedScopes:
    """Split and validate a ``scope`` parameter; raises :class:`EntraError` like Entra."""
    oidc: list[str] = []
    graph_raw: list[str] = []
    graph_short: list[str] = []
    for scope in (raw or "").split():
        if scope.lower() in OIDC_SCOPES:
            if scope.lower() not in oidc:
                oidc.append(scope.lower())
            continue
        short = _strip_graph_prefix(scope)
        if short is None:
            raise errors.unknown_resource(_resource_of(scope), tenant)
        if not _SCOPE_NAME.match(short):
            raise errors.invalid_scope(f"The scope '{scope}' does not exist.")
        if scope not in graph_raw:
            graph_raw.append(scope)
        names = DEMO_APP_SCOPES if short.lower() == ".default" else (short,)
        for name in names:
            if name not in graph_short:
                graph_short.append(name)
    if not oidc and not graph_raw:
        raise errors.missing_parameter("scope")
    if len(graph_raw) > 1 and any(s.lower().endswith(".default") for s in graph_raw):
        raise errors.invalid_scope(
            "The scope '.default' cannot be combined with other resource scopes: "
            f"'{' '.join(graph_raw)}'."
        )
    return RequestedScopes(tuple(oidc), tuple(graph_raw), tuple(graph_short))


def needs_admin_consent(short_name: str) -> bool:
    """Whether a delegated Graph scope needs an administrator's consent."""
    if short_name in _USER_CONSENTABLE_ALL:
        return False
    return short_name.endswith(".All") or short_name in _ADMIN_CONSENT_EXTRA


def check_consent(
    scopes: RequestedScopes, admin_consent: bool, client_id: str, app_name: str
) -> None:
    """Raise ``consent_required`` (AADSTS65001) when admin-only scopes lack admin consent."""
    if admin_consent:
        return
    if any(needs_admin_consent(name) for name in scopes.graph_short):
        raise errors.consent_required(client_id, app_name)
