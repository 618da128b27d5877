"""Roster sync: users page by page, then their QR method status through paced ``$batch`` GETs.

:func:`sync_roster` is an async generator of progress events. It ends with
:class:`SyncFinished`, whose report accounts for every user listed: status loaded ("synced"),
not manageable by this admin (judged from roles without asking Graph, or a 403 from Graph),
or failed (with the reason). Cancel it by cancelling the task that iterates it: batches in
flight are cancelled with it. :func:`fetch_status` does the status part for a given set of
users (the rows on screen, a selection).

Both run on the caller's event loop, which in the app is the window's: the work between two
awaits stays small (rows judged in slices of :data:`ROW_CHUNK`, one ``$batch`` of answers at a
time) so the window keeps painting and answering input while 10,000 rows stream in.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import Enum

from qrpin_gui.core.models import (
    FailureReason,
    FetchKind,
    NotManageableReason,
    QrCode,
    QrMethod,
    QrPin,
    RosterRow,
    User,
)
from qrpin_gui.core.parse import ParseError, parse_qr_code, parse_qr_method, parse_qr_pin
from qrpin_gui.graph.client import THROTTLE_STATUSES, BatchRequest, BatchResponse, GraphClient
from qrpin_gui.graph.directory import ManageContext
from qrpin_gui.graph.errors import (
    AuthenticationError,
    ErrorKind,
    GraphError,
    MalformedResponseError,
    NetworkUnreachableError,
    UnexpectedClientError,
)
from qrpin_gui.graph.pacing import AdaptivePacer, BatchTally, PacedBatches, SentBatch, SyncBudget
from qrpin_gui.graph.qr_methods import METHOD_CHILDREN_EXPAND, method_path
from qrpin_gui.graph.users import USER_SELECT, UserPage, list_unit_members, list_users

log = logging.getLogger(__name__)

__all__ = [
    "AllUsers",
    "StatusArrived",
    "Store",
    "SyncBudget",
    "SyncEvent",
    "SyncFinished",
    "SyncReport",
    "UsersListed",
    "UsersPageArrived",
    "failure_reason",
    "fetch_status",
    "sync_roster",
]


# --------------------------------------------------------------------------- scope


@dataclass(frozen=True, slots=True)
class Store:
    """Sync the user members of one administrative unit."""

    unit_id: str


@dataclass(frozen=True, slots=True)
class AllUsers:
    """Sync the whole directory."""


SyncScope = Store | AllUsers


# --------------------------------------------------------------------------- events


@dataclass(frozen=True, slots=True)
class UsersPageArrived:
    """New rows from a page of users (status not fetched yet, or already judged not
    manageable). A large page arrives in slices of at most :data:`ROW_CHUNK` rows, the event
    loop running between them. ``listed``: users so far; ``total``: the expected total when
    known."""

    rows: tuple[RosterRow, ...]
    listed: int
    total: int | None = None


@dataclass(frozen=True, slots=True)
class UsersListed:
    """Listing finished (or stopped at ``error``). ``status_total``: users whose status will
    be fetched."""

    total: int
    status_total: int
    unreadable: int = 0
    error: GraphError | None = None


@dataclass(frozen=True, slots=True)
class StatusArrived:
    """Rows whose status just became final (loaded, not manageable or failed)."""

    rows: tuple[RosterRow, ...]
    done: int
    total: int


@dataclass(frozen=True, slots=True)
class SyncReport:
    """Every user accounted for. ``rows`` are in listing order."""

    rows: tuple[RosterRow, ...]
    synced: int
    not_manageable: int
    failed: int
    unreadable_entries: int = 0
    listing_error: GraphError | None = None
    seconds: float = 0.0
    status_seconds: float = 0.0
    requests: int = 0
    throttled: int = 0
    finished_at: datetime = field(default_factory=lambda: datetime.now(UTC))

    @property
    def total(self) -> int:
        return len(self.rows)

    @property
    def complete(self) -> bool:
        """The listing finished and no user's status failed."""
        return self.listing_error is None and self.failed == 0

    @property
    def pending(self) -> int:
        """Rows with no final state (always 0: the invariant tests assert)."""
        return sum(1 for row in self.rows if row.fetch.kind is FetchKind.UNKNOWN)


