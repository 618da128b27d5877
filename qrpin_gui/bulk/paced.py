"""Paced ``$batch`` reads: many GETs, 20 to a batch, a few batches in flight, the pace set by
the adaptive (AIMD) pacer; items answered 429/503 wait their ``Retry-After`` and go again.

Used by the dry run (who is it, what is their current state) and by the re-check after lost
answers. A whole batch answered 503 only pauses (the service is briefly unavailable); a 429
lowers the pace."""

from __future__ import annotations

import asyncio
import heapq
import time
from collections import deque
from collections.abc import Sequence
from datetime import UTC, datetime
from urllib.parse import quote

from qrpin_gui.core.capability import NotManageableReason
from qrpin_gui.core.models import FailureReason, RosterRow
from qrpin_gui.core.parse import ParseError, parse_qr_method
from qrpin_gui.graph.client import THROTTLE_STATUSES, BatchRequest, BatchResponse, GraphClient
from qrpin_gui.graph.errors import ErrorKind, GraphError, ThrottledError
from qrpin_gui.graph.pacing import AdaptivePacer, SyncBudget
from qrpin_gui.graph.retry import RetryPolicy
from qrpin_gui.graph.sync import SyncFinished, failure_reason, fetch_status

__all__ = ["BULK_BUDGET", "paced_reads", "read_methods", "whole_batch_throttled"]

_ONE_ATTEMPT = RetryPolicy(max_attempts=1)

BULK_BUDGET = SyncBudget(
    max_in_flight=4, batch_size=20, increase_fraction=0.15, max_item_attempts=40
)
"""The pace of bulk reads and writes: adaptive (AIMD) within these bounds; it climbs back
faster after a slow-down than a roster sync does (a bulk run is a burst of known size)."""


def whole_batch_throttled(
    pacer: AdaptivePacer, sent_at: float, items: int, error: ThrottledError
) -> None:
    """Feedback for a whole ``$batch`` answered 429 or 503. A 429 is the budget speaking (the
    rate goes down); a 503 says the service is briefly unavailable, not that the pace is too
    high: only its ``Retry-After`` pause applies."""
    if error.status == 429:
        pacer.on_answer(sent_at, 0, items, error.retry_after)
        return
    wait = error.retry_after if error.retry_after is not None else 1.0
    pacer.pause_until = max(pacer.pause_until, time.monotonic() + wait)


