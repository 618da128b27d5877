"""How each row of a bulk run ended, and the results file that lets a re-run skip what is done.

The results file is CSV (UTF-8 with a BOM, so Excel opens it as is), one line per row
outcome, appended and flushed as the run goes, so a crash or a cancel leaves an accurate
record. A row may appear twice (for instance "unknown" and then, after the re-check,
"done"): the last line for a person and action wins. It holds no secret: no PIN, no QR
payload, no token; only who, what, the outcome, the HTTP status, the Graph error code and
the request id for support.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import logging
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import Enum
from pathlib import Path
from typing import IO

from qrpin_gui.core.models import RosterRow
from qrpin_gui.export_csv import escape_cell

from .kinds import BulkAction, parse_action

log = logging.getLogger(__name__)

__all__ = [
    "RESULT_COLUMNS",
    "PreviousResults",
    "ResultsWriter",
    "RowOutcome",
    "RowResult",
    "read_results",
    "selection_results_name",
]


class RowOutcome(Enum):
    """How one row ended."""

    DONE = "done"
    DONE_SECRET_LOST = "done-secret-lost"
    """Applied (seen by re-reading after a lost answer, or answered unreadably), but the
    one-time PIN or badge never arrived: the person needs a new PIN or badge."""
    FAILED = "failed"
    """The service refused it (see the error code), or it stayed throttled."""
    UNKNOWN = "unknown"
    """Sent, the answer was lost, and re-reading could not tell whether it took effect."""
    NOT_APPLIED = "not-applied"
    """Sent, the answer was lost, and re-reading shows it did not take effect."""
    NOT_SENT = "not-sent"
    """Cancelled, offline or stopped before it was sent."""
    SKIPPED = "skipped"
    """Not run: the dry run found a problem, nothing to do, or the manager skipped it."""

    @property
    def finished(self) -> bool:
        """Done: a re-run skips it."""
        return self in (RowOutcome.DONE, RowOutcome.DONE_SECRET_LOST)


@dataclass(frozen=True, slots=True)
class RowResult:
    """The outcome of one row. ``detail`` is a code (a problem code or an outcome detail such
    as ``checked-after-lost-answer``), never free text from the service or a secret."""

    index: int
    line: int | None
    user: str
    user_id: str | None
    upn: str
    display_name: str
    action: BulkAction | None
    outcome: RowOutcome
    http_status: int | None = None
    error_code: str | None = None
    request_id: str | None = None
    detail: str = ""
    at: datetime = field(default_factory=lambda: datetime.now(UTC))
    row: RosterRow | None = None
    """The person's roster row refreshed from the service's answer (not written to disk)."""

    @property
    def label(self) -> str:
        return self.display_name or self.upn or self.user


RESULT_COLUMNS = (
    "line",
    "user",
    "user_id",
    "display_name",
    "action",
    "outcome",
    "http_status",
    "error_code",
    "request_id",
    "detail",
    "at",
)


def _cells(result: RowResult) -> list[str]:
    values = [
        "" if result.line is None else str(result.line),
        result.upn or result.user,
        result.user_id or "",
        result.display_name,
        result.action.value if result.action else "",
        result.outcome.value,
        "" if result.http_status is None else str(result.http_status),
        result.error_code or "",
        result.request_id or "",
        result.detail,
        result.at.astimezone(UTC).isoformat(timespec="seconds"),
    ]
    return [escape_cell(v) for v in values]


class ResultsWriter:
    """Appends row results to ``path`` (created with a header when new or empty).

    Every line is flushed at once; the file is fsynced every ``sync_every`` lines and on
    :meth:`close`. Use as a context manager or call :meth:`close`.
    """

    def __init__(self, path: str | Path, *, sync_every: int = 25) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fresh = not self.path.exists() or self.path.stat().st_size == 0
        self._fh: IO[str] = open(  # noqa: SIM115 - closed in close()
            self.path, "a", encoding="utf-8-sig", newline=""
        )
        self._writer = csv.writer(self._fh, dialect="excel", lineterminator="\r\n")
        self._sync_every = max(1, sync_every)
        self._unsynced = 0
        self.written = 0
        if fresh:
            self._writer.writerow(RESULT_COLUMNS)
            self._flush(force=True)

    def write(self, result: RowResult) -> None:
        self._writer.writerow(_cells(result))
        self.written += 1
        self._unsynced += 1
        self._flush(force=self._unsynced >= self._sync_every)

    def _flush(self, *, force: bool) -> None:
        self._fh.flush()
        if force:
            with contextlib.suppress(OSError):
                os.fsync(self._fh.fileno())
            self._unsynced = 0

    def close(self) -> None:
        if self._fh.closed:
            return
        self._flush(force=True)
        self._fh.close()

    def __enter__(self) -> ResultsWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@dataclass(frozen=True, slots=True)
class PreviousOutcome:
    """What an earlier run recorded last for one person and action."""

    outcome: RowOutcome
    at: datetime | None
    line: int | None


@dataclass(slots=True)
class PreviousResults:
    """The last recorded outcome per (person, action), for resuming."""

    by_key: dict[tuple[str, BulkAction], PreviousOutcome] = field(default_factory=dict)
    unreadable_lines: int = 0

    def lookup(
        self, action: BulkAction, user_id: str | None, user: str = ""
    ) -> PreviousOutcome | None:
        for key in (user_id, user):
            if key:
                found = self.by_key.get((key.casefold(), action))
                if found is not None:
                    return found
        return None

    def __len__(self) -> int:
        return len(self.by_key)


def selection_results_name(action: BulkAction, user_ids: Iterable[str]) -> str:
    """The results file name of a run over a set of people (a roster selection, the expiry
    radar): the action and a hash of the sorted user ids, so running the same people again
    (after Cancel, a crash, a closed window) reads the same file and skips what is done."""
    ids = sorted({uid.strip().casefold() for uid in user_ids if uid.strip()})
    digest = hashlib.sha256("\n".join(ids).encode("utf-8")).hexdigest()[:16]
    return f"bulk-{action.value}-{digest}.results.csv"


def _unescape(value: str) -> str:
    return value[1:] if value.startswith("'") else value


def read_results(path: str | Path) -> PreviousResults:
    """The outcomes an earlier run recorded in ``path`` (missing file = none). Torn or
    foreign lines are counted, never fatal."""
    previous = PreviousResults()
    try:
        text = Path(path).read_text(encoding="utf-8-sig", errors="replace")
    except FileNotFoundError:
        return previous
    except OSError as exc:
        log.warning("results file unreadable (%s)", type(exc).__name__)
        return previous
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if header is None:
        return previous
    columns = {name.strip(): i for i, name in enumerate(header)}
    needed = ("user", "user_id", "action", "outcome")
    if not all(n in columns for n in needed):
        previous.unreadable_lines += 1
        return previous
    for fields in reader:
        try:
            cell = {n: _unescape(fields[i]) for n, i in columns.items() if i < len(fields)}
            action = parse_action(cell.get("action", ""))
            outcome = RowOutcome(cell.get("outcome", ""))
        except ValueError:
            previous.unreadable_lines += 1
            continue
        if action is None:
            previous.unreadable_lines += 1
            continue
        at: datetime | None
        try:
            at = datetime.fromisoformat(cell["at"]) if cell.get("at") else None
        except ValueError:
            at = None
        line_text = cell.get("line", "")
        entry = PreviousOutcome(outcome, at, int(line_text) if line_text.isdigit() else None)
        for key in (cell.get("user_id", ""), cell.get("user", "")):
            if not key:
                continue
            if outcome is RowOutcome.SKIPPED and (key.casefold(), action) in previous.by_key:
                continue  # a later "skipped" (e.g. done before) keeps the real outcome
            previous.by_key[(key.casefold(), action)] = entry
    if previous.unreadable_lines:
        log.info("results file: %d unreadable line(s) skipped", previous.unreadable_lines)
    return previous
