"""Reading bulk CSV files as Excel and LibreOffice write them, with a clear message for every
problem (per row, with its line number, or for the whole file) and never a PIN in one."""

from __future__ import annotations

import codecs
import time
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from qrpin_gui.bulk import BulkAction, ProblemCode, Severity, parse_csv_bytes, read_csv

NOW = datetime(2026, 5, 4, 9, 30, tzinfo=UTC)
CET = timezone(timedelta(hours=2))


def parse(text: str | bytes, **kw: object):  # type: ignore[no-untyped-def]
    data = text.encode("utf-8") if isinstance(text, str) else text
    return parse_csv_bytes(data, tz=UTC, now=NOW, **kw)  # type: ignore[arg-type]


def codes(request) -> list[ProblemCode]:  # type: ignore[no-untyped-def]
    return [p.code for p in request.problems]


def test_utf8_bom_semicolons_and_quotes_as_european_excel_writes_them() -> None:
    data = (
        codecs.BOM_UTF8
        + (
            "Person name;Action;Expires\r\n"
            '"zoë.müller@contoso.example";create;30.09.2026\r\n'
            '"o\'brien;x@contoso.example";"reset pin";\r\n'
            '"line ""quoted""@contoso.example";extend;2027-01-31\r\n'
        ).encode()
    )
    # "Person name" is not a known column name: the user column is missing
    assert parse(data).problems[-1].code is ProblemCode.NO_USER_COLUMN
    data = data.replace(b"Person name", b"User")
    result = parse(data)
    assert result.usable and result.delimiter == ";" and result.encoding == "utf-8-sig"
    first, second, third = result.requests
    assert first.user == "zoë.müller@contoso.example"  # the BOM is not part of the header
    assert first.action is BulkAction.CREATE
    assert first.expire == datetime(2026, 9, 30, 23, 59, tzinfo=UTC)
    assert first.expire_is_date
    assert second.user == "o'brien;x@contoso.example"  # separator inside quotes
    assert second.action is BulkAction.RESET_PIN
    assert third.user == 'line "quoted"@contoso.example'
    assert [r.line for r in result.requests] == [2, 3, 4]
    assert not any(r.problems for r in result.requests)


def test_comma_without_bom_and_an_excel_sep_line() -> None:
    result = parse("sep=,\nupn,action,hours\nana@x.example,temporary,8\n")
    assert result.delimiter == ","
    (row,) = result.requests
    assert row.hours == 8 and row.line == 3


def test_windows_1252_file_is_read_with_a_warning() -> None:
    data = "user;action\nrenée.dubois@x.example;reset-pin\n".encode("cp1252")
    result = parse(data)
    assert result.usable
    assert result.encoding == "cp1252"
    assert [p.code for p in result.problems] == [ProblemCode.NOT_UTF8]
    assert "CSV UTF-8" in result.problems[0].text
    assert result.requests[0].user == "renée.dubois@x.example"


def test_a_workbook_is_not_a_csv_file(tmp_path: Path) -> None:
    path = tmp_path / "staff.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    result = read_csv(path)
    assert not result.usable
    assert result.problems[0].code is ProblemCode.NOT_TEXT
    assert "Save it from Excel" in result.problems[0].text


def test_empty_file_and_header_only() -> None:
    for empty in (b"", codecs.BOM_UTF8, b"\r\n \r\n"):
        result = parse(empty)
        assert [p.code for p in result.problems] == [ProblemCode.EMPTY_FILE]
        assert result.problems[0].text == "The file is empty."
        assert not result.usable
    result = parse("user;action\r\n\r\n")
    assert [p.code for p in result.problems] == [ProblemCode.NO_ROWS]
    assert "no rows" in result.problems[0].text


def test_missing_columns_and_unknown_columns() -> None:
    result = parse("name;action\nAna;create\n")
    assert result.problems[-1].code is ProblemCode.NO_USER_COLUMN
    assert "user;action;expires" in result.problems[-1].text
    result = parse("user;note\nana@x.example;hello\n")
    assert ProblemCode.NO_ACTION_COLUMN in [p.code for p in result.problems]
    # a default action for the whole file (chosen in the dialog) makes it usable
    result = parse("user;note\nana@x.example;hello\n", default_action=BulkAction.RESET_PIN)
    assert result.usable
    assert [p.code for p in result.problems] == [ProblemCode.UNKNOWN_COLUMN]
    assert result.problems[0].severity is Severity.WARNING
    assert result.requests[0].action is BulkAction.RESET_PIN


