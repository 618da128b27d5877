"""The paced ``$batch`` scheduler shared by the roster sync and bulk work: a 503 (the service
did not act) waits its Retry-After without slowing the pace, operations never processed are
refunded, stop() ends a wait at once, and fetch_status lets the event loop run while it
builds a large selection."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator, Sequence
from typing import Any

import pytest

from qrpin_gui.graph import users
from qrpin_gui.graph.client import BatchRequest, BatchResponse, ClientStats
from qrpin_gui.graph.errors import NetworkUnreachableError, ThrottledError
from qrpin_gui.graph.pacing import (
    AdaptivePacer,
    BatchTally,
    PacedBatches,
    SentBatch,
    SyncBudget,
    paced_reads,
)
from qrpin_gui.graph.sync import SyncFinished, fetch_status

from .conftest import ClientFactory, _control, account, add_rules, faults
from .test_units import FakeClock


def answer(status: int, retry_after: str | None = None) -> BatchResponse:
    headers = {"Retry-After": retry_after} if retry_after is not None else {}
    return BatchResponse("1", status, headers, None)


# --------------------------------------------------------------------------- the pacer


def throttled_pacer(clock: FakeClock) -> AdaptivePacer:
    """A pacer that has learned a rate from one 429."""
    pacer = AdaptivePacer(SyncBudget(), clock)
    pacer.on_answer(pacer.consume(20), ok=20, throttled=0, retry_after=None)
    clock.now += 0.5
    pacer.on_answer(pacer.consume(20), ok=5, throttled=15, retry_after=None)
    assert pacer.rate is not None
    return pacer


def test_refund_gives_back_operations_the_service_never_processed() -> None:
    clock = FakeClock()
    pacer = throttled_pacer(clock)
    size = pacer.batch_size()
    pacer.consume(size)
    waiting = pacer.wait_time(size)
    assert waiting > 0
    pacer.refund(size)
    assert pacer.wait_time(size) < waiting
    # never more than the bucket holds
    pacer.refund(10_000)
    assert pacer.wait_time(size) == 0.0
    pacer.consume(size)
    assert pacer.wait_time(size) > 0


def test_a_whole_batch_503_pauses_for_its_retry_after_without_lowering_the_rate() -> None:
    clock = FakeClock()
    pacer = throttled_pacer(clock)
    rate, events = pacer.rate, pacer.throttle_events
    pacer.on_unavailable(20, retry_after=0.7)
    assert pacer.rate == rate and pacer.throttle_events == events
    assert pacer.wait_time(1) == pytest.approx(0.7)
    clock.now += 0.7
    assert pacer.wait_time(1) == 0.0


def test_the_tally_tells_429_from_503() -> None:
    tally = BatchTally()
    assert tally.busy(answer(200)) is None
    assert tally.busy(answer(404)) is None
    assert tally.busy(answer(429, "0.4")) == pytest.approx(0.4)
    assert tally.busy(answer(429)) == 1.0
    assert tally.busy(answer(503, "2")) == pytest.approx(2.0)
    assert (tally.ok, tally.throttled, tally.unavailable) == (2, 2, 1)
    assert tally.longest == pytest.approx(0.4)  # a 503's wait is not the budget's


# --------------------------------------------------------------------------- the scheduler


class ScriptedClient:
    """A GraphClient stand-in: ``send_batch`` answers from a script (one entry per call:
    an exception to raise, or a status for every item); records what was sent."""

    def __init__(self, script: Sequence[Any] = ()) -> None:
        self.stats = ClientStats()
        self.script = list(script)
        self.sent: list[list[str]] = []
        self.on_send: Any = None

    async def send_batch(
        self, requests: Sequence[BatchRequest], **_kwargs: Any
    ) -> dict[str, BatchResponse]:
        if self.on_send is not None:
            self.on_send()
        self.sent.append([r.id for r in requests])
        self.stats.requests += 1
        step = self.script.pop(0) if self.script else 404
        if isinstance(step, Exception):
            raise step
        return {r.id: BatchResponse(r.id, step, {}, None) for r in requests}


@pytest.mark.asyncio
async def test_paced_reads_wait_out_a_whole_batch_503_and_an_offline_batch_raises() -> None:
    unavailable = ThrottledError("busy", status=503, retry_after=0.05)
    client = ScriptedClient([unavailable, 200])
    pacer = AdaptivePacer(SyncBudget(max_in_flight=1))
    requests = [BatchRequest(str(i), "GET", f"/users/u{i}") for i in range(3)]
    answers = await paced_reads(client, requests, budget=pacer.budget, pacer=pacer)  # type: ignore[arg-type]
    assert {k: a.status for k, a in answers.items()} == {"0": 200, "1": 200, "2": 200}
    assert client.sent == [["0", "1", "2"], ["0", "1", "2"]]
    assert pacer.rate is None and pacer.throttle_events == 0

    offline = ScriptedClient([NetworkUnreachableError("no route")])
    with pytest.raises(NetworkUnreachableError):
        await paced_reads(offline, requests, budget=SyncBudget())  # type: ignore[arg-type]


@pytest.mark.asyncio
async def test_stop_ends_a_retry_after_wait_at_once() -> None:
    client = ScriptedClient([ThrottledError("busy", status=503, retry_after=30.0)])
    batches: PacedBatches[str] = PacedBatches(
        client,  # type: ignore[arg-type]
        SyncBudget(),
        lambda items: [BatchRequest(i, "GET", f"/users/{i}") for i in items],
    )
    batches.add(["a", "b"])
    seen: list[SentBatch[str]] = []
    started = time.monotonic()
    async for finished in batches.completed():
        for sent in finished:
            seen.append(sent)
            wait = batches.request_failed(sent)
            assert wait is not None and wait == pytest.approx(30.0)
            for item in sent.items:
                batches.again_later(item, wait)
        asyncio.get_running_loop().call_later(0.05, batches.stop)
    assert time.monotonic() - started < 5
    assert len(client.sent) == 1 and len(seen) == 1
    assert sorted(batches.drain()) == ["a", "b"]  # never sent again: the caller's to report


@pytest.mark.asyncio
async def test_fetch_status_lets_the_event_loop_run_while_building_a_large_selection() -> None:
    ticks = 0
    running = True

    async def ticker() -> None:
        nonlocal ticks
        while running:
            ticks += 1
            await asyncio.sleep(0)

    ticks_at_first_send: list[int] = []
    client = ScriptedClient()
    client.on_send = lambda: ticks_at_first_send.append(ticks)
    task = asyncio.ensure_future(ticker())
    await asyncio.sleep(0)
    start = ticks
    report = None
    async for event in fetch_status(client, [f"u{i}" for i in range(2_000)]):  # type: ignore[arg-type]
        if isinstance(event, SyncFinished):
            report = event.report
    running = False
    await task
    assert report is not None and report.total == 2_000 and report.pending == 0
    # 2,000 rows are built in chunks of 250: the window's loop ran in between.
    assert ticks_at_first_send[0] - start >= 2_000 // 250 - 1


# --------------------------------------------------------------------------- on the demo tenant


@pytest.fixture
def demo_300(demo_clean: Any) -> Iterator[Any]:
    """The demo tenant with 300 people (back to the default seed afterwards)."""
    demo_clean.reset(users=300)
    yield demo_clean
    demo_clean.reset()


@pytest.mark.asyncio
async def test_status_reads_under_injected_503s_keep_their_pace(
    demo_300: Any, make_client: ClientFactory
) -> None:
    client = make_client(account(demo_300, "itAdmin")["upn"])
    ids = [u.id async for page in users.list_users(client) for u in page.users][:200]
    assert len(ids) == 200
    faults(demo_300, error_rate=0.15, error_status=503, error_retry_after=0.05, seed=11)
    add_rules(  # and surely a few: whole batches answered 503
        demo_300,
        {"method": "POST", "path_regex": r"/\$batch$", "count": 3, "status": 503,
         "retry_after": 0.2},
    )  # fmt: skip
    pacer = AdaptivePacer(SyncBudget())
    started = time.monotonic()
    report = None
    async for event in fetch_status(client, ids, pacer=pacer):
        if isinstance(event, SyncFinished):
            report = event.report
    elapsed = time.monotonic() - started
    counters = _control(demo_300, "GET", "/faults")["counters"]
    assert report is not None and report.synced == 200 and report.failed == 0
    assert counters["errors"] + counters["scripted"] >= 3  # batches answered 503 ...
    assert pacer.throttle_events == 0 and pacer.rate is None  # ... and nothing slowed down
    assert elapsed < 6, elapsed  # was 11.7 s when a 503 lowered the pace
