"""Graph handlers for the tenant's QR code + PIN policy (beta and v1.0)."""

from __future__ import annotations

from typing import Any

from qrpin_gui.demo import scopes
from qrpin_gui.demo.constants import (
    MAX_PIN_LENGTH,
    MAX_STANDARD_LIFETIME_DAYS,
    ROLE_AUTHENTICATION_POLICY_ADMIN,
    ROLE_GLOBAL_READER,
)
from qrpin_gui.demo.errors import bad_request, denied
from qrpin_gui.demo.graph_core import Ctx, GraphResponse, Router, no_content, ok
from qrpin_gui.demo.model import QrPolicy

PATH = "policies/authenticationMethodsPolicy/authenticationMethodConfigurations/qrCodePin"
POLICY_TYPE = "microsoft.graph.qrCodePinAuthenticationMethodConfiguration"
MIN_PIN_LENGTH = 8


def policy_json(ctx: Ctx, policy: QrPolicy) -> dict[str, Any]:
    base = "policies/authenticationMethodsPolicy/authenticationMethodConfigurations"
    return {
        "@odata.context": ctx.context(f"{base}/$entity"),
        "@odata.type": f"#{POLICY_TYPE}",
        "id": "qrCodePin",
        "state": policy.state,
        "standardQRCodeLifetimeInDays": policy.lifetime_days,
        "pinLength": policy.pin_length,
        "excludeTargets": [dict(t) for t in policy.exclude_targets],
        "includeTargets@odata.context": ctx.context(
            f"{base}('qrCodePin')/{POLICY_TYPE}/includeTargets"
        ),
        "includeTargets": [dict(t) for t in policy.include_targets],
    }


def _roles(ctx: Ctx) -> set[str]:
    return ctx.directory.tenant_roles(ctx.actor.id)


def get_policy(ctx: Ctx) -> GraphResponse:
    scopes.require(ctx.token.scopes, scopes.POLICY_READ)
    if _roles(ctx).isdisjoint({ROLE_GLOBAL_READER, ROLE_AUTHENTICATION_POLICY_ADMIN}):
        raise denied()
    ctx.query.allow("select")
    return ok(policy_json(ctx, ctx.directory.policy))


def _int_in(body: dict[str, Any], key: str, low: int, high: int) -> int:
    value = body[key]
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise bad_request(f"{key} must be an integer from {low} to {high}.", "invalidRequest")
    return value


def _targets(value: Any, key: str, include: bool) -> list[dict[str, Any]]:
    if not isinstance(value, list):
        raise bad_request(f"{key} must be an array.", "invalidRequest")
    out = []
    for item in value:
        allowed = {"id", "targetType", "isRegistrationRequired", "@odata.type"}
        if (
            not isinstance(item, dict)
            or not set(item) <= allowed
            or not isinstance(item.get("id"), str)
            or item.get("targetType") not in ("user", "group")
            or (
                "isRegistrationRequired" in item
                and not isinstance(item["isRegistrationRequired"], bool)
            )
        ):
            raise bad_request(
                f"Each {key} entry needs an id and a targetType of 'user' or 'group'.",
                "invalidRequest",
            )
        entry = {"targetType": item["targetType"], "id": item["id"]}
        if include:
            entry["isRegistrationRequired"] = bool(item.get("isRegistrationRequired", False))
        out.append(entry)
    return out


def patch_policy(ctx: Ctx) -> GraphResponse:
    scopes.require(ctx.token.scopes, scopes.POLICY_WRITE)
    if ROLE_AUTHENTICATION_POLICY_ADMIN not in _roles(ctx):
        raise denied()
    ctx.query.allow()
    body = ctx.json_object()
    odata_type = body.get("@odata.type")
    if not isinstance(odata_type, str) or odata_type.lstrip("#").lower() != POLICY_TYPE.lower():
        raise bad_request(
            f"The @odata.type '#{POLICY_TYPE}' is required in the request body.", "invalidRequest"
        )
    known = {
        "@odata.type", "id", "state", "pinLength", "standardQRCodeLifetimeInDays",
        "includeTargets", "excludeTargets",
    }  # fmt: skip
    for key in body:
        if key not in known:
            raise bad_request(f"Invalid property '{key}' for type '{POLICY_TYPE}'.")
    if "id" in body and str(body["id"]).lower() != "qrcodepin":
        raise bad_request("The id of this configuration is 'qrCodePin'.", "invalidRequest")
    policy = ctx.directory.policy
    new = QrPolicy(
        policy.state,
        policy.pin_length,
        policy.lifetime_days,
        list(policy.include_targets),
        list(policy.exclude_targets),
    )
    if "state" in body:
        if body["state"] not in ("enabled", "disabled"):
            raise bad_request("state must be 'enabled' or 'disabled'.", "invalidRequest")
        new.state = body["state"]
    if "pinLength" in body:
        new.pin_length = _int_in(body, "pinLength", MIN_PIN_LENGTH, MAX_PIN_LENGTH)
    if "standardQRCodeLifetimeInDays" in body:
        new.lifetime_days = _int_in(
            body, "standardQRCodeLifetimeInDays", 1, MAX_STANDARD_LIFETIME_DAYS
        )
    if "includeTargets" in body:
        new.include_targets = _targets(body["includeTargets"], "includeTargets", True)
    if "excludeTargets" in body:
        new.exclude_targets = _targets(body["excludeTargets"], "excludeTargets", False)
    ctx.directory.policy = new
    if ctx.req.version == "v1.0":
        return ok(policy_json(ctx, new))
    return no_content()


def delete_policy(ctx: Ctx) -> GraphResponse:
    scopes.require(ctx.token.scopes, scopes.POLICY_WRITE)
    if ROLE_AUTHENTICATION_POLICY_ADMIN not in _roles(ctx):
        raise denied()
    ctx.query.allow()
    ctx.directory.policy = QrPolicy()
    return no_content()


def register(router: Router) -> None:
    router.add(PATH, GET=get_policy, PATCH=patch_policy, DELETE=delete_policy)
