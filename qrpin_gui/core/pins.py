"""PIN rules of Entra QR code + PIN sign-in, and PIN generation.

The service accepts a PIN iff:

- it holds only the ASCII digits ``0``-``9`` (other Unicode digits, letters, symbols and
  whitespace are rejected; the UI trims pasted text before calling :func:`check`);
- its length is between the policy's ``pinLength`` (8-20) and 20;
- it contains neither ``0123456789`` nor ``9876543210``;
- it is not a 2- or 3-digit group repeated over the whole PIN: rejected iff for k in
  {2, 3}, ``len(pin) % k == 0 and pin == pin[:k] * (len(pin) // k)``.

:func:`check` returns every rule a PIN breaks (empty list = acceptable), in the order of
:class:`PinProblem`'s members, so the UI can show one translated line per problem.
"""

from __future__ import annotations

import secrets
from enum import Enum

__all__ = [
    "PIN_MAX_LENGTH",
    "PIN_MIN_LENGTH",
    "PinProblem",
    "check",
    "clamp_min_length",
    "generate",
]

PIN_MIN_LENGTH = 8
"""The shortest PIN the service allows (and the smallest policy ``pinLength``)."""
PIN_MAX_LENGTH = 20
"""The longest PIN the service allows (and the largest policy ``pinLength``)."""

_ASCII_DIGITS = frozenset("0123456789")
_FORBIDDEN_RUNS = ("0123456789", "9876543210")
_GROUP_SIZES = (2, 3)


class PinProblem(Enum):
    """One rule a PIN breaks. Declaration order is the order :func:`check` reports them."""

    NOT_ASCII_DIGITS = "not_ascii_digits"
    """A character other than 0-9 (letters, symbols, whitespace, non-ASCII digits)."""
    TOO_SHORT = "too_short"
    """Fewer digits than the policy's minimum length."""
    TOO_LONG = "too_long"
    """More than 20 characters."""
    CONTAINS_SEQUENCE = "contains_sequence"
    """Contains ``0123456789`` or ``9876543210``."""
    REPEATED_GROUP = "repeated_group"
    """The whole PIN repeats one 2- or 3-character group (``121212``, ``342342``)."""


def clamp_min_length(min_length: int) -> int:
    """The policy minimum in force: ``min_length`` clamped to 8..20."""
    return max(PIN_MIN_LENGTH, min(PIN_MAX_LENGTH, int(min_length)))


def _is_repeated_group(pin: str) -> bool:
    # Only genuine repetition (at least two copies): a 2- or 3-character string is not
    # reported as "repeated" on top of being too short.
    return any(
        len(pin) % k == 0 and len(pin) // k >= 2 and pin == pin[:k] * (len(pin) // k)
        for k in _GROUP_SIZES
    )


def check(pin: str, min_length: int = PIN_MIN_LENGTH) -> list[PinProblem]:
    """Every rule ``pin`` breaks, in :class:`PinProblem` order; an empty list means the
    service accepts it. ``min_length`` is the policy's ``pinLength`` (clamped to 8..20)."""
    floor = clamp_min_length(min_length)
    problems: list[PinProblem] = []
    if any(ch not in _ASCII_DIGITS for ch in pin):
        problems.append(PinProblem.NOT_ASCII_DIGITS)
    if len(pin) < floor:
        problems.append(PinProblem.TOO_SHORT)
    if len(pin) > PIN_MAX_LENGTH:
        problems.append(PinProblem.TOO_LONG)
    if any(run in pin for run in _FORBIDDEN_RUNS):
        problems.append(PinProblem.CONTAINS_SEQUENCE)
    if _is_repeated_group(pin):
        problems.append(PinProblem.REPEATED_GROUP)
    return problems


def generate(length: int) -> str:
    """A random PIN of exactly ``length`` ASCII digits that :func:`check` accepts, drawn
    from :mod:`secrets`. ``length`` must be 8..20 (use the policy's ``pinLength``)."""
    if isinstance(length, bool) or not isinstance(length, int):
        raise TypeError("length must be an int")
    if not PIN_MIN_LENGTH <= length <= PIN_MAX_LENGTH:
        raise ValueError(f"length must be between {PIN_MIN_LENGTH} and {PIN_MAX_LENGTH}")
    digits = "0123456789"
    while True:
        pin = "".join(secrets.choice(digits) for _ in range(length))
        if not check(pin, length):
            return pin
