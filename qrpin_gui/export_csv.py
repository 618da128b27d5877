"""CSV export of a table the caller already has as text (header + rows of string cells).

The file is what Excel and LibreOffice open right on a store PC: UTF-8 with a byte-order
mark, CRLF line ends, RFC 4180 quoting where needed. Cells that a spreadsheet would read as a
formula (starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return, per OWASP's CSV
injection guidance) are prefixed with a single quote, so a crafted display name or department
cannot run anything. The file is written atomically: an interrupted export never leaves a
half-written file in place of an earlier one.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from pathlib import Path

from .offline.atomic import write_bytes_atomic

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet treat a cell as a formula (OWASP)."""
BOM = "\ufeff"


def escape_cell(value: str) -> str:
    """``value`` made safe against formula injection: prefixed with ``'`` when it starts with
    one of :data:`FORMULA_TRIGGERS`; otherwise unchanged."""
    if value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def to_csv_text(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """The CSV document as text (BOM first, CRLF line ends, every cell escaped)."""
    buffer = io.StringIO(newline="")
    buffer.write(BOM)
    writer = csv.writer(buffer, dialect="excel", lineterminator="\r\n")
    width = len(header)
    writer.writerow([escape_cell(cell) for cell in header])
    for row in rows:
        if len(row) != width:
            raise ValueError(f"a row has {len(row)} cells; the header has {width}")
        writer.writerow([escape_cell(cell) for cell in row])
    return buffer.getvalue()


def to_csv_bytes(header: Sequence[str], rows: Iterable[Sequence[str]]) -> bytes:
    """The CSV document as UTF-8 bytes with a BOM."""
    return to_csv_text(header, rows).encode("utf-8")


def export_csv(path: Path | str, header: Sequence[str], rows: Iterable[Sequence[str]]) -> int:
    """Write the table to ``path`` atomically. Returns the number of data rows written.

    Raises :class:`OSError` when the file cannot be written (the caller tells the user) and
    :class:`ValueError` when a row's width differs from the header's.
    """
    materialised = [tuple(row) for row in rows]
    data = to_csv_bytes(header, materialised)
    write_bytes_atomic(Path(path), data, mode=0o644)
    return len(materialised)