@dataclass(frozen=True, slots=True)
class SyncFinished:
    report: SyncReport


SyncEvent = UsersPageArrived | UsersListed | StatusArrived | SyncFinished


# --------------------------------------------------------------------------- error mapping


def failure_reason(error: GraphError) -> FailureReason:
    """The roster's failure reason for a Graph error."""
    return {
        ErrorKind.THROTTLED: FailureReason.THROTTLED,
        ErrorKind.TIMEOUT: FailureReason.TIMEOUT,
        ErrorKind.OFFLINE: FailureReason.NETWORK,
        ErrorKind.OUTCOME_UNKNOWN: FailureReason.NETWORK,
        ErrorKind.AUTH: FailureReason.AUTHENTICATION,
        ErrorKind.CONSENT_REQUIRED: FailureReason.AUTHENTICATION,
        ErrorKind.SERVER: FailureReason.SERVICE_ERROR,
        ErrorKind.MALFORMED: FailureReason.MALFORMED_RESPONSE,
    }.get(error.kind, FailureReason.REJECTED)


# --------------------------------------------------------------------------- status engine


class _Children(Enum):
    INLINE = "inline"  # the method GET answers with its children
    EXPAND = "expand"  # needs ?$expand=...
    CHILD_GETS = "child_gets"  # $expand refused: read each child path


_CHILD_PATHS = (("s", "/standardQRCode"), ("t", "/temporaryQRCode"), ("p", "/pin"))


@dataclass(slots=True)
class _Work:
    index: int  # position in the row list
    user_id: str
    attempts: int = 0
    transient: int = 0
    method: QrMethod | None = None  # set when only the children are still missing


ROW_CHUNK = 250
"""Rows judged, queued or built in one go before the event loop may run again: a window
iterating a sync stays responsive (999 rows judged and shown at once stall it for about
15 ms on a desktop, far more on a busy store PC)."""


async def _breathe() -> None:
    """Let the event loop run (timers, painting, input) before the next chunk of work."""
    await asyncio.sleep(0)


