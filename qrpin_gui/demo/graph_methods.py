"""Graph handlers for the QR code + PIN authentication method and the methods list."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

from qrpin_gui.demo import qrimage, scopes, timeutil
from qrpin_gui.demo.constants import (
    MAX_STANDARD_LIFETIME_DAYS,
    PASSWORD_METHOD_ID,
    TEMPORARY_MAX_HOURS,
    TEMPORARY_MIN_HOURS,
)
from qrpin_gui.demo.errors import GraphError, bad_request, denied, item_not_found
from qrpin_gui.demo.graph_core import Ctx, GraphResponse, Router, no_content, ok
from qrpin_gui.demo.model import QrCode, QrMethod, QrPin, User
from qrpin_gui.demo.pin_rules import generate_pin, pin_problem

METHOD_TYPE = "#microsoft.graph.qrCodePinAuthenticationMethod"
_CHILDREN = ("standardQRCode", "temporaryQRCode", "pin")
_METHOD_PROPS = ("id", "createdDateTime", "lastUsedDateTime", *_CHILDREN)
_READ_ONLY_CODE_PROPS = frozenset({"id", "createdDateTime", "lastUsedDateTime", "image"})


# --- access ---------------------------------------------------------------------------------


def _target(ctx: Ctx, *, write: bool) -> User:
    """The user in the path, after the scope and role checks for reading or writing."""
    self_scopes = scopes.QR_WRITE_SELF if write else scopes.QR_READ_SELF
    other_scopes = scopes.QR_WRITE_OTHERS if write else scopes.QR_READ_OTHERS
    scopes.require(ctx.token.scopes, self_scopes)
    user = ctx.user()
    if user.id != ctx.actor.id:
        scopes.require(ctx.token.scopes, other_scopes)
    d = ctx.directory
    allowed = d.can_manage(ctx.actor.id, user) if write else d.can_read_methods(ctx.actor.id, user)
    if not allowed:
        raise denied()
    return user


def _method(user: User) -> QrMethod:
    if user.qr is None:
        raise item_not_found("qrCodePinAuthenticationMethod")
    return user.qr


def _policy_enabled(ctx: Ctx) -> None:
    if ctx.directory.policy.state != "enabled":
        raise bad_request(
            "The QR code + PIN authentication method is disabled in the tenant's "
            "authentication methods policy.",
            "invalidRequest",
        )


# --- JSON -----------------------------------------------------------------------------------


def code_json(code: QrCode, image: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "@odata.type": "#microsoft.graph.qrCode",
        "id": code.id,
        "startDateTime": timeutil.fmt(code.start),
        "expireDateTime": timeutil.fmt(code.expire),
        "createdDateTime": timeutil.fmt_precise(code.created),
        "lastUsedDateTime": timeutil.fmt_last_used(code.last_used),
        "image": image,
    }


def pin_json(pin: QrPin, reveal: bool = False) -> dict[str, Any]:
    return {
        "@odata.type": "#microsoft.graph.qrPin",
        "id": pin.id,
        "code": pin.code if reveal else None,
        "forceChangePinNextSignIn": pin.force_change,
        "createdDateTime": timeutil.fmt_precise(pin.created),
        "updatedDateTime": timeutil.fmt_precise(pin.updated),
    }


def method_json(
    method: QrMethod,
    *,
    children: frozenset[str] = frozenset(_CHILDREN),
    select: frozenset[str] | None = None,
    standard_image: dict[str, Any] | None = None,
    reveal_pin: bool = False,
) -> dict[str, Any]:
    used = [c.last_used for c in (method.standard, method.temporary) if c and c.last_used]
    full: dict[str, Any] = {
        "id": method.id,
        "createdDateTime": timeutil.fmt_precise(method.created),
        "lastUsedDateTime": timeutil.fmt(max(used)) if used else None,
    }
    if "standardQRCode" in children:
        full["standardQRCode"] = (
            code_json(method.standard, standard_image) if method.standard else None
        )
    if "temporaryQRCode" in children:
        full["temporaryQRCode"] = code_json(method.temporary) if method.temporary else None
    if "pin" in children:
        full["pin"] = pin_json(method.pin, reveal_pin)
    out: dict[str, Any] = {"@odata.type": METHOD_TYPE}
    for key, value in full.items():
        if select is None or key in select or (key in children and select is not None):
            out[key] = value
    return out


def _names(value: str | None, allowed: tuple[str, ...], option: str) -> frozenset[str]:
    if value is None:
        return frozenset()
    canon = {a.lower(): a for a in allowed}
    out = set()
    for raw in value.split(","):
        raw = raw.strip()
        if raw == "*":
            return frozenset(allowed)
        name = canon.get(raw.lower())
        if name is None:
            raise bad_request(
                f"Could not find a property named '{raw}' on type "
                f"'microsoft.graph.qrCodePinAuthenticationMethod' ({option}).",
                "BadRequest",
            )
        out.add(name)
    return frozenset(out)


# --- body validation ------------------------------------------------------------------------


def _check_keys(body: dict[str, Any], allowed: set[str], type_name: str) -> None:
    for key in body:
        if key in _READ_ONLY_CODE_PROPS and type_name == "qrCode":
            raise bad_request(f"The property '{key}' is read-only and can't be set.")
        if key not in allowed:
            raise bad_request(f"Invalid property '{key}' for type 'microsoft.graph.{type_name}'.")
    odata_type = body.get("@odata.type")
    if odata_type is not None and (
        not isinstance(odata_type, str)
        or odata_type.lstrip("#").lower() != f"microsoft.graph.{type_name.lower()}"
    ):
        raise bad_request(f"The @odata.type '{odata_type}' is not valid here.")


def _standard_window(
    ctx: Ctx, body: dict[str, Any], start: datetime | None = None
) -> tuple[datetime, datetime]:
    now = timeutil.now()
    if start is None:
        raw_start = body.get("startDateTime")
        start = now if raw_start is None else timeutil.parse(raw_start, "startDateTime")
    raw_expire = body.get("expireDateTime")
    if raw_expire is None:
        expire = start + timedelta(days=ctx.directory.policy.lifetime_days)
    else:
        expire = timeutil.parse(raw_expire, "expireDateTime")
    if expire <= start:
        raise bad_request("expireDateTime must be later than startDateTime.", "invalidRequest")
    if expire - start > timedelta(days=MAX_STANDARD_LIFETIME_DAYS):
        raise bad_request(
            f"A standard QR code can be valid for at most {MAX_STANDARD_LIFETIME_DAYS} days "
            "after its startDateTime.",
            "invalidRequest",
        )
    if expire <= now:
        raise bad_request("expireDateTime must be in the future.", "invalidRequest")
    return start, expire


def _new_code(user: User, start: datetime, expire: datetime) -> tuple[QrCode, dict[str, Any]]:
    now = timeutil.now()
    code = QrCode(str(uuid.uuid4()), now, start, expire, None, qrimage.new_secret())
    assert code.secret is not None
    return code, qrimage.image_details(user.upn, code.id, code.secret)


# --- handlers -------------------------------------------------------------------------------


def get_method(ctx: Ctx) -> GraphResponse:
    user = _target(ctx, write=False)
    ctx.query.allow("select", "expand")
    method = _method(user)
    expand = _names(ctx.query.get("expand"), _CHILDREN, "$expand")
    select = ctx.query.get("select")
    selected = _names(select, _METHOD_PROPS, "$select") if select is not None else None
    if ctx.state.settings["method_children"] == "inline" and select is None:
        children = frozenset(_CHILDREN)
    else:
        children = expand | (selected or frozenset()) & frozenset(_CHILDREN)
    body = {
        "@odata.context": ctx.context(f"users('{user.id}')/authentication/qrCodePinMethod/$entity")
    }
    body.update(method_json(method, children=children, select=selected))
    return ok(body)


def put_method(ctx: Ctx) -> GraphResponse:
    user = _target(ctx, write=True)
    ctx.query.allow()
    body = ctx.json_object()
    _check_keys(
        body, {"@odata.type", "standardQRCode", "pin", "temporaryQRCode"},
        "qrCodePinAuthenticationMethod",
    )  # fmt: skip
    if body.get("temporaryQRCode") is not None:
        raise bad_request(
            "A temporary QR code can't be created with the method; add it later with PATCH.",
            "invalidRequest",
        )
    if user.qr is not None:
        raise GraphError(
            409,
            "conflict",
            "The user already has a QR code + PIN authentication method; delete it first.",
        )
    _policy_enabled(ctx)
    std = body.get("standardQRCode")
    if not isinstance(std, dict):
        raise bad_request("The standardQRCode property is required.", "invalidRequest")
    _check_keys(std, {"@odata.type", "startDateTime", "expireDateTime"}, "qrCode")
    start, expire = _standard_window(ctx, std)
    pin_body = body.get("pin", {})
    if pin_body is None:
        pin_body = {}
    if not isinstance(pin_body, dict):
        raise bad_request("The pin property must be an object.", "invalidRequest")
    _check_keys(pin_body, {"@odata.type", "code"}, "qrPin")
    pin_length = ctx.directory.policy.pin_length
    code = pin_body.get("code")
    if code is None:
        code = generate_pin(pin_length)
    else:
        problem = pin_problem(code, pin_length)
        if problem:
            raise bad_request(f"Invalid PIN. {problem}", "invalidRequest")
    now = timeutil.now()
    standard, image = _new_code(user, start, expire)
    method = QrMethod(
        str(uuid.uuid4()), now, QrPin(str(uuid.uuid4()), code, now, now, True), standard
    )
    user.qr = method
    location = f"{ctx.base()}/users/{user.id}/authentication/qrCodePinMethod"
    out = {
        "@odata.context": ctx.context(f"users('{user.id}')/authentication/qrCodePinMethod/$entity")
    }
    out.update(method_json(method, standard_image=image, reveal_pin=True))
    return ok(out, 201, {"Location": location})


def delete_method(ctx: Ctx) -> GraphResponse:
    user = _target(ctx, write=True)
    ctx.query.allow()
    _method(user)
    user.qr = None
    return no_content()


def _code_context(ctx: Ctx, user: User, which: str) -> str:
    return ctx.context(f"users('{user.id}')/authentication/qrCodePinMethod/{which}/$entity")


def _get_code(ctx: Ctx, which: str) -> GraphResponse:
    user = _target(ctx, write=False)
    ctx.query.allow("select")
    method = _method(user)
    code = method.standard if which == "standardQRCode" else method.temporary
    if code is None:
        raise item_not_found(which)
    return ok({"@odata.context": _code_context(ctx, user, which), **code_json(code)})


def _delete_code(ctx: Ctx, which: str) -> GraphResponse:
    user = _target(ctx, write=True)
    ctx.query.allow()
    method = _method(user)
    if which == "standardQRCode":
        if method.standard is None:
            raise item_not_found(which)
        method.standard = None
    else:
        if method.temporary is None:
            raise item_not_found(which)
        method.temporary = None
    return no_content()


def patch_standard(ctx: Ctx) -> GraphResponse:
    user = _target(ctx, write=True)
    ctx.query.allow()
    body = ctx.json_object()
    _check_keys(body, {"@odata.type", "startDateTime", "expireDateTime"}, "qrCode")
    method = _method(user)
    existing = method.standard
    if existing is not None and existing.expire > timeutil.now():
        # An active code (or one not yet started) is updated; an expired one is not active,
        # so the service issues a new code instead (201 with the image), as with none.
        if "startDateTime" in body and (
            timeutil.parse(body["startDateTime"], "startDateTime") != existing.start
        ):
            raise bad_request(
                "The startDateTime of an existing standard QR code can't be changed.",
                "invalidRequest",
            )
        if body.get("expireDateTime") is None:
            raise bad_request("expireDateTime is required to update the code.", "invalidRequest")
        _, existing.expire = _standard_window(ctx, body, start=existing.start)
        return ok(
            {"@odata.context": _code_context(ctx, user, "standardQRCode"), **code_json(existing)}
        )
    _policy_enabled(ctx)
    start, expire = _standard_window(ctx, body)
    code, image = _new_code(user, start, expire)
    method.standard = code
    return ok(
        {"@odata.context": _code_context(ctx, user, "standardQRCode"), **code_json(code, image)},
        201,
    )


def patch_temporary(ctx: Ctx) -> GraphResponse:
    user = _target(ctx, write=True)
    ctx.query.allow()
    body = ctx.json_object()
    _check_keys(body, {"@odata.type", "startDateTime", "expireDateTime"}, "qrCode")
    method = _method(user)
    if method.temporary is not None:
        raise GraphError(
            409,
            "conflict",
            "A temporary QR code already exists and can't be edited; delete it first.",
        )
    _policy_enabled(ctx)
    now = timeutil.now()
    raw_start = body.get("startDateTime")
    start = now if raw_start is None else timeutil.parse(raw_start, "startDateTime")
    if body.get("expireDateTime") is None:
        raise bad_request("expireDateTime is required for a temporary QR code.", "invalidRequest")
    expire = timeutil.parse(body["expireDateTime"], "expireDateTime")
    span = expire - start
    if not timedelta(hours=TEMPORARY_MIN_HOURS) <= span <= timedelta(hours=TEMPORARY_MAX_HOURS):
        raise bad_request(
            f"A temporary QR code must be valid for {TEMPORARY_MIN_HOURS} to "
            f"{TEMPORARY_MAX_HOURS} hours.",
            "invalidRequest",
        )
    if expire <= now:
        raise bad_request("expireDateTime must be in the future.", "invalidRequest")
    code, image = _new_code(user, start, expire)
    method.temporary = code
    return ok(
        {"@odata.context": _code_context(ctx, user, "temporaryQRCode"), **code_json(code, image)},
        201,
    )


def get_pin(ctx: Ctx) -> GraphResponse:
    user = _target(ctx, write=False)
    ctx.query.allow("select")
    method = _method(user)
    return ok({"@odata.context": _code_context(ctx, user, "pin"), **pin_json(method.pin)})


def reset_pin(ctx: Ctx) -> GraphResponse:
    user = _target(ctx, write=True)
    ctx.query.allow()
    body = ctx.json_object(required=False)
    _check_keys(body, {"@odata.type", "code"}, "qrPin")  # a sent code is ignored: resets generate
    method = _method(user)
    length = ctx.directory.policy.pin_length
    code = generate_pin(length)
    while code == method.pin.code:
        code = generate_pin(length)
    now = timeutil.now()
    method.pin.code = code
    method.pin.created = method.pin.updated = now
    method.pin.force_change = True
    return ok(
        {"@odata.context": _code_context(ctx, user, "pin"), **pin_json(method.pin, True)}, 201
    )


def update_pin(ctx: Ctx) -> GraphResponse:
    verbs = ctx.state.settings["update_pin_verbs"]
    if verbs != "both" and ctx.req.method.upper() != verbs:
        raise GraphError(
            405,
            "Request_BadRequest",
            f"The HTTP method '{ctx.req.method.upper()}' is not allowed for this resource.",
            {"Allow": verbs},
        )
    scopes.require(ctx.token.scopes, scopes.UPDATE_PIN)
    user = ctx.user()
    if user.id != ctx.actor.id:
        raise denied("A user can only change their own PIN.")
    ctx.query.allow()
    body = ctx.json_object()
    for key in body:
        if key not in ("currentPin", "newPin"):
            raise bad_request(f"Invalid parameter '{key}' for action 'updatePin'.")
    current, new = body.get("currentPin"), body.get("newPin")
    if not isinstance(current, str) or not isinstance(new, str):
        raise bad_request("currentPin and newPin are required strings.", "invalidRequest")
    method = _method(user)
    if current != method.pin.code:
        raise bad_request("The current PIN is incorrect.", "invalidRequest")
    problem = pin_problem(new, ctx.directory.policy.pin_length)
    if problem:
        raise bad_request(f"Invalid PIN. {problem}", "invalidRequest")
    if new == current:
        raise bad_request("The new PIN must differ from the current PIN.", "invalidRequest")
    method.pin.code = new
    method.pin.updated = timeutil.now()
    method.pin.force_change = False
    return no_content()


def list_methods(ctx: Ctx) -> GraphResponse:
    scopes.require(ctx.token.scopes, scopes.METHODS_READ_SELF)
    user = ctx.user()
    if user.id != ctx.actor.id:
        scopes.require(ctx.token.scopes, scopes.METHODS_READ_OTHERS)
    if not ctx.directory.can_read_methods(ctx.actor.id, user):
        raise denied()
    ctx.query.allow()
    value: list[dict[str, Any]] = [
        {
            "@odata.type": "#microsoft.graph.passwordAuthenticationMethod",
            "id": PASSWORD_METHOD_ID,
            "password": None,
            "createdDateTime": timeutil.fmt(user.created),
        }
    ]
    if user.qr is not None and ctx.req.version == "beta":
        value.append(
            {
                "@odata.type": METHOD_TYPE,
                "id": user.qr.id,
                "createdDateTime": timeutil.fmt_precise(user.qr.created),
            }
        )
    return ok(
        {
            "@odata.context": ctx.context(f"users('{user.id}')/authentication/methods"),
            "value": value,
        }
    )


def register(router: Router) -> None:
    base = "users/{user}/authentication"
    router.add(f"{base}/methods", GET=list_methods)
    qr = f"{base}/qrCodePinMethod"
    router.add(qr, GET=get_method, PUT=put_method, DELETE=delete_method)
    router.add(
        f"{qr}/standardQRCode",
        GET=lambda c: _get_code(c, "standardQRCode"),
        PATCH=patch_standard,
        DELETE=lambda c: _delete_code(c, "standardQRCode"),
    )
    router.add(
        f"{qr}/temporaryQRCode",
        GET=lambda c: _get_code(c, "temporaryQRCode"),
        PATCH=patch_temporary,
        DELETE=lambda c: _delete_code(c, "temporaryQRCode"),
    )
    router.add(f"{qr}/pin", GET=get_pin, PATCH=reset_pin)
    router.add(f"{qr}/pin/updatePin", POST=update_pin, PATCH=update_pin)
