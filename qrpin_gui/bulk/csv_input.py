"""Reading a bulk CSV file: who, what, and the optional dates, hours and PIN.

What the file may look like (as Excel and LibreOffice write it on a store PC):

- UTF-8 with or without a byte-order mark, UTF-16 with a BOM, or (Excel's plain "CSV" in
  Western Europe) Windows-1252, which is read with a warning;
- comma, semicolon (European Excel) or tab separated: the separator is sniffed from the
  header line (an Excel ``sep=;`` first line is honoured);
- quoted fields (with doubled quotes and line breaks inside) per RFC 4180;
- a header line naming the columns: ``user`` (user name or object id) and ``action``, and
  optionally ``start``, ``expires``, ``days``, ``hours``, ``pin``. Names are matched without
  case, spaces, dashes or underscores, with common synonyms (``upn``, ``expiry`` ...).

Every problem is reported with its line number (the physical line where the record starts);
nothing here ever repeats a PIN. Dates are read as ``YYYY-MM-DD``, ``YYYY-MM-DD HH:MM``, ISO
8601 with an offset, ``DD.MM.YYYY`` and, only when unambiguous, ``D/M/YYYY``; a bare time
``HH:MM`` means today. Local dates are in ``tz`` (the PC's zone by default).
"""

from __future__ import annotations

import codecs
import csv
import io
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, tzinfo
from pathlib import Path

from qrpin_gui.core.models import (
    MAX_STANDARD_LIFETIME_DAYS,
    MAX_TEMPORARY_LIFETIME_HOURS,
    MIN_STANDARD_LIFETIME_DAYS,
    MIN_TEMPORARY_LIFETIME_HOURS,
)

from .kinds import BulkAction, parse_action
from .problems import Problem, ProblemCode, Severity

log = logging.getLogger(__name__)

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_ROWS",
    "BulkRequest",
    "CsvFile",
    "parse_csv_bytes",
    "parse_when",
    "read_csv",
]

MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_ROWS = 250_000

COLUMNS = ("user", "action", "start", "expires", "days", "hours", "pin")
_COLUMN_ALIASES: dict[str, str] = {}
for _canonical, _names in (
    (
        "user",
        (
            "user",
            "users",
            "upn",
            "userprincipalname",
            "username",
            "id",
            "userid",
            "objectid",
            "email",
            "mail",
            "person",
            "login",
        ),
    ),
    ("action", ("action", "operation", "task", "todo", "do")),
    ("start", ("start", "starts", "startdate", "startdatetime", "activation", "activate", "from")),
    (
        "expires",
        (
            "expires",
            "expire",
            "expiry",
            "expirydate",
            "expiration",
            "expiredatetime",
            "expiresat",
            "until",
            "end",
            "to",
        ),
    ),
    ("days", ("days", "lifetime", "lifetimedays", "validdays")),
    ("hours", ("hours", "hrs", "duration", "durationhours")),
    ("pin", ("pin", "initialpin", "pincode", "code")),
):
    for _name in _names:
        _COLUMN_ALIASES[_name] = _canonical
_NAME_NOISE = re.compile(r"[\s_\-.()]+")

_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DOTTED = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:[ T]+(\d{1,2}):(\d{2}))?$")
_SLASHED = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})(?:[ T]+(\d{1,2}):(\d{2}))?$")
_TIME_ONLY = re.compile(r"^(\d{1,2}):(\d{2})$")
_END_OF_DAY = time(23, 59)


