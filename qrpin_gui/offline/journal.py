"""The local action journal: who did what to whom, when, and how it ended.

An append-only JSON-lines file (one object per line, each fsynced), rotated when it grows past
a size cap. It never holds a PIN, a QR image or payload, or a token: the API takes typed fields
only (enums, ids, a UPN, a display name, an error code) and refuses text that looks like a
secret (an all-digit string of PIN length, a QR payload), so no free-form field can carry one.

Badges and PINs the service shows only once get an "issued, not yet printed or saved" entry
before the secret is shown (:meth:`Journal.record_issued`); printing or saving marks it
delivered (:meth:`Journal.mark_delivered`). :meth:`Journal.pending_issuances` lists the ones
never delivered (the app died in between), so the next start can offer "replace badge".

A manager may report a person's badge forgotten today (:meth:`Journal.report_forgotten_badge`,
a local note: nothing is sent); :meth:`Journal.forgotten_badges` lists who is reported since a
moment (the start of the local day), so sign-in readiness can ask for a temporary code.

Reading is tolerant: a torn last line (a crash mid-write) or a garbage line is skipped and
counted, never fatal.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import threading
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import Enum
from pathlib import Path
from typing import Any, TypeVar

from .atomic import fsync_directory

logger = logging.getLogger(__name__)

JOURNAL_VERSION = 1
DEFAULT_MAX_BYTES = 2_000_000
DEFAULT_BACKUPS = 3
_MAX_TEXT = 256
_O_BINARY = getattr(os, "O_BINARY", 0)  # Windows: no newline translation


class Action(Enum):
    """What was done."""

    RESET_PIN = "reset-pin"
    CHANGE_OWN_PIN = "change-own-pin"
    CREATE_METHOD = "create-method"
    TEMPORARY_CODE = "temporary-code"
    REPLACE_STANDARD_CODE = "replace-standard-code"
    EXTEND_EXPIRY = "extend-expiry"
    DELETE_TEMPORARY_CODE = "delete-temporary-code"
    DELETE_STANDARD_CODE = "delete-standard-code"
    DELETE_METHOD = "delete-method"
    BADGE_FORGOTTEN = "badge-forgotten"
    """Reported by the manager: the person forgot their badge today (local, nothing sent)."""
    BADGE_FORGOTTEN_WITHDRAWN = "badge-forgotten-withdrawn"
    """The report was withdrawn (the badge turned up, or it was a mistake)."""


class Outcome(Enum):
    """How it ended, as far as the app saw."""

    SUCCEEDED = "succeeded"
    FAILED = "failed"
    UNKNOWN = "unknown"
    """The request was sent but the answer was lost (timeout, dropped connection)."""
    CANCELLED = "cancelled"
    REFUSED = "refused"
    """Not sent: refused by a client-side check (not manageable, offline, invalid input)."""


class IssuedSecret(Enum):
    """What the service returned once and the manager must print or save."""

    STANDARD_CODE = "standard-code"
    TEMPORARY_CODE = "temporary-code"
    PIN = "pin"


class Delivery(Enum):
    """How a one-time secret left the dialog."""

    PRINTED = "printed"
    SAVED_PDF = "saved-pdf"
    COPIED = "copied"
    SHOWN_FOR_SCAN = "shown-for-scan"
    """A temporary code scanned from the PC screen."""
    DISCARDED = "discarded"
    """The manager closed the dialog without printing after the warning."""
    DISMISSED = "dismissed"
    """The manager dismissed the pending entry at a later start (e.g. after replacing)."""


class EntryKind(Enum):
    ACTION = "action"
    ISSUED = "issued"
    DELIVERED = "delivered"


class JournalValueError(ValueError):
    """A value was refused (wrong shape, or looks like a secret). Never echoes the value."""


_PIN_LIKE = re.compile(r"^\s*\d{4,}\s*$")
_TOKEN_LIKE = re.compile(r"eyJ[A-Za-z0-9_-]{8,}")
_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$")
_ERROR_CODE_RE = re.compile(r"^[A-Za-z][A-Za-z0-9._:-]{0,99}$")


def _text(name: str, value: str | None, *, pattern: re.Pattern[str] | None = None) -> str | None:
    """Check a text field: bounded, no control characters, nothing secret-shaped."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise JournalValueError(f"{name}: expected text")
    if len(value) > _MAX_TEXT or any(ord(c) < 32 for c in value):
        raise JournalValueError(f"{name}: too long or has control characters")
    if _PIN_LIKE.match(value) or "ms-qrpin:" in value.lower() or _TOKEN_LIKE.search(value):
        raise JournalValueError(f"{name}: refused, looks like a secret")
    if pattern is not None and not pattern.match(value):
        raise JournalValueError(f"{name}: unexpected format")
    return value


