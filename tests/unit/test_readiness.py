"""Sign-in readiness: each verdict, with its fix, from data the app already has."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from qrpin_gui.core.models import (
    FailureReason,
    Policy,
    PolicyState,
    PolicyTarget,
    QrCode,
    QrMethod,
    QrPin,
    RosterRow,
    User,
)
from qrpin_gui.core.readiness import Blocker, FixHint, Severity, assess, is_not_ready

NOW = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)
DAY = timedelta(days=1)


def row(method: QrMethod | None = None, *, enabled: bool = True, loaded: bool = True) -> RosterRow:
    base = RosterRow(
        User(id="u1", upn="ana@x.example", display_name="Ana", account_enabled=enabled)
    )
    return base.with_method(method, NOW) if loaded else base


def good_method(**overrides: object) -> QrMethod:
    standard = QrCode("s", created=NOW - 90 * DAY, start=NOW - 90 * DAY, expire=NOW + 200 * DAY,
                      last_used=NOW - DAY)  # fmt: skip
    values: dict[str, object] = {
        "id": "m",
        "created": NOW - 90 * DAY,
        "standard": standard,
        "pin": QrPin(force_change_next_sign_in=False, updated=NOW - 80 * DAY),
    }
    values.update(overrides)
    return QrMethod(**values)  # type: ignore[arg-type]


def blockers(readiness) -> list[tuple[Blocker, Severity, FixHint]]:  # type: ignore[no-untyped-def]
    return [(i.blocker, i.severity, i.fix) for i in readiness.issues]


def test_a_ready_person() -> None:
    readiness = assess(row(good_method()), NOW)
    assert readiness.ready and readiness.issues == ()
    assert not is_not_ready(row(good_method()), NOW)


def test_status_not_known() -> None:
    unread = RosterRow(User(id="u1"))
    readiness = assess(unread, NOW)
    assert blockers(readiness) == [(Blocker.STATUS_UNKNOWN, Severity.UNKNOWN, FixHint.CHECK_STATUS)]
    assert not readiness.ready
    assert not is_not_ready(unread, NOW)  # unknown is not "blocked"
    failed = RosterRow(User(id="u1")).with_failure(FailureReason.TIMEOUT)
    assert assess(failed, NOW).has(Blocker.STATUS_UNKNOWN)


def test_method_missing() -> None:
    readiness = assess(row(None), NOW)
    assert blockers(readiness) == [(Blocker.NO_METHOD, Severity.BLOCKS, FixHint.CREATE_METHOD)]
    assert is_not_ready(row(None), NOW)


def test_standard_code_expired_missing_or_not_yet_active() -> None:
    expired = good_method(standard=QrCode("s", start=NOW - 400 * DAY, expire=NOW - DAY))
    readiness = assess(row(expired), NOW)
    assert blockers(readiness) == [(Blocker.STANDARD_EXPIRED, Severity.BLOCKS, FixHint.NEW_BADGE)]
    assert readiness.issues[0].when == NOW - DAY
    assert blockers(assess(row(good_method(standard=None)), NOW)) == [
        (Blocker.NO_STANDARD_CODE, Severity.BLOCKS, FixHint.NEW_BADGE)
    ]
    pending = good_method(
        standard=QrCode("s", start=NOW + 3 * DAY, expire=NOW + 300 * DAY, last_used=NOW)
    )
    readiness = assess(row(pending), NOW)
    assert blockers(readiness) == [
        (Blocker.STANDARD_NOT_YET_ACTIVE, Severity.BLOCKS, FixHint.WAIT_OR_TEMPORARY_CODE)
    ]
    assert readiness.issues[0].when == NOW + 3 * DAY


def test_a_live_temporary_code_covers_today() -> None:
    expired = good_method(
        standard=QrCode("s", start=NOW - 400 * DAY, expire=NOW - DAY),
        temporary=QrCode("t", start=NOW - timedelta(hours=1), expire=NOW + timedelta(hours=5)),
    )
    readiness = assess(row(expired), NOW)
    assert blockers(readiness) == [(Blocker.STANDARD_EXPIRED, Severity.WARNING, FixHint.NEW_BADGE)]
    assert readiness.ready


def test_forgotten_badge_without_temporary_code() -> None:
    readiness = assess(row(good_method()), NOW, badge_forgotten=True)
    assert blockers(readiness) == [
        (Blocker.FORGOTTEN_BADGE_NO_TEMPORARY, Severity.BLOCKS, FixHint.TEMPORARY_CODE)
    ]
    covered = good_method(
        temporary=QrCode("t", start=NOW - timedelta(hours=1), expire=NOW + timedelta(hours=5))
    )
    assert assess(row(covered), NOW, badge_forgotten=True).issues == ()


def test_pin_must_change() -> None:
    method = good_method(pin=QrPin(force_change_next_sign_in=True, updated=NOW - DAY))
    readiness = assess(row(method), NOW)
    assert blockers(readiness) == [
        (Blocker.PIN_MUST_CHANGE, Severity.WARNING, FixHint.TELL_NEW_PIN_AT_SIGN_IN)
    ]
    assert readiness.ready  # sign-in works, with one more step


def test_first_use_trap_for_a_new_never_used_method() -> None:
    fresh = good_method(
        created=NOW - 2 * DAY,
        standard=QrCode("s", created=NOW - 2 * DAY, start=NOW - 2 * DAY, expire=NOW + 300 * DAY),
    )
    readiness = assess(row(fresh), NOW)
    assert blockers(readiness) == [
        (Blocker.FIRST_USE_TRAP, Severity.WARNING, FixHint.SIGN_IN_ONCE_WITH_OTHER_METHOD)
    ]
    assert readiness.issues[0].when == NOW - 2 * DAY
    old_unused = good_method(
        standard=QrCode("s", created=NOW - 90 * DAY, start=NOW - 90 * DAY, expire=NOW + DAY * 9)
    )
    assert not assess(row(old_unused), NOW).has(Blocker.FIRST_USE_TRAP)


def test_account_disabled() -> None:
    readiness = assess(row(good_method(), enabled=False), NOW)
    assert blockers(readiness) == [
        (Blocker.ACCOUNT_DISABLED, Severity.BLOCKS, FixHint.ASK_IT_ENABLE_ACCOUNT)
    ]


def test_policy_disabled_only_when_the_policy_was_read() -> None:
    disabled = Policy(state=PolicyState.DISABLED)
    readiness = assess(row(good_method()), NOW, disabled)
    assert blockers(readiness) == [
        (Blocker.POLICY_DISABLED, Severity.BLOCKS, FixHint.ASK_IT_ENABLE_POLICY)
    ]
    assert readiness.policy_checked
    assumed = Policy.default()
    readiness = assess(row(good_method()), NOW, assumed)
    assert readiness.issues == () and not readiness.policy_checked


def test_not_in_the_policy_targets() -> None:
    stores_only = Policy(
        state=PolicyState.ENABLED,
        include_targets=(PolicyTarget("g-tills", "group"),),
    )
    # the person's groups are known and none is targeted
    readiness = assess(row(good_method()), NOW, stores_only, groups=["g-office"])
    assert blockers(readiness) == [
        (Blocker.NOT_IN_POLICY_TARGETS, Severity.BLOCKS, FixHint.ASK_IT_ADD_TO_TARGETS)
    ]
    assert assess(row(good_method()), NOW, stores_only, groups=["G-TILLS"]).issues == ()
    # groups unknown: cannot tell, so nothing is claimed
    assert assess(row(good_method()), NOW, stores_only).issues == ()
    # excluded by user id, even with all users included
    everyone_but = Policy(
        state=PolicyState.ENABLED,
        include_targets=(PolicyTarget("all_users", "group"),),
        exclude_targets=(PolicyTarget("u1", "user"),),
    )
    assert assess(row(good_method()), NOW, everyone_but).has(Blocker.NOT_IN_POLICY_TARGETS)


def test_forgotten_badge_makes_a_ready_person_not_ready_until_a_temporary_code() -> None:
    good = row(good_method())
    assert not is_not_ready(good, NOW)
    assert is_not_ready(good, NOW, badge_forgotten=True)
    live = QrCode("t", start=NOW - timedelta(hours=1), expire=NOW + timedelta(hours=5))
    assert not is_not_ready(row(good_method(temporary=live)), NOW, badge_forgotten=True)
    # An ended temporary code does not cover the forgotten badge.
    ended = QrCode("t", start=NOW - timedelta(hours=9), expire=NOW - timedelta(hours=1))
    readiness = assess(row(good_method(temporary=ended)), NOW, badge_forgotten=True)
    assert blockers(readiness) == [
        (Blocker.FORGOTTEN_BADGE_NO_TEMPORARY, Severity.BLOCKS, FixHint.TEMPORARY_CODE)
    ]
    # With no QR sign-in at all, the fix is to set it up (there is no badge to forget).
    assert blockers(assess(row(None), NOW, badge_forgotten=True)) == [
        (Blocker.NO_METHOD, Severity.BLOCKS, FixHint.CREATE_METHOD)
    ]
    # Status not read: unknown, not "blocked", forgotten or not.
    assert not is_not_ready(row(loaded=False), NOW, badge_forgotten=True)
