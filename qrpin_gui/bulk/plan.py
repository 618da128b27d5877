"""The dry run: every row checked before anything is sent, with a verdict per row.

For each request the plan finds the person (roster rows first, then ``GET /users/{ref}``
through ``$batch``), judges whether the signed-in admin may manage them (their stores, admin
roles), reads their current QR method when the roster's copy is missing or stale (paced
``$batch`` GETs), applies the PIN and lifetime rules, and checks that the current state allows
the action. Rows done in an earlier run (results file) are skipped.

Verdicts: READY, WARNING (runs, with a note), PROBLEM (does not run until fixed), SKIP
(nothing to do, a repeated line, or skipped by the manager). A problem that has a one-click
fix (use the latest allowed expiry; include a row an earlier run could not confirm) can be
fixed in place with :meth:`BulkPlan.apply_fix`.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, tzinfo
from enum import Enum
from urllib.parse import quote

from qrpin_gui.core import pins
from qrpin_gui.core.capability import NotManageableReason
from qrpin_gui.core.models import (
    MAX_STANDARD_LIFETIME_DAYS,
    MAX_TEMPORARY_LIFETIME_HOURS,
    MIN_STANDARD_LIFETIME_DAYS,
    MIN_TEMPORARY_LIFETIME_HOURS,
    FetchKind,
    Policy,
    RosterRow,
    User,
)
from qrpin_gui.core.parse import ParseError, parse_user
from qrpin_gui.graph.client import BatchRequest, GraphClient
from qrpin_gui.graph.directory import ManageContext
from qrpin_gui.graph.errors import ErrorKind, GraphError
from qrpin_gui.graph.pacing import AdaptivePacer, SyncBudget, paced_reads
from qrpin_gui.graph.users import USER_SELECT

from .csv_input import BulkRequest
from .kinds import BulkAction
from .paced import BULK_BUDGET, read_methods
from .problems import Fix, Problem, ProblemCode, Severity
from .results import PreviousResults, RowOutcome

log = logging.getLogger(__name__)

__all__ = [
    "ACTIVATION_GRACE",
    "BulkPlan",
    "PlanContext",
    "PlanItem",
    "Verdict",
    "build_plan",
    "requests_for_rows",
]

ACTIVATION_GRACE = timedelta(minutes=5)
MAX_LIFETIME = timedelta(days=MAX_STANDARD_LIFETIME_DAYS)

_NOT_MANAGEABLE_TEXT = {
    NotManageableReason.ADMIN_ROLE_HOLDER: (
        "This person holds an admin role; only a Privileged Authentication Administrator can "
        "manage their sign-in."
    ),
    NotManageableReason.OUTSIDE_STORES: "This person is not in a store you manage.",
    NotManageableReason.READ_ONLY_ROLE: "Your role can read QR sign-in but not change it.",
    NotManageableReason.NO_ADMIN_ROLE: "Your account holds no role that manages QR sign-in.",
    NotManageableReason.DENIED_BY_SERVICE: (
        "Microsoft Graph refused access to this person's sign-in methods."
    ),
}

_PIN_RULE_TEXT = {
    pins.PinProblem.NOT_ASCII_DIGITS: "digits 0-9 only",
    pins.PinProblem.TOO_SHORT: "too short",
    pins.PinProblem.TOO_LONG: "at most 20 digits",
    pins.PinProblem.CONTAINS_SEQUENCE: "no 0123456789 or 9876543210",
    pins.PinProblem.REPEATED_GROUP: "no repeated 2- or 3-digit group",
}


class Verdict(Enum):
    READY = "ready"
    WARNING = "warning"
    PROBLEM = "problem"
    SKIP = "skip"


@dataclass(slots=True)
class PlanItem:
    """One row of the plan. ``start`` / ``expire`` are the resolved times the write will send
    (create, extend, temporary); ``latest_expire`` is the limit the CLAMP fix uses."""

    index: int
    request: BulkRequest
    problems: list[Problem] = field(default_factory=list)
    user: User | None = None
    row: RosterRow | None = None
    start: datetime | None = None
    expire: datetime | None = None
    latest_expire: datetime | None = None
    skipped: bool = False
    """Skipped by the manager."""
    included: bool = False
    """INCLUDE_ANYWAY applied."""

    @property
    def action(self) -> BulkAction | None:
        return self.request.action

    @property
    def label(self) -> str:
        if self.user is not None:
            return self.user.display_name or self.user.upn or self.request.user
        return self.request.user

    def _active_problems(self) -> list[Problem]:
        if not self.included:
            return self.problems
        return [p for p in self.problems if p.fix is not Fix.INCLUDE_ANYWAY]

    @property
    def verdict(self) -> Verdict:
        if self.skipped:
            return Verdict.SKIP
        severities = {p.severity for p in self._active_problems()}
        if Severity.ERROR in severities:
            return Verdict.PROBLEM
        if Severity.SKIP in severities:
            return Verdict.SKIP
        if Severity.WARNING in severities:
            return Verdict.WARNING
        return Verdict.READY

    @property
    def will_run(self) -> bool:
        return self.verdict in (Verdict.READY, Verdict.WARNING)

    @property
    def fixes(self) -> tuple[Fix, ...]:
        return tuple(p.fix for p in self._active_problems() if p.fix is not None)

    @property
    def main_problem(self) -> Problem | None:
        """The most important problem (errors first, then skips, then warnings)."""
        order = {Severity.ERROR: 0, Severity.SKIP: 1, Severity.WARNING: 2}
        active = self._active_problems()
        return min(active, key=lambda p: order[p.severity]) if active else None


@dataclass(slots=True)
class BulkPlan:
    """The checked rows, the file-level problems, and the manager's skips and fixes."""

    items: list[PlanItem]
    file_problems: list[Problem] = field(default_factory=list)
    checked_at: datetime = field(default_factory=lambda: datetime.now(UTC))

    def counts(self) -> dict[Verdict, int]:
        counts = dict.fromkeys(Verdict, 0)
        for item in self.items:
            counts[item.verdict] += 1
        return counts

    def runnable(self) -> list[PlanItem]:
        return [item for item in self.items if item.will_run]

    def skip(self, index: int, skipped: bool = True) -> None:
        self.items[index].skipped = skipped

    def apply_fix(self, index: int, fix: Fix) -> bool:
        """Apply a one-click fix; True when it changed the row."""
        item = self.items[index]
        if fix not in item.fixes:
            return False
        if fix is Fix.INCLUDE_ANYWAY:
            item.included = True
            return True
        if fix is Fix.CLAMP_EXPIRY and item.latest_expire is not None:
            item.expire = item.latest_expire
            item.problems = [p for p in item.problems if p.code is not ProblemCode.EXPIRY_TOO_LATE]
            return True
        return False

    def apply_fix_all(self, fix: Fix) -> int:
        return sum(
            1 for i, item in enumerate(self.items) if fix in item.fixes and self.apply_fix(i, fix)
        )


