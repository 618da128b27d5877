"""The control API under ``/_demo/`` (tests, benchmarks, scripts): JSON, no auth, loopback.

- ``GET /_demo/accounts[?role=R]``: the named seeded people.
- ``POST /_demo/token`` ``{"user", "scopes", "expires_in"}``: an access token.
- ``POST /_demo/reset`` ``{"users", "seed", "store_size"}``: reseed, default settings, no
  faults (``store_size``: the first store's user members; needs ``users``).
- ``GET/POST /_demo/settings``: the behaviour switches.
- ``POST /_demo/groups`` ``{"displayName", "members": [UPN or id], "description"}``: a
  security group with these direct user members; answers ``{"id", "displayName", "members"}``
  (member ids). The default seed has no such groups.
"""

from __future__ import annotations

import time
import uuid
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from qrpin_gui.demo.constants import ACCOUNT_ROLES
from qrpin_gui.demo.errors import GraphError, bad_request, invalid_json, user_not_found
from qrpin_gui.demo.graph_core import GraphResponse
from qrpin_gui.demo.http_io import graph_error_response, loads_bounded, read_body, to_response
from qrpin_gui.demo.model import Group
from qrpin_gui.demo.settings import describe

if TYPE_CHECKING:
    from qrpin_gui.demo.state import DemoState

MAX_RESET_USERS = 1_000_000


async def _json_object(request: Request, *, required: bool = True) -> dict[str, Any]:
    raw = await read_body(request)
    if not raw.strip() and not required:
        return {}
    try:
        data = loads_bounded(raw)
    except ValueError as exc:
        raise invalid_json() from exc
    if not isinstance(data, dict):
        raise invalid_json()
    return data


def _json(body: Any, status: int = 200) -> Response:
    return to_response(GraphResponse(status, body))


def _int(data: dict[str, Any], key: str, default: int | None) -> int | None:
    value = data.get(key, default)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise bad_request(f"'{key}' must be an integer.")
    return value


def routes(state: DemoState) -> list[BaseRoute]:
    async def guarded(request: Request, handler: Any) -> Response:
        try:
            return await handler(request)
        except GraphError as exc:
            return graph_error_response(request, exc)

    async def accounts(request: Request) -> Response:
        role = request.query_params.get("role")
        if role is not None and role not in ACCOUNT_ROLES:
            raise bad_request(f"Unknown role '{role}'; one of {', '.join(ACCOUNT_ROLES)}.")
        return _json(state.directory.accounts(role))

    async def token(request: Request) -> Response:
        data = await _json_object(request)
        who = data.get("user")
        if not isinstance(who, str) or not who:
            raise bad_request("'user' (a UPN or object id) is required.")
        user = state.directory.find_user(who)
        if user is None:
            raise user_not_found(who)
        scopes = data.get("scopes", [".default"])
        if isinstance(scopes, str):
            scopes = scopes.split()
        if not isinstance(scopes, list) or not all(isinstance(s, str) for s in scopes):
            raise bad_request("'scopes' must be a list of scope names.")
        expires_in = _int(data, "expires_in", 3600)
        assert expires_in is not None
        access = state.tokens.issue(user.id, scopes, expires_in)
        return _json({"access_token": access, "token_type": "Bearer", "expires_in": expires_in})

    async def reset(request: Request) -> Response:
        data = await _json_object(request, required=False)
        users = _int(data, "users", None)
        seed = _int(data, "seed", 0)
        assert seed is not None
        store_size = _int(data, "store_size", None)
        if users is not None and users > MAX_RESET_USERS:
            raise bad_request(f"'users' must be at most {MAX_RESET_USERS}.")
        if store_size is not None and users is None:
            raise bad_request("'store_size' needs 'users'.")
        started = time.perf_counter()
        try:
            directory = state.reset(users, seed, store_size)
        except ValueError as exc:
            raise bad_request(str(exc)) from exc
        return _json(
            {
                "users": len(directory.users),
                "stores": len(directory.units),
                "seed": seed,
                "storeSize": store_size,
                "elapsedMs": round((time.perf_counter() - started) * 1000, 1),
            }
        )

    async def get_settings(request: Request) -> Response:
        return _json(state.settings.as_dict())

    async def post_settings(request: Request) -> Response:
        data = await _json_object(request)
        try:
            state.settings.update(data)
        except ValueError as exc:
            raise bad_request(str(exc)) from exc
        return _json(state.settings.as_dict())

    async def create_group(request: Request) -> Response:
        data = await _json_object(request)
        name = data.get("displayName")
        if not isinstance(name, str) or not name.strip():
            raise bad_request("'displayName' is required.")
        description = data.get("description", "")
        if not isinstance(description, str):
            raise bad_request("'description' must be a string.")
        members = data.get("members", [])
        if not isinstance(members, list) or not all(isinstance(m, str) for m in members):
            raise bad_request("'members' must be a list of UPNs or object ids.")
        directory = state.directory
        member_ids: list[str] = []
        for who in members:
            user = directory.find_user(who)
            if user is None:
                raise user_not_found(who)
            member_ids.append(user.id)
        group = Group(str(uuid.uuid4()), name.strip(), description, set(member_ids))
        directory.add_group(group)
        return _json(
            {
                "id": group.id,
                "displayName": group.display_name,
                "members": sorted(group.member_ids),
            },
            201,
        )

    async def index(request: Request) -> Response:
        return _json(
            {
                "tenantId": state.tenant_id,
                "baseUrl": state.base_url,
                "users": len(state.directory.users),
                "settings": describe(),
            }
        )

    def wrap(handler: Any) -> Any:
        async def endpoint(request: Request) -> Response:
            return await guarded(request, handler)

        return endpoint

    return [
        Route("/_demo", wrap(index), methods=["GET"]),
        Route("/_demo/accounts", wrap(accounts), methods=["GET"]),
        Route("/_demo/token", wrap(token), methods=["POST"]),
        Route("/_demo/reset", wrap(reset), methods=["POST"]),
        Route("/_demo/settings", wrap(get_settings), methods=["GET"]),
        Route("/_demo/settings", wrap(post_settings), methods=["POST"]),
        Route("/_demo/groups", wrap(create_group), methods=["POST"]),
    ]