@dataclass(frozen=True, slots=True, repr=False)
class BulkRequest:
    """One thing to do for one person: a CSV line, or a roster selection (``line`` None).

    ``user`` is what the file says (a user name or an object id). ``start`` / ``expire`` are
    aware datetimes; ``*_is_date`` says the file gave only a date (start: that day's
    beginning; expiry: the end of that day, or the latest allowed moment on it). ``pin`` is a
    secret: never in ``repr``, a log line or a message. ``problems`` are what reading the
    line found.
    """

    line: int | None
    user: str
    action: BulkAction | None
    start: datetime | None = None
    start_is_date: bool = False
    expire: datetime | None = None
    expire_is_date: bool = False
    days: int | None = None
    hours: float | None = None
    pin: str | None = None
    problems: tuple[Problem, ...] = ()

    def __repr__(self) -> str:
        return (
            f"BulkRequest(line={self.line!r}, user={self.user!r}, action={self.action!r}, "
            f"start={self.start!r}, expire={self.expire!r}, days={self.days!r}, "
            f"hours={self.hours!r}, pin={'<hidden>' if self.pin else None}, "
            f"problems={[p.code.value for p in self.problems]!r})"
        )

    @property
    def has_errors(self) -> bool:
        return any(p.severity is Severity.ERROR for p in self.problems)

    @property
    def is_duplicate(self) -> bool:
        return any(p.code is ProblemCode.DUPLICATE_ROW for p in self.problems)


@dataclass(slots=True)
class CsvFile:
    """A parsed file: its requests in file order and the problems of the whole file."""

    requests: list[BulkRequest] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    delimiter: str = ","
    encoding: str = "utf-8"
    columns: tuple[str, ...] = ()

    @property
    def usable(self) -> bool:
        """No file-level error (row problems are listed per row)."""
        return not any(p.severity is Severity.ERROR for p in self.problems)

    @property
    def rows_with_errors(self) -> int:
        return sum(1 for r in self.requests if r.has_errors)


# --------------------------------------------------------------------------- decoding


def _decode(data: bytes, problems: list[Problem]) -> tuple[str, str] | None:
    """The text and the encoding used, or None (with the problem) when it is not text."""
    if data.startswith(codecs.BOM_UTF8):
        raw = data[len(codecs.BOM_UTF8) :]
        try:
            return raw.decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError:
            problems.append(Problem.of(ProblemCode.NOT_UTF8))
            return raw.decode("cp1252", errors="replace"), "cp1252"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            problems.append(Problem.of(ProblemCode.NOT_TEXT))
            return None
    head = data[:4096]
    if head.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"%PDF")) or b"\x00" in head:
        problems.append(Problem.of(ProblemCode.NOT_TEXT))
        return None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        problems.append(Problem.of(ProblemCode.NOT_UTF8))
        return data.decode("cp1252", errors="replace"), "cp1252"


def _count_outside_quotes(line: str, char: str) -> int:
    count = 0
    quoted = False
    for ch in line:
        if ch == '"':
            quoted = not quoted
        elif ch == char and not quoted:
            count += 1
    return count


def _sniff_delimiter(header: str) -> str:
    counts = {d: _count_outside_quotes(header, d) for d in (";", ",", "\t")}
    best = max(counts.values())
    if best == 0:
        return ","
    for delimiter in (";", ",", "\t"):  # a tie goes to the European Excel separator
        if counts[delimiter] == best:
            return delimiter
    return ","  # pragma: no cover


def _column_key(name: str) -> str:
    return _NAME_NOISE.sub("", name.strip().strip('"').lower())


# --------------------------------------------------------------------------- values


