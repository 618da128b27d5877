"""Property tests (hypothesis) for pins.check and pins.generate."""

from __future__ import annotations

import string

from hypothesis import given, settings
from hypothesis import strategies as st

from qrpin_gui.core.pins import PinProblem, check, generate

ASCII_DIGITS = "0123456789"


def reference_accepts(pin: str, min_length: int) -> bool:
    """The service's rule, written the plain way (API doc §3 and the issue)."""
    floor = min(max(min_length, 8), 20)
    if not all(c in ASCII_DIGITS for c in pin):
        return False
    if not floor <= len(pin) <= 20:
        return False
    if "0123456789" in pin or "9876543210" in pin:
        return False
    for k in (2, 3):  # noqa: SIM110 - written as the rule is stated
        if len(pin) % k == 0 and pin == pin[:k] * (len(pin) // k):
            return False
    return True


digit_strings = st.text(alphabet=ASCII_DIGITS, min_size=0, max_size=24)
repeated_groups = st.builds(
    lambda group, times: group * times,
    st.text(alphabet=ASCII_DIGITS, min_size=2, max_size=3),
    st.integers(min_value=2, max_value=10),
)
with_runs = st.builds(
    lambda a, run, b: a + run + b,
    st.text(alphabet=ASCII_DIGITS, max_size=6),
    st.sampled_from(["0123456789", "9876543210"]),
    st.text(alphabet=ASCII_DIGITS, max_size=6),
)
unicode_digits = st.characters(categories=["Nd", "No"]).filter(lambda c: c not in ASCII_DIGITS)
noisy = st.builds(
    lambda a, c, b: a + c + b,
    st.text(alphabet=ASCII_DIGITS, max_size=12),
    st.one_of(unicode_digits, st.sampled_from(list(string.whitespace)), st.characters()).filter(
        lambda c: c not in ASCII_DIGITS
    ),
    st.text(alphabet=ASCII_DIGITS, max_size=12),
)
any_pin = st.one_of(digit_strings, repeated_groups, with_runs, noisy, st.text(max_size=25))
policy_lengths = st.integers(min_value=0, max_value=30)


@settings(max_examples=400)
@given(any_pin, policy_lengths)
def test_check_agrees_with_reference(pin: str, min_length: int) -> None:
    assert (check(pin, min_length) == []) == reference_accepts(pin, min_length)


@given(noisy, policy_lengths)
def test_any_non_ascii_digit_is_rejected(pin: str, min_length: int) -> None:
    assert PinProblem.NOT_ASCII_DIGITS in check(pin, min_length)


@given(unicode_digits, st.integers(min_value=0, max_value=19))
def test_unicode_digits_rejected_even_in_an_otherwise_good_pin(digit: str, pos: int) -> None:
    base = "40718352917305826491"
    pin = base[:pos] + digit + base[pos + 1 :]
    assert check(base) == []
    assert PinProblem.NOT_ASCII_DIGITS in check(pin)


@given(repeated_groups)
def test_repeated_groups_are_rejected(pin: str) -> None:
    assert PinProblem.REPEATED_GROUP in check(pin)


@given(with_runs)
def test_ten_digit_runs_are_rejected(pin: str) -> None:
    assert PinProblem.CONTAINS_SEQUENCE in check(pin)


@given(any_pin, policy_lengths)
def test_problems_are_unique_and_in_enum_order(pin: str, min_length: int) -> None:
    problems = check(pin, min_length)
    order = list(PinProblem)
    assert problems == sorted(set(problems), key=order.index)


@given(any_pin, policy_lengths)
def test_length_problems_match_the_length(pin: str, min_length: int) -> None:
    problems = check(pin, min_length)
    floor = min(max(min_length, 8), 20)
    assert (PinProblem.TOO_SHORT in problems) == (len(pin) < floor)
    assert (PinProblem.TOO_LONG in problems) == (len(pin) > 20)


@settings(max_examples=200)
@given(st.integers(min_value=8, max_value=20))
def test_generated_pins_pass_check_have_the_length_and_only_ascii_digits(length: int) -> None:
    pin = generate(length)
    assert len(pin) == length
    assert all(c in ASCII_DIGITS for c in pin)
    assert check(pin, length) == []
    assert reference_accepts(pin, length)
