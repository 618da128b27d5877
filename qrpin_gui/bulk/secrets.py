"""The one-time secrets of a bulk run (new PINs, QR badge images), kept in memory only.

Each secret is journalled "issued, not yet printed or saved" the moment it arrives (never the
secret itself); :meth:`SecretVault.settle` marks every one delivered once the manager printed
or saved them (one PDF of badges and PIN slips) and wipes them. If the app dies in between,
the journal's pending issuances list these people at the next start.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import datetime

from qrpin_gui.core.models import QrCode
from qrpin_gui.offline.journal import (
    Action,
    Delivery,
    IssuedSecret,
    Journal,
    JournalValueError,
    Person,
)

from .kinds import BulkAction

log = logging.getLogger(__name__)

__all__ = ["IssuedItem", "SecretVault"]


@dataclass(frozen=True, slots=True, repr=False)
class IssuedItem:
    """What the service returned once for one person: a badge (code with its image) and/or a
    PIN. ``repr`` never shows either."""

    index: int
    user_id: str
    upn: str
    display_name: str
    store: str
    action: BulkAction
    issued_at: datetime
    code: QrCode | None = None
    temporary: bool = False
    pin: str | None = None
    must_change: bool = True
    issuance_ids: tuple[str, ...] = ()

    def __repr__(self) -> str:
        return (
            f"IssuedItem(user_id={self.user_id!r}, action={self.action.value}, "
            f"badge={'<hidden>' if self.code else None}, pin={'<hidden>' if self.pin else None})"
        )

    @property
    def has_badge(self) -> bool:
        return self.code is not None and self.code.image is not None


class SecretVault:
    """In-memory store of a run's one-time secrets, in the order they arrived."""

    def __init__(self, journal: Journal | None = None, actor: Person | None = None) -> None:
        self._journal = journal
        self._actor = actor
        self._items: dict[int, IssuedItem] = {}
        self._lock = threading.Lock()
        self.settled: Delivery | None = None

    def __repr__(self) -> str:
        return f"SecretVault(items={len(self._items)}, settled={self.settled})"

    def _issued(
        self, person: Person, kind: IssuedSecret, action: Action, store_id: str | None
    ) -> str | None:
        if self._journal is None:
            return None
        try:
            return self._journal.record_issued(
                person, kind, actor=self._actor, action=action, store_id=store_id
            )
        except (OSError, JournalValueError) as exc:
            log.warning("journal issuance not written (%s)", type(exc).__name__)
            return None

    def add(
        self,
        *,
        index: int,
        person: Person,
        store: str,
        store_id: str | None,
        action: BulkAction,
        issued_at: datetime,
        code: QrCode | None = None,
        temporary: bool = False,
        pin: str | None = None,
        must_change: bool = True,
    ) -> IssuedItem:
        """Keep the secrets of one person; journals each as issued, not yet printed."""
        ids: list[str] = []
        if code is not None and code.image is not None:
            kind = IssuedSecret.TEMPORARY_CODE if temporary else IssuedSecret.STANDARD_CODE
            issued = self._issued(person, kind, action.journal_action, store_id)
            if issued:
                ids.append(issued)
        else:
            code = None
        if pin:
            issued = self._issued(person, IssuedSecret.PIN, action.journal_action, store_id)
            if issued:
                ids.append(issued)
        else:
            pin = None
        item = IssuedItem(
            index=index,
            user_id=person.user_id,
            upn=person.upn,
            display_name=person.display_name,
            store=store,
            action=action,
            issued_at=issued_at,
            code=code,
            temporary=temporary,
            pin=pin,
            must_change=must_change,
            issuance_ids=tuple(ids),
        )
        with self._lock:
            self._items[index] = item
            self.settled = None
        return item

    def items(self) -> list[IssuedItem]:
        with self._lock:
            return list(self._items.values())

    def __len__(self) -> int:
        return len(self._items)

    @property
    def badge_count(self) -> int:
        return sum(1 for item in self.items() if item.has_badge)

    @property
    def pin_count(self) -> int:
        return sum(1 for item in self.items() if item.pin)

    def settle(self, how: Delivery) -> int:
        """Mark every secret delivered (printed, saved as PDF, or discarded after the warning)
        in the journal and forget them. Returns how many people they covered."""
        with self._lock:
            items = list(self._items.values())
            self._items.clear()
            self.settled = how
        if self._journal is not None:
            for item in items:
                for issuance in item.issuance_ids:
                    try:
                        self._journal.mark_delivered(issuance, how)
                    except (OSError, JournalValueError) as exc:
                        log.warning("journal delivery not written (%s)", type(exc).__name__)
        log.info("bulk secrets settled (%s) for %d person(s)", how.value, len(items))
        return len(items)

    def forget(self) -> None:
        """Drop the secrets without settling them (the journal keeps them pending, so the next
        start offers to replace those badges/PINs)."""
        with self._lock:
            self._items.clear()