def test_per_row_problems_name_the_line_and_the_fix() -> None:
    text = (
        "user;action;expires;hours;days\n"
        "ana@x.example;frobnicate;;;\n"  # 2
        ";create;;;\n"  # 3
        "bo@x.example;create;31.02.2026;;\n"  # 4
        "cy@x.example;create;03/04/2026;;\n"  # 5
        "di@x.example;temporary;;13;\n"  # 6
        "ed@x.example;temporary;;;\n"  # 7
        "fa@x.example;create;;;four hundred\n"  # 8
        "gu@x.example;create;14/04/2026;;\n"  # 9 unambiguous
        "ha@x.example;delete;2026-12-01;;\n"  # 10 date ignored for delete
    )
    result = parse(text)
    by_line = {r.line: r for r in result.requests}
    assert codes(by_line[2]) == [ProblemCode.UNKNOWN_ACTION]
    assert "frobnicate" in by_line[2].problems[0].text
    assert codes(by_line[3]) == [ProblemCode.MISSING_USER]
    assert codes(by_line[4]) == [ProblemCode.BAD_DATE]
    assert (
        "YYYY-MM-DD" in by_line[4].problems[0].text and "31.02.2026" in by_line[4].problems[0].text
    )
    assert codes(by_line[5]) == [ProblemCode.AMBIGUOUS_DATE]
    assert codes(by_line[6]) == [ProblemCode.HOURS_RANGE]
    assert codes(by_line[7]) == [ProblemCode.TEMPORARY_NO_END]
    assert codes(by_line[8]) == [ProblemCode.BAD_NUMBER]
    assert by_line[9].problems == () and by_line[9].expire is not None
    assert by_line[9].expire.date().isoformat() == "2026-04-14"
    assert codes(by_line[10]) == [ProblemCode.IGNORED_VALUE]
    assert by_line[10].has_errors is False and by_line[10].expire is None
    assert result.rows_with_errors == 7


def test_dates_in_the_local_zone_and_bare_times_today() -> None:
    result = parse_csv_bytes(
        b"user,action,start,expires\n"
        b"a@x.example,temporary,06:00,14:30\n"
        b"b@x.example,create,2026-06-01,2027-06-01T12:00:00+00:00\n",
        tz=CET,
        now=NOW,
    )
    temp, create = result.requests
    assert temp.start == datetime(2026, 5, 4, 6, 0, tzinfo=CET)
    assert temp.expire == datetime(2026, 5, 4, 14, 30, tzinfo=CET)
    assert create.start == datetime(2026, 6, 1, 0, 0, tzinfo=CET) and create.start_is_date
    assert create.expire == datetime(2027, 6, 1, 12, 0, tzinfo=UTC)


def test_duplicate_rows_and_the_same_person_twice() -> None:
    result = parse(
        "user;action\n"
        "Ana@X.example;reset-pin\n"
        "ana@x.example;reset-pin\n"  # same line again (case differs)
        "ana@x.example;delete\n"  # same person, another action
        "bo@x.example;reset-pin\n"
    )
    first, dup, other, bo = result.requests
    assert first.problems == ()
    assert codes(dup) == [ProblemCode.DUPLICATE_ROW]
    assert dup.problems[0].severity is Severity.SKIP and dup.is_duplicate
    assert dup.problems[0].text == "Same as line 2; done once."
    assert codes(other) == [ProblemCode.SAME_PERSON_TWICE]
    assert "line 2" in other.problems[0].text and other.has_errors
    assert bo.problems == ()


def test_a_pin_never_appears_in_messages_or_repr() -> None:
    pin = "40718352"
    result = parse(
        f"user;action;pin\nana@x.example;reset-pin;{pin}\nbo@x.example;create;{pin}\n"
        "cy@x.example;create;12\n"
    )
    reset, create, short = result.requests
    assert codes(reset) == [ProblemCode.PIN_NOT_FOR_ACTION] and reset.pin is None
    assert create.pin == pin
    for request in result.requests:
        assert pin not in repr(request)
        for problem in request.problems:
            assert pin not in problem.text
    assert short.pin == "12"  # the PIN rules are checked by the plan (policy length)


def test_ten_megabyte_file_parses_in_reasonable_time(tmp_path: Path) -> None:
    lines = ["user;action;expires"]
    i = 0
    size = len(lines[0])
    while size < 10 * 1024 * 1024:
        action = ("reset-pin", "extend", "delete", "bogus")[i % 4]
        line = f"worker.number{i:07d}@contoso-retail.example;{action};2026-12-31"
        lines.append(line)
        size += len(line) + 2
        i += 1
    path = tmp_path / "big.csv"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode())
    assert path.stat().st_size >= 10 * 1024 * 1024
    started = time.perf_counter()
    result = read_csv(path, tz=UTC, now=NOW)
    elapsed = time.perf_counter() - started
    assert elapsed < 15.0, elapsed
    assert result.usable
    assert len(result.requests) == i
    bogus = [r for r in result.requests if r.has_errors]
    assert len(bogus) == (i + 0) // 4
    assert all(codes(r) == [ProblemCode.UNKNOWN_ACTION] for r in bogus)
    assert result.requests[-1].line == i + 1
    # the "expires" of reset-pin and delete rows is reported as ignored, not as an error
    assert codes(result.requests[0]) == [ProblemCode.IGNORED_VALUE]
