"""Paced ``$batch`` traffic: the adaptive (AIMD) pacer and the scheduler built on it.

:class:`AdaptivePacer` paces operations per second. Before the service ever throttles, only
the number of batches in flight limits the pace. On the first 429 the pacer takes the success
rate it actually saw over the last second as the service's budget and goes slightly under it;
afterwards every throttled answer (at most once per round trip) multiplies the rate down, and
every clean batch adds a little (additive increase, multiplicative decrease). A
``Retry-After`` pauses all sending until it has passed. Batch sizes follow the rate so that
one batch never asks for much more than the service refills in about half a second.

Only a 429 is the budget speaking. A 503 says the service did not act (briefly unavailable):
it waits its ``Retry-After`` without lowering the rate, and operations the service never
processed (a whole batch answered 503, or no connection at all) are given back to the bucket
(:meth:`AdaptivePacer.refund`).

:class:`PacedBatches` is the one scheduler every paced caller uses (the roster's status
reads, the bulk dry run's reads, the bulk run's writes): work items wait in a queue (now or
after a delay), go 20 to a ``$batch`` with a few batches in flight as the pacer allows, and
come back as :class:`SentBatch` for the caller to judge item by item. :func:`paced_reads`
is the simple case: an answer for every GET.
"""

from __future__ import annotations

import asyncio
import contextlib
import heapq
import logging
import math
import time
from collections import deque
from collections.abc import AsyncGenerator, Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from qrpin_gui.graph.client import BatchRequest, BatchResponse, GraphClient
from qrpin_gui.graph.errors import (
    GraphError,
    NetworkUnreachableError,
    ThrottledError,
    UnexpectedClientError,
)
from qrpin_gui.graph.retry import RetryPolicy

__all__ = [
    "ONE_ATTEMPT",
    "AdaptivePacer",
    "BatchTally",
    "PacedBatches",
    "SentBatch",
    "SyncBudget",
    "paced_reads",
]

log = logging.getLogger(__name__)

T = TypeVar("T")

ONE_ATTEMPT = RetryPolicy(max_attempts=1)
"""A whole-batch 429/503 comes back to the scheduler at once (it paces and requeues)."""

DEFAULT_BUSY_WAIT = 1.0
"""Seconds before an item the service did not act on goes again, without a Retry-After."""


@dataclass(frozen=True, slots=True)
class SyncBudget:
    """The default budget of a roster sync (all of it configurable).

    - ``max_in_flight``: ``$batch`` requests outstanding at once.
    - ``batch_size``: requests per ``$batch`` (Graph allows at most 20).
    - ``initial_rate``: operations per second before any throttling (None: only
      ``max_in_flight`` limits the pace).
    - ``max_rate`` / ``min_rate``: bounds of the adaptive rate (operations per second).
    - ``decrease``: factor applied to the rate on throttling; ``increase_fraction``: the
      additive step per clean batch, as a fraction of the rate (at least 1 op/s).
    - ``batch_seconds``: a batch holds at most ``rate * batch_seconds`` operations.
    - ``max_item_attempts``: attempts per user while throttled (then "failed: throttled").
    - ``max_transient_attempts``: attempts per user after a 5xx, timeout or unreadable answer.
    """

    max_in_flight: int = 6
    batch_size: int = 20
    initial_rate: float | None = None
    max_rate: float | None = None
    min_rate: float = 0.5
    decrease: float = 0.85
    increase_fraction: float = 0.04
    batch_seconds: float = 0.5
    max_item_attempts: int = 10
    max_transient_attempts: int = 3


