"""``POST /{version}/$batch``: up to 20 Graph operations in one HTTP request.

Rules modelled (docs/graph-qrpin-api.md §4.3): ``requests`` is a list of 1-20 items with
ids unique case-insensitively, a method, a relative url, optional headers and body (a body
needs a Content-Type header), and optional ``dependsOn`` naming earlier ids. A malformed
batch fails whole with 400. Each item is a task on the server loop, but the dispatcher is
synchronous (in-memory and quick), so the items in fact run one after another; an item
whose dependency failed gets 424; each item passes the throttle hook on its own (429 with
its own Retry-After); the answers come back in no particular order. HTTP-level faults
(latency, script rules) apply to the batch POST once, never per item.
"""

from __future__ import annotations

import asyncio
import json
import random
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from qrpin_gui.demo.constants import MAX_BATCH_ITEMS
from qrpin_gui.demo.errors import bad_request, error_body, invalid_json
from qrpin_gui.demo.graph_core import GraphRequest, GraphResponse
from qrpin_gui.demo.graph_dispatch import _authenticate, dispatch

if TYPE_CHECKING:
    from qrpin_gui.demo.state import DemoState

_METHODS = frozenset({"GET", "POST", "PUT", "PATCH", "DELETE"})


@dataclass
class _Item:
    id: str
    method: str
    url: str
    headers: dict[str, str]
    body: bytes
    depends_on: list[str]


def _parse(body: bytes) -> list[_Item]:
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        raise invalid_json() from exc
    if not isinstance(data, dict) or not isinstance(data.get("requests"), list):
        raise bad_request("Invalid batch payload format: a 'requests' array is required.")
    raw_items = data["requests"]
    if not raw_items:
        raise bad_request("Invalid batch payload format: the batch contains no requests.")
    if len(raw_items) > MAX_BATCH_ITEMS:
        raise bad_request(
            f"The number of batch requests ({len(raw_items)}) exceeds the limit of "
            f"{MAX_BATCH_ITEMS}."
        )
    items: list[_Item] = []
    seen: set[str] = set()
    for raw in raw_items:
        if not isinstance(raw, dict):
            raise bad_request("Invalid batch payload format: each request must be an object.")
        rid, method, url = raw.get("id"), raw.get("method"), raw.get("url")
        if not isinstance(rid, str) or not rid.strip():
            raise bad_request("Invalid batch payload format: each request needs a string id.")
        if rid.lower() in seen:
            raise bad_request(f"Batch request ids must be unique; '{rid}' is used twice.")
        seen.add(rid.lower())
        if not isinstance(method, str) or method.upper() not in _METHODS:
            raise bad_request(f"Request id {rid}: the method '{method}' is not valid.")
        if not isinstance(url, str) or not url.strip() or "://" in url:
            raise bad_request(f"Request id {rid}: the url must be a relative Graph URL.")
        headers_raw = raw.get("headers", {}) or {}
        if not isinstance(headers_raw, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in headers_raw.items()
        ):
            raise bad_request(f"Request id {rid}: headers must be an object of strings.")
        headers = {k.lower(): v for k, v in headers_raw.items()}
        payload = b""
        if "body" in raw and raw["body"] is not None:
            if "content-type" not in headers:
                raise bad_request(
                    f"Write request id : {rid} does not contain Content-Type header or body."
                )
            payload = json.dumps(raw["body"]).encode()
        depends = raw.get("dependsOn", []) or []
        if not isinstance(depends, list) or not all(isinstance(d, str) for d in depends):
            raise bad_request(f"Request id {rid}: dependsOn must be an array of ids.")
        items.append(_Item(rid, method.upper(), url.strip(), headers, payload, depends))
    ids = {i.id.lower() for i in items}
    for item in items:
        for dep in item.depends_on:
            if dep.lower() not in ids or dep.lower() == item.id.lower():
                raise bad_request(
                    f"Request id {item.id}: dependsOn names an unknown request '{dep}'."
                )
    _check_acyclic(items)
    return items


def _check_acyclic(items: list[_Item]) -> None:
    deps = {i.id.lower(): [d.lower() for d in i.depends_on] for i in items}
    state: dict[str, int] = {}

    def visit(node: str) -> None:
        if state.get(node) == 2:
            return
        if state.get(node) == 1:
            raise bad_request("The dependsOn graph of the batch contains a cycle.")
        state[node] = 1
        for dep in deps[node]:
            visit(dep)
        state[node] = 2

    for node in deps:
        visit(node)


def _item_answer(item: _Item, resp: GraphResponse) -> dict[str, Any]:
    headers = dict(resp.headers)
    out: dict[str, Any] = {"id": item.id, "status": resp.status}
    if isinstance(resp.body, dict | list):
        headers.setdefault("Content-Type", "application/json")
    elif isinstance(resp.body, str):
        headers.setdefault("Content-Type", "text/plain")
    out["headers"] = headers
    if resp.body is not None:
        out["body"] = resp.body
    return out


async def run_batch(
    state: DemoState, version: str, outer_headers: dict[str, str], body: bytes
) -> GraphResponse:
    """The whole ``$batch`` answer (the POST itself is not a throttled operation)."""
    ctype = outer_headers.get("content-type", "")
    if "json" not in ctype.lower():
        raise bad_request("A $batch request must have Content-Type: application/json.")
    _authenticate(state, GraphRequest("POST", version, "/$batch", "", outer_headers))
    items = _parse(body)
    tasks: dict[str, asyncio.Task[GraphResponse]] = {}

    async def run(item: _Item) -> GraphResponse:
        request_id = str(uuid.uuid4())
        for dep in item.depends_on:
            dep_resp = await tasks[dep.lower()]
            if not 200 <= dep_resp.status < 300:
                return GraphResponse(
                    424,
                    error_body(
                        "FailedDependency",
                        f"The request depends on request '{dep}', which failed.",
                        request_id,
                        item.headers.get("client-request-id") or request_id,
                    ),
                )
        path, _, query = item.url.partition("?")
        headers = dict(item.headers)
        headers["authorization"] = outer_headers.get("authorization", "")
        if "client-request-id" not in headers and "client-request-id" in outer_headers:
            headers["client-request-id"] = outer_headers["client-request-id"]
        if path.strip("/").lower() == "$batch":
            return GraphResponse(
                400,
                error_body(
                    "BadRequest", "A $batch can't be nested in a $batch.", request_id, request_id
                ),
            )
        req = GraphRequest(
            item.method, version, "/" + path.lstrip("/"), query, headers, item.body, True
        )
        return await dispatch(state, req)

    for item in items:
        tasks[item.id.lower()] = asyncio.ensure_future(run(item))
    responses = await asyncio.gather(*tasks.values())
    answers = [_item_answer(item, resp) for item, resp in zip(items, responses, strict=True)]
    random.shuffle(answers)  # Graph promises no order; clients must match by id.
    return GraphResponse(200, {"responses": answers})