class _StatusEngine:
    """Fetches the method status of a set of rows; yields rows as they become final.

    The sending is :class:`~qrpin_gui.graph.pacing.PacedBatches`; this class judges the
    answers: a method batch reads ``qrCodePinMethod`` (with ``$expand`` once the service
    turned out not to inline the codes and PIN), a child batch reads the three child paths
    of users whose method came without them."""

    def __init__(
        self,
        client: GraphClient,
        rows: list[RosterRow],
        budget: SyncBudget,
        pacer: AdaptivePacer | None = None,
    ) -> None:
        self.rows = rows
        self.budget = budget
        self.children = _Children.INLINE
        self.batches: PacedBatches[_Work] = PacedBatches(
            client, budget, self._requests, pacer=pacer, cost=self._cost, take=self._take
        )
        self.done = 0
        self.total = 0
        self._abort: GraphError | None = None

    # ------------------------------------------------------------ bookkeeping

    def _finish(self, work: _Work, row: RosterRow, finished: list[RosterRow]) -> None:
        self.rows[work.index] = row
        self.done += 1
        finished.append(row)

    def _fail(
        self, work: _Work, error: GraphError, finished: list[RosterRow], at: datetime
    ) -> None:
        row = self.rows[work.index]
        if error.kind is ErrorKind.FORBIDDEN:
            row = row.with_not_manageable(NotManageableReason.DENIED_BY_SERVICE, error.code)
        else:
            row = row.with_failure(failure_reason(error), error.code, at)
        self._finish(work, row, finished)

    def _retry_later(
        self, work: _Work, error: GraphError, finished: list[RosterRow], at: datetime, wait: float
    ) -> None:
        throttled = error.kind is ErrorKind.THROTTLED or error.status in THROTTLE_STATUSES
        if throttled:
            work.attempts += 1
            limit_hit = work.attempts >= self.budget.max_item_attempts
        else:
            work.transient += 1
            limit_hit = work.transient >= self.budget.max_transient_attempts
        if limit_hit:
            self._fail(work, error, finished, at)
        else:
            self.batches.again_later(work, wait)

    # ------------------------------------------------------------ batch shape

    def _cost(self) -> int:
        """Operations per item of the next batch: 3 while child reads are waiting."""
        if self.children is _Children.CHILD_GETS and any(
            w.method is not None for w in self.batches.ready
        ):
            return 3
        return 1

    def _take(self, wanted: int, cost: int) -> list[_Work]:
        """``wanted`` items of one kind: child reads (``cost`` 3) or method reads."""
        ready = self.batches.ready
        batch: list[_Work] = []
        rest: list[_Work] = []
        children = cost > 1
        while ready and len(batch) < wanted:
            work = ready.popleft()
            (batch if (work.method is not None) == children else rest).append(work)
        ready.extendleft(reversed(rest))
        return batch

    def _requests(self, work: list[_Work]) -> list[BatchRequest]:
        if work[0].method is not None:
            return [
                BatchRequest(f"{i}.{key}", "GET", method_path(w.user_id) + child)
                for i, w in enumerate(work)
                for key, child in _CHILD_PATHS
            ]
        expand = "?$expand=" + METHOD_CHILDREN_EXPAND if self.children is _Children.EXPAND else ""
        return [
            BatchRequest(str(i), "GET", method_path(w.user_id) + expand) for i, w in enumerate(work)
        ]

    # ------------------------------------------------------------ answers

    def _handle(self, sent: SentBatch[_Work]) -> list[RosterRow]:
        finished: list[RosterRow] = []
        at = datetime.now(UTC)
        if sent.error is not None:
            self._handle_batch_error(sent, sent.error, finished, at)
            return finished
        answers = sent.answers
        if answers is None:  # PacedBatches answers every batch; guard the invariant anyway
            lost = UnexpectedClientError("a batch came back without an answer")
            self._handle_batch_error(sent, lost, finished, at)
            return finished
        children = sent.items[0].method is not None  # judged before any item is handled
        tally = BatchTally()
        for i, work in enumerate(sent.items):
            if children:
                parts = [answers[f"{i}.{key}"] for key, _ in _CHILD_PATHS]
                self._handle_children(work, parts, tally, finished, at)
                continue
            answer = answers[str(i)]
            wait = tally.busy(answer)
            if wait is None:
                expanded = "$expand=" in sent.requests[i].url
                self._handle_item(work, answer, expanded, finished, at)
            else:
                error = answer.error or GraphError("throttled", status=answer.status)
                self._retry_later(work, error, finished, at, wait)
        self.batches.answered(sent, tally)
        return finished

    def _handle_item(
        self,
        work: _Work,
        answer: BatchResponse,
        expanded: bool,
        finished: list[RosterRow],
        at: datetime,
    ) -> None:
        """One method read (``expanded``: it asked for the children with ``$expand``)."""
        if answer.status == 404:
            self._finish(work, self.rows[work.index].with_method(None, at), finished)
            return
        if answer.status == 400 and expanded and self.children is _Children.EXPAND:
            log.info("$expand on the QR method refused; reading children one by one")
            self.children = _Children.CHILD_GETS
            self.batches.again_now(work)
            return
        if answer.error is not None:
            if answer.error.kind in (ErrorKind.MALFORMED, ErrorKind.SERVER):
                self._retry_later(work, answer.error, finished, at, 0.2 * (work.transient + 1))
            else:
                self._fail(work, answer.error, finished, at)
            return
        try:
            method = parse_qr_method(answer.body, "qrCodePinMethod")
        except ParseError as exc:
            malformed = MalformedResponseError(f"unexpected answer shape: {exc}", status=200)
            self._retry_later(work, malformed, finished, at, 0.2)
            return
        if method.children_loaded:
            self._finish(work, self.rows[work.index].with_method(method, at), finished)
            return
        if expanded or self.children is _Children.CHILD_GETS:
            if self.children is not _Children.CHILD_GETS:
                log.info("$expand on the QR method ignored; reading children one by one")
                self.children = _Children.CHILD_GETS
            work.method = method  # only the children are missing now
        elif self.children is _Children.INLINE:
            log.info("QR method children not inline; asking with $expand")
            self.children = _Children.EXPAND
        self.batches.again_now(work)

    def _handle_children(
        self,
        work: _Work,
        parts: list[BatchResponse],
        tally: BatchTally,
        finished: list[RosterRow],
        at: datetime,
    ) -> None:
        bad = [p for p in parts if p.status not in (200, 404) or (p.error and p.status != 404)]
        first = bad[0] if bad else parts[0]
        wait = tally.busy(first)
        if bad:
            error = first.error or GraphError("child read failed", status=first.status)
            if wait is not None:
                self._retry_later(work, error, finished, at, wait)
            elif error.kind in (ErrorKind.MALFORMED, ErrorKind.SERVER):
                self._retry_later(work, error, finished, at, 0.2)
            else:
                self._fail(work, error, finished, at)
            return
        try:
            standard = _child_code(parts[0])
            temporary = _child_code(parts[1])
            pin = _child_pin(parts[2])
        except ParseError as exc:
            malformed = MalformedResponseError(f"unexpected answer shape: {exc}", status=200)
            self._fail(work, malformed, finished, at)
            return
        assert work.method is not None
        method = work.method.with_children(standard=standard, temporary=temporary, pin=pin)
        self._finish(work, self.rows[work.index].with_method(method, at), finished)

    def _handle_batch_error(
        self, sent: SentBatch[_Work], error: GraphError, finished: list[RosterRow], at: datetime
    ) -> None:
        wait = self.batches.request_failed(sent)
        if wait is not None:  # 429/503: the service did not act; go again after the wait
            for work in sent.items:
                self._retry_later(work, error, finished, at, wait)
            return
        if isinstance(error, NetworkUnreachableError | AuthenticationError) or error.kind in (
            ErrorKind.CONSENT_REQUIRED,
            ErrorKind.OUTCOME_UNKNOWN,
        ):
            # Nothing later can succeed: everyone still waiting fails with this reason.
            self._abort = error
            self.batches.stop()
            for work in sent.items:
                self._fail(work, error, finished, at)
            return
        for work in sent.items:
            self._retry_later(work, error, finished, at, 0.5 * (work.transient + 1))

    def _drain_after_abort(self, finished: list[RosterRow]) -> None:
        assert self._abort is not None
        at = datetime.now(UTC)
        for work in self.batches.drain():
            self._fail(work, self._abort, finished, at)

    # ------------------------------------------------------------ main loop

    async def run(self, indexes: Sequence[int]) -> AsyncIterator[StatusArrived]:
        self.total = len(indexes)
        for start in range(0, len(indexes), ROW_CHUNK * 4):
            if start:
                await _breathe()
            chunk = indexes[start : start + ROW_CHUNK * 4]
            self.batches.add(_Work(i, self.rows[i].user.id) for i in chunk)
        async with contextlib.aclosing(self.batches.completed()) as completed:
            async for sent_batches in completed:
                # Batches that came back together are judged one by one, the loop running
                # in between, so one step never parses more than a batch of answers.
                for n, sent in enumerate(sent_batches):
                    if n:
                        await _breathe()
                    finished = self._handle(sent)
                    if self._abort is not None:
                        self._drain_after_abort(finished)
                    if finished:
                        yield StatusArrived(tuple(finished), self.done, self.total)