@dataclass(frozen=True, slots=True)
class Person:
    """Who: a directory user by id, with their UPN and name for reading the journal later."""

    user_id: str
    upn: str = ""
    display_name: str = ""


@dataclass(frozen=True, slots=True)
class JournalEntry:
    """One line of the journal, as read back."""

    kind: EntryKind
    at: datetime
    actor: Person | None = None
    target: Person | None = None
    action: Action | None = None
    outcome: Outcome | None = None
    store_id: str | None = None
    http_status: int | None = None
    error_code: str | None = None
    request_id: str | None = None
    client_request_id: str | None = None
    issuance_id: str | None = None
    issued: IssuedSecret | None = None
    delivery: Delivery | None = None
    tenant_id: str | None = None


@dataclass(frozen=True, slots=True)
class PendingIssuance:
    """A one-time badge or PIN that was issued but never printed or saved."""

    issuance_id: str
    at: datetime
    target: Person
    issued: IssuedSecret
    action: Action | None
    actor: Person | None
    store_id: str | None


@dataclass(slots=True)
class ReadResult:
    """Entries oldest first, and how many lines could not be read (torn or garbage)."""

    entries: list[JournalEntry] = field(default_factory=list)
    skipped_lines: int = 0


def _person_json(person: Person | None, role: str) -> dict[str, str] | None:
    if person is None:
        return None
    user_id = _text(f"{role}.user_id", person.user_id, pattern=_ID_RE)
    if user_id is None:
        raise JournalValueError(f"{role}.user_id: required")
    out = {"id": user_id}
    upn = _text(f"{role}.upn", person.upn)
    if upn is not None:
        out["upn"] = upn
    name = _text(f"{role}.display_name", person.display_name)
    if name is not None:
        out["name"] = name
    return out


def _person_from(data: Any) -> Person | None:
    if not isinstance(data, dict) or not isinstance(data.get("id"), str):
        return None
    upn = data.get("upn")
    name = data.get("name")
    return Person(
        user_id=data["id"],
        upn=upn if isinstance(upn, str) else "",
        display_name=name if isinstance(name, str) else "",
    )


_E = TypeVar("_E", bound=Enum)


def _enum_or_none(cls: type[_E], value: Any) -> _E | None:
    try:
        return cls(value)
    except ValueError:
        return None


def _str_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _entry_from(data: Any) -> JournalEntry | None:
    if not isinstance(data, dict):
        return None
    kind = _enum_or_none(EntryKind, data.get("kind"))
    at_text = data.get("at")
    if kind is None or not isinstance(at_text, str):
        return None
    try:
        at = datetime.fromisoformat(at_text)
    except ValueError:
        return None
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    status = data.get("http_status")
    return JournalEntry(
        kind=kind,
        at=at,
        actor=_person_from(data.get("actor")),
        target=_person_from(data.get("target")),
        action=_enum_or_none(Action, data.get("action")),
        outcome=_enum_or_none(Outcome, data.get("outcome")),
        store_id=_str_or_none(data.get("store_id")),
        http_status=status if isinstance(status, int) and not isinstance(status, bool) else None,
        error_code=_str_or_none(data.get("error_code")),
        request_id=_str_or_none(data.get("request_id")),
        client_request_id=_str_or_none(data.get("client_request_id")),
        issuance_id=_str_or_none(data.get("issuance_id")),
        issued=_enum_or_none(IssuedSecret, data.get("issued")),
        delivery=_enum_or_none(Delivery, data.get("delivery")),
        tenant_id=_str_or_none(data.get("tenant_id")),
    )


