"""A token provider that fails, and batches that fail in unforeseen ways, never lose work.

The app's token provider (``qrpin_gui.auth.AuthService``) raises ``AuthError``; the client
turns any provider failure into a typed Graph error (authentication, consent, offline) with
the original as ``__cause__`` (so the window can still word it as a sign-in problem). The
paced scheduler turns any exception of a batch into that batch's error, so every item comes
back answered.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence

import httpx
import pytest

from qrpin_gui.auth.errors import AuthError, AuthErrorKind
from qrpin_gui.auth.messages import message_for
from qrpin_gui.core.models import FailureReason, FetchKind
from qrpin_gui.graph.client import BatchRequest, GraphClient, GraphClientConfig
from qrpin_gui.graph.errors import (
    AuthenticationError,
    ConsentRequiredError,
    ErrorKind,
    GraphError,
    NetworkUnreachableError,
    UnexpectedClientError,
)
from qrpin_gui.graph.explain import explain
from qrpin_gui.graph.pacing import PacedBatches, SentBatch, SyncBudget
from qrpin_gui.graph.sync import SyncFinished, fetch_status

from .test_paced_batches import ScriptedClient

pytestmark = pytest.mark.asyncio


class FailingTokens:
    """Gives ``good`` tokens, then raises ``error`` (on every later call)."""

    def __init__(self, error: Exception, good: int = 0) -> None:
        self.error = error
        self.good = good
        self.calls: list[tuple[bool, str | None]] = []

    async def get_token(
        self, scopes: Sequence[str], *, force_refresh: bool = False, claims: str | None = None
    ) -> str:
        self.calls.append((force_refresh, claims))
        if len(self.calls) > self.good:
            raise self.error
        return "token"


def client_with(tokens: FailingTokens, handler: object = None) -> tuple[GraphClient, list[str]]:
    sent: list[str] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request.url.path)
        if callable(handler):
            response: httpx.Response = handler(request)
            return response
        return httpx.Response(200, json={"id": "me"})

    client = GraphClient(
        tokens,
        GraphClientConfig(base_url="https://graph.test/beta", proxy="none"),
        transport=httpx.MockTransport(answer),
    )
    return client, sent


@pytest.mark.parametrize(
    ("original", "expected", "kind", "template"),
    [
        (
            AuthError(AuthErrorKind.INTERACTION_REQUIRED, "no token in cache"),
            AuthenticationError,
            ErrorKind.AUTH,
            "signed_out",
        ),
        (AuthError(AuthErrorKind.CANCELLED), AuthenticationError, ErrorKind.AUTH, "signed_out"),
        (AuthError(AuthErrorKind.NO_ACCOUNT), AuthenticationError, ErrorKind.AUTH, "signed_out"),
        (
            AuthError(AuthErrorKind.NETWORK, "ConnectTimeout"),
            NetworkUnreachableError,
            ErrorKind.OFFLINE,
            "offline",
        ),
        (
            AuthError(AuthErrorKind.CONSENT_REQUIRED, scopes=("https://graph/X.Read",)),
            ConsentRequiredError,
            ErrorKind.CONSENT_REQUIRED,
            "consent_required",
        ),
    ],
)
async def test_a_sign_in_error_becomes_a_typed_graph_error_keeping_the_original(
    original: AuthError, expected: type[GraphError], kind: ErrorKind, template: str
) -> None:
    client, sent = client_with(FailingTokens(original))
    async with client:
        with pytest.raises(GraphError) as caught:
            await client.get_json("/me")
    error = caught.value
    assert type(error) is expected and error.kind is kind
    assert error.__cause__ is original  # the window words it as the sign-in problem it is
    assert error.sign_in_kind == original.kind.value
    assert (error.method, error.path) == ("GET", "/beta/me")
    assert sent == []  # nothing went to Graph without a token
    assert explain(error).template_id == template
    assert isinstance(error.__cause__, AuthError)
    assert message_for(error.__cause__) == message_for(original)
    if isinstance(error, ConsentRequiredError):
        assert error.scopes == ("https://graph/X.Read",)


async def test_a_claims_sign_in_that_fails_keeps_the_step_up_for_the_explanation() -> None:
    encoded = base64.b64encode(b'{"access_token":{}}').decode()
    challenge = f'Bearer error="insufficient_claims", claims="{encoded}"'

    def step_up(request: httpx.Request) -> httpx.Response:
        return httpx.Response(401, headers={"WWW-Authenticate": challenge}, json={})

    tokens = FailingTokens(AuthError(AuthErrorKind.CANCELLED), good=1)
    client, sent = client_with(tokens, step_up)
    async with client:
        with pytest.raises(AuthenticationError) as caught:
            await client.get_json("/me")
    assert tokens.calls == [(False, None), (False, '{"access_token":{}}')]
    assert caught.value.claims == '{"access_token":{}}'
    assert explain(caught.value).template_id == "step_up"
    assert len(sent) == 1


async def test_a_refresh_after_401_that_fails_is_typed_too() -> None:
    def expired(request: httpx.Request) -> httpx.Response:
        return httpx.Response(401, json={"error": {"code": "InvalidAuthenticationToken"}})

    tokens = FailingTokens(AuthError(AuthErrorKind.INTERACTION_REQUIRED), good=1)
    client, sent = client_with(tokens, expired)
    async with client:
        with pytest.raises(AuthenticationError) as caught:
            await client.get_json("/me")
    assert tokens.calls == [(False, None), (True, None)]
    assert isinstance(caught.value.__cause__, AuthError)
    assert len(sent) == 1


@pytest.mark.parametrize(
    ("original", "expected"),
    [
        (RuntimeError("provider bug"), AuthenticationError),
        (ConnectionResetError("reset"), NetworkUnreachableError),
    ],
)
async def test_any_other_provider_exception_is_typed(
    original: Exception, expected: type[GraphError]
) -> None:
    client, _ = client_with(FailingTokens(original))
    async with client:
        with pytest.raises(expected) as caught:
            await client.get_json("/me")
    assert caught.value.__cause__ is original
    assert caught.value.sign_in_kind is None


async def test_a_graph_error_from_the_provider_passes_through_unchanged() -> None:
    original = ConsentRequiredError("admin must consent", scopes=("X",))
    client, _ = client_with(FailingTokens(original))
    async with client:
        with pytest.raises(ConsentRequiredError) as caught:
            await client.get_json("/me")
    assert caught.value is original


async def test_a_batch_that_raises_anything_still_comes_back_answered() -> None:
    client = ScriptedClient([KeyError("bug in a library"), 200])
    batches: PacedBatches[str] = PacedBatches(
        client,  # type: ignore[arg-type]
        SyncBudget(max_in_flight=1),
        lambda items: [BatchRequest(i, "GET", f"/users/{i}") for i in items],
    )
    batches.add(["a", "b"])
    seen: list[SentBatch[str]] = []
    async for finished in batches.completed():
        seen.extend(finished)
    assert len(seen) == 1 and seen[0].answered
    error = seen[0].error
    assert isinstance(error, UnexpectedClientError)
    assert isinstance(error.__cause__, KeyError) and error.code == "KeyError"


async def test_status_fetch_with_batches_that_raise_accounts_for_every_user() -> None:
    ids = [f"u{i}" for i in range(45)]
    # First batch breaks once (retried, then fine); a later run breaks every time.
    flaky = ScriptedClient([ValueError("once"), 404, 404, 404])
    events = [e async for e in fetch_status(flaky, ids)]  # type: ignore[arg-type]
    report = events[-1].report if isinstance(events[-1], SyncFinished) else None
    assert report is not None
    assert sorted(r.id for r in report.rows) == sorted(ids)
    assert report.failed == 0 and report.synced == len(ids)

    broken = ScriptedClient([TypeError("always")] * 100)
    budget = SyncBudget(max_transient_attempts=2)
    events = [e async for e in fetch_status(broken, ids, budget=budget)]  # type: ignore[arg-type]
    assert isinstance(events[-1], SyncFinished)
    report = events[-1].report
    assert sorted(r.id for r in report.rows) == sorted(ids) and report.pending == 0
    assert report.failed == len(ids)
    assert {r.fetch.kind for r in report.rows} == {FetchKind.FAILED}
    assert {r.fetch.failure for r in report.rows} == {FailureReason.REJECTED}