@dataclass(frozen=True, slots=True)
class PlanContext:
    """What the dry run needs. ``manage`` None: the service judges (403 on the read).
    ``known_rows``: the roster (trusted when loaded within ``stale_after``; ``None`` = always
    re-read). ``tz``: the zone dates are shown in."""

    graph: GraphClient | None
    policy: Policy = field(default_factory=Policy.default)
    manage: ManageContext | None = None
    known_rows: Sequence[RosterRow] = ()
    previous: PreviousResults | None = None
    offline_reason: str = ""
    now: datetime | None = None
    stale_after: timedelta | None = timedelta(minutes=10)
    budget: SyncBudget | None = None
    pacer: AdaptivePacer | None = None
    """Shared with the run that follows, so it starts at the pace the dry run learned."""
    tz: tzinfo | None = None


def requests_for_rows(
    rows: Iterable[RosterRow],
    action: BulkAction,
    *,
    start: datetime | None = None,
    expire: datetime | None = None,
    days: int | None = None,
    hours: float | None = None,
) -> list[BulkRequest]:
    """Requests for a roster selection: the same action and parameters for each person."""
    return [
        BulkRequest(
            line=None,
            user=row.id,
            action=action,
            start=start,
            expire=expire,
            days=days,
            hours=hours,
        )
        for row in rows
    ]


# --------------------------------------------------------------------------- helpers


def _fmt(moment: datetime | None, tz: tzinfo) -> str:
    if moment is None:
        return "?"
    return moment.astimezone(tz).strftime("%Y-%m-%d %H:%M")


def _error_reason(error: GraphError) -> str:
    return {
        ErrorKind.THROTTLED: "the service is busy",
        ErrorKind.TIMEOUT: "no answer in time",
        ErrorKind.OFFLINE: "offline",
        ErrorKind.AUTH: "sign-in expired",
        ErrorKind.FORBIDDEN: "access denied",
        ErrorKind.SERVER: "service error",
        ErrorKind.MALFORMED: "unreadable answer",
    }.get(error.kind, error.code or error.kind.value)


