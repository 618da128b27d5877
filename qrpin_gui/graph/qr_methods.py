"""The QR code + PIN method of a user: method, standard/temporary codes, PIN.

Paths are beta ``/users/{id | UPN}/authentication/qrCodePinMethod`` (``user="me"`` for the
signed-in user). Answers that carry a one-time secret (a new PIN code, a QR image) are
returned to the caller and never logged.
"""

from __future__ import annotations

import logging
import re
from datetime import UTC, datetime
from enum import Enum
from typing import Any

from qrpin_gui.core.models import QrCode, QrMethod, QrPin
from qrpin_gui.core.parse import parse_qr_code, parse_qr_method, parse_qr_pin
from qrpin_gui.graph._parsing import parse_or_raise, user_segment
from qrpin_gui.graph.client import GraphClient
from qrpin_gui.graph.errors import BadRequestError, GraphError, NotFoundError, RejectedError

log = logging.getLogger(__name__)

METHOD_CHILDREN_EXPAND = "standardQRCode,temporaryQRCode,pin"
UPDATE_PIN_SCOPES: tuple[str, ...] = ("https://graph.microsoft.com/Directory.AccessAsUser.All",)
"""updatePin is delegated-only and needs Directory.AccessAsUser.All."""

_QR_METHOD_TYPE = "#microsoft.graph.qrCodePinAuthenticationMethod"
_QR_CODE_TYPE = "#microsoft.graph.qrCode"


class CodeKind(Enum):
    """Which QR code of the method."""

    STANDARD = "standardQRCode"
    TEMPORARY = "temporaryQRCode"


def method_path(user: str) -> str:
    """``/users/{user}/authentication/qrCodePinMethod`` (or ``/me/...``)."""
    return user_segment(user) + "/authentication/qrCodePinMethod"


def code_path(user: str, kind: CodeKind) -> str:
    """``.../qrCodePinMethod/standardQRCode`` or ``.../temporaryQRCode``."""
    return f"{method_path(user)}/{kind.value}"


def pin_path(user: str) -> str:
    """``.../qrCodePinMethod/pin``."""
    return f"{method_path(user)}/pin"


def _iso(value: datetime) -> str:
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# --------------------------------------------------------------------------- request bodies
# Shared by the one-person calls below and the bulk run's ``$batch`` writes.


def create_method_body(start: datetime, expire: datetime, pin: str | None = None) -> dict[str, Any]:
    """Body of the method PUT: a standard code valid from ``start`` to ``expire`` and the
    given PIN (None or "": the service generates one)."""
    return {
        "@odata.type": _QR_METHOD_TYPE,
        "standardQRCode": {"startDateTime": _iso(start), "expireDateTime": _iso(expire)},
        "pin": {"code": pin} if pin else {},
    }


def standard_code_body(expire: datetime, start: datetime | None = None) -> dict[str, Any]:
    """Body of the standard-code PATCH: a new expiry (``start`` applies only when creating)."""
    body: dict[str, Any] = {"@odata.type": _QR_CODE_TYPE, "expireDateTime": _iso(expire)}
    if start is not None:
        body["startDateTime"] = _iso(start)
    return body


def temporary_code_body(start: datetime, expire: datetime) -> dict[str, Any]:
    """Body of the temporary-code PATCH (1 to 12 hours)."""
    return {
        "@odata.type": _QR_CODE_TYPE,
        "startDateTime": _iso(start),
        "expireDateTime": _iso(expire),
    }


def reset_pin_body() -> dict[str, Any]:
    """Body of the PIN reset PATCH: empty (the service generates the temporary PIN)."""
    return {}


# --------------------------------------------------------------------------- method


async def get_method(client: GraphClient, user: str) -> QrMethod | None:
    """The user's method with its codes and PIN, or None when the user has none (404).

    When the service does not inline the children, asks again with
    ``$expand=standardQRCode,temporaryQRCode,pin``; if that is refused or still lacks them,
    reads each child path.
    """
    path = method_path(user)
    try:
        response = await client.request("GET", path)
    except NotFoundError:
        return None
    method = parse_or_raise(response.json_object(), parse_qr_method, response)
    if method.children_loaded:
        return method
    try:
        response = await client.request("GET", path, params={"$expand": METHOD_CHILDREN_EXPAND})
    except NotFoundError:
        return None
    except BadRequestError:
        log.info("$expand on the QR method refused; reading its children one by one")
    else:
        expanded = parse_or_raise(response.json_object(), parse_qr_method, response)
        if expanded.children_loaded:
            return expanded
        method = expanded
    return await load_children(client, user, method)