def parse_when(text: str, tz: tzinfo, today: date) -> tuple[datetime, bool] | ProblemCode:
    """A date/time cell: (aware datetime, date only?) or the problem code."""
    value = text.strip()
    m = _ISO_DATE.match(value)
    if m:
        try:
            day = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return ProblemCode.BAD_DATE
        return datetime.combine(day, time(0, 0), tz), True
    m = _TIME_ONLY.match(value)
    if m:
        hour, minute = int(m.group(1)), int(m.group(2))
        if hour > 23 or minute > 59:
            return ProblemCode.BAD_DATE
        return datetime.combine(today, time(hour, minute), tz), False
    for pattern, day_first in ((_DOTTED, True), (_SLASHED, None)):
        m = pattern.match(value)
        if not m:
            continue
        a, b, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if day_first is None:
            if a > 12 and b <= 12:
                day_first = True
            elif b > 12 and a <= 12:
                day_first = False
            elif a == b:
                day_first = True
            else:
                return ProblemCode.AMBIGUOUS_DATE
        d, mo = (a, b) if day_first else (b, a)
        try:
            day = date(year, mo, d)
            clock = time(int(m.group(4)), int(m.group(5))) if m.group(4) else None
        except ValueError:
            return ProblemCode.BAD_DATE
        if clock is None:
            return datetime.combine(day, time(0, 0), tz), True
        return datetime.combine(day, clock, tz), False
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return ProblemCode.BAD_DATE
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=tz)
    return parsed, False


def _number(text: str) -> float | None:
    try:
        return float(text.replace(",", ".")) if text else None
    except ValueError:
        return None


# --------------------------------------------------------------------------- rows


class _RowReader:
    def __init__(
        self,
        index: dict[str, int],
        default_action: BulkAction | None,
        tz: tzinfo,
        today: date,
        width: int,
    ) -> None:
        self.index = index
        self.default_action = default_action
        self.tz = tz
        self.today = today
        self.width = width

    def cell(self, fields: list[str], column: str) -> str:
        i = self.index.get(column)
        if i is None or i >= len(fields):
            return ""
        return fields[i].strip()

    def read(self, line: int, fields: list[str]) -> BulkRequest:
        problems: list[Problem] = []
        user = self.cell(fields, "user")
        if not user:
            problems.append(Problem.of(ProblemCode.MISSING_USER))
        action_text = self.cell(fields, "action")
        action: BulkAction | None
        if action_text:
            action = parse_action(action_text)
            if action is None:
                problems.append(Problem.of(ProblemCode.UNKNOWN_ACTION, value=action_text[:40]))
        else:
            action = self.default_action
            if action is None:
                problems.append(Problem.of(ProblemCode.MISSING_ACTION))
        if len(fields) > self.width and any(f.strip() for f in fields[self.width :]):
            problems.append(Problem.of(ProblemCode.EXTRA_FIELDS))

        start = expire = None
        start_is_date = expire_is_date = False
        text = self.cell(fields, "start")
        if text:
            when = parse_when(text, self.tz, self.today)
            if isinstance(when, ProblemCode):
                problems.append(Problem.of(when, column="start", value=text[:40]))
            else:
                start, start_is_date = when
        text = self.cell(fields, "expires")
        if text:
            when = parse_when(text, self.tz, self.today)
            if isinstance(when, ProblemCode):
                problems.append(Problem.of(when, column="expires", value=text[:40]))
            else:
                expire, expire_is_date = when
                if expire_is_date:
                    expire = datetime.combine(expire.date(), _END_OF_DAY, self.tz)
        days: int | None = None
        text = self.cell(fields, "days")
        if text:
            number = _number(text)
            if number is None or number != int(number):
                problems.append(Problem.of(ProblemCode.BAD_NUMBER, column="days", value=text[:40]))
            elif not MIN_STANDARD_LIFETIME_DAYS <= number <= MAX_STANDARD_LIFETIME_DAYS:
                problems.append(Problem.of(ProblemCode.DAYS_RANGE, value=text[:40]))
            else:
                days = int(number)
        hours: float | None = None
        text = self.cell(fields, "hours")
        if text:
            number = _number(text)
            if number is None:
                problems.append(Problem.of(ProblemCode.BAD_NUMBER, column="hours", value=text[:40]))
            elif not MIN_TEMPORARY_LIFETIME_HOURS <= number <= MAX_TEMPORARY_LIFETIME_HOURS:
                problems.append(Problem.of(ProblemCode.HOURS_RANGE, value=text[:40]))
            else:
                hours = number
        pin = self.cell(fields, "pin") or None

        if action is not None:
            ignored = []
            if action is not BulkAction.CREATE and pin is not None:
                problems.append(Problem.of(ProblemCode.PIN_NOT_FOR_ACTION))
                pin = None
            if action in (BulkAction.RESET_PIN, BulkAction.DELETE):
                ignored += [c for c, v in (("start", start), ("expires", expire)) if v]
                ignored += [c for c, v in (("days", days), ("hours", hours)) if v is not None]
                start = expire = None
                days = None
                hours = None
            elif action is BulkAction.EXTEND:
                ignored += [c for c, v in (("start", start),) if v]
                ignored += [c for c, v in (("hours", hours),) if v is not None]
                start, hours = None, None
            elif action is BulkAction.CREATE:
                ignored += [c for c, v in (("hours", hours),) if v is not None]
                hours = None
            elif action is BulkAction.TEMPORARY:
                ignored += [c for c, v in (("days", days),) if v is not None]
                days = None
                bad_end = any(
                    p.param("column") in ("expires", "hours") or p.code is ProblemCode.HOURS_RANGE
                    for p in problems
                )
                if hours is None and expire is None and not bad_end:
                    problems.append(Problem.of(ProblemCode.TEMPORARY_NO_END))
            for column in ignored:
                problems.append(
                    Problem.of(ProblemCode.IGNORED_VALUE, column=column, action=action.value)
                )
        return BulkRequest(
            line=line,
            user=user,
            action=action,
            start=start,
            start_is_date=start_is_date,
            expire=expire,
            expire_is_date=expire_is_date,
            days=days,
            hours=hours,
            pin=pin,
            problems=tuple(problems),
        )


