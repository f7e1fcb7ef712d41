"""Run records, the audit trail of events, and idempotency keys: our own tables, not graph state."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from pathlib import Path
from typing import Any

import sqlite_utils

from state.errors import UnknownRun
from state.outcomes import OUTCOME_KINDS
from state.records import RUN_FIELDS, ListedRun, RunEvent, RunRecord
from tools.db import thread_db
from tools.run_list import listed_runs

RUNS = "runs"
EVENTS = "events"
IDEMPOTENCY = "idempotency"
EVENT_NAMES: tuple[str, ...] = (
    "recap_created",
    "decision_approved",
    "decision_edited",
    "decision_rejected",
    "claim_approved",
    "claim_edited",
    "claim_removed",
    "claim_attested",
    "caveat_added",
)
EVENT_NAMES += OUTCOME_KINDS  # after an approved recap is used (contract section 7)


def now() -> str:
    """Return the current UTC time as ISO 8601 with seconds."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")


def new_run_id() -> str:
    """Return a fresh, unguessable run id."""
    return "run-" + uuid.uuid4().hex[:16]


def migrate_runs(db: sqlite_utils.Database) -> None:
    """Create the run tables when missing."""
    tables = set(db.table_names())
    if RUNS not in tables:
        db.table(RUNS).create({f: str for f in RUN_FIELDS}, pk="run_id")
        db.table(RUNS).create_index(["account_id"])
        db.table(RUNS).create_index(["status"])
    elif "data_version" not in db.table(RUNS).columns_dict:
        db.execute(f"ALTER TABLE {RUNS} ADD COLUMN data_version TEXT")
    if EVENTS not in tables:
        db.table(EVENTS).create(
            {"key": str, "event": str, "run_id": str, "account_id": str, "actor": str, "claim_id": str, "time": str},
            pk="key",
        )
        db.table(EVENTS).create_index(["account_id", "event"])
        db.table(EVENTS).create_index(["run_id"])
    if IDEMPOTENCY not in tables:
        db.table(IDEMPOTENCY).create(
            {"caller": str, "key": str, "account_id": str, "run_id": str, "time": str}, pk=("caller", "key")
        )
    _listing_indexes(db)


def _listing_indexes(db: sqlite_utils.Database) -> None:
    """Index the run list's filters and its newest-first order (added to older stores too)."""
    for columns in (["created_at"], ["account_id", "created_at"], ["status", "created_at"]):
        # Plain SQL that SQLite and PostgreSQL both accept, named the way sqlite-utils names indexes.
        db.execute(f"CREATE INDEX IF NOT EXISTS idx_{RUNS}_{'_'.join(columns)} ON {RUNS} ({', '.join(columns)})")