ProgressCallback = Callable[[str, int, int], None]
"""(phase, done, total): phase is "lookup" or "status"."""


async def _lookup_users(
    graph: GraphClient, refs: list[str], budget: SyncBudget, pacer: AdaptivePacer
) -> dict[str, User | Problem]:
    """Look the references up through paced ``$batch`` GETs."""
    select = ",".join(USER_SELECT)
    requests = [
        BatchRequest(str(i), "GET", f"/users/{quote(ref, safe='@')}?$select={select}")
        for i, ref in enumerate(refs)
    ]
    answers = await paced_reads(graph, requests, budget=budget, pacer=pacer)
    found: dict[str, User | Problem] = {}
    for i, ref in enumerate(refs):
        answer = answers[str(i)]
        if answer.status in (400, 404):
            found[ref] = Problem.of(ProblemCode.USER_NOT_FOUND, value=ref[:80])
            continue
        if answer.error is not None:
            found[ref] = Problem.of(ProblemCode.LOOKUP_FAILED, reason=_error_reason(answer.error))
            continue
        try:
            found[ref] = parse_user(answer.body, "user")
        except ParseError:
            found[ref] = Problem.of(ProblemCode.LOOKUP_FAILED, reason="unreadable answer")
    return found


def _fresh(row: RosterRow, now: datetime, stale_after: timedelta | None) -> bool:
    if stale_after is None or row.fetch.kind is not FetchKind.LOADED or row.fetched_at is None:
        return False
    return row.fetched_at >= now - stale_after


# --------------------------------------------------------------------------- the checks


class _Checker:
    def __init__(self, policy: Policy, now: datetime, tz: tzinfo) -> None:
        self.policy = policy
        self.now = now
        self.tz = tz

    def _start(self, item: PlanItem) -> datetime | None:
        request = item.request
        if request.start is None:
            return self.now
        start = request.start
        if request.start_is_date:
            local_today = self.now.astimezone(self.tz).date()
            day = start.astimezone(self.tz).date() if start.tzinfo else start.date()
            if day == local_today:
                return self.now
            if day < local_today:
                item.problems.append(Problem.of(ProblemCode.START_IN_PAST, start=day.isoformat()))
                return None
            return start
        if start < self.now - ACTIVATION_GRACE:
            item.problems.append(Problem.of(ProblemCode.START_IN_PAST, start=_fmt(start, self.tz)))
            return None
        return max(start, self.now)

    def _standard_expiry(self, item: PlanItem, start: datetime, default: datetime | None) -> None:
        """Resolve and check a standard code's expiry from ``start`` (the code's start)."""
        request = item.request
        latest = start + MAX_LIFETIME
        item.latest_expire = latest
        if request.expire is not None:
            expire = request.expire
            if (
                request.expire_is_date
                and expire > latest
                and (expire.astimezone(self.tz).date() == latest.astimezone(self.tz).date())
            ):
                expire = latest  # "until that day": the latest allowed moment of it
        elif request.days is not None:
            base = start if item.action is BulkAction.CREATE else self.now
            expire = base + timedelta(days=request.days)
        elif default is not None:
            expire = default
        else:
            expire = latest  # extend "as far as allowed"
        item.expire = expire
        if item.expire <= self.now:
            item.problems.append(
                Problem.of(ProblemCode.EXPIRY_IN_PAST, expire=_fmt(item.expire, self.tz))
            )
        elif item.expire - start < timedelta(days=MIN_STANDARD_LIFETIME_DAYS):
            item.problems.append(Problem.of(ProblemCode.LIFETIME_TOO_SHORT))
        elif item.expire > latest:
            item.problems.append(
                Problem.of(ProblemCode.EXPIRY_TOO_LATE, latest=_fmt(latest, self.tz))
            )

    def check(self, item: PlanItem) -> None:
        row = item.row
        action = item.action
        if row is None or action is None:
            return
        method = row.method
        if action.needs_method and method is None:
            code = (
                ProblemCode.NOTHING_TO_DELETE
                if action is BulkAction.DELETE
                else ProblemCode.NO_METHOD
            )
            item.problems.append(Problem.of(code))
            return
        if row.user.account_enabled is False and action is not BulkAction.DELETE:
            item.problems.append(Problem.of(ProblemCode.ACCOUNT_DISABLED))
        if action is BulkAction.CREATE:
            if method is not None:
                item.problems.append(Problem.of(ProblemCode.METHOD_EXISTS))
                return
            start = self._start(item)
            if start is None:
                return
            item.start = start
            default = start + timedelta(days=self.policy.standard_lifetime_days)
            self._standard_expiry(item, start, default)
            pin = item.request.pin
            if pin is not None:
                broken = pins.check(pin, self.policy.pin_length)
                if broken:
                    minimum = pins.clamp_min_length(self.policy.pin_length)
                    rules = ", ".join(
                        f"at least {minimum} digits"
                        if p is pins.PinProblem.TOO_SHORT
                        else _PIN_RULE_TEXT[p]
                        for p in broken
                    )
                    item.problems.append(Problem.of(ProblemCode.PIN_RULES, rules=rules))
        elif action is BulkAction.EXTEND:
            assert method is not None
            standard = method.standard
            if standard is None:
                if method.children_loaded:
                    item.problems.append(Problem.of(ProblemCode.NO_STANDARD_CODE))
                else:
                    item.problems.append(
                        Problem.of(ProblemCode.STATUS_UNKNOWN, reason="details missing")
                    )
                return
            if standard.is_expired(self.now):
                item.problems.append(
                    Problem.of(ProblemCode.STANDARD_EXPIRED, expired=_fmt(standard.expire, self.tz))
                )
                return
            start = standard.start or standard.created or method.created or self.now
            self._standard_expiry(item, start, None)
            if (
                standard.expire is not None
                and item.expire is not None
                and item.expire <= standard.expire
                and not any(p.severity is Severity.ERROR for p in item.problems)
            ):
                item.problems.append(
                    Problem.of(ProblemCode.EXPIRY_NOT_LATER, current=_fmt(standard.expire, self.tz))
                )
        elif action is BulkAction.TEMPORARY:
            assert method is not None
            live = method.temporary
            if live is not None and not live.is_expired(self.now):
                item.problems.append(
                    Problem.of(ProblemCode.TEMPORARY_EXISTS, until=_fmt(live.expire, self.tz))
                )
                return
            start = self._start(item)
            if start is None:
                return
            request = item.request
            if request.hours is not None:
                expire = start + timedelta(hours=request.hours)
            elif request.expire is not None:
                expire = request.expire
            else:
                return  # the file's own problem (TEMPORARY_NO_END) already says so
            item.start, item.expire = start, expire
            span = expire - start
            if not (
                timedelta(hours=MIN_TEMPORARY_LIFETIME_HOURS)
                <= span
                <= timedelta(hours=MAX_TEMPORARY_LIFETIME_HOURS)
            ):
                item.problems.append(Problem.of(ProblemCode.TEMPORARY_SPAN))