async def load_children(client: GraphClient, user: str, method: QrMethod) -> QrMethod:
    """``method`` with its standard code, temporary code and PIN read from their own paths
    (a 404 on a child means that child is absent)."""
    standard = await get_code(client, user, CodeKind.STANDARD)
    temporary = await get_code(client, user, CodeKind.TEMPORARY)
    pin = await get_pin(client, user)
    return method.with_children(standard=standard, temporary=temporary, pin=pin)


async def create_method(
    client: GraphClient,
    user: str,
    *,
    start: datetime,
    expire: datetime,
    pin: str | None = None,
) -> QrMethod:
    """Create the method (PUT) with a standard code valid from ``start`` to ``expire`` and
    either the given PIN or one the service generates. The answer holds the one-time QR
    image and PIN code."""
    body = create_method_body(start, expire, pin)
    response = await client.request("PUT", method_path(user), json_body=body)
    return parse_or_raise(response.json_object(), parse_qr_method, response)


async def delete_method(client: GraphClient, user: str) -> None:
    """Delete the whole method (both codes and the PIN)."""
    await client.request("DELETE", method_path(user), expect_json=False)


# --------------------------------------------------------------------------- codes


async def get_code(client: GraphClient, user: str, kind: CodeKind) -> QrCode | None:
    """The standard or temporary code (image always null on GET), None when absent."""
    try:
        response = await client.request("GET", code_path(user, kind))
    except NotFoundError:
        return None
    body = response.json_object()
    if "id" not in body and "value" in body and body["value"] is None:
        return None  # the documented {"value": ...} wrapper around nothing
    return parse_or_raise(body, parse_qr_code, response)


async def set_standard_code(
    client: GraphClient,
    user: str,
    *,
    expire: datetime,
    start: datetime | None = None,
) -> QrCode:
    """Create a standard code (none active: 201 with the image) or move the expiry of the
    active one (200, image null). ``start`` applies only when creating."""
    body = standard_code_body(expire, start)
    response = await client.request("PATCH", code_path(user, CodeKind.STANDARD), json_body=body)
    return parse_or_raise(response.json_object(), parse_qr_code, response)


async def create_temporary_code(
    client: GraphClient, user: str, *, start: datetime, expire: datetime
) -> QrCode:
    """Create the temporary code (1 to 12 hours; it cannot be edited later). The answer
    holds the one-time image."""
    body = temporary_code_body(start, expire)
    response = await client.request("PATCH", code_path(user, CodeKind.TEMPORARY), json_body=body)
    return parse_or_raise(response.json_object(), parse_qr_code, response)


async def delete_code(client: GraphClient, user: str, kind: CodeKind) -> None:
    """Delete the standard or temporary code (the PIN stays)."""
    await client.request("DELETE", code_path(user, kind), expect_json=False)


# --------------------------------------------------------------------------- PIN


async def get_pin(client: GraphClient, user: str) -> QrPin | None:
    """The PIN's state (code always null on GET), None when absent."""
    try:
        response = await client.request("GET", pin_path(user))
    except NotFoundError:
        return None
    return parse_or_raise(response.json_object(), parse_qr_pin, response)


async def reset_pin(client: GraphClient, user: str) -> QrPin:
    """Reset the PIN (``PATCH .../pin`` with ``{}``): the service generates a temporary PIN
    the user must change at next sign-in; the answer holds it once."""
    response = await client.request("PATCH", pin_path(user), json_body=reset_pin_body())
    return parse_or_raise(response.json_object(), parse_qr_pin, response)


_UNSUPPORTED_MESSAGE = re.compile(r"segment|not supported|unsupported|no http resource", re.I)


def _verb_not_supported(error: GraphError) -> bool:
    """405, or a 400 saying the segment or action is not supported (an OData route miss)."""
    if error.status == 405:
        return True
    if error.status != 400:
        return False
    code = (error.code or "").lower()
    if code in {"notsupported", "request_unsupportedquery", "unsupportedrequest"}:
        return True
    return bool(_UNSUPPORTED_MESSAGE.search(error.message or ""))


async def update_own_pin(
    client: GraphClient, current_pin: str, new_pin: str, *, user: str = "me"
) -> None:
    """The signed-in user changes their own PIN (``.../pin/updatePin``).

    Metadata and SDKs say POST, the docs say PATCH: POST first; on 405 (or a 400 saying the
    route is not supported) the same body goes by PATCH. The PINs are never logged.
    """
    path = f"{pin_path(user)}/updatePin"
    body = {"currentPin": current_pin, "newPin": new_pin}
    try:
        await client.request(
            "POST", path, json_body=body, scopes=UPDATE_PIN_SCOPES, expect_json=False
        )
        return
    except (BadRequestError, RejectedError) as error:
        if not _verb_not_supported(error):
            raise
        log.info("updatePin by POST not supported (%s); trying PATCH", error.status)
    await client.request("PATCH", path, json_body=body, scopes=UPDATE_PIN_SCOPES, expect_json=False)
