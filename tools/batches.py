"""The batch queue in the store: a batch row and one item per account, claimed with compare-and-set.

Keeping the queue in a table (not in memory) lets an interrupted batch continue where it stopped and lets
several processes, later several machines on a shared database, work through one batch.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

import sqlite_utils

from state.batch import OPEN_STATES, BatchItem
from state.errors import RecapError
from tools.db import open_db
from tools.runs import EVENTS, RUNS, now

BATCHES = "batches"
ITEMS = "batch_items"


class UnknownBatch(RecapError):
    """No such batch."""

    status_code = 404


def migrate_batches(db: sqlite_utils.Database) -> None:
    """Create the batch tables when missing."""
    tables = set(db.table_names())
    if BATCHES not in tables:
        db.table(BATCHES).create(
            {"batch_id": str, "created_by": str, "created_at": str, "selection": str, "skipped": str}, pk="batch_id"
        )
        db.table(BATCHES).create_index(["selection"])
    if ITEMS not in tables:
        db.table(ITEMS).create(
            {"batch_id": str, "account_id": str, "state": str, "run_id": str, "note": str, "updated_at": str},
            pk=("batch_id", "account_id"),
        )
        db.table(ITEMS).create_index(["batch_id", "state"])


class BatchStore:
    """Batches and their items in the same SQLite file as runs."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        with open_db(self.path) as db, db.atomic():
            migrate_batches(db)

    def open_batch(self, selection: dict[str, Any]) -> str | None:
        """Return the unfinished batch with exactly this selection, if any (the same command continues it)."""
        key = json.dumps(selection, sort_keys=True)
        marks = ",".join("?" * len(OPEN_STATES))
        with open_db(self.path) as db:
            row = db.execute(
                f"SELECT b.batch_id FROM {BATCHES} b WHERE b.selection = ? AND EXISTS (SELECT 1 FROM {ITEMS} i "
                f"WHERE i.batch_id = b.batch_id AND i.state IN ({marks})) ORDER BY b.created_at DESC LIMIT 1",
                [key, *sorted(OPEN_STATES)],
            ).fetchone()
        return None if row is None else str(row[0])

    def create(self, created_by: str, selection: dict[str, Any], accounts: list[str], skipped: list[str]) -> str:
        """Store a new batch with every account queued, and its `batch_created` event, in one transaction."""
        batch_id, stamp = "batch-" + uuid.uuid4().hex[:12], now()
        with open_db(self.path) as db, db.atomic():
            db.table(BATCHES).insert(
                {
                    "batch_id": batch_id,
                    "created_by": created_by,
                    "created_at": stamp,
                    "selection": json.dumps(selection, sort_keys=True),
                    "skipped": json.dumps(skipped),
                }
            )
            db.table(ITEMS).insert_all(
                [
                    {
                        "batch_id": batch_id,
                        "account_id": a,
                        "state": "queued",
                        "run_id": None,
                        "note": None,
                        "updated_at": stamp,
                    }
                    for a in accounts
                ]
            )
            db.table(EVENTS).insert(
                {
                    "key": f"{batch_id}:batch_created",
                    "event": "batch_created",
                    "run_id": None,
                    "account_id": None,
                    "actor": created_by,
                    "claim_id": None,
                    "time": stamp,
                }
            )
        return batch_id

    def claim_next(self, batch_id: str) -> str | None:
        """Move one queued account to `running` and return it; None when nothing is queued."""
        with open_db(self.path) as db, db.atomic():
            row = db.execute(
                f"SELECT account_id FROM {ITEMS} WHERE batch_id = ? AND state = 'queued' ORDER BY rowid LIMIT 1",
                [batch_id],
            ).fetchone()
            if row is None:
                return None
            db.execute(
                f"UPDATE {ITEMS} SET state = 'running', updated_at = ? WHERE batch_id = ? AND account_id = ?",
                [now(), batch_id, row[0]],
            )
        return str(row[0])

    def requeue_running(self, batch_id: str) -> int:
        """Put back items a stopped process claimed but never started a run for; return how many.

        An item with a run id is the run's business now (a worker process may be running it).
        """
        with open_db(self.path) as db, db.atomic():
            cursor = db.execute(
                f"UPDATE {ITEMS} SET state = 'queued', updated_at = ? WHERE batch_id = ? AND "
                "state = 'running' AND run_id IS NULL",
                [now(), batch_id],
            )
            return int(cursor.rowcount)

    def finish(self, batch_id: str, account_id: str, state: str, run_id: str | None, note: str | None) -> None:
        """Record what an account's item came to."""
        with open_db(self.path) as db, db.atomic():
            db.execute(
                f"UPDATE {ITEMS} SET state = ?, run_id = ?, note = ?, updated_at = ? WHERE batch_id = ? "
                "AND account_id = ?",
                [state, run_id, note, now(), batch_id, account_id],
            )

    def get(self, batch_id: str) -> tuple[dict[str, Any], list[BatchItem]]:
        """Return the batch row and its items in queue order; UnknownBatch when absent."""
        with open_db(self.path) as db:
            rows = list(db.query(f"SELECT * FROM {BATCHES} WHERE batch_id = ?", [batch_id]))
            if not rows:
                raise UnknownBatch(f"unknown batch '{batch_id}'")
            items = [
                BatchItem(account_id=r["account_id"], state=r["state"], run_id=r["run_id"], note=r["note"])
                for r in db.query(f"SELECT * FROM {ITEMS} WHERE batch_id = ? ORDER BY rowid", [batch_id])
            ]
        batch = rows[0] | {"selection": json.loads(rows[0]["selection"]), "skipped": json.loads(rows[0]["skipped"])}
        return batch, items

    def awaiting_run(self, account_id: str, data_version: int) -> str | None:
        """Return the account's newest run awaiting review drafted from this data version, if any."""
        with open_db(self.path) as db:
            row = db.execute(
                f"SELECT run_id FROM {RUNS} WHERE account_id = ? AND status = 'awaiting_review' AND "
                "data_version = ? ORDER BY created_at DESC LIMIT 1",
                [account_id, str(data_version)],
            ).fetchone()
        return None if row is None else str(row[0])