# --------------------------------------------------------------------------- the dry run


def _mark_same_person(items: list[PlanItem]) -> None:
    first: dict[str, PlanItem] = {}
    for item in items:
        if item.user is None or item.request.is_duplicate:
            continue
        if any(p.code is ProblemCode.SAME_PERSON_TWICE for p in item.problems):
            continue
        earlier = first.get(item.user.id)
        if earlier is None:
            first[item.user.id] = item
            continue
        code = (
            ProblemCode.DUPLICATE_ROW
            if earlier.action is item.action
            and dataclasses.replace(earlier.request, line=None, user="", problems=())
            == dataclasses.replace(item.request, line=None, user="", problems=())
            else ProblemCode.SAME_PERSON_TWICE
        )
        where = earlier.request.line if earlier.request.line is not None else earlier.index + 1
        item.problems.append(Problem.of(code, line=where))


def _verdict_row(row: RosterRow, manage: ManageContext | None) -> RosterRow:
    if manage is None or row.manage is not None:
        return row
    units = row.stores | manage.units_of(row.id)
    roles = row.admin_roles or manage.roles_of(row.id)
    verdict = manage.capability.can_manage(row.id, units, roles)
    return row.with_memberships(admin_roles=roles, stores=units, manage=verdict)


async def build_plan(
    requests: Sequence[BulkRequest],
    ctx: PlanContext,
    *,
    file_problems: Sequence[Problem] = (),
    progress: ProgressCallback | None = None,
) -> BulkPlan:
    """Check every request (a read-only dry run) and return the plan."""
    now = ctx.now or datetime.now(UTC)
    tz = ctx.tz or datetime.now().astimezone().tzinfo or UTC
    items = [PlanItem(i, r, list(r.problems)) for i, r in enumerate(requests)]
    plan = BulkPlan(items, list(file_problems), checked_at=now)
    live = [i for i in items if i.request.user and not i.request.has_errors]
    live = [i for i in live if not i.request.is_duplicate]
    if ctx.offline_reason or ctx.graph is None:
        for item in live:
            item.problems.append(Problem.of(ProblemCode.OFFLINE))
        return plan
    graph = ctx.graph
    budget = ctx.budget or BULK_BUDGET
    pacer = ctx.pacer or AdaptivePacer(budget)

    # 1. who is it: roster rows first, then the directory
    by_id = {row.id.casefold(): row for row in ctx.known_rows}
    by_upn = {row.user.upn.casefold(): row for row in ctx.known_rows if row.user.upn}
    unknown: list[str] = []
    for item in live:
        key = item.request.user.casefold()
        row = by_id.get(key) or by_upn.get(key)
        if row is not None:
            item.row = row
            item.user = row.user
        elif item.request.user not in unknown:
            unknown.append(item.request.user)
    if unknown:
        if progress:
            progress("lookup", 0, len(unknown))
        try:
            found = await _lookup_users(graph, unknown, budget, pacer)
        except GraphError as error:
            found = dict.fromkeys(
                unknown, Problem.of(ProblemCode.LOOKUP_FAILED, reason=_error_reason(error))
            )
        if progress:
            progress("lookup", len(unknown), len(unknown))
        for item in live:
            if item.user is not None:
                continue
            answer = found.get(item.request.user)
            if isinstance(answer, User):
                item.user = answer
                known = by_id.get(answer.id.casefold())
                item.row = known if known is not None else RosterRow(user=answer)
            elif answer is not None:
                item.problems.append(answer)
    _mark_same_person(items)

    # 2. may this admin manage them; done before?
    to_read: dict[str, RosterRow] = {}
    for item in live:
        if item.row is None or _blocked(item):
            continue
        row = _verdict_row(item.row, ctx.manage)
        item.row = row
        if row.manage is not None and not row.manage.allowed:
            reason = row.manage.denial or row.fetch.not_manageable
            item.problems.append(
                Problem.of(
                    ProblemCode.NOT_MANAGEABLE,
                    reason=_NOT_MANAGEABLE_TEXT.get(reason, "You cannot manage this person here.")
                    if reason
                    else "You cannot manage this person here.",
                )
            )
            continue
        if ctx.previous is not None and item.action is not None:
            before = ctx.previous.lookup(item.action, row.id, item.request.user)
            if before is not None and before.outcome.finished:
                item.problems.append(Problem.of(ProblemCode.DONE_BEFORE))
                continue
            if before is not None and before.outcome is RowOutcome.UNKNOWN:
                item.problems.append(Problem.of(ProblemCode.UNKNOWN_BEFORE))
        if not _fresh(row, now, ctx.stale_after):
            to_read[row.id] = row

    # 3. the current state, read fresh where the roster's copy is missing or stale
    if to_read:
        total = len(to_read)
        if progress:
            progress("status", 0, total)
        refreshed = await read_methods(graph, list(to_read.values()), pacer)
        if progress:
            progress("status", total, total)
        for item in live:
            if item.row is None or item.row.id not in refreshed:
                continue
            row = refreshed[item.row.id]
            item.row = row
            if row.fetch.kind is FetchKind.NOT_MANAGEABLE:
                item.problems.append(
                    Problem.of(
                        ProblemCode.NOT_MANAGEABLE,
                        reason=_NOT_MANAGEABLE_TEXT[NotManageableReason.DENIED_BY_SERVICE],
                    )
                )
            elif row.fetch.kind is not FetchKind.LOADED:
                failure = row.fetch.failure.value if row.fetch.failure else "not read"
                item.problems.append(
                    Problem.of(ProblemCode.STATUS_UNKNOWN, reason=failure.replace("_", " "))
                )

    # 4. the rules and the current state
    checker = _Checker(ctx.policy, now, tz)
    for item in live:
        if item.row is None or item.row.fetch.kind is not FetchKind.LOADED:
            continue
        if _blocked(item):
            continue
        checker.check(item)
    counts = plan.counts()
    log.info(
        "bulk plan: %d ready, %d warning, %d problem, %d skip",
        counts[Verdict.READY],
        counts[Verdict.WARNING],
        counts[Verdict.PROBLEM],
        counts[Verdict.SKIP],
    )
    return plan


def _blocked(item: PlanItem) -> bool:
    """An error or skip other than the one INCLUDE_ANYWAY may lift is already known."""
    return any(
        p.severity in (Severity.ERROR, Severity.SKIP) and p.fix is not Fix.INCLUDE_ANYWAY
        for p in item.problems
    )
