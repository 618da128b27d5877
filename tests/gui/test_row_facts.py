"""The roster's cheap per-row facts (quick-filter flags, status, temporary-until) give the same
answer as the authoritative :func:`qrpin_gui.ui.roster_present.derive`, and stay right until
the moment they say they may change."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from qrpin_gui.core.models import (
    FailureReason,
    ManageVerdict,
    NotManageableReason,
    Policy,
    PolicyState,
    PolicyTarget,
    QrCode,
    QrMethod,
    QrPin,
    RosterRow,
    User,
)
from qrpin_gui.ui.roster_present import FactsContext, derive, filter_mask, row_facts
from tests.gui.factories import NOW

USER_ID = "u-1"
HOURS = st.one_of(st.none(), st.integers(min_value=-24 * 40, max_value=24 * 40))


def moment(hours: int | None):  # type: ignore[no-untyped-def]
    return None if hours is None else NOW + timedelta(hours=hours, minutes=hours % 7)


@st.composite
def codes(draw):  # type: ignore[no-untyped-def]
    if draw(st.booleans()):
        return None
    return QrCode(
        id="c",
        start=moment(draw(HOURS)),
        expire=moment(draw(HOURS)),
        last_used=moment(draw(st.one_of(st.none(), st.integers(-500, -1)))),
    )


@st.composite
def methods(draw):  # type: ignore[no-untyped-def]
    pin = (
        None
        if draw(st.booleans())
        else QrPin(force_change_next_sign_in=draw(st.booleans()), updated=NOW)
    )
    return QrMethod(
        id="m",
        created=moment(draw(HOURS)),
        last_used=moment(draw(st.one_of(st.none(), st.integers(-500, -1)))),
        standard=draw(codes()),
        temporary=draw(codes()),
        pin=pin,
        children_loaded=draw(st.booleans()) or draw(st.booleans()),
    )


@st.composite
def rows(draw):  # type: ignore[no-untyped-def]
    user = User(
        id=USER_ID,
        upn="a@x",
        display_name="A",
        account_enabled=draw(st.sampled_from([None, True, False])),
    )
    verdict = draw(
        st.sampled_from(
            [
                None,
                ManageVerdict(denial=NotManageableReason.ADMIN_ROLE_HOLDER),
                ManageVerdict(denial=NotManageableReason.READ_ONLY_ROLE, can_read=True),
            ]
        )
    )
    base = RosterRow(user=user, manage=verdict)
    kind = draw(st.sampled_from(["unknown", "loaded", "failed", "not_manageable"]))
    if kind == "unknown":
        return base
    if kind == "failed":
        return base.with_method(draw(methods()), NOW).with_failure(FailureReason.TIMEOUT)
    if kind == "not_manageable":
        return base.with_not_manageable(NotManageableReason.OUTSIDE_STORES)
    return base.with_method(draw(st.one_of(st.none(), methods())), NOW)


POLICIES = st.sampled_from(
    [
        None,
        Policy.default(),
        Policy(state=PolicyState.ENABLED),
        Policy(state=PolicyState.DISABLED),
        Policy(
            state=PolicyState.ENABLED,
            include_targets=(PolicyTarget("all_users"),),
            exclude_targets=(PolicyTarget(USER_ID.upper()),),
        ),
        Policy(state=PolicyState.ENABLED, exclude_targets=(PolicyTarget("someone-else"),)),
    ]
)


def same_as_derive(row, now, days, policy, forgotten):  # type: ignore[no-untyped-def]
    mask, primary, temporary_until, until = row_facts(
        row, FactsContext(now, days, policy), forgotten
    )
    truth = derive(row, now, days, policy, badge_forgotten=forgotten)
    assert mask == filter_mask(truth.filters)
    assert primary is truth.primary
    assert temporary_until == truth.temporary_until
    return until


@settings(max_examples=400, deadline=None)
@given(
    row=rows(),
    days=st.sampled_from([0, 14, 30]),
    policy=POLICIES,
    forgotten=st.booleans(),
    later=st.integers(min_value=1, max_value=24 * 60 * 90),
)
def test_row_facts_agree_with_derive_until_their_next_moment(
    row, days, policy, forgotten, later
) -> None:  # type: ignore[no-untyped-def]
    until = same_as_derive(row, NOW, days, policy, forgotten)
    assert until is None or until > NOW
    # Every moment before ``until`` gives the same facts (probed at a random moment and at
    # the last instant promised); from ``until`` on they are derived again.
    facts_now = row_facts(row, FactsContext(NOW, days, policy), forgotten)[:3]
    last = until - timedelta(microseconds=1) if until is not None else NOW + timedelta(days=400)
    for then in (min(NOW + timedelta(minutes=later), last), last):
        if then > NOW:
            assert row_facts(row, FactsContext(then, days, policy), forgotten)[:3] == facts_now
            same_as_derive(row, then, days, policy, forgotten)