class Journal:
    """The action journal at ``path`` (``AppPaths.journal_file``).

    Thread-safe within one process. Every write is one line, flushed and fsynced before the
    call returns. When the file would pass ``max_bytes`` it is rotated to ``<name>.1`` (older
    ones shift up to ``<name>.<backups>``), and pending issuances are carried into the new file
    so they are never rotated away.
    """

    def __init__(
        self,
        path: Path,
        *,
        max_bytes: int = DEFAULT_MAX_BYTES,
        backups: int = DEFAULT_BACKUPS,
        tenant_id: str | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.path = Path(path)
        self.max_bytes = max_bytes
        self.backups = max(1, backups)
        self.tenant_id = tenant_id
        self._clock = clock
        self._lock = threading.RLock()

    # Writing ----------------------------------------------------------------------------------
    def record_action(
        self,
        action: Action,
        outcome: Outcome,
        *,
        actor: Person | None,
        target: Person | None,
        store_id: str | None = None,
        http_status: int | None = None,
        error_code: str | None = None,
        request_id: str | None = None,
        client_request_id: str | None = None,
    ) -> None:
        """Record one action and its outcome. Raises :class:`JournalValueError` for a refused
        value and :class:`OSError` when the disk write fails."""
        if http_status is not None and not 100 <= http_status <= 599:
            raise JournalValueError("http_status: out of range")
        record: dict[str, Any] = {
            "kind": EntryKind.ACTION.value,
            "action": Action(action).value,
            "outcome": Outcome(outcome).value,
            "actor": _person_json(actor, "actor"),
            "target": _person_json(target, "target"),
            "store_id": _text("store_id", store_id, pattern=_ID_RE),
            "http_status": http_status,
            "error_code": _text("error_code", error_code, pattern=_ERROR_CODE_RE),
            "request_id": _text("request_id", request_id, pattern=_ID_RE),
            "client_request_id": _text("client_request_id", client_request_id, pattern=_ID_RE),
        }
        self._append(record)

    def report_forgotten_badge(
        self,
        target: Person,
        *,
        actor: Person | None,
        forgotten: bool = True,
        store_id: str | None = None,
    ) -> None:
        """Record that ``target`` forgot their badge today (``forgotten=False``: the report
        is withdrawn). Same errors as :meth:`record_action`."""
        action = Action.BADGE_FORGOTTEN if forgotten else Action.BADGE_FORGOTTEN_WITHDRAWN
        self.record_action(action, Outcome.SUCCEEDED, actor=actor, target=target, store_id=store_id)

    def record_issued(
        self,
        target: Person,
        issued: IssuedSecret,
        *,
        actor: Person | None,
        action: Action | None = None,
        store_id: str | None = None,
    ) -> str:
        """Record that a one-time secret for ``target`` is about to be shown (call it before
        showing). Returns the issuance id for :meth:`mark_delivered`."""
        issuance_id = uuid.uuid4().hex
        record: dict[str, Any] = {
            "kind": EntryKind.ISSUED.value,
            "issuance_id": issuance_id,
            "issued": IssuedSecret(issued).value,
            "action": Action(action).value if action is not None else None,
            "actor": _person_json(actor, "actor"),
            "target": _person_json(target, "target"),
            "store_id": _text("store_id", store_id, pattern=_ID_RE),
        }
        self._append(record)
        return issuance_id

    def mark_delivered(self, issuance_id: str, how: Delivery) -> None:
        """Mark an issuance printed, saved, or otherwise settled."""
        record: dict[str, Any] = {
            "kind": EntryKind.DELIVERED.value,
            "issuance_id": _text("issuance_id", issuance_id, pattern=_ID_RE),
            "delivery": Delivery(how).value,
        }
        self._append(record)

    def _append(self, record: dict[str, Any]) -> None:
        record = {"v": JOURNAL_VERSION, "at": self._clock().isoformat(), **record}
        if self.tenant_id:
            record["tenant_id"] = self.tenant_id
        record = {k: v for k, v in record.items() if v is not None}
        line = (json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n").encode()
        with self._lock:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            if self._size() + len(line) > self.max_bytes and self._size() > 0:
                self._rotate()
            self._write_line(line)

    def _size(self) -> int:
        try:
            return self.path.stat().st_size
        except FileNotFoundError:
            return 0

    def _write_line(self, line: bytes) -> None:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_APPEND | _O_BINARY, 0o600)
        with os.fdopen(fd, "ab+") as fh:
            end = fh.seek(0, os.SEEK_END)
            if end > 0:
                fh.seek(end - 1)
                if fh.read(1) != b"\n":
                    line = b"\n" + line  # a torn last line stays on its own line
            fh.seek(0, os.SEEK_END)
            fh.write(line)
            fh.flush()
            os.fsync(fh.fileno())

    def _rotate(self) -> None:
        pending = self._pending_records()
        oldest = self._backup(self.backups)
        with contextlib.suppress(FileNotFoundError):
            oldest.unlink()
        for n in range(self.backups - 1, 0, -1):
            with contextlib.suppress(FileNotFoundError):
                os.replace(self._backup(n), self._backup(n + 1))
        os.replace(self.path, self._backup(1))
        fsync_directory(self.path.parent)
        logger.info("Journal rotated; %d pending issuance(s) carried over", len(pending))
        for record in pending:
            self._write_line(
                (json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n").encode()
            )

    def _backup(self, n: int) -> Path:
        return self.path.with_name(f"{self.path.name}.{n}")

    # Reading ----------------------------------------------------------------------------------
    def _files_oldest_first(self) -> list[Path]:
        files = [self._backup(n) for n in range(self.backups, 0, -1)]
        return [p for p in [*files, self.path] if p.exists()]

    def _raw_records(self) -> Iterator[tuple[dict[str, Any] | None, bool]]:
        """(record, ok) per line of every file, oldest first."""
        for path in self._files_oldest_first():
            try:
                data = path.read_bytes()
            except OSError as exc:
                logger.warning("Journal file %s unreadable (%s)", path.name, type(exc).__name__)
                continue
            for raw in data.split(b"\n"):
                if not raw.strip():
                    continue
                try:
                    record = json.loads(raw)
                except ValueError:
                    yield None, False
                    continue
                yield (record, True) if isinstance(record, dict) else (None, False)

    def read(self) -> ReadResult:
        """Every readable entry, oldest first; unreadable lines are counted. Issued entries
        carried over by rotation appear once."""
        result = ReadResult()
        seen_issued: set[str] = set()
        with self._lock:
            for record, ok in self._raw_records():
                entry = _entry_from(record) if ok else None
                if entry is None:
                    result.skipped_lines += 1
                    continue
                if entry.kind is EntryKind.ISSUED and entry.issuance_id is not None:
                    if entry.issuance_id in seen_issued:
                        continue
                    seen_issued.add(entry.issuance_id)
                result.entries.append(entry)
        result.entries.sort(key=lambda e: e.at)  # stable: carried-over entries back in place
        if result.skipped_lines:
            logger.warning("Journal: %d unreadable line(s) skipped", result.skipped_lines)
        return result

    def _pending_records(self) -> list[dict[str, Any]]:
        issued: dict[str, dict[str, Any]] = {}
        for record, ok in self._raw_records():
            if not ok or record is None:
                continue
            issuance_id = record.get("issuance_id")
            if not isinstance(issuance_id, str):
                continue
            if record.get("kind") == EntryKind.ISSUED.value:
                issued.setdefault(issuance_id, record)
            elif record.get("kind") == EntryKind.DELIVERED.value:
                issued.pop(issuance_id, None)
        return list(issued.values())

    def pending_issuances(self, tenant_id: str | None = None) -> list[PendingIssuance]:
        """Issued one-time badges/PINs never printed, saved or settled, oldest first; with
        ``tenant_id``, only those recorded for that tenant (or with no tenant recorded)."""
        out: list[PendingIssuance] = []
        with self._lock:
            records = self._pending_records()
        for record in records:
            entry = _entry_from(record)
            if entry is None or entry.target is None or entry.issued is None:
                continue
            if tenant_id and entry.tenant_id and entry.tenant_id.lower() != tenant_id.lower():
                continue
            assert entry.issuance_id is not None
            out.append(
                PendingIssuance(
                    issuance_id=entry.issuance_id,
                    at=entry.at,
                    target=entry.target,
                    issued=entry.issued,
                    action=entry.action,
                    actor=entry.actor,
                    store_id=entry.store_id,
                )
            )
        return out

    def forgotten_badges(self, since: datetime, tenant_id: str | None = None) -> set[str]:
        """Ids of the people whose latest forgotten-badge report since ``since`` (pass the
        start of the local day; a naive value is taken as local time) was not withdrawn; with
        ``tenant_id``, only reports recorded for that tenant (or with no tenant recorded)."""
        if since.tzinfo is None:
            since = since.astimezone()
        reported: dict[str, bool] = {}
        for entry in self.read().entries:
            if (
                entry.kind is not EntryKind.ACTION
                or entry.action not in _FORGOTTEN_ACTIONS
                or entry.target is None
                or entry.at < since
            ):
                continue
            if tenant_id and entry.tenant_id and entry.tenant_id.lower() != tenant_id.lower():
                continue
            reported[entry.target.user_id] = entry.action is Action.BADGE_FORGOTTEN
        return {user_id for user_id, forgotten in reported.items() if forgotten}


_FORGOTTEN_ACTIONS = frozenset({Action.BADGE_FORGOTTEN, Action.BADGE_FORGOTTEN_WITHDRAWN})
