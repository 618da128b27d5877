"""Qt-free async Microsoft Graph access over httpx.

Modules:

``client``      :class:`GraphClient` (one ``httpx.AsyncClient``; token, retries, paging,
                ``$batch``), :class:`GraphClientConfig`, :class:`BatchRequest`,
                :class:`BatchResponse`, :class:`GraphResponse`, :class:`Page`
``tokens``      :class:`TokenProvider` protocol (MSAL implements it in ``qrpin_gui.auth``)
``errors``      :class:`GraphError` and its typed subclasses, :class:`ErrorKind`
``explain``     plain-language explanations (template id + params + English text)
``retry``       :class:`RetryPolicy`, ``Retry-After`` parsing
``connection``  TLS trust (truststore / explicit CA) and proxy choice
``users``       list / search / get users, administrative unit members
``directory``   administrative units, the admin's roles, admin-role holders,
                :class:`ManageContext`
``qr_methods``  the QR code + PIN method: get/create/delete, codes, PIN reset, own-PIN change
``policy``      the tenant QR policy (defaults assumed when unreadable)
``pacing``      :class:`SyncBudget`, the adaptive (AIMD) pacer
``sync``        :func:`sync_roster` and :func:`fetch_status` progress-event generators
"""

from qrpin_gui.graph.client import (
    GRAPH_BETA_URL,
    BatchRequest,
    BatchResponse,
    ClientStats,
    GraphClient,
    GraphClientConfig,
    GraphResponse,
    Page,
)
from qrpin_gui.graph.errors import (
    AuthenticationError,
    BadRequestError,
    ConsentRequiredError,
    ErrorKind,
    ForbiddenError,
    GraphError,
    GraphTimeoutError,
    MalformedResponseError,
    NetworkUnreachableError,
    NotFoundError,
    OutcomeUnknownError,
    RejectedError,
    ServerError,
    ThrottledError,
)
from qrpin_gui.graph.explain import ExplainContext, Explanation, Target, explain
from qrpin_gui.graph.pacing import SyncBudget
from qrpin_gui.graph.retry import RetryPolicy
from qrpin_gui.graph.tokens import GRAPH_DEFAULT_SCOPES, CallbackTokenProvider, TokenProvider

__all__ = [
    "GRAPH_BETA_URL",
    "GRAPH_DEFAULT_SCOPES",
    "AuthenticationError",
    "BadRequestError",
    "BatchRequest",
    "BatchResponse",
    "CallbackTokenProvider",
    "ClientStats",
    "ConsentRequiredError",
    "ErrorKind",
    "ExplainContext",
    "Explanation",
    "ForbiddenError",
    "GraphClient",
    "GraphClientConfig",
    "GraphError",
    "GraphResponse",
    "GraphTimeoutError",
    "MalformedResponseError",
    "NetworkUnreachableError",
    "NotFoundError",
    "OutcomeUnknownError",
    "Page",
    "RejectedError",
    "RetryPolicy",
    "ServerError",
    "SyncBudget",
    "Target",
    "ThrottledError",
    "TokenProvider",
    "explain",
]