def _child_body(answer: BatchResponse) -> object | None:
    """The body of a child GET, or None when the child is absent (404 or a null value)."""
    body: object = answer.body
    if answer.status == 404 or body is None:
        return None
    if isinstance(body, dict) and "id" not in body and "value" in body and body["value"] is None:
        return None
    return body


def _child_code(answer: BatchResponse) -> QrCode | None:
    body = _child_body(answer)
    return None if body is None else parse_qr_code(body, "qrCode")


def _child_pin(answer: BatchResponse) -> QrPin | None:
    body = _child_body(answer)
    return None if body is None else parse_qr_pin(body, "qrPin")


# --------------------------------------------------------------------------- public API


def _row_for(user: User, context: ManageContext, stores: frozenset[str]) -> RosterRow:
    roles = context.roles_of(user.id)
    units = stores | context.units_of(user.id)
    verdict = context.capability.can_manage(user.id, units, roles)
    row = RosterRow(user=user, admin_roles=roles, stores=units, manage=verdict)
    if not verdict.allowed and not verdict.can_read and verdict.denial is not None:
        row = row.with_not_manageable(verdict.denial)
    return row


def _needs_status(row: RosterRow) -> bool:
    return row.fetch.kind is FetchKind.UNKNOWN


async def _status_events(
    client: GraphClient,
    rows: list[RosterRow],
    budget: SyncBudget,
    pacer: AdaptivePacer | None = None,
    indexes: Sequence[int] | None = None,
) -> AsyncIterator[StatusArrived]:
    """Status events for ``indexes`` (default: every row still without a status)."""
    if indexes is None:
        indexes = [i for i, row in enumerate(rows) if _needs_status(row)]
    engine = _StatusEngine(client, rows, budget, pacer)
    async for event in engine.run(indexes):
        yield event


