"""Outcome events of approved runs: stored with their details, counted as measurement events, logged once per key."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import sqlite_utils

from state.outcomes import Outcome, OutcomeInput
from tools.db import open_db
from tools.runs import EVENTS, now

OUTCOMES = "outcomes"


def migrate_outcomes(db: sqlite_utils.Database) -> None:
    """Create the outcomes table when missing."""
    if OUTCOMES not in db.table_names():
        db.table(OUTCOMES).create(
            {"run_id": str, "key": str, "event": str, "account_id": str, "actor": str, "time": str, "data": str},
            pk=("run_id", "key"),
        )
        db.table(OUTCOMES).create_index(["account_id", "event"])


def _row_to_outcome(row: dict, created: bool) -> Outcome:
    return Outcome(
        **json.loads(row["data"]),
        run_id=row["run_id"],
        account_id=row["account_id"],
        actor=row["actor"],
        time=row["time"],
        created=created,
    )


class OutcomeStore:
    """Outcomes in the same SQLite file as runs and events."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        with open_db(self.path) as db, db.atomic():
            migrate_outcomes(db)

    def log(self, run_id: str, account_id: str, actor: str, item: OutcomeInput) -> Outcome:
        """Store an outcome and its measurement event in one transaction; a repeated key returns the first."""
        key = item.key or uuid.uuid4().hex
        data = item.model_copy(update={"key": key}).model_dump(mode="json", exclude_none=True)
        stamp = now()
        with open_db(self.path) as db, db.atomic():
            held = list(db.query(f"SELECT * FROM {OUTCOMES} WHERE run_id = ? AND key = ?", [run_id, key]))
            if held:
                return _row_to_outcome(held[0], created=False)
            row = {
                "run_id": run_id,
                "key": key,
                "event": item.event,
                "account_id": account_id,
                "actor": actor,
                "time": stamp,
                "data": json.dumps(data),
            }
            db.table(OUTCOMES).insert(row)
            db.table(EVENTS).insert(
                {
                    "key": f"{run_id}:outcome:{key}",
                    "event": item.event,
                    "run_id": run_id,
                    "account_id": account_id,
                    "actor": actor,
                    "claim_id": None,
                    "time": stamp,
                }
            )
        return _row_to_outcome(row, created=True)

    def for_accounts(self, account_ids: list[str] | None) -> list[Outcome]:
        """Return every outcome of these accounts (None: all), oldest first."""
        sql, params = f"SELECT * FROM {OUTCOMES}", []
        if account_ids is not None:
            if not account_ids:
                return []
            sql += f" WHERE account_id IN ({','.join('?' * len(account_ids))})"
            params = list(account_ids)
        with open_db(self.path) as db:
            return [_row_to_outcome(r, created=True) for r in db.query(sql + " ORDER BY time, rowid", params)]
