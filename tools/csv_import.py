"""Import CSV exports: one file per record type, several accounts per file, joined by `account_id`.

Each account's rows become one raw bundle that goes through the same validation and the same atomic
upsert as a JSON bundle; its problems are reported by file, line and column. A problem with a file's
shape refuses the whole import (nothing stored); a problem in a row refuses that row's account only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from state.coerce import MODELS, READERS, fold
from state.csv_mapping import ACCOUNT_COLUMN, CsvMapping
from state.errors import BundleInvalid, InputInvalid
from state.validation import validate_bundle
from tools.csv_read import CsvSource, CsvTable, read_table
from tools.store import AccountStore, LoadResult

PATH = re.compile(r"\b(?:(account)|([a-z_]+)\[(\d+)\])(?:\.([a-z_]+))?(?:\[\d+\])?")


@dataclass
class Refusal:
    """An account that was not stored, and why."""

    account_id: str
    problems: list[str]


@dataclass
class ImportReport:
    """What an import stored, what it refused and why, and which columns it dropped on purpose."""

    loaded: list[LoadResult] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # rows that belong to no account of the import
    ignored_columns: list[str] = field(default_factory=list)

    def errors(self) -> list[str]:
        """Return every problem, account by account, then the rows that belong to no account."""
        return [p for r in self.refused for p in r.problems] + self.problems

    def as_dict(self) -> dict[str, Any]:
        return {
            "loaded": [r.as_dict() for r in self.loaded],
            "refused": [{"account_id": r.account_id, "problems": r.problems} for r in self.refused],
            "errors": self.errors(),
            "ignored_columns": self.ignored_columns,
        }


@dataclass
class Draft:
    """One account's bundle being built from rows, with where each record came from."""

    raw: dict[str, Any]
    origin: dict[tuple[str, int], tuple[CsvTable, int]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    reported: set[tuple[str, int, str]] = field(default_factory=set)

    def place(self, key: str, index: int, name: str | None) -> tuple[str, tuple[str, int, str]]:
        """Return `file:line column` for a record's field, and the key that dedupes it."""
        table, line = self.origin[(key, index)]
        if name is None:
            return f"{table.name}:{line}", (table.name, line, "")
        header = table.header_of(name)
        label = name if header == name else f'"{header}" ({name})'
        return f"{table.name}:{line} {label}", (table.name, line, name)


def tables_by_type(sources: list[CsvSource], mapping: CsvMapping) -> dict[str, CsvTable]:
    """Read every file as the record type its name says; InputInvalid for unknown, repeated or missing types."""
    tables: dict[str, CsvTable] = {}
    for source in sources:
        key = mapping.record_type(source.name)
        if key is None:
            raise InputInvalid(
                f"{source.name}: not a record type's file (name it accounts.csv, contacts.csv, "
                "objective_kpis.csv, ... or list it in the mapping's [files])"
            )
        if key in tables:
            raise InputInvalid(f"{source.name}: a second file of {key} (the first is {tables[key].name})")
        tables[key] = read_table(source, key, mapping)
    if "accounts" not in tables:
        raise InputInvalid("no accounts file: the import needs accounts.csv (or the mapping's [files] accounts)")
    return {key: tables[key] for key in MODELS if key in tables}


Plan = list[tuple[int, str, Any, dict[str, str]]]


def plan(table: CsvTable, mapping: CsvMapping) -> Plan:
    """Return, for each column read into a record: its position, field, reader and value renames (once per file)."""
    readers = READERS[table.key]
    return [
        (i, name, readers[name], mapping.value_map(table.key, name))
        for i, name in enumerate(table.fields)
        if name is not None and name != ACCOUNT_COLUMN
    ]


def _record(table: CsvTable, cells: list[str], steps: Plan, draft: Draft, index: int) -> dict[str, Any]:
    """Read a row's cells into a record; a cell that cannot be read is reported and kept as text."""
    record: dict[str, Any] = {}
    for at, name, read, values in steps:
        cell = cells[at]
        if values:
            cell = values.get(fold(cell), cell)
        if not cell or cell.isspace():
            continue
        try:
            record[name] = read(cell)
        except ValueError as exc:
            record[name] = cell
            where, seen = draft.place(table.key if table.key != "accounts" else "account", index, name)
            draft.problems.append(f"{where}: {exc}")
            draft.reported.add(seen)
    return record


def _account_drafts(table: CsvTable, mapping: CsvMapping) -> dict[str, Draft]:
    drafts: dict[str, Draft] = {}
    id_at = table.fields.index("id") if "id" in table.fields else None
    if id_at is None:
        raise InputInvalid(f"{table.name}: no id column (map the CRM's account id column to id)")
    steps = plan(table, mapping)
    for line, cells in table.rows:
        account_id = cells[id_at].strip()
        if account_id in drafts:
            first = drafts[account_id].origin[("account", 0)][1]
            drafts[account_id].problems.append(
                f"{table.name}:{line} id: account '{account_id}' is listed twice (first on line {first})"
            )
            continue
        draft = Draft({})
        draft.origin[("account", 0)] = (table, line)
        draft.raw["account"] = _record(table, cells, steps, draft, 0)
        drafts[account_id] = draft
    return drafts


def _owner(table: CsvTable, drafts: dict[str, Draft]) -> list[tuple[int, list[str], str | None]]:
    """Return each row with the account it belongs to (None: no account of this import)."""
    if ACCOUNT_COLUMN not in table.fields:
        if len(drafts) != 1:
            raise InputInvalid(
                f"{table.name}: no account_id column; with several accounts every file needs one "
                "(map the CRM's account id column to account_id)"
            )
        only = next(iter(drafts))
        return [(line, cells, only) for line, cells in table.rows]
    at = table.fields.index(ACCOUNT_COLUMN)
    return [(line, cells, cells[at].strip() if cells[at].strip() in drafts else None) for line, cells in table.rows]


def build_drafts(tables: dict[str, CsvTable], mapping: CsvMapping) -> tuple[dict[str, Draft], list[str]]:
    """Return one draft bundle per account, and the rows that belong to no account of the import."""
    drafts = _account_drafts(tables["accounts"], mapping)
    orphans: list[str] = []
    for key, table in tables.items():
        if key == "accounts":
            continue
        steps = plan(table, mapping)
        for line, cells, account_id in _owner(table, drafts):
            if account_id is None:
                cell = cells[table.fields.index(ACCOUNT_COLUMN)].strip()
                why = f"'{cell}' is not an account of the accounts file" if cell else "is required"
                orphans.append(f"{table.name}:{line} {table.header_of(ACCOUNT_COLUMN)}: {why}")
                continue
            draft = drafts[account_id]
            records = draft.raw.setdefault(key, [])
            draft.origin[(key, len(records))] = (table, line)
            records.append(_record(table, cells, steps, draft, len(records)))
    return drafts, orphans


def _path(found: re.Match[str]) -> tuple[str, int, str | None]:
    return (found[1], 0, found[4]) if found[1] else (found[2], int(found[3]), found[4])


def _translate(draft: Draft, problem: str) -> str | None:
    """Rewrite a bundle path (`objective_kpis[3].status`) as `file:line column`; None if already reported."""
    head = PATH.match(problem)
    if head is None or _path(head)[:2] not in draft.origin:
        return problem
    key, index, name = _path(head)
    where, seen = draft.place(key, index, name)
    if seen in draft.reported:
        return None

    def elsewhere(found: re.Match[str]) -> str:
        k, i, n = _path(found)
        if (k, i) not in draft.origin or (found[1] and n is None):
            return found[0]
        return draft.place(k, i, None)[0]

    return where + PATH.sub(elsewhere, problem[head.end() :])


def _refusal(account_id: str, draft: Draft, problems: list[str]) -> Refusal:
    translated = [t for t in (_translate(draft, p) for p in problems) if t is not None]
    return Refusal(account_id, draft.problems + translated)


def import_csv(store: AccountStore, sources: list[CsvSource], mapping: CsvMapping) -> ImportReport:
    """Import CSV files: every account all-or-nothing, each through the store's atomic upsert."""
    tables = tables_by_type(sources, mapping)
    drafts, orphans = build_drafts(tables, mapping)
    report = ImportReport(
        problems=orphans, ignored_columns=[f"{t.name}: {h}" for t in tables.values() for h in t.ignored()]
    )
    for account_id, draft in drafts.items():
        try:
            if draft.problems:
                validate_bundle(draft.raw)
                report.refused.append(Refusal(account_id, draft.problems))
            else:
                report.loaded.append(store.load(draft.raw))
        except BundleInvalid as exc:
            report.refused.append(_refusal(account_id, draft, exc.problems))
    return report