class AdaptivePacer:
    """Token bucket whose rate adapts to the service's 429s."""

    MEASURE_WINDOW = 1.0
    MIN_SPAN = 0.25

    def __init__(self, budget: SyncBudget, clock: Callable[[], float] = time.monotonic) -> None:
        self.budget = budget
        self._clock = clock
        self.rate: float | None = (
            budget.initial_rate if budget.initial_rate is not None else budget.max_rate
        )
        self._tokens = float(budget.batch_size)
        self._last = clock()
        self._started = self._last
        self.pause_until = 0.0
        self._last_decrease = -math.inf
        self._successes: deque[tuple[float, int]] = deque()
        self.throttle_events = 0

    # ------------------------------------------------------------------ sending

    def batch_size(self) -> int:
        """How many operations the next batch may hold."""
        size = self.budget.batch_size
        if self.rate is not None:
            size = min(size, max(1, int(self.rate * self.budget.batch_seconds)))
        return size

    def _refill(self, now: float) -> None:
        if self.rate is None:
            return
        capacity = max(float(self.batch_size()), self.rate * self.budget.batch_seconds)
        self._tokens = min(capacity, self._tokens + (now - self._last) * self.rate)
        self._last = now

    def wait_time(self, n: int) -> float:
        """Seconds until ``n`` operations may be sent (0: now)."""
        now = self._clock()
        pause = max(0.0, self.pause_until - now)
        if self.rate is None:
            return pause
        self._refill(now)
        missing = n - self._tokens
        return max(pause, missing / self.rate if missing > 0 else 0.0)

    def consume(self, n: int) -> float:
        """Take ``n`` operations; returns the send time to hand back with the answer."""
        now = self._clock()
        self._refill(now)
        if self.rate is not None:
            self._tokens -= n
        return now

    # ------------------------------------------------------------------ feedback

    def _measured_rate(self, now: float) -> float:
        """Operations answered per second over the last second (or since the start, when
        younger; at least a quarter second so that one early answer is no "rate")."""
        while self._successes and self._successes[0][0] < now - self.MEASURE_WINDOW:
            self._successes.popleft()
        span = max(self.MIN_SPAN, min(self.MEASURE_WINDOW, now - self._started))
        return sum(n for _, n in self._successes) / span

    def refund(self, n: int) -> None:
        """Give back ``n`` operations the service never processed (a whole batch answered
        503, or no connection at all): they did not count against its budget."""
        if self.rate is None or n <= 0:
            return
        now = self._clock()
        self._refill(now)
        capacity = max(float(self.batch_size()), self.rate * self.budget.batch_seconds)
        self._tokens = min(capacity, self._tokens + n)

    def on_unavailable(self, n: int, retry_after: float | None) -> None:
        """A whole batch of ``n`` operations answered 503: the service did not act. Sending
        pauses for its ``Retry-After``; the rate stays (a 503 is not the budget speaking) and
        the operations are refunded."""
        wait = retry_after if retry_after is not None else DEFAULT_BUSY_WAIT
        self.pause_until = max(self.pause_until, self._clock() + wait)
        self.refund(n)

    def on_answer(self, sent_at: float, ok: int, throttled: int, retry_after: float | None) -> None:
        """Feedback from one answered batch sent at ``sent_at``: ``ok`` operations answered,
        ``throttled`` answered 429 with the longest ``retry_after`` among them."""
        now = self._clock()
        if ok:
            self._successes.append((now, ok))
        if throttled:
            self.throttle_events += 1
            if retry_after is not None:
                self.pause_until = max(self.pause_until, now + retry_after)
            if sent_at >= self._last_decrease:
                measured = self._measured_rate(now)
                if self.rate is None and measured <= 0:
                    # Nothing answered yet: no evidence of a budget, only of a pause.
                    return
                if self.rate is None:
                    base = measured
                else:
                    base = min(self.rate, measured) if measured > 0 else self.rate
                self.rate = max(self.budget.min_rate, base * self.budget.decrease)
                self._tokens = min(self._tokens, 0.0)
                self._last = now
                self._last_decrease = now
            return
        if self.rate is not None and ok:
            step = max(1.0, self.rate * self.budget.increase_fraction)
            self.rate += step
            if self.budget.max_rate is not None:
                self.rate = min(self.rate, self.budget.max_rate)


# --------------------------------------------------------------------------- the scheduler


@dataclass(slots=True)
class SentBatch(Generic[T]):
    """One ``$batch`` request: its work items, when it left, and what came back (``answers``
    by request id, or the ``error`` of the whole request). Both stay None when the answer
    never arrived (the iteration was cancelled while it was in flight)."""

    items: list[T]
    requests: list[BatchRequest]
    sent_at: float
    ops: int
    answers: dict[str, BatchResponse] | None = None
    error: GraphError | None = None

    @property
    def answered(self) -> bool:
        return self.answers is not None or self.error is not None


@dataclass(slots=True)
class BatchTally:
    """The pacer's view of one answered batch, counted item by item by the caller."""

    ok: int = 0
    throttled: int = 0
    """Items answered 429: the budget speaking (the rate goes down)."""
    unavailable: int = 0
    """Items answered 503: the service did not act (wait, no slow-down)."""
    longest: float | None = None
    """The longest 429 ``Retry-After``."""

    def busy(self, answer: BatchResponse) -> float | None:
        """Count ``answer``. When the service did not act on it (429 or 503), return the
        seconds to wait before sending the item again; otherwise None."""
        if answer.status == 429:
            self.throttled += 1
            wait = answer.retry_after
            if wait is not None:
                self.longest = wait if self.longest is None else max(self.longest, wait)
            return DEFAULT_BUSY_WAIT if wait is None else wait
        if answer.status == 503:
            self.unavailable += 1
            wait = answer.retry_after
            return DEFAULT_BUSY_WAIT if wait is None else wait
        self.ok += 1
        return None


