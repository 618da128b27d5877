"""Seed data and PIN rules of the demo model (no server: fast, exhaustive)."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qrpin_gui.demo import seed
from qrpin_gui.demo.model import Directory, User
from qrpin_gui.demo.pin_rules import generate_pin, pin_problem


def state_of(user: User, now: datetime) -> set[str]:
    m = user.qr
    if m is None:
        return {"none"}
    out = set()
    std = m.standard
    assert std is not None
    if std.expire <= now:
        out.add("expired")
    elif std.expire - now <= timedelta(days=14):
        out.add("expiring")
    else:
        out.add("active")
    if m.temporary and m.temporary.start <= now < m.temporary.expire:
        out.add("temporary")
    if m.pin.force_change:
        out.add("pinMustChange")
    if std.last_used is None:
        out.add("neverUsed")
    return out


def test_default_company_layout() -> None:
    d = seed.build()
    assert len(d.units) == 5
    now = datetime.now(UTC)
    wanted = {"none", "active", "expiring", "expired", "temporary", "pinMustChange", "neverUsed"}
    for unit in d.units:
        staff = [m for m in unit.members if isinstance(m, User)]
        assert 10 <= len(staff) <= 22
        states = set().union(*(state_of(u, now) for u in staff))
        assert wanted <= states, (unit.display_name, states)
    roles = {a["role"] for a in d.accounts()}
    assert roles == {
        "storeManager",
        "itAdmin",
        "globalReader",
        "policyAdmin",
        "worker",
        "adminUser",
    }
    admins = d.accounts("adminUser")
    assert len(admins) == 2 and all(a["stores"] for a in admins)
    for manager in d.accounts("storeManager"):
        for admin in admins:
            target = d.find_user(admin["id"])
            assert target is not None and not d.can_manage(manager["id"], target)


def test_generator_is_deterministic_and_exact() -> None:
    a = seed.build(users=1234, seed=5)
    b = seed.build(users=1234, seed=5)
    c = seed.build(users=1234, seed=6)
    assert len(a.users) == 1234
    assert [u.id for u in a.users] == [u.id for u in b.users]
    assert [u.upn for u in a.users] == [u.upn for u in b.users]
    assert [u.id for u in a.users] != [u.id for u in c.users]
    assert len({u.id for u in a.users}) == len({u.upn.lower() for u in a.users}) == 1234
    with pytest.raises(ValueError):
        seed.build(users=3)


@pytest.mark.slow
def test_a_100k_tenant_seeds_fast() -> None:
    started = time.perf_counter()
    d: Directory = seed.build(users=100_000, seed=1)
    elapsed = time.perf_counter() - started
    assert len(d.users) == 100_000
    assert elapsed < 4.0, elapsed


def reference_rejects(pin: str, min_len: int) -> bool:
    """The rule as the issue states it."""
    if not (pin.isascii() and pin.isdigit()) or not min_len <= len(pin) <= 20:
        return True
    if "0123456789" in pin or "9876543210" in pin:
        return True
    return any(len(pin) % k == 0 and pin == pin[:k] * (len(pin) // k) for k in (2, 3))


@given(st.text(alphabet="0123456789", max_size=24), st.integers(8, 20))
def test_pin_rules_match_the_statement(pin: str, min_len: int) -> None:
    assert (pin_problem(pin, min_len) is not None) == reference_rejects(pin, min_len)


@given(st.text(max_size=24))
def test_pin_rules_reject_non_ascii_digits(pin: str) -> None:
    if not (pin.isascii() and pin.isdigit()):
        assert pin_problem(pin, 8) is not None


@pytest.mark.parametrize(
    ("pin", "ok"),
    [
        ("40718352", True),
        ("12121212", False),
        ("123123123", False),
        ("123412341234", True),  # a repeated 4-group is allowed
        ("1111111111", False),
        ("55012345678955", False),
        ("4071835\u0663", False),
        ("\u00b2" * 8, False),
        ("4" * 21, False),
    ],
)
def test_pin_examples(pin: str, ok: bool) -> None:
    assert (pin_problem(pin, 8) is None) is ok


def test_generated_pins_are_valid() -> None:
    for length in range(8, 21):
        pin = generate_pin(length)
        assert len(pin) == length and pin_problem(pin, length) is None