def _report(
    rows: list[RosterRow],
    *,
    unreadable: int,
    listing_error: GraphError | None,
    started: float,
    status_started: float | None,
    client: GraphClient,
    requests_before: int,
    throttled_before: int,
) -> SyncReport:
    now = time.monotonic()
    synced = not_manageable = failed = 0
    for row in rows:  # one pass: this runs on the window's loop for 10,000s of rows
        kind = row.fetch.kind
        if kind is FetchKind.LOADED:
            synced += 1
        elif kind is FetchKind.NOT_MANAGEABLE:
            not_manageable += 1
        elif kind is FetchKind.FAILED:
            failed += 1
    return SyncReport(
        rows=tuple(rows),
        synced=synced,
        not_manageable=not_manageable,
        failed=failed,
        unreadable_entries=unreadable,
        listing_error=listing_error,
        seconds=now - started,
        status_seconds=(now - status_started) if status_started is not None else 0.0,
        requests=client.stats.requests - requests_before,
        throttled=(client.stats.throttled + client.stats.throttled_items) - throttled_before,
    )


async def sync_roster(
    client: GraphClient,
    scope: SyncScope,
    context: ManageContext,
    *,
    budget: SyncBudget | None = None,
    with_status: bool = True,
    select: Sequence[str] = USER_SELECT,
) -> AsyncIterator[SyncEvent]:
    """List the users of ``scope`` page by page, then (``with_status``) fetch the QR method
    status of each one the admin may read; end with :class:`SyncFinished`.

    Users the admin may not read (admin-role holders for an Authentication Administrator,
    users outside the admin's stores) are marked not manageable without a Graph call. With
    ``with_status=False`` the other rows stay "not fetched" (``FetchKind.UNKNOWN``) and the
    report counts them in none of the three totals.
    """
    budget = budget or SyncBudget()
    started = time.monotonic()
    requests_before = client.stats.requests
    throttled_before = client.stats.throttled + client.stats.throttled_items
    rows: list[RosterRow] = []
    unreadable = 0
    listing_error: GraphError | None = None
    stores: frozenset[str] = frozenset({scope.unit_id}) if isinstance(scope, Store) else frozenset()
    pages: AsyncIterator[UserPage] = (
        list_unit_members(client, scope.unit_id, select=select)
        if isinstance(scope, Store)
        else list_users(client, select=select)
    )
    seen: set[str] = set()
    total: int | None = None
    waiting: list[int] = []  # indexes of the rows whose status is to be fetched
    try:
        async for page in pages:
            unreadable += page.unreadable
            if page.count is not None:
                total = page.count
            users = page.users
            # Judge the page in slices, the loop running in between (the page was just
            # parsed in this same step); an empty page still says how far the listing is.
            for start in range(0, max(len(users), 1), ROW_CHUNK):
                if len(users) > ROW_CHUNK:
                    await _breathe()
                new_rows = []
                for user in users[start : start + ROW_CHUNK]:
                    if user.id in seen:
                        continue  # a user repeated across pages is one row
                    seen.add(user.id)
                    row = _row_for(user, context, stores)
                    if _needs_status(row):
                        waiting.append(len(rows))
                    rows.append(row)
                    new_rows.append(row)
                if new_rows or start == 0:
                    yield UsersPageArrived(tuple(new_rows), len(rows), total)
    except GraphError as error:
        log.warning("listing users stopped: %s", error)
        listing_error = error
    except Exception as exc:  # never end a sync without its SyncFinished
        log.exception("listing users failed unexpectedly")
        listing_error = UnexpectedClientError(f"listing users failed: {type(exc).__name__}")
        listing_error.code = type(exc).__name__
        listing_error.__cause__ = exc
    status_total = len(waiting) if with_status else 0
    yield UsersListed(len(rows), status_total, unreadable, listing_error)

    status_started: float | None = None
    if with_status and rows:
        if listing_error is not None and listing_error.kind in (
            ErrorKind.OFFLINE,
            ErrorKind.AUTH,
            ErrorKind.CONSENT_REQUIRED,
        ):
            at = datetime.now(UTC)
            failed = []
            for i in waiting:
                rows[i] = rows[i].with_failure(
                    failure_reason(listing_error), listing_error.code, at
                )
                failed.append(rows[i])
            if failed:
                yield StatusArrived(tuple(failed), len(failed), len(failed))
        else:
            status_started = time.monotonic()
            async for event in _status_events(client, rows, budget, indexes=waiting):
                yield event
    yield SyncFinished(
        _report(
            rows,
            unreadable=unreadable,
            listing_error=listing_error,
            started=started,
            status_started=status_started,
            client=client,
            requests_before=requests_before,
            throttled_before=throttled_before,
        )
    )


