"""The service's PIN rules, modelled independently of the app's own PIN code.

A PIN is ASCII digits only, at least the policy's ``pinLength`` and at most 20 digits long,
contains neither ``0123456789`` nor ``9876543210``, and is not a repeated 2- or 3-digit
group (rejected iff for k in {2, 3}: ``len(pin) % k == 0 and pin == pin[:k] * (len(pin) // k)``).
"""

from __future__ import annotations

import secrets

from qrpin_gui.demo.constants import MAX_PIN_LENGTH

_FORBIDDEN_RUNS = ("0123456789", "9876543210")


def pin_problem(pin: object, min_length: int) -> str | None:
    """Why ``pin`` breaks the rules (a short sentence), or None when it is acceptable."""
    if not isinstance(pin, str):
        return "The PIN must be a string of digits."
    if not pin or not (pin.isascii() and pin.isdigit()):
        return "The PIN may contain only the digits 0-9."
    if len(pin) < min_length:
        return f"The PIN must have at least {min_length} digits."
    if len(pin) > MAX_PIN_LENGTH:
        return f"The PIN must have at most {MAX_PIN_LENGTH} digits."
    if any(run in pin for run in _FORBIDDEN_RUNS):
        return "The PIN must not contain a run of ten consecutive digits."
    for k in (2, 3):
        if len(pin) % k == 0 and pin == pin[:k] * (len(pin) // k):
            return "The PIN must not be a repeated group of digits."
    return None


def generate_pin(length: int, randbelow: object = None) -> str:
    """A random PIN of ``length`` digits that passes :func:`pin_problem`.

    ``randbelow`` (a ``random.Random().randrange``-like callable) makes it deterministic for
    seeding; the default draws from :mod:`secrets`.
    """
    draw = randbelow if callable(randbelow) else secrets.randbelow
    while True:
        pin = "".join(str(draw(10)) for _ in range(length))
        if pin_problem(pin, length) is None:
            return pin
