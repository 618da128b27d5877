"""The tenant's QR code + PIN policy (read-only here)."""

from __future__ import annotations

import logging

from qrpin_gui.core.models import Policy
from qrpin_gui.core.parse import parse_policy
from qrpin_gui.graph._parsing import parse_or_raise
from qrpin_gui.graph.client import GraphClient
from qrpin_gui.graph.errors import (
    BadRequestError,
    ForbiddenError,
    MalformedResponseError,
    NotFoundError,
)

log = logging.getLogger(__name__)

POLICY_PATH = "/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/qrCodePin"


async def get_policy(client: GraphClient) -> Policy:
    """The tenant policy; when it cannot be read (no role or scope for it, not there, or an
    unreadable answer) the documented tenant defaults with ``assumed=True``.

    Network failures still raise: "offline" is not "unreadable".
    """
    try:
        response = await client.request("GET", POLICY_PATH)
        return parse_or_raise(response.json_object(), parse_policy, response)
    except (
        ForbiddenError,
        NotFoundError,
        BadRequestError,
        MalformedResponseError,
    ) as exc:
        log.info("QR policy unreadable (%s); tenant defaults assumed", exc.kind)
        return Policy.default()