async def paced_reads(
    graph: GraphClient,
    requests: Sequence[BatchRequest],
    budget: SyncBudget,
    pacer: AdaptivePacer | None = None,
) -> dict[str, BatchResponse]:
    """An answer for every request id (an error answer when it could not be read). A
    whole-request failure other than throttling (offline, sign-in) raises. Pass the same
    ``pacer`` to consecutive phases so the pace learned in one carries over."""
    pacer = pacer or AdaptivePacer(budget)
    ready: deque[tuple[BatchRequest, int]] = deque((r, 0) for r in requests)
    delayed: list[tuple[float, int, BatchRequest, int]] = []
    results: dict[str, BatchResponse] = {}
    in_flight: dict[
        asyncio.Task[dict[str, BatchResponse]], tuple[list[tuple[BatchRequest, int]], float]
    ] = {}
    seq = 0

    def later(request: BatchRequest, attempts: int, wait: float, answer: BatchResponse) -> None:
        nonlocal seq
        if attempts >= budget.max_item_attempts:
            results[request.id] = answer
            return
        seq += 1
        heapq.heappush(delayed, (time.monotonic() + wait, seq, request, attempts))

    try:
        while ready or delayed or in_flight:
            now = time.monotonic()
            while delayed and delayed[0][0] <= now:
                _, _, request, attempts = heapq.heappop(delayed)
                ready.appendleft((request, attempts))
            timeout: float | None = None
            while ready and len(in_flight) < budget.max_in_flight:
                wanted = min(pacer.batch_size(), len(ready))
                wait = pacer.wait_time(wanted)
                if wait > 0:
                    timeout = wait
                    break
                batch = [ready.popleft() for _ in range(wanted)]
                sent_at = pacer.consume(len(batch))
                task = asyncio.ensure_future(  # noqa: RUF006 - kept in in_flight
                    graph.send_batch([r for r, _ in batch], retry=_ONE_ATTEMPT)
                )
                in_flight[task] = ([(r, n + 1) for r, n in batch], sent_at)
            if delayed:
                until = max(0.0, delayed[0][0] - time.monotonic())
                timeout = until if timeout is None else min(timeout, until)
            if not in_flight:
                if timeout is not None:
                    await asyncio.sleep(max(0.001, timeout))
                continue
            done, _ = await asyncio.wait(
                in_flight, timeout=timeout, return_when=asyncio.FIRST_COMPLETED
            )
            for task in done:
                batch, sent_at = in_flight.pop(task)
                try:
                    answers = task.result()
                except ThrottledError as error:
                    whole_batch_throttled(pacer, sent_at, len(batch), error)
                    for request, attempts in batch:
                        later(
                            request,
                            attempts,
                            error.retry_after or 1.0,
                            BatchResponse.failed(request.id, error),
                        )
                    continue
                except GraphError:
                    raise
                ok = throttled = 0
                longest: float | None = None
                for request, attempts in batch:
                    answer = answers[request.id]
                    if answer.status in THROTTLE_STATUSES:
                        throttled += 1
                        item_wait = answer.retry_after
                        if item_wait is not None:
                            longest = item_wait if longest is None else max(longest, item_wait)
                        later(request, attempts, 1.0 if item_wait is None else item_wait, answer)
                    else:
                        ok += 1
                        results[request.id] = answer
                pacer.on_answer(sent_at, ok, throttled, longest)
    finally:
        for task in in_flight:
            task.cancel()
    return results


async def read_methods(
    graph: GraphClient,
    rows: Sequence[RosterRow],
    budget: SyncBudget,
    pacer: AdaptivePacer | None = None,
) -> dict[str, RosterRow]:
    """Each row with its QR method read now (paced ``$batch`` GETs): loaded (``None`` method
    = none), not manageable (403) or failed. Rows whose method came without its codes and PIN
    are completed by :func:`qrpin_gui.graph.sync.fetch_status` (``$expand`` or child reads)."""
    at = datetime.now(UTC)
    requests = [
        BatchRequest(
            str(i), "GET", f"/users/{quote(row.id, safe='')}/authentication/qrCodePinMethod"
        )
        for i, row in enumerate(rows)
    ]
    answers = await paced_reads(graph, requests, budget, pacer)
    out: dict[str, RosterRow] = {}
    incomplete: list[RosterRow] = []
    for i, row in enumerate(rows):
        answer = answers[str(i)]
        if answer.status == 404:
            out[row.id] = row.with_method(None, at)
            continue
        error = answer.error
        if error is not None or not answer.ok:
            error = error or GraphError("unreadable", status=answer.status)
            if error.kind is ErrorKind.FORBIDDEN:
                out[row.id] = row.with_not_manageable(
                    NotManageableReason.DENIED_BY_SERVICE, error.code
                )
            else:
                out[row.id] = row.with_failure(failure_reason(error), error.code, at)
            continue
        try:
            method = parse_qr_method(answer.body, "qrCodePinMethod")
        except ParseError:
            out[row.id] = row.with_failure(FailureReason.MALFORMED_RESPONSE, None, at)
            continue
        if method.children_loaded:
            out[row.id] = row.with_method(method, at)
        else:
            incomplete.append(row)
    if incomplete:
        async for event in fetch_status(graph, incomplete, budget=budget):
            if isinstance(event, SyncFinished):
                out.update({r.id: r for r in event.report.rows})
    return out
