"""Sign-in readiness: what would stop a person's QR sign-in today, from data the app has.

:func:`assess` looks at one roster row (and the tenant policy when it was readable) and
returns one :class:`ReadinessIssue` per obstacle, each with a :class:`FixHint` the UI turns
into the way out. Nothing here is English text for people and nothing calls the network.

Checks, in the order they are reported:

- ``STATUS_UNKNOWN``: the method status was never read, failed, or this admin may not read it
  (nothing else can be said).
- ``ACCOUNT_DISABLED``: the directory account is disabled.
- ``POLICY_DISABLED``: the tenant's QR code + PIN method is off (only when the policy was
  read, not assumed).
- ``NOT_IN_POLICY_TARGETS``: the person is excluded from, or not included in, the policy's
  targets (only when the policy was read and the person's groups are known, or the target is
  the person themself). The groups need only be known among :func:`policy_target_groups`
  (what ``checkMemberGroups`` answers).
- ``NO_METHOD``, ``NO_STANDARD_CODE``, ``STANDARD_EXPIRED``, ``STANDARD_NOT_YET_ACTIVE``
  (a live temporary code covers the last three for today: they are then warnings).
- ``FORGOTTEN_BADGE_NO_TEMPORARY``: the badge was reported forgotten today (the manager's
  report in the journal, :meth:`qrpin_gui.offline.journal.Journal.forgotten_badges`; the
  caller passes ``badge_forgotten=True``) and no temporary code is live.
- ``PIN_MUST_CHANGE``: the PIN is temporary; the worker must choose a new one at sign-in (a
  warning: sign-in works, with one more step).
- ``FIRST_USE_TRAP``: the method was created recently and never used; a newly enabled worker
  must sign in once with another method first, or the QR gives "Incorrect QR code".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum

from .models import FetchKind, Policy, PolicyState, RosterRow

__all__ = [
    "FIRST_USE_WINDOW",
    "Blocker",
    "FixHint",
    "Readiness",
    "ReadinessIssue",
    "Severity",
    "assess",
    "is_not_ready",
    "policy_target_groups",
    "targets_verdict",
]

FIRST_USE_WINDOW = timedelta(days=14)
"""A never-used method younger than this gets the first-use reminder."""


class Blocker(Enum):
    STATUS_UNKNOWN = "status_unknown"
    ACCOUNT_DISABLED = "account_disabled"
    POLICY_DISABLED = "policy_disabled"
    NOT_IN_POLICY_TARGETS = "not_in_policy_targets"
    NO_METHOD = "no_method"
    NO_STANDARD_CODE = "no_standard_code"
    STANDARD_EXPIRED = "standard_expired"
    STANDARD_NOT_YET_ACTIVE = "standard_not_yet_active"
    FORGOTTEN_BADGE_NO_TEMPORARY = "forgotten_badge_no_temporary"
    PIN_MUST_CHANGE = "pin_must_change"
    FIRST_USE_TRAP = "first_use_trap"


class Severity(Enum):
    BLOCKS = "blocks"
    """QR sign-in fails today."""
    WARNING = "warning"
    """Sign-in works, with an extra step or a soon-to-bite problem."""
    UNKNOWN = "unknown"
    """Not enough is known to tell."""


class FixHint(Enum):
    """The way out, for the UI to word (and, where it can, to offer as a button)."""

    CHECK_STATUS = "check_status"
    ASK_IT_ENABLE_ACCOUNT = "ask_it_enable_account"
    ASK_IT_ENABLE_POLICY = "ask_it_enable_policy"
    ASK_IT_ADD_TO_TARGETS = "ask_it_add_to_targets"
    CREATE_METHOD = "create_method"
    NEW_BADGE = "new_badge"
    WAIT_OR_TEMPORARY_CODE = "wait_or_temporary_code"
    TEMPORARY_CODE = "temporary_code"
    TELL_NEW_PIN_AT_SIGN_IN = "tell_new_pin_at_sign_in"
    SIGN_IN_ONCE_WITH_OTHER_METHOD = "sign_in_once_with_other_method"


@dataclass(frozen=True, slots=True)
class ReadinessIssue:
    blocker: Blocker
    severity: Severity
    fix: FixHint
    when: datetime | None = None
    """The moment that matters: expiry, activation, method creation."""


@dataclass(frozen=True, slots=True)
class Readiness:
    issues: tuple[ReadinessIssue, ...]
    policy_checked: bool
    """The policy was read (state and targets could be checked)."""

    @property
    def ready(self) -> bool:
        """Nothing blocks QR sign-in today and the status is known."""
        return not any(i.severity in (Severity.BLOCKS, Severity.UNKNOWN) for i in self.issues)

    @property
    def blocking(self) -> tuple[ReadinessIssue, ...]:
        return tuple(i for i in self.issues if i.severity is Severity.BLOCKS)

    def has(self, blocker: Blocker) -> bool:
        return any(i.blocker is blocker for i in self.issues)


def policy_target_groups(policy: Policy | None) -> frozenset[str]:
    """The group ids the policy's include and exclude targets name (``all_users`` and user
    targets left out), for a policy that was read: membership in these decides who the
    policy targets. Empty for an unread (or assumed) policy, and for a disabled one (it
    blocks everyone: membership would change nothing)."""
    if policy is None or policy.assumed or policy.state is PolicyState.DISABLED:
        return frozenset()
    return frozenset(
        t.id
        for t in (*policy.include_targets, *policy.exclude_targets)
        if t.id != "all_users" and t.target_type.lower() != "user"
    )


def targets_verdict(policy: Policy, user_id: str, groups: frozenset[str] | None) -> bool | None:
    """Whether the policy targets ``user_id``: True = in the targets, False = not, None =
    cannot tell. ``groups``: the person's group ids (at least among
    :func:`policy_target_groups`), None when unknown."""
    excluded = {t.id.lower() for t in policy.exclude_targets}
    if user_id.lower() in excluded:
        return False
    if groups is not None and excluded & {g.lower() for g in groups}:
        return False
    if policy.includes_all_users:
        return True if groups is not None or not excluded else None
    included = {t.id.lower() for t in policy.include_targets}
    if user_id.lower() in included:
        return True
    if groups is None:
        return None
    return bool(included & {g.lower() for g in groups})


def assess(
    row: RosterRow,
    now: datetime,
    policy: Policy | None = None,
    *,
    groups: Iterable[str] | None = None,
    badge_forgotten: bool = False,
    first_use_window: timedelta = FIRST_USE_WINDOW,
) -> Readiness:
    """What would stop ``row``'s QR sign-in at ``now``. ``policy``: the tenant policy (an
    ``assumed`` one is not checked). ``groups``: the person's group ids when known."""
    issues: list[ReadinessIssue] = []
    policy_checked = policy is not None and not policy.assumed

    def add(
        blocker: Blocker, severity: Severity, fix: FixHint, when: datetime | None = None
    ) -> None:
        issues.append(ReadinessIssue(blocker, severity, fix, when))

    if row.fetch.kind is not FetchKind.LOADED:
        add(Blocker.STATUS_UNKNOWN, Severity.UNKNOWN, FixHint.CHECK_STATUS)
        return Readiness(tuple(issues), policy_checked)
    if row.user.account_enabled is False:
        add(Blocker.ACCOUNT_DISABLED, Severity.BLOCKS, FixHint.ASK_IT_ENABLE_ACCOUNT)
    if policy is not None and policy_checked:
        if policy.state is PolicyState.DISABLED:
            add(Blocker.POLICY_DISABLED, Severity.BLOCKS, FixHint.ASK_IT_ENABLE_POLICY)
        elif (
            targets_verdict(policy, row.id, frozenset(groups) if groups is not None else None)
            is False
        ):
            add(Blocker.NOT_IN_POLICY_TARGETS, Severity.BLOCKS, FixHint.ASK_IT_ADD_TO_TARGETS)

    method = row.method
    if method is None:
        add(Blocker.NO_METHOD, Severity.BLOCKS, FixHint.CREATE_METHOD)
        return Readiness(tuple(issues), policy_checked)
    if not method.children_loaded:
        add(Blocker.STATUS_UNKNOWN, Severity.UNKNOWN, FixHint.CHECK_STATUS)
        return Readiness(tuple(issues), policy_checked)

    temporary = method.temporary
    temporary_live = temporary is not None and temporary.is_live(now)
    covered = Severity.WARNING if temporary_live else Severity.BLOCKS
    standard = method.standard
    if standard is None:
        add(Blocker.NO_STANDARD_CODE, covered, FixHint.NEW_BADGE)
    elif standard.is_expired(now):
        add(Blocker.STANDARD_EXPIRED, covered, FixHint.NEW_BADGE, standard.expire)
    elif standard.is_pending(now):
        add(
            Blocker.STANDARD_NOT_YET_ACTIVE,
            covered,
            FixHint.WAIT_OR_TEMPORARY_CODE,
            standard.start,
        )
    if badge_forgotten and not temporary_live:
        add(Blocker.FORGOTTEN_BADGE_NO_TEMPORARY, Severity.BLOCKS, FixHint.TEMPORARY_CODE)
    if method.pin is not None and method.pin.force_change_next_sign_in:
        add(Blocker.PIN_MUST_CHANGE, Severity.WARNING, FixHint.TELL_NEW_PIN_AT_SIGN_IN)
    created = method.created or (standard.created if standard else None)
    if method.never_used and created is not None and now - created <= first_use_window:
        add(
            Blocker.FIRST_USE_TRAP,
            Severity.WARNING,
            FixHint.SIGN_IN_ONCE_WITH_OTHER_METHOD,
            created,
        )
    return Readiness(tuple(issues), policy_checked)


def is_not_ready(
    row: RosterRow,
    now: datetime,
    policy: Policy | None = None,
    *,
    badge_forgotten: bool = False,
    groups: Iterable[str] | None = None,
) -> bool:
    """The "not ready" quick filter: something blocks QR sign-in today (rows whose status is
    not known are left out: they are neither ready nor shown as blocked). ``badge_forgotten``:
    the badge was reported forgotten today; ``groups``: the person's groups when known."""
    readiness = assess(row, now, policy, groups=groups, badge_forgotten=badge_forgotten)
    return bool(readiness.blocking)
