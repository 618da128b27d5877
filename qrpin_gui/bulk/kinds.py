"""The bulk actions and the words a CSV file may use for them."""

from __future__ import annotations

import re
from enum import Enum

from qrpin_gui.offline.journal import Action

__all__ = ["BulkAction", "parse_action"]


class BulkAction(Enum):
    """What a bulk run does to each person (the CSV ``action`` column's canonical words)."""

    CREATE = "create"
    """Create QR sign-in: a standard code (badge) and a first PIN."""
    RESET_PIN = "reset-pin"
    """Reset the PIN (the service generates a temporary one; PIN slips)."""
    EXTEND = "extend"
    """Move the standard code's expiry (no reprint)."""
    TEMPORARY = "temporary"
    """A temporary code (1 to 12 hours) for a forgotten badge."""
    DELETE = "delete"
    """Remove the whole QR method (leavers)."""

    @property
    def journal_action(self) -> Action:
        return _JOURNAL[self]

    @property
    def needs_method(self) -> bool:
        """The person must already have QR sign-in."""
        return self is not BulkAction.CREATE

    @property
    def issues_secret(self) -> bool:
        """A success hands back a one-time secret (badge image and/or PIN)."""
        return self in (BulkAction.CREATE, BulkAction.RESET_PIN, BulkAction.TEMPORARY)


_JOURNAL = {
    BulkAction.CREATE: Action.CREATE_METHOD,
    BulkAction.RESET_PIN: Action.RESET_PIN,
    BulkAction.EXTEND: Action.EXTEND_EXPIRY,
    BulkAction.TEMPORARY: Action.TEMPORARY_CODE,
    BulkAction.DELETE: Action.DELETE_METHOD,
}

_ALIASES: dict[str, BulkAction] = {}
for _action, _words in (
    (BulkAction.CREATE, ("create", "create-method", "create-qr", "new", "set-up", "setup", "add")),
    (BulkAction.RESET_PIN, ("reset-pin", "resetpin", "reset", "pin", "pin-reset", "new-pin")),
    (BulkAction.EXTEND, ("extend", "extend-expiry", "renew", "prolong")),
    (
        BulkAction.TEMPORARY,
        ("temporary", "temporary-code", "temp", "temp-code", "forgotten", "forgotten-badge"),
    ),
    (BulkAction.DELETE, ("delete", "delete-method", "remove", "leaver")),
):
    for _word in _words:
        _ALIASES[_word] = _action

_SEPARATORS = re.compile(r"[\s_]+")


def parse_action(text: str) -> BulkAction | None:
    """The action a CSV cell names (case, spaces and underscores ignored), or None."""
    key = _SEPARATORS.sub("-", text.strip().lower()).strip("-")
    return _ALIASES.get(key)
