"""Write bundles as CSV files, one per record type, in the layout `recap ingest --from csv` reads.

Used for `recap template --csv` (one example row per file) and for the demo's CRM-style export.
Only the contract's fields are written; unknown extra fields of a JSON bundle have no column.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from state.bundle import Bundle
from state.coerce import MODELS
from state.csv_mapping import ACCOUNT_COLUMN, ALL, CsvMapping, fields_of

Table = tuple[list[str], list[list[str]]]


@dataclass(frozen=True)
class CellStyle:
    """How values are written: canonical by default; a CRM-like export may use other (readable) forms."""

    date_format: str = "%Y-%m-%d"
    true_word: str = "true"
    false_word: str = "false"
    thousands: bool = False
    headers: dict[str, dict[str, str]] = field(default_factory=dict)  # record type -> field -> header
    values: dict[str, dict[str, dict[str, str]]] = field(default_factory=dict)  # type -> field -> ours -> theirs

    def cell(self, key: str, name: str, value: Any) -> str:
        """Return one value as cell text."""
        if value is None:
            return ""
        if isinstance(value, bool):
            return self.true_word if value else self.false_word
        if isinstance(value, int | float):
            number = int(value) if float(value).is_integer() else value
            return f"{number:,}" if self.thousands and isinstance(number, int) else repr(number)
        if isinstance(value, dt.date):
            return value.strftime(self.date_format).lstrip("0")
        if isinstance(value, list):
            return ";".join(str(v) for v in value)
        return self.values.get(key, {}).get(name, {}).get(str(value), str(value))


def _rows(bundle: Bundle, key: str, style: CellStyle) -> list[list[str]]:
    records = [bundle.account] if key == "accounts" else bundle.records(key)
    out = []
    for record in records:
        values = {name: getattr(record, name) for name in MODELS[key].model_fields}
        values[ACCOUNT_COLUMN] = bundle.account.id
        out.append([style.cell(key, name, values[name]) for name in fields_of(key)])
    return out


def bundle_tables(bundles: list[Bundle], style: CellStyle | None = None) -> dict[str, Table]:
    """Return every record type's header and rows for these accounts (every type, even when empty)."""
    style = style or CellStyle()
    tables: dict[str, Table] = {}
    for key in MODELS:
        headers = [style.headers.get(key, {}).get(name, name) for name in fields_of(key)]
        tables[key] = (headers, [row for bundle in bundles for row in _rows(bundle, key, style)])
    return tables


def csv_text(table: Table) -> str:
    """Return one table as CSV text (header first, `\\r\\n` line ends as spreadsheets write them)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(table[0])
    writer.writerows(table[1])
    return out.getvalue()


def write_tables(folder: Path, tables: dict[str, Table], names: dict[str, str] | None = None) -> list[Path]:
    """Write each table as `<record type>.csv` (or the name given) into the folder; return the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for key, table in tables.items():
        path = folder / (names or {}).get(key, f"{key}.csv")
        path.write_text(csv_text(table), encoding="utf-8", newline="")
        paths.append(path)
    return paths


def template_bundle(example: Bundle) -> Bundle:
    """Return the example cut to its first record of each type, references still pointing inside it."""
    kept: dict[str, Any] = {"account": example.account.model_dump()}
    for key in MODELS:
        if key != "accounts" and example.records(key):
            kept[key] = [example.records(key)[0].model_dump()]
    contacts = {c["id"] for c in kept.get("contacts", [])}
    for activity in kept.get("activities", []):
        activity["contact_ids"] = [c for c in activity["contact_ids"] if c in contacts]
    for feedback in kept.get("feedback", []):
        feedback["contact_id"] = feedback["contact_id"] if feedback["contact_id"] in contacts else None
    return Bundle.model_validate(kept)


def _inverse(table: dict[str, str]) -> dict[str, str]:
    """Invert a CRM -> bundle rename; the first CRM name wins where several map to one field or value."""
    out: dict[str, str] = {}
    for crm, ours in table.items():
        out.setdefault(ours, crm)
    return out


def crm_style(mapping: CsvMapping, **cells: Any) -> CellStyle:
    """Return the style that writes what the mapping reads: its headers and values (others in Title Case)."""
    headers: dict[str, dict[str, str]] = {}
    common = _inverse(mapping.columns.get(ALL, {}))
    for key in MODELS:
        own = _inverse(mapping.columns.get(key, {}))
        shared = {("id" if key == "accounts" and f == ACCOUNT_COLUMN else f): h for f, h in common.items()}
        headers[key] = {
            f: own.get(f) or shared.get(f) or f.replace("_", " ").title().replace(" Id", " ID") for f in fields_of(key)
        }
    values = {key: {f: _inverse(table) for f, table in fields.items()} for key, fields in mapping.values.items()}
    return CellStyle(headers=headers, values=values, **cells)
