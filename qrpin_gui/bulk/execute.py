"""Running a checked plan: writes through ``$batch``, paced, resumable, never sent twice.

How the run keeps its promises:

- **Throttle-aware.** Writes go through the scheduler the roster sync uses
  (:class:`qrpin_gui.graph.pacing.PacedBatches`): 20 to a ``$batch``, each item counted
  against the budget by the adaptive AIMD pacer, a few batches in flight at once. An item
  answered 429/503 (the service did not act) goes back in the queue after its
  ``Retry-After``; a 429 also slows the pace, a 503 does not (a whole batch answered 503
  gives its operations back to the budget).
- **Nothing sent twice by accident.** An item is sent again only when the service said it did
  not act (429/503). When the answer is lost after a write was sent (dropped connection,
  timeout, gateway error, an item missing from the answer), the row is "unknown": it is never
  re-sent; after the run its method is re-read and :func:`qrpin_gui.actions.write_applied`
  tells whether it took effect (done, but its one-time secret lost / not applied / still
  unknown).
- **Progress, cancel, resume.** Events report rows as they end. :meth:`BulkRun.cancel` stops
  sending and lets batches in flight finish; rows not sent are "not sent". Each outcome is
  appended to the results file at once, so a re-run (its plan reads that file) skips what is
  done. Cancelling the task itself (window closing) marks rows in flight "unknown".
- **Secrets.** New PINs and badge images go to the :class:`SecretVault` (journalled as issued,
  not yet printed); results, journal and logs never hold one.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import logging
import time
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from qrpin_gui.actions import ActionOutcome, ActionResult, write_applied
from qrpin_gui.core.models import FetchKind, QrCode, QrMethod, QrPin, RosterRow
from qrpin_gui.core.parse import ParseError, parse_qr_code, parse_qr_method, parse_qr_pin
from qrpin_gui.graph.client import BatchRequest, BatchResponse, GraphClient
from qrpin_gui.graph.errors import (
    AuthenticationError,
    ConsentRequiredError,
    ErrorKind,
    GraphError,
    NetworkUnreachableError,
    OutcomeUnknownError,
    ServerError,
)
from qrpin_gui.graph.pacing import AdaptivePacer, BatchTally, PacedBatches, SentBatch, SyncBudget
from qrpin_gui.graph.qr_methods import (
    CodeKind,
    code_path,
    create_method_body,
    method_path,
    pin_path,
    reset_pin_body,
    standard_code_body,
    temporary_code_body,
)
from qrpin_gui.offline.journal import Journal, JournalValueError, Outcome, Person

from .kinds import BulkAction
from .paced import BULK_BUDGET, read_methods
from .plan import PlanItem
from .results import ResultsWriter, RowOutcome, RowResult
from .secrets import SecretVault

log = logging.getLogger(__name__)

__all__ = [
    "BULK_BUDGET",
    "BulkRun",
    "RecheckStarted",
    "RowsFinished",
    "RunEvent",
    "RunFinished",
    "RunSummary",
]

DETAIL_CHECKED = "checked-after-lost-answer"
DETAIL_NEW_BADGE = "new-badge-issued"
DETAIL_CANCELLED = "cancelled"
DETAIL_OFFLINE = "offline"
DETAIL_SIGN_IN = "sign-in-needed"
DETAIL_THROTTLED = "throttled"
DETAIL_ANSWER_LOST = "answer-lost"
DETAIL_UNREADABLE = "answer-unreadable"
DETAIL_RECHECK_FAILED = "recheck-failed"


def write_request(item_id: str, plan_item: PlanItem) -> BatchRequest:
    """The ``$batch`` item that carries out one plan row (the PIN, if any, only in the body);
    paths and bodies are the ones :mod:`qrpin_gui.graph.qr_methods` sends for one person."""
    assert plan_item.row is not None and plan_item.action is not None
    user = plan_item.row.id
    action = plan_item.action
    if action is BulkAction.CREATE:
        assert plan_item.start is not None and plan_item.expire is not None
        body = create_method_body(plan_item.start, plan_item.expire, plan_item.request.pin)
        return BatchRequest(item_id, "PUT", method_path(user), body)
    if action is BulkAction.RESET_PIN:
        return BatchRequest(item_id, "PATCH", pin_path(user), reset_pin_body())
    if action is BulkAction.EXTEND:
        assert plan_item.expire is not None
        body = standard_code_body(plan_item.expire)
        return BatchRequest(item_id, "PATCH", code_path(user, CodeKind.STANDARD), body)
    if action is BulkAction.TEMPORARY:
        assert plan_item.start is not None and plan_item.expire is not None
        body = temporary_code_body(plan_item.start, plan_item.expire)
        return BatchRequest(item_id, "PATCH", code_path(user, CodeKind.TEMPORARY), body)
    return BatchRequest(item_id, "DELETE", method_path(user))


# --------------------------------------------------------------------------- events


@dataclass(frozen=True, slots=True)
class RowsFinished:
    """Rows whose outcome is final (or unknown until the re-check)."""

    results: tuple[RowResult, ...]
    done: int
    total: int


@dataclass(frozen=True, slots=True)
class RecheckStarted:
    """Rows with a lost answer are being re-read (``count`` of them)."""

    count: int


@dataclass(frozen=True, slots=True)
class RunSummary:
    """Every row accounted for: ``counts`` per outcome add up to ``total``."""

    total: int
    counts: dict[RowOutcome, int]
    seconds: float
    writes_sent: int
    throttled_items: int
    cancelled: bool
    results: tuple[RowResult, ...] = ()

    @property
    def ok(self) -> int:
        return self.counts[RowOutcome.DONE] + self.counts[RowOutcome.DONE_SECRET_LOST]

    @property
    def achieved_rate(self) -> float:
        """Completed writes per second over the run."""
        return self.ok / self.seconds if self.seconds > 0 else 0.0


@dataclass(frozen=True, slots=True)
class RunFinished:
    summary: RunSummary


RunEvent = RowsFinished | RecheckStarted | RunFinished


# --------------------------------------------------------------------------- the engine


@dataclass(slots=True)
class _Job:
    item: PlanItem
    attempts: int = 0
    sent_at: datetime | None = None


@dataclass(slots=True)
class _State:
    results: dict[int, RowResult] = field(default_factory=dict)
    unknown: list[_Job] = field(default_factory=list)


def _outcome_for_journal(outcome: RowOutcome) -> Outcome:
    return {
        RowOutcome.DONE: Outcome.SUCCEEDED,
        RowOutcome.DONE_SECRET_LOST: Outcome.SUCCEEDED,
        RowOutcome.FAILED: Outcome.FAILED,
        RowOutcome.UNKNOWN: Outcome.UNKNOWN,
        RowOutcome.NOT_APPLIED: Outcome.FAILED,
        RowOutcome.NOT_SENT: Outcome.CANCELLED,
        RowOutcome.SKIPPED: Outcome.REFUSED,
    }[outcome]


def _header(headers: Any, name: str) -> str | None:
    if not isinstance(headers, dict):
        return None
    for key, value in headers.items():
        if str(key).lower() == name:
            return str(value)
    return None


class BulkRun:
    """One execution of a plan's runnable rows. Iterate :meth:`events` once."""

    def __init__(
        self,
        graph: GraphClient,
        items: Sequence[PlanItem],
        *,
        journal: Journal | None = None,
        actor: Person | None = None,
        results: ResultsWriter | None = None,
        vault: SecretVault | None = None,
        budget: SyncBudget | None = None,
        store_name: Callable[[RosterRow], str] = lambda _row: "",
        recheck: bool = True,
        pacer: AdaptivePacer | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.graph = graph
        self.items = list(items)
        self.journal = journal
        self.actor = actor
        self.results = results
        self.vault = vault if vault is not None else SecretVault(journal, actor)
        self.budget = budget or BULK_BUDGET
        self.store_name = store_name
        self.recheck = recheck
        self.clock = clock
        self.pacer = pacer or AdaptivePacer(self.budget)
        self._stop_reason: str | None = None
        self._state = _State()
        self.writes_sent = 0
        self.throttled_items = 0
        self._batches: PacedBatches[_Job] = PacedBatches(
            graph, self.budget, self._requests, pacer=self.pacer
        )
        self.items_by_index = {item.index: item for item in self.items}

    # ------------------------------------------------------------------ control

    def cancel(self) -> None:
        """Stop sending; batches in flight finish; the rest end "not sent"."""
        if self._stop_reason is None:
            log.info("bulk run: cancel requested")
        self._stop(DETAIL_CANCELLED)

    @property
    def cancelled(self) -> bool:
        return self._stop_reason == DETAIL_CANCELLED

    @property
    def outcomes(self) -> dict[int, RowResult]:
        """Results so far by plan item index."""
        return dict(self._state.results)

    # ------------------------------------------------------------------ results

    def _result(
        self,
        job: _Job,
        outcome: RowOutcome,
        *,
        status: int | None = None,
        error: GraphError | None = None,
        request_id: str | None = None,
        detail: str = "",
        row: RosterRow | None = None,
    ) -> RowResult:
        item = job.item
        user = item.user
        return RowResult(
            index=item.index,
            line=item.request.line,
            user=item.request.user,
            user_id=user.id if user else None,
            upn=user.upn if user else "",
            display_name=user.display_name if user else "",
            action=item.action,
            outcome=outcome,
            http_status=status if status else (error.status if error and error.status else None),
            error_code=error.code if error is not None else None,
            request_id=request_id or (error.request_id if error is not None else None),
            detail=detail,
            at=self.clock(),
            row=row,
        )

    def _record(self, result: RowResult, out: list[RowResult], *, final: bool = True) -> None:
        self._state.results[result.index] = result
        out.append(result)
        if self.results is not None:
            try:
                self.results.write(result)
            except OSError as exc:
                log.warning("results file not written (%s)", type(exc).__name__)
        if final and result.outcome not in (RowOutcome.SKIPPED, RowOutcome.NOT_SENT):
            self._journal(result)  # nothing happened to skipped or unsent rows

    def _journal(self, result: RowResult) -> None:
        if self.journal is None or result.action is None or result.user_id is None:
            return
        item = self.items_by_index.get(result.index)
        store = min(item.row.stores) if item and item.row and item.row.stores else None
        code = result.error_code
        if result.outcome is RowOutcome.NOT_APPLIED:
            code = "notApplied"
        try:
            self.journal.record_action(
                result.action.journal_action,
                _outcome_for_journal(result.outcome),
                actor=self.actor,
                target=Person(result.user_id, result.upn, result.display_name),
                store_id=store,
                http_status=result.http_status,
                error_code=code,
                request_id=result.request_id,
            )
        except (OSError, JournalValueError) as exc:
            log.warning("journal entry not written (%s)", type(exc).__name__)

    # ------------------------------------------------------------------ answers

    def _done(self, job: _Job, answer: BatchResponse, out: list[RowResult]) -> None:
        item = job.item
        assert item.row is not None and item.action is not None
        row = item.row
        action = item.action
        request_id = _header(answer.headers, "request-id")
        person = Person(row.id, row.user.upn, row.user.display_name)
        store = self.store_name(row)
        store_id = min(row.stores) if row.stores else None
        now = self.clock()
        keep = functools.partial(
            self.vault.add,
            index=item.index,
            person=person,
            store=store,
            store_id=store_id,
            action=action,
            issued_at=now,
        )
        detail = ""
        refreshed: RosterRow | None
        try:
            if action is BulkAction.CREATE:
                method = parse_qr_method(answer.body, "qrCodePinMethod")
                code = method.standard
                pin = method.pin
                keep(
                    code=code,
                    pin=pin.code if pin else None,
                    must_change=pin.force_change_next_sign_in if pin else True,
                )
                lost = code is None or code.image is None or pin is None or not pin.code
                refreshed = row.with_method(method, now)
            elif action is BulkAction.RESET_PIN:
                new_pin = parse_qr_pin(answer.body, "qrPin")
                keep(pin=new_pin.code, must_change=new_pin.force_change_next_sign_in)
                lost = not new_pin.code
                refreshed = _with(row, now, pin=new_pin)
            elif action is BulkAction.TEMPORARY:
                temporary = parse_qr_code(answer.body, "qrCode")
                keep(code=temporary, temporary=True)
                lost = temporary.image is None
                refreshed = _with(row, now, temporary=temporary)
            elif action is BulkAction.EXTEND:
                standard = parse_qr_code(answer.body, "qrCode")
                lost = False
                if standard.image is not None:  # the service issued a new code: print it
                    detail = DETAIL_NEW_BADGE
                    keep(code=standard)
                refreshed = _with(row, now, standard=standard)
            else:
                lost = False
                refreshed = row.with_method(None, now)
        except ParseError:
            log.warning("bulk %s: the success answer could not be read", action.value)
            outcome = RowOutcome.DONE_SECRET_LOST if action.issues_secret else RowOutcome.DONE
            self._record(
                self._result(
                    job, outcome, status=answer.status, request_id=request_id,
                    detail=DETAIL_UNREADABLE,
                ),
                out,
            )  # fmt: skip
            return
        outcome = RowOutcome.DONE_SECRET_LOST if lost else RowOutcome.DONE
        self._record(
            self._result(
                job,
                outcome,
                status=answer.status,
                request_id=request_id,
                detail=detail or (DETAIL_UNREADABLE if lost else ""),
                row=refreshed,
            ),
            out,
        )

    def _unknown(self, job: _Job, out: list[RowResult], error: GraphError | None) -> None:
        self._state.unknown.append(job)
        self._record(
            self._result(job, RowOutcome.UNKNOWN, error=error, detail=DETAIL_ANSWER_LOST),
            out,
            final=False,
        )

    def _requeue(
        self, job: _Job, wait: float, error: GraphError | None, out: list[RowResult]
    ) -> None:
        if job.attempts >= self.budget.max_item_attempts:
            self._record(
                self._result(job, RowOutcome.FAILED, error=error, detail=DETAIL_THROTTLED), out
            )
            return
        self._batches.again_later(job, wait)

    def _handle(self, sent: SentBatch[_Job]) -> list[RowResult]:
        out: list[RowResult] = []
        if sent.error is not None:
            self._handle_batch_error(sent, sent.error, out)
            return out
        assert sent.answers is not None
        tally = BatchTally()
        for job in sent.items:
            answer = sent.answers[str(job.item.index)]
            wait = tally.busy(answer)
            if wait is not None:  # 429/503: the service did not act; send it again later
                self.throttled_items += 1
                self._requeue(job, wait, answer.error, out)
            elif answer.ok:
                self._done(job, answer, out)
            elif answer.status in (0, 500, 502, 504) or (
                answer.error is not None and answer.error.kind is ErrorKind.MALFORMED
            ):
                self._unknown(job, out, answer.error)
            else:
                self._record(
                    self._result(job, RowOutcome.FAILED, status=answer.status, error=answer.error),
                    out,
                )
        self._batches.answered(sent, tally)
        return out

    def _handle_batch_error(
        self, sent: SentBatch[_Job], error: GraphError, out: list[RowResult]
    ) -> None:
        jobs = sent.items
        wait = self._batches.request_failed(sent)
        if wait is not None:  # the whole batch answered 429/503: nothing was done
            self.throttled_items += len(jobs)
            for job in jobs:
                self._requeue(job, wait, error, out)
            return
        if isinstance(error, NetworkUnreachableError):
            self._stop(DETAIL_OFFLINE)
            for job in jobs:
                self._record(self._result(job, RowOutcome.NOT_SENT, detail=DETAIL_OFFLINE), out)
            return
        if isinstance(error, AuthenticationError | ConsentRequiredError):
            self._stop(DETAIL_SIGN_IN)
            for job in jobs:
                self._record(
                    self._result(job, RowOutcome.NOT_SENT, error=error, detail=DETAIL_SIGN_IN), out
                )
            return
        if (
            isinstance(error, OutcomeUnknownError | ServerError)
            or error.kind is ErrorKind.MALFORMED
        ):
            log.info("bulk batch answer lost (%s): %d row(s) unknown", error.kind, len(jobs))
            for job in jobs:
                self._unknown(job, out, error)
            return
        for job in jobs:
            self._record(self._result(job, RowOutcome.FAILED, error=error), out)

    def _stop(self, reason: str) -> None:
        if self._stop_reason is None:
            self._stop_reason = reason
        self._batches.stop()

    def _drain_not_sent(self) -> list[RowResult]:
        out: list[RowResult] = []
        pending = self._batches.drain()
        reason = self._stop_reason or DETAIL_CANCELLED
        for job in sorted(pending, key=lambda j: j.item.index):
            self._record(self._result(job, RowOutcome.NOT_SENT, detail=reason), out)
        return out

    # ------------------------------------------------------------------ sending

    def _requests(self, jobs: list[_Job]) -> list[BatchRequest]:
        """The writes of one batch, as it leaves (each job counts an attempt)."""
        moment = self.clock()
        for job in jobs:
            job.attempts += 1
            job.sent_at = moment
        self.writes_sent += len(jobs)
        return [write_request(str(job.item.index), job.item) for job in jobs]

    # ------------------------------------------------------------------ the run

    async def events(self) -> AsyncIterator[RunEvent]:
        """Run the plan; yields progress and ends with :class:`RunFinished`."""
        started = time.monotonic()
        runnable = [item for item in self.items if item.will_run]
        skipped: list[RowResult] = []
        for item in self.items:
            if not item.will_run:
                problem = item.main_problem
                detail = (
                    "skipped-by-manager"
                    if item.skipped
                    else (problem.code.value if problem else "")
                )
                self._record(self._result(_Job(item), RowOutcome.SKIPPED, detail=detail), skipped)
        total = len(self.items)
        if skipped:
            yield RowsFinished(tuple(skipped), len(self._state.results), total)
        self._batches.add(_Job(item) for item in runnable)
        clean_exit = False
        try:
            async with contextlib.aclosing(self._batches.completed()) as completed:
                async for sent_batches in completed:
                    finished: list[RowResult] = []
                    for sent in sent_batches:
                        finished += self._handle(sent)
                    if self._stop_reason is not None and self._batches.pending:
                        finished += self._drain_not_sent()
                    if finished:
                        yield RowsFinished(tuple(finished), len(self._state.results), total)
            drained = self._drain_not_sent()  # stopped while nothing was in flight
            if drained:
                yield RowsFinished(tuple(drained), len(self._state.results), total)
            clean_exit = True
        finally:
            if not clean_exit:
                self._abandon()
        if self._state.unknown and self.recheck:
            yield RecheckStarted(len(self._state.unknown))
            rechecked = await self._recheck()
            if rechecked:
                yield RowsFinished(tuple(rechecked), len(self._state.results), total)
        if self.results is not None:
            self.results.close()
        results = tuple(self._state.results[i] for i in sorted(self._state.results))
        counts = dict.fromkeys(RowOutcome, 0)
        for result in results:
            counts[result.outcome] += 1
        for job in self._state.unknown:  # unknown rows not re-checked: journal them now
            if (
                self._state.results[job.item.index].outcome is RowOutcome.UNKNOWN
                and not self.recheck
            ):
                self._journal(self._state.results[job.item.index])
        summary = RunSummary(
            total=total,
            counts=counts,
            seconds=time.monotonic() - started,
            writes_sent=self.writes_sent,
            throttled_items=self.throttled_items,
            cancelled=self.cancelled,
            results=results,
        )
        log.info(
            "bulk run finished: %s in %.1f s (%d writes sent, %d throttled)",
            {k.value: v for k, v in counts.items() if v},
            summary.seconds,
            self.writes_sent,
            self.throttled_items,
        )
        yield RunFinished(summary)

    def _abandon(self) -> None:
        """The run itself was cancelled: rows in flight are unknown (sent, answer unread),
        the rest not sent. Written and journalled here, synchronously."""
        out: list[RowResult] = []
        for sent in self._batches.in_flight():
            if sent.answered:
                out += self._handle(sent)
                continue
            for job in sent.items:
                self._record(self._result(job, RowOutcome.UNKNOWN, detail=DETAIL_ANSWER_LOST), out)
        self._stop(DETAIL_CANCELLED)
        self._drain_not_sent()
        if self.results is not None:
            self.results.close()
        log.info("bulk run abandoned: %d row(s) in flight marked unknown", len(out))

    async def _recheck(self) -> list[RowResult]:
        """Re-read the method of every unknown row; never re-send the write."""
        jobs = list(self._state.unknown)
        rows = [job.item.row for job in jobs if job.item.row is not None]
        # Rows that cannot be read now (offline, throttled too long) come back failed.
        fresh = await read_methods(self.graph, rows, self.pacer)
        out: list[RowResult] = []
        for job in jobs:
            item = job.item
            assert item.row is not None and item.action is not None
            now_row = fresh.get(item.row.id)
            if now_row is None or now_row.fetch.kind is not FetchKind.LOADED:
                self._record(
                    self._result(job, RowOutcome.UNKNOWN, detail=DETAIL_RECHECK_FAILED), out
                )
                continue
            before = item.row
            probe = ActionResult(
                item.action.journal_action,
                ActionOutcome.UNKNOWN,
                before.id,
                job.sent_at or self.clock(),
                before=before.method,
                before_known=before.fetch.kind is FetchKind.LOADED,
            )
            applied = write_applied(probe, now_row.method)
            if applied is True:
                outcome = (
                    RowOutcome.DONE_SECRET_LOST if item.action.issues_secret else RowOutcome.DONE
                )
            elif applied is False:
                outcome = RowOutcome.NOT_APPLIED
            else:
                outcome = RowOutcome.UNKNOWN
            self._record(self._result(job, outcome, detail=DETAIL_CHECKED, row=now_row), out)
        return out


def _with(
    row: RosterRow,
    now: datetime,
    *,
    pin: QrPin | None = None,
    standard: QrCode | None = None,
    temporary: QrCode | None = None,
) -> RosterRow | None:
    """``row`` with one part of its method replaced (None when the method was not known)."""
    method: QrMethod | None = row.method
    if method is None:
        return None
    changes: dict[str, Any] = {}
    if pin is not None:
        changes["pin"] = pin
    if standard is not None:
        changes["standard"] = standard
    if temporary is not None:
        changes["temporary"] = temporary
    return row.with_method(dataclasses.replace(method, **changes), now)
