"""How a CRM's CSV export maps onto the bundle: file names, column headers and values (a TOML file).

```toml
[files]                      # record type -> file name (default: accounts.csv, objective_kpis.csv, ...)
objective_kpis = "KPI Report.csv"
[columns.all]                # CRM header -> bundle field, in every file (`account_id` is `id` in accounts)
"Account ID" = "account_id"
[columns.objective_kpis]     # ... in one record type's file (wins over `all`)
"Health" = "status"
[ignore]                     # columns read and dropped on purpose (any other unknown column is refused)
all = ["Last Modified By"]
[values.objective_kpis.status]   # CRM value -> bundle value, for one field
Green = "On Track"
```
"""

from __future__ import annotations

import tomllib
from pathlib import PurePath
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from state.bundle import TYPE_NAMES
from state.coerce import MODELS, fold
from state.errors import InputInvalid
from state.validation import format_loc

ALL = "all"
ACCOUNT_COLUMN = "account_id"  # the column joining a record's row to its account
IGNORED: Literal["<ignored>"] = "<ignored>"


def fields_of(key: str) -> list[str]:
    """Return the CSV columns a record type's file may have: its fields, and `account_id` but in accounts."""
    names = list(MODELS[key].model_fields)
    return names if key == "accounts" else [names[0], ACCOUNT_COLUMN, *names[1:]]


class CsvMapping(BaseModel):
    """Renames from a CRM export to the bundle; empty means the files already use the bundle's names."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    files: dict[str, str] = Field(default_factory=dict)
    columns: dict[str, dict[str, str]] = Field(default_factory=dict)
    ignore: dict[str, list[str]] = Field(default_factory=dict)
    values: dict[str, dict[str, dict[str, str]]] = Field(default_factory=dict)

    def record_type(self, file_name: str) -> str | None:
        """Return the record type a CSV file holds, by the mapping's [files] or by its own name."""
        base = PurePath(file_name).name
        for key, named in self.files.items():
            if named.lower() == base.lower():
                return key
        stem = fold(PurePath(base).stem)
        for key in MODELS:
            if key not in self.files and stem in (fold(key), fold(TYPE_NAMES.get(key, "account"))):
                return key
        return None

    def field(self, key: str, header: str) -> str | None:
        """Return the bundle field a header maps to, IGNORED for an ignored column, None when unknown."""
        folded = fold(header)
        for table in (self.columns.get(key, {}), self.columns.get(ALL, {})):
            for crm, target in table.items():
                if fold(crm) == folded:
                    return "id" if key == "accounts" and target == ACCOUNT_COLUMN else target
        if any(fold(name) == folded for name in [*self.ignore.get(key, []), *self.ignore.get(ALL, [])]):
            return IGNORED
        if key == "accounts" and folded == fold(ACCOUNT_COLUMN):
            return "id"
        return next((name for name in fields_of(key) if fold(name) == folded), None)

    def value_map(self, key: str, field: str) -> dict[str, str]:
        """Return the value renames of one field, keyed by the folded CRM value."""
        return {fold(crm): ours for crm, ours in self.values.get(key, {}).get(field, {}).items()}


def _check(mapping: CsvMapping) -> list[str]:
    """Return every reference in the mapping to a record type or field that does not exist."""
    known = ", ".join(MODELS)
    problems = [f"files.{key}: '{key}' is not a record type ({known})" for key in mapping.files if key not in MODELS]
    for section, tables in (("columns", mapping.columns), ("ignore", mapping.ignore)):
        problems += [
            f"{section}.{key}: '{key}' is not a record type ({known}) or '{ALL}'"
            for key in tables
            if key != ALL and key not in MODELS
        ]
    for key, table in mapping.columns.items():
        if key == ALL:
            allowed = {f for k in MODELS for f in fields_of(k)}
        else:
            allowed = set(fields_of(key)) if key in MODELS else set()
        problems += [
            f"columns.{key}.\"{crm}\": '{target}' is not a field of {key}"
            for crm, target in table.items()
            if allowed and target not in allowed
        ]
    for key, fields in mapping.values.items():
        if key not in MODELS:
            problems.append(f"values.{key}: '{key}' is not a record type ({known})")
            continue
        problems += [f"values.{key}.{f}: '{f}' is not a field of {key}" for f in fields if f not in fields_of(key)]
    return problems


def parse_mapping(text: str, name: str) -> CsvMapping:
    """Parse a mapping file's TOML text; InputInvalid naming each problem (by the mapping's own keys)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputInvalid(f"{name}: not valid TOML ({exc})") from None
    try:
        mapping = CsvMapping.model_validate(data)
    except ValidationError as exc:
        details = [f"{format_loc(e['loc'])}: {e['msg']}" for e in exc.errors()]
        raise InputInvalid(f"{name}: " + "; ".join(details)) from None
    problems = _check(mapping)
    if problems:
        raise InputInvalid(f"{name}: " + "; ".join(problems))
    return mapping