def _duplicate_key(request: BulkRequest) -> tuple[object, ...]:
    return (
        request.user.casefold(),
        request.action,
        request.start,
        request.expire,
        request.days,
        request.hours,
        request.pin,
    )


ParseProgress = Callable[[int, int], None]
"""(lines read, lines in the file); called every :data:`PROGRESS_EVERY` records (and at the
end), from whatever thread parses."""

PROGRESS_EVERY = 5000


def parse_csv_bytes(
    data: bytes,
    *,
    default_action: BulkAction | None = None,
    tz: tzinfo | None = None,
    now: datetime | None = None,
    progress: ParseProgress | None = None,
) -> CsvFile:
    """Parse a whole CSV file's bytes. Never raises for bad content: every problem is in the
    result (file-level in ``problems``, row-level in each request's ``problems``)."""
    result = CsvFile()
    local = tz or datetime.now().astimezone().tzinfo or UTC
    today = (now or datetime.now(local)).astimezone(local).date()
    if len(data) > MAX_FILE_BYTES:
        result.problems.append(Problem.of(ProblemCode.TOO_LARGE, limit_mb=MAX_FILE_BYTES >> 20))
        return result
    if not data.strip(b" \t\r\n" + codecs.BOM_UTF8):
        result.problems.append(Problem.of(ProblemCode.EMPTY_FILE))
        return result
    decoded = _decode(data, result.problems)
    if decoded is None:
        return result
    text, result.encoding = decoded
    if not text.strip("\ufeff \t\r\n"):
        result.problems.append(Problem.of(ProblemCode.EMPTY_FILE))
        return result

    stream = io.StringIO(text, newline="")
    first = stream.readline()
    forced: str | None = None
    skipped_lines = 0
    if first.strip().lower().startswith("sep=") and len(first.strip()) == 5:
        forced = first.strip()[4]
        skipped_lines = 1
        first = stream.readline()
    while first and not first.strip():
        skipped_lines += 1
        first = stream.readline()
    if not first:
        result.problems.append(Problem.of(ProblemCode.EMPTY_FILE))
        return result
    delimiter = forced or _sniff_delimiter(first)
    result.delimiter = delimiter
    header = next(csv.reader([first], delimiter=delimiter, quotechar='"'), [])

    index: dict[str, int] = {}
    for i, name in enumerate(header):
        key = _column_key(name)
        canonical = _COLUMN_ALIASES.get(key)
        if canonical is None:
            if name.strip():
                result.problems.append(
                    Problem.of(ProblemCode.UNKNOWN_COLUMN, column=name.strip()[:40])
                )
            continue
        if canonical in index:
            result.problems.append(
                Problem.of(ProblemCode.DUPLICATE_COLUMN, column=name.strip()[:40])
            )
            continue
        index[canonical] = i
    result.columns = tuple(c for c in COLUMNS if c in index)
    if "user" not in index:
        result.problems.append(Problem.of(ProblemCode.NO_USER_COLUMN))
        return result
    if "action" not in index and default_action is None:
        result.problems.append(Problem.of(ProblemCode.NO_ACTION_COLUMN))
        return result

    total_lines = text.count("\n") + 1 if progress is not None else 0
    records = 0
    rows = _RowReader(index, default_action, local, today, len(header))
    reader = csv.reader(stream, delimiter=delimiter, quotechar='"')
    header_line = skipped_lines + 1
    previous_end = 0
    person_seen: dict[str, int] = {}
    requests = result.requests
    for fields in reader:
        start_line = header_line + previous_end + 1
        previous_end = reader.line_num
        records += 1
        if progress is not None and records % PROGRESS_EVERY == 0:
            progress(header_line + reader.line_num, total_lines)
        if not "".join(fields).strip():
            continue
        if len(requests) >= MAX_ROWS:
            result.problems.append(
                Problem.of(ProblemCode.TOO_MANY_ROWS, count=f"more than {MAX_ROWS}", limit=MAX_ROWS)
            )
            break
        request = rows.read(start_line, fields)
        if request.user:
            person = request.user.casefold()
            earlier = person_seen.get(person)
            if earlier is None:
                person_seen[person] = len(requests)
            else:
                original = requests[earlier]
                same = _duplicate_key(original) == _duplicate_key(request)
                code = ProblemCode.DUPLICATE_ROW if same else ProblemCode.SAME_PERSON_TWICE
                request = _with_problem(request, Problem.of(code, line=original.line))
        requests.append(request)
    if progress is not None:
        progress(total_lines, total_lines)
    if not requests and result.usable:
        result.problems.append(Problem.of(ProblemCode.NO_ROWS))
    log.info(
        "CSV read: %d row(s), %d with errors, delimiter %r, %s",
        len(requests),
        result.rows_with_errors,
        delimiter,
        result.encoding,
    )
    return result