BUILD_CHUNK = ROW_CHUNK
""":func:`fetch_status` lets the event loop run after building this many rows (10,000 rows
built in one go stall a window's event loop for about 100 ms)."""


async def fetch_status(
    client: GraphClient,
    targets: Iterable[RosterRow | User | str],
    context: ManageContext | None = None,
    *,
    budget: SyncBudget | None = None,
    pacer: AdaptivePacer | None = None,
) -> AsyncIterator[StatusArrived | SyncFinished]:
    """The QR method status of just these users (rows on screen, a selection).

    ``targets`` are roster rows (their stores and roles are kept), users, or user ids. With a
    ``context``, users the admin may not read are marked without a Graph call. Ends with
    :class:`SyncFinished` whose report covers exactly these users (each once). Pass a
    ``pacer`` to share the pace learned by an earlier phase (the bulk dry run does).
    """
    budget = budget or SyncBudget()
    started = time.monotonic()
    requests_before = client.stats.requests
    throttled_before = client.stats.throttled + client.stats.throttled_items
    rows: list[RosterRow] = []
    seen: set[str] = set()
    for built, target in enumerate(targets, 1):
        if built % BUILD_CHUNK == 0:
            await asyncio.sleep(0)  # let the window breathe between chunks
        if isinstance(target, RosterRow):
            row = target
        else:
            user = target if isinstance(target, User) else User(id=target)
            row = RosterRow(user=user)
        if row.user.id in seen:
            continue
        seen.add(row.user.id)
        if context is not None:
            row = _row_for(row.user, context, row.stores)
        else:
            row = RosterRow(
                user=row.user,
                admin_roles=row.admin_roles,
                stores=row.stores,
                manage=row.manage,
                method=row.method,
                fetched_at=row.fetched_at,
            )
        rows.append(row)
    status_started = time.monotonic()
    async for event in _status_events(client, rows, budget, pacer):
        yield event
    yield SyncFinished(
        _report(
            rows,
            unreadable=0,
            listing_error=None,
            started=started,
            status_started=status_started,
            client=client,
            requests_before=requests_before,
            throttled_before=throttled_before,
        )
    )
