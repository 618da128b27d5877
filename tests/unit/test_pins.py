"""PIN rules: concrete cases from the Entra docs and the edge cases the UI meets."""

from __future__ import annotations

import pytest

from qrpin_gui.core.pins import (
    PIN_MAX_LENGTH,
    PIN_MIN_LENGTH,
    PinProblem,
    check,
    clamp_min_length,
    generate,
)

P = PinProblem


@pytest.mark.parametrize(
    "pin",
    [
        "40718352",  # the doc's example PIN
        "83920461",
        "12345678",  # ascending, but shorter than the forbidden 10-run
        "00000001",
        "9876543219",  # descending 9-run only
        "0123456788",
        "12312312",  # 8 digits: a 3-group does not fill it exactly
        "1212121212121",  # 13 digits: neither 2- nor 3-group repetition
        "90817263544536271809",  # 20 digits
    ],
)
def test_acceptable_pins(pin: str) -> None:
    assert check(pin) == []


@pytest.mark.parametrize(
    ("pin", "min_length", "problems"),
    [
        ("", 8, [P.TOO_SHORT]),
        ("1234567", 8, [P.TOO_SHORT]),
        ("123456789", 10, [P.TOO_SHORT]),
        ("407183529173058264917", 8, [P.TOO_LONG]),
        ("40718352", 8, []),
        ("12121212", 8, [P.REPEATED_GROUP]),
        ("11111111", 8, [P.REPEATED_GROUP]),
        ("123123123123", 8, [P.REPEATED_GROUP]),
        ("342342342", 8, [P.REPEATED_GROUP]),
        ("121212121", 8, []),  # 9 digits: not a whole repetition of a 2-group; 3-group "121" no
        ("0123456789", 8, [P.CONTAINS_SEQUENCE]),
        ("9876543210", 8, [P.CONTAINS_SEQUENCE]),
        ("55012345678955", 8, [P.CONTAINS_SEQUENCE]),
        ("1987654321012", 8, [P.CONTAINS_SEQUENCE]),
        ("4071 8352", 8, [P.NOT_ASCII_DIGITS]),
        (" 40718352", 8, [P.NOT_ASCII_DIGITS]),
        ("40718352\n", 8, [P.NOT_ASCII_DIGITS]),
        ("4071835٣", 8, [P.NOT_ASCII_DIGITS]),  # Arabic-Indic three
        ("４０７１８３５２", 8, [P.NOT_ASCII_DIGITS]),  # fullwidth digits
        ("4071835²", 8, [P.NOT_ASCII_DIGITS]),  # superscript two (str.isdigit() is True)
        ("abc", 8, [P.NOT_ASCII_DIGITS, P.TOO_SHORT]),
        ("12 34", 8, [P.NOT_ASCII_DIGITS, P.TOO_SHORT]),
        ("ab" * 11, 8, [P.NOT_ASCII_DIGITS, P.TOO_LONG, P.REPEATED_GROUP]),
        ("0123456789" * 3, 8, [P.TOO_LONG, P.CONTAINS_SEQUENCE]),
        ("01234567890123456789", 8, [P.CONTAINS_SEQUENCE]),
        ("121212121212121212121212", 8, [P.TOO_LONG, P.REPEATED_GROUP]),
        ("12", 8, [P.TOO_SHORT]),  # a single group is too short, not "repeated"
        ("123", 8, [P.TOO_SHORT]),
    ],
)
def test_problems_reported(pin: str, min_length: int, problems: list[PinProblem]) -> None:
    assert check(pin, min_length) == problems


def test_min_length_is_the_policy_pin_length() -> None:
    assert check("4071835291", 10) == []
    assert check("407183529", 10) == [P.TOO_SHORT]
    assert check("40718352917305826491", 20) == []
    assert check("4071835291730582649", 20) == [P.TOO_SHORT]


@pytest.mark.parametrize(("given", "used"), [(0, 8), (6, 8), (8, 8), (13, 13), (20, 20), (25, 20)])
def test_min_length_clamped_to_service_range(given: int, used: int) -> None:
    assert clamp_min_length(given) == used
    assert check("40718352", given) == ([] if used <= 8 else [P.TOO_SHORT])


def test_twenty_is_the_maximum_whatever_the_minimum() -> None:
    assert PIN_MAX_LENGTH == 20 and PIN_MIN_LENGTH == 8
    assert check("407183529173058264917", 8) == [P.TOO_LONG]


def test_order_follows_the_enum() -> None:
    problems = check("0123456789" * 2 + "x", 8)
    assert problems == sorted(problems, key=list(PinProblem).index)


@pytest.mark.parametrize("length", range(8, 21))
def test_generate_gives_acceptable_pins_of_each_length(length: int) -> None:
    for _ in range(20):
        pin = generate(length)
        assert len(pin) == length
        assert set(pin) <= set("0123456789")
        assert check(pin, length) == []


@pytest.mark.parametrize("bad", [0, 7, 21, -1])
def test_generate_rejects_lengths_outside_8_to_20(bad: int) -> None:
    with pytest.raises(ValueError):
        generate(bad)


def test_generate_rejects_non_int_length() -> None:
    with pytest.raises(TypeError):
        generate(True)
    with pytest.raises(TypeError):
        generate(8.0)  # type: ignore[arg-type]


def test_generated_pins_differ() -> None:
    assert len({generate(8) for _ in range(50)}) > 45
