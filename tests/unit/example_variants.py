"""The spec's example bundle with a few records changed: each verifier rule is tested on the records it needs."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from state.bundle import Bundle

AS_OF = dt.date(2026, 11, 23)
EXAMPLE = Path(__file__).parents[2] / "docs" / "example-bundle.json"


def variant(changes: dict[str, Any]) -> Bundle:
    """Return the example bundle with `changes` applied: {record id: fields to set}, or {'+risks': [rows]} to add
    records to a list."""
    raw = json.loads(EXAMPLE.read_text())
    for key, rows in changes.items():
        if key.startswith("+"):
            raw[key[1:]].extend(rows)
    for rows in raw.values():
        for row in rows if isinstance(rows, list) else [rows] if isinstance(rows, dict) else []:
            row.update(changes.get(row.get("id", ""), {}))
    return Bundle.model_validate(raw)


def another_risk(**fields: Any) -> dict[str, Any]:
    """Return a copy of the example's risk with `fields` changed (give it a new id), to add with '+risks'."""
    return {**json.loads(EXAMPLE.read_text())["risks"][0], **fields}