def _with_problem(request: BulkRequest, problem: Problem) -> BulkRequest:
    return BulkRequest(
        line=request.line,
        user=request.user,
        action=request.action,
        start=request.start,
        start_is_date=request.start_is_date,
        expire=request.expire,
        expire_is_date=request.expire_is_date,
        days=request.days,
        hours=request.hours,
        pin=request.pin,
        problems=(*request.problems, problem),
    )


def read_csv(
    path: str | Path,
    *,
    default_action: BulkAction | None = None,
    tz: tzinfo | None = None,
    now: datetime | None = None,
    progress: ParseProgress | None = None,
) -> CsvFile:
    """Read and parse the file at ``path`` (size checked before reading). ``progress`` is
    told how far parsing got (blocking: run this on a worker thread from a GUI)."""
    file = Path(path)
    try:
        size = file.stat().st_size
        if size > MAX_FILE_BYTES:
            result = CsvFile()
            result.problems.append(Problem.of(ProblemCode.TOO_LARGE, limit_mb=MAX_FILE_BYTES >> 20))
            return result
        data = file.read_bytes()
    except OSError as exc:
        result = CsvFile()
        result.problems.append(
            Problem.of(ProblemCode.UNREADABLE_FILE, reason=exc.strerror or type(exc).__name__)
        )
        return result
    return parse_csv_bytes(data, default_action=default_action, tz=tz, now=now, progress=progress)