class PacedBatches(Generic[T]):
    """Work items sent as paced ``$batch`` requests, a few in flight at once.

    ``requests(items)`` builds the batch for the items the scheduler takes (called at send
    time). ``cost()`` (operations per item of the next batch, default 1) and
    ``take(wanted, cost)`` (which items go next, default the first ``wanted``) let a caller
    shape batches. Iterate :meth:`completed` to get finished batches; judge each item, then
    put items back with :meth:`again_now` / :meth:`again_later` and report to the pacer with
    :meth:`answered` or :meth:`request_failed`. :meth:`stop` ends the sending (batches in
    flight still come back); :meth:`drain` hands back what was never sent.
    """

    def __init__(
        self,
        client: GraphClient,
        budget: SyncBudget,
        requests: Callable[[list[T]], list[BatchRequest]],
        *,
        pacer: AdaptivePacer | None = None,
        cost: Callable[[], int] | None = None,
        take: Callable[[int, int], list[T]] | None = None,
    ) -> None:
        self.client = client
        self.budget = budget
        self.pacer = pacer or AdaptivePacer(budget)
        self.ready: deque[T] = deque()
        self._requests = requests
        self._cost = cost or (lambda: 1)
        self._take = take or self._take_first
        self._delayed: list[tuple[float, int, T]] = []
        self._seq = 0
        self._in_flight: dict[asyncio.Task[SentBatch[T]], SentBatch[T]] = {}
        self._stopped = False
        self._wake = asyncio.Event()

    # ------------------------------------------------------------------ the queue

    def add(self, items: Iterable[T]) -> None:
        self.ready.extend(items)

    def again_now(self, item: T) -> None:
        """Send ``item`` next."""
        self.ready.appendleft(item)

    def again_later(self, item: T, wait: float) -> None:
        """Send ``item`` again after ``wait`` seconds."""
        self._seq += 1
        heapq.heappush(self._delayed, (time.monotonic() + wait, self._seq, item))

    def drain(self) -> list[T]:
        """Take every item not sent (waiting now or later) out of the queue."""
        items = list(self.ready) + [item for _, _, item in sorted(self._delayed)]
        self.ready.clear()
        self._delayed.clear()
        return items

    @property
    def pending(self) -> bool:
        """Items still wait to be sent."""
        return bool(self.ready or self._delayed)

    def stop(self) -> None:
        """Send nothing more; batches in flight still come back through :meth:`completed`."""
        self._stopped = True
        self._wake.set()

    @property
    def stopped(self) -> bool:
        return self._stopped

    def in_flight(self) -> list[SentBatch[T]]:
        """Batches sent and not handed out yet (after a cancelled iteration: those whose
        answer arrived have ``answered`` set; the others' answers are lost)."""
        return list(self._in_flight.values())

    # ------------------------------------------------------------------ pacer feedback

    def answered(self, sent: SentBatch[T], tally: BatchTally) -> None:
        """Feedback for a batch answered item by item."""
        self.pacer.on_answer(sent.sent_at, tally.ok, tally.throttled, tally.longest)

    def request_failed(self, sent: SentBatch[T]) -> float | None:
        """Feedback for a batch whose whole request failed (``sent.error``). Returns the
        seconds to wait before its items may go again when the service did not act on them
        (429, 503), else None (the caller decides what the error means for its items)."""
        error = sent.error
        if isinstance(error, ThrottledError):
            if error.status == 503:
                self.pacer.on_unavailable(sent.ops, error.retry_after)
            else:
                self.pacer.on_answer(sent.sent_at, 0, sent.ops, error.retry_after)
            return DEFAULT_BUSY_WAIT if error.retry_after is None else error.retry_after
        if isinstance(error, NetworkUnreachableError):
            self.pacer.refund(sent.ops)  # nothing reached the service
        return None

    # ------------------------------------------------------------------ running

    def _take_first(self, wanted: int, _cost: int) -> list[T]:
        return [self.ready.popleft() for _ in range(min(wanted, len(self.ready)))]

    def _release_due(self) -> None:
        now = time.monotonic()
        due: list[T] = []
        while self._delayed and self._delayed[0][0] <= now:
            due.append(heapq.heappop(self._delayed)[2])
        self.ready.extendleft(reversed(due))

    async def _send(self, sent: SentBatch[T]) -> SentBatch[T]:
        """Send one batch. It always comes back answered: any exception (typed or not)
        becomes the batch's ``error``, so no item is ever lost (cancellation still cancels)."""
        try:
            sent.answers = await self.client.send_batch(sent.requests, retry=ONE_ATTEMPT)
        except GraphError as error:
            sent.error = error
        except Exception as exc:
            log.exception("a $batch failed unexpectedly")
            unexpected = UnexpectedClientError(f"the batch failed: {type(exc).__name__}")
            unexpected.code = type(exc).__name__
            unexpected.__cause__ = exc
            sent.error = unexpected
        return sent

    def _send_what_may_go(self) -> float | None:
        """Send batches while the pacer and ``max_in_flight`` allow; returns the seconds
        until the pacer lets the next one go (None: nothing is held back by it)."""
        while self.ready and len(self._in_flight) < self.budget.max_in_flight:
            cost = max(1, self._cost())
            wanted = min(max(1, self.pacer.batch_size() // cost), len(self.ready))
            wait = self.pacer.wait_time(wanted * cost)
            if wait > 0:
                return wait
            items = self._take(wanted, cost) or self._take_first(wanted, cost)
            ops = len(items) * cost
            sent = SentBatch(items, self._requests(items), self.pacer.consume(ops), ops)
            task = asyncio.ensure_future(self._send(sent))
            self._in_flight[task] = sent
        return None

    async def _sleep(self, seconds: float) -> None:
        """Sleep, but wake at once when :meth:`stop` is called."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._wake.wait(), max(0.001, seconds))

    async def completed(self) -> AsyncGenerator[list[SentBatch[T]], None]:
        """Send everything queued (and whatever is queued meanwhile); yield the batches as
        they come back. Ends when nothing is in flight and nothing waits (or after
        :meth:`stop`, once the batches in flight are back). Cancelling the iteration
        cancels the requests in flight (see :meth:`in_flight`)."""
        try:
            while self._in_flight or (not self._stopped and self.pending):
                timeout: float | None = None
                if not self._stopped:
                    self._release_due()
                    timeout = self._send_what_may_go()
                    if self._delayed:
                        until = max(0.0, self._delayed[0][0] - time.monotonic())
                        timeout = until if timeout is None else min(timeout, until)
                if self._in_flight:
                    done, _ = await asyncio.wait(
                        self._in_flight, timeout=timeout, return_when=asyncio.FIRST_COMPLETED
                    )
                    if done:
                        yield [self._in_flight.pop(task) for task in done]
                elif timeout is not None:
                    await self._sleep(timeout)
        finally:
            tasks = [task for task in self._in_flight if not task.done()]
            for task in tasks:
                task.cancel()
            for task in tasks:
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await task


async def paced_reads(
    client: GraphClient,
    requests: Sequence[BatchRequest],
    *,
    budget: SyncBudget,
    pacer: AdaptivePacer | None = None,
) -> dict[str, BatchResponse]:
    """An answer for every request id (an error answer when it could not be read): GETs 20
    to a ``$batch``, paced; items the service did not act on go again after their
    ``Retry-After`` (at most ``budget.max_item_attempts`` times). A whole-request failure
    other than 429/503 (offline, sign-in) raises. Pass the same ``pacer`` to consecutive
    phases so the pace learned in one carries over."""
    attempts: dict[str, int] = {}
    results: dict[str, BatchResponse] = {}

    def build(items: list[BatchRequest]) -> list[BatchRequest]:
        for item in items:
            attempts[item.id] = attempts.get(item.id, 0) + 1
        return items

    batches = PacedBatches(client, budget, build, pacer=pacer)
    batches.add(requests)

    def retry_or_keep(request: BatchRequest, wait: float, answer: BatchResponse) -> None:
        if attempts[request.id] >= budget.max_item_attempts:
            results[request.id] = answer
        else:
            batches.again_later(request, wait)

    async with contextlib.aclosing(batches.completed()) as completed:
        async for finished in completed:
            for sent in finished:
                if sent.error is not None:
                    wait = batches.request_failed(sent)
                    if wait is None:
                        raise sent.error
                    for request in sent.items:
                        retry_or_keep(request, wait, BatchResponse.failed(request.id, sent.error))
                    continue
                assert sent.answers is not None
                tally = BatchTally()
                for request in sent.items:
                    answer = sent.answers[request.id]
                    item_wait = tally.busy(answer)
                    if item_wait is None:
                        results[request.id] = answer
                    else:
                        retry_or_keep(request, item_wait, answer)
                batches.answered(sent, tally)
    return results