class RunStore:
    """Runs, events and idempotency keys in the same SQLite file as the accounts."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        with thread_db(self.path) as db, db.atomic():
            migrate_runs(db)

    def create(
        self,
        run_id: str,
        account_id: str,
        owner: str,
        created_by: str,
        as_of: str,
        replayed_from: str | None = None,
        key: tuple[str, str] | None = None,
        data_version: int | None = None,
    ) -> str:
        """Record a new run in status `running` and return its id.

        With an idempotency `key` (caller, key) the run and the key are stored in one transaction;
        when the caller already used that key, nothing is stored and the earlier run's id is returned.
        """
        stamp = now()
        row = dict.fromkeys(RUN_FIELDS) | {
            "run_id": run_id,
            "account_id": account_id,
            "owner": owner,
            "created_by": created_by,
            "status": "running",
            "created_at": stamp,
            "updated_at": stamp,
            "as_of": as_of,
            "replayed_from": replayed_from,
            "drafting": "{}",
            "data_version": None if data_version is None else str(data_version),
        }
        with thread_db(self.path) as db, db.atomic():
            if key is not None:
                held = db.execute(f"SELECT run_id FROM {IDEMPOTENCY} WHERE caller = ? AND key = ?", list(key))
                found = held.fetchone()
                if found is not None:
                    return str(found[0])
                db.table(IDEMPOTENCY).insert(
                    {"caller": key[0], "key": key[1], "account_id": account_id, "run_id": run_id, "time": stamp}
                )
            db.table(RUNS).insert(row)
        return run_id

    def get(self, run_id: str) -> RunRecord:
        """Return the run's record; UnknownRun when absent."""
        with thread_db(self.path) as db:
            cursor = db.execute(f"SELECT {', '.join(RUN_FIELDS)} FROM {RUNS} WHERE run_id = ?", [run_id])
            row = cursor.fetchone()
        if row is None:
            raise UnknownRun(f"unknown run '{run_id}'")
        return RunRecord.from_row(dict(zip(RUN_FIELDS, row, strict=True)))

    def update(self, run_id: str, **fields: Any) -> None:
        """Set fields of a run and its updated_at."""
        if "drafting" in fields:
            fields["drafting"] = json.dumps(fields["drafting"])
        fields["updated_at"] = now()
        with thread_db(self.path) as db, db.atomic():
            db.table(RUNS).update(run_id, fields)

    def delete(self, run_id: str) -> None:
        """Forget a run that never got saved whole (its row and any idempotency key naming it)."""
        with thread_db(self.path) as db, db.atomic():
            db.execute(f"DELETE FROM {IDEMPOTENCY} WHERE run_id = ?", [run_id])
            db.execute(f"DELETE FROM {RUNS} WHERE run_id = ?", [run_id])

    def claim_for_decision(self, run_id: str, expected_updated_at: str | None = None) -> bool:
        """Atomically move a run from awaiting_review to running; False if another caller got there first.

        With `expected_updated_at`, also False when the run changed since the caller read it.
        """
        sql = f"UPDATE {RUNS} SET status = 'running', updated_at = ? WHERE run_id = ? AND status = 'awaiting_review'"
        params = [now(), run_id]
        if expected_updated_at is not None:
            sql += " AND updated_at = ?"
            params.append(expected_updated_at)
        with thread_db(self.path) as db, db.atomic():
            return db.execute(sql, params).rowcount == 1

    def in_status(self, status: str, before: str | None = None) -> list[str]:
        """Return the ids of runs in `status` (last updated before `before`, when given), oldest first."""
        sql, params = f"SELECT run_id FROM {RUNS} WHERE status = ?", [status]
        if before is not None:
            sql, params = sql + " AND updated_at < ?", [status, before]
        with thread_db(self.path) as db:
            rows = db.execute(sql + " ORDER BY created_at", params)
            return [r[0] for r in rows]

    def log_events(self, events: list[RunEvent]) -> int:
        """Insert events whose key is new; return how many were new (a key is logged once, ever)."""
        if not events:
            return 0
        with thread_db(self.path) as db, db.atomic():
            # Count only the rows inserted now: no scan of the events table.
            keys = [e.key for e in events]
            marks = ",".join("?" * len(keys))
            held = {r[0] for r in db.execute(f"SELECT key FROM {EVENTS} WHERE key IN ({marks})", keys)}
            db.table(EVENTS).insert_all([e.as_row() for e in events], ignore=True)
        return len({k for k in keys if k not in held})

    def account_events(self, account_id: str) -> list[RunEvent]:
        """Return an account's events, oldest first (indexed by account)."""
        with thread_db(self.path) as db:
            rows = db.query(f"SELECT * FROM {EVENTS} WHERE account_id = ? ORDER BY time, rowid", [account_id])
            return [RunEvent.from_row(r) for r in rows]

    def events(self, run_id: str) -> list[RunEvent]:
        """Return a run's events in the order they were logged."""
        with thread_db(self.path) as db:
            rows = db.query(f"SELECT * FROM {EVENTS} WHERE run_id = ? ORDER BY rowid", [run_id])
            return [RunEvent.from_row(r) for r in rows]

    def counts(self, account_ids: list[str] | None) -> dict[str, int]:
        """Count events by name, over the given accounts (None: all accounts)."""
        counts = dict.fromkeys(EVENT_NAMES, 0)
        sql = f"SELECT event, count(*) FROM {EVENTS}"
        params: list[str] = []
        if account_ids is not None:
            if not account_ids:
                return counts
            sql += f" WHERE account_id IN ({','.join('?' * len(account_ids))})"
            params = account_ids
        with thread_db(self.path) as db:
            for event, n in db.execute(sql + " GROUP BY event", params):
                counts[event] = n
        return counts

    def idempotent_run(self, caller: str, key: str) -> tuple[str, str] | None:
        """Return (account_id, run_id) already started by this caller with this key, if any."""
        with thread_db(self.path) as db:
            row = db.execute(
                f"SELECT account_id, run_id FROM {IDEMPOTENCY} WHERE caller = ? AND key = ?", [caller, key]
            ).fetchone()
        return None if row is None else (row[0], row[1])

    def list_runs(
        self,
        statuses: list[str] | None = None,
        account_id: str | None = None,
        owner: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> list[ListedRun]:
        """Return runs newest first with their account's name, owner and data (indexed filters, one query)."""
        with thread_db(self.path) as db:
            return listed_runs(db.execute, statuses, account_id, owner, limit, offset)
