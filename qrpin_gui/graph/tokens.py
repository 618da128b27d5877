"""How the Graph client gets access tokens.

The client knows nothing about MSAL: it asks a :class:`TokenProvider`. The MSAL-backed provider
lives in :mod:`qrpin_gui.auth`; tests use one backed by the demo tenant's control API.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Protocol, runtime_checkable

GRAPH_DEFAULT_SCOPES: tuple[str, ...] = ("https://graph.microsoft.com/.default",)


@runtime_checkable
class TokenProvider(Protocol):
    """Source of bearer tokens for Microsoft Graph.

    ``get_token`` returns the raw access token (never logged). ``force_refresh=True`` asks for a
    token that is not the cached one (the client does this once after a 401). ``claims`` is a
    claims challenge from a ``WWW-Authenticate: ... error="insufficient_claims", claims="..."``
    answer, already base64-decoded to its JSON text (what MSAL takes as ``claims_challenge``).

    Failures: a provider may raise the Graph errors itself
    (:class:`~qrpin_gui.graph.errors.ConsentRequiredError` when a scope lacks consent,
    :class:`~qrpin_gui.graph.errors.AuthenticationError` when no token can be had without the
    user, :class:`~qrpin_gui.graph.errors.NetworkUnreachableError` when the sign-in service
    cannot be reached), or its own exception carrying a ``kind`` (``network``,
    ``consent_required`` with ``scopes``, anything else = authentication), as
    ``qrpin_gui.auth.AuthService`` does. :class:`~qrpin_gui.graph.client.GraphClient` turns any
    such exception into the typed Graph error
    (:func:`~qrpin_gui.graph.errors.token_failure`) with the original as ``__cause__``, so
    callers of the client only ever see :class:`~qrpin_gui.graph.errors.GraphError`.
    """

    async def get_token(
        self,
        scopes: Sequence[str],
        *,
        force_refresh: bool = False,
        claims: str | None = None,
    ) -> str: ...


class CallbackTokenProvider:
    """A :class:`TokenProvider` around an async callable (handy for scripts and benches).

    The callable receives ``(scopes, force_refresh, claims)``.
    """

    def __init__(self, fetch: Callable[[Sequence[str], bool, str | None], Awaitable[str]]) -> None:
        self._fetch = fetch

    async def get_token(
        self,
        scopes: Sequence[str],
        *,
        force_refresh: bool = False,
        claims: str | None = None,
    ) -> str:
        return await self._fetch(scopes, force_refresh, claims)
