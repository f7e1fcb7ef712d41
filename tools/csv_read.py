"""Read CSV files into tables of text cells, each row with its line number and each column with its field.

A problem with a file's shape (not UTF-8, an unknown or repeated column, a row with too many cells)
is an InputInvalid naming the file; problems in a cell's value are for csv_import to report.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from difflib import get_close_matches
from pathlib import Path

from state.csv_mapping import IGNORED, CsvMapping, fields_of
from state.errors import InputInvalid

MB = 1024 * 1024


@dataclass(frozen=True)
class CsvSource:
    """One CSV file's name (as shown in problems) and its bytes."""

    name: str
    data: bytes


@dataclass
class CsvTable:
    """One record type's file: each column's header and field (None: ignored), and rows with line numbers."""

    name: str
    key: str
    headers: list[str]
    fields: list[str | None]
    rows: list[tuple[int, list[str]]] = field(default_factory=list)

    def header_of(self, name: str) -> str:
        """Return the file's header for a field (the field's own name if the file lacks it)."""
        return next((h for h, f in zip(self.headers, self.fields, strict=True) if f == name), name)

    def ignored(self) -> list[str]:
        """Return the headers the mapping told us to drop."""
        return [h for h, f in zip(self.headers, self.fields, strict=True) if f is None and h]


def sources_from_paths(paths: list[Path], max_bytes: int) -> list[CsvSource]:
    """Return the CSV files named, a folder standing for every `*.csv` in it; InputInvalid if any is unreadable."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(path.glob("*.csv"))
            if not found:
                raise InputInvalid(f"{path}: no .csv files in this folder")
            files += found
        elif path.is_file():
            files.append(path)
        else:
            raise InputInvalid(f"{path}: no such file or folder")
    sources = []
    for path in files:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputInvalid(
                f"{path.name}: the file is {size / MB:.1f} MB, over the {max_bytes / MB:g} MB limit "
                "(set RECAP_MAX_BUNDLE_MB to raise it)"
            )
        sources.append(CsvSource(path.name, path.read_bytes()))
    return sources


def _text(source: CsvSource) -> str:
    try:
        return source.data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputInvalid(f"{source.name}: not UTF-8 text (export the report as CSV UTF-8)") from None


def _dialect(first_line: str) -> str:
    """Return the delimiter: a comma, unless the header has none and uses semicolons or tabs."""
    if "," not in first_line:
        for other in (";", "\t"):
            if other in first_line:
                return other
    return ","


def _resolve(source: CsvSource, key: str, headers: list[str], mapping: CsvMapping) -> list[str | None]:
    fields: list[str | None] = []
    problems = []
    for header in headers:
        target = mapping.field(key, header) if header else IGNORED  # a blank header: checked empty below
        if target is None:
            hint = get_close_matches(header, fields_of(key), n=1)
            problems.append(
                f'column "{header}" is not a field of {key}'
                + (f" (did you mean {hint[0]}?)" if hint else "")
                + "; rename it in the mapping's [columns] or list it under [ignore]"
            )
        fields.append(None if target == IGNORED else target)
    named = [f for f in fields if f is not None]
    for twice in sorted({f for f in named if named.count(f) > 1}):
        both = " and ".join(f'"{h}"' for h, f in zip(headers, fields, strict=True) if f == twice)
        problems.append(f"columns {both} both map to {twice}")
    if problems:
        raise InputInvalid(f"{source.name}: " + "; ".join(problems))
    return fields


def read_table(source: CsvSource, key: str, mapping: CsvMapping) -> CsvTable:
    """Parse one file of one record type: headers resolved through the mapping, rows kept as text."""
    text = _text(source)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_dialect(text.split("\n", 1)[0]))
    try:
        headers = [h.strip() for h in next(reader)]
    except StopIteration:
        raise InputInvalid(f"{source.name}: the file is empty (it needs a header row)") from None
    except csv.Error as exc:
        raise InputInvalid(f"{source.name}:1: not valid CSV ({exc})") from None
    table = CsvTable(source.name, key, headers, _resolve(source, key, headers, mapping))
    try:
        line = reader.line_num
        for cells in reader:
            start, line = line + 1, reader.line_num
            if not any(c.strip() for c in cells):
                continue
            if len(cells) != len(headers):
                raise InputInvalid(
                    f"{source.name}:{start}: {len(cells)} cells but the header has {len(headers)} columns"
                )
            table.rows.append((start, cells))
    except csv.Error as exc:
        raise InputInvalid(f"{source.name}:{reader.line_num}: not valid CSV ({exc})") from None
    _check_blank_headers(table)
    return table


def _check_blank_headers(table: CsvTable) -> None:
    """Let a column without a header pass (spreadsheets add them) only while it holds nothing."""
    for at, header in enumerate(table.headers):
        if not header:
            filled = next((line for line, cells in table.rows if cells[at].strip()), None)
            if filled is not None:
                raise InputInvalid(f"{table.name}:{filled}: column {at + 1} has no header but holds a value")
