"""$batch answer shapes the demo tenant cannot produce.

httpx.MockTransport is used ONLY here, because the demo tenant (a faithful model) always
answers every batch item exactly once with a status: it cannot leave an item out, repeat an
id, invent an id, omit an item's status or wrap the list in something else. The client must
still account for every item then.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import httpx
import pytest

from qrpin_gui.graph.client import BatchRequest, GraphClient, GraphClientConfig
from qrpin_gui.graph.errors import MalformedResponseError, NotFoundError

pytestmark = pytest.mark.asyncio


class StaticTokens:
    async def get_token(
        self, scopes: Sequence[str], *, force_refresh: bool = False, claims: str | None = None
    ) -> str:
        return "token"


def client_answering(body: object) -> GraphClient:
    def handler(request: httpx.Request) -> httpx.Response:
        assert request.url.path == "/beta/$batch"
        assert request.headers["authorization"] == "Bearer token"
        if isinstance(body, bytes):
            return httpx.Response(200, content=body)
        return httpx.Response(200, json=body)

    return GraphClient(
        StaticTokens(),
        GraphClientConfig(base_url="https://graph.test/beta", proxy="none"),
        transport=httpx.MockTransport(handler),
    )


REQUESTS = [BatchRequest(str(i), "GET", f"/users/u{i}") for i in range(4)]


async def test_missing_repeated_unknown_and_statusless_items_are_all_accounted() -> None:
    body = {
        "responses": [
            {"id": "2", "status": 404, "body": {"error": {"code": "itemNotFound", "message": "x"}}},
            {"id": "0", "status": 200, "body": {"id": "u0"}},
            {"id": "0", "status": 500, "body": {}},  # repeated: the first answer wins
            {"id": "99", "status": 200, "body": {}},  # never asked
            {"id": "3"},  # no status
            "garbage",
        ]
    }
    client = client_answering(body)
    answers = await client.send_batch(REQUESTS)
    await client.aclose()
    assert set(answers) == {"0", "1", "2", "3"}
    assert answers["0"].ok and answers["0"].body == {"id": "u0"}
    assert isinstance(answers["1"].error, MalformedResponseError)  # left out
    assert isinstance(answers["2"].error, NotFoundError)
    assert isinstance(answers["3"].error, MalformedResponseError)  # no status
    assert answers["1"].error.path == "/users/u1"


@pytest.mark.parametrize("body", [{"value": []}, b"not json at all", b"[]"])
async def test_an_answer_without_a_responses_list_fails_each_item(body: object) -> None:
    client = client_answering(body)
    answers = await client.send_batch(REQUESTS)
    await client.aclose()
    assert set(answers) == {"0", "1", "2", "3"}
    assert all(isinstance(a.error, MalformedResponseError) for a in answers.values())


async def test_base64_json_item_bodies_are_decoded() -> None:
    import base64

    encoded = base64.b64encode(json.dumps({"id": "u1"}).encode()).decode()
    body = {
        "responses": [
            {
                "id": str(i),
                "status": 200,
                "headers": {"Content-Type": "application/json"},
                "body": encoded if i == 1 else {"id": f"u{i}"},
            }
            for i in range(4)
        ]
    }
    client = client_answering(body)
    answers = await client.send_batch(REQUESTS)
    await client.aclose()
    assert answers["1"].body == {"id": "u1"}


async def test_batch_limits_are_enforced_before_sending() -> None:
    client = client_answering({"responses": []})
    with pytest.raises(ValueError, match="at most 20"):
        await client.send_batch([BatchRequest(str(i), "GET", "/me") for i in range(21)])
    with pytest.raises(ValueError, match="duplicate"):
        await client.send_batch([BatchRequest("a", "GET", "/me"), BatchRequest("A", "GET", "/me")])
    await client.aclose()
