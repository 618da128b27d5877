"""CSV export: what Excel sees when a store manager opens the exported roster."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import pytest

from qrpin_gui.export_csv import escape_cell, export_csv, to_csv_bytes

HEADER = ["Name", "UPN", "Department", "Status"]


def read_back(path: Path) -> list[list[str]]:
    text = path.read_bytes().decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline="")))


def test_file_starts_with_bom_and_uses_crlf(tmp_path: Path) -> None:
    out = tmp_path / "roster.csv"
    export_csv(out, HEADER, [["Zoë Ågren", "zoe@contoso.com", "Bäckerei", "Active"]])
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.count(b"\r\n") == 2
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert read_back(out) == [HEADER, ["Zoë Ågren", "zoe@contoso.com", "Bäckerei", "Active"]]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ('=HYPERLINK("http://evil","x")', '\'=HYPERLINK("http://evil","x")'),
        ("+1-555-0100", "'+1-555-0100"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("Anna = Store 5", "Anna = Store 5"),
        ("a-b", "a-b"),
        ("", ""),
    ],
)
def test_formula_cells_are_escaped(cell: str, expected: str) -> None:
    assert escape_cell(cell) == expected


def test_escaping_and_quoting_survive_a_round_trip(tmp_path: Path) -> None:
    out = tmp_path / "roster.csv"
    rows = [
        ["=cmd|' /C calc'!A0", "a@contoso.com", 'Sales, "North"', "line1\nline2"],
        ["Bob", "@bob", "-", "+"],
    ]
    assert export_csv(out, HEADER, rows) == 2
    back = read_back(out)
    assert back[1] == ["'=cmd|' /C calc'!A0", "a@contoso.com", 'Sales, "North"', "line1\nline2"]
    assert back[2] == ["Bob", "'@bob", "'-", "'+"]
    # the embedded comma and quote were quoted, not split into extra columns
    assert all(len(r) == 4 for r in back)


def test_header_is_escaped_too() -> None:
    data = to_csv_bytes(["=A1", "Name"], [])
    assert data == "\ufeff'=A1,Name\r\n".encode()


def test_row_width_mismatch_is_refused_and_nothing_written(tmp_path: Path) -> None:
    out = tmp_path / "roster.csv"
    with pytest.raises(ValueError, match="cells"):
        export_csv(out, HEADER, [["only", "three", "cells"]])
    assert not out.exists()


def test_failed_write_keeps_the_previous_export(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "roster.csv"
    export_csv(out, HEADER, [["Old", "old@contoso.com", "", ""]])
    before = out.read_bytes()

    def boom(*_args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError, match="disk full"):
        export_csv(out, HEADER, [["New", "new@contoso.com", "", ""]])
    monkeypatch.undo()
    assert out.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["roster.csv"]  # no temp file left over
