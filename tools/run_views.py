"""Materialised run views: what a read of a run shows, recorded by the write paths in recap's own tables.

Every write path that records a run's new state (a pause, a decision, a failure) also stores the part of
the graph state a reader shows (draft, stop reasons, verification versions), stamped with the run row's
`updated_at`. Readers (`recap show`, `GET /runs/{id}`) then read three indexed rows with plain `sqlite3`:
no graph, no checkpoint decoding, and none of LangGraph, LangChain or sqlite-utils imported. A view
whose stamp differs from the run row's (a run in flight, or one recorded before views existed) is not
used; the caller reads the graph instead.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from state.records import ListedRun, RunRecord
from tools.bundle_document import bundle_document
from tools.run_list import listed_runs

VIEWS = "run_views"
# The graph-state keys a run view is built from; nothing else of the state is shown to readers.
VIEW_KEYS = ("recap", "stop_reasons", "verified_version", "reverified")
BUSY_TIMEOUT_S = 30.0
_local = threading.local()


@dataclass(frozen=True)
class StoredRun:
    """A run as its own tables hold it: the run row, the recorded view values, the account's data version now."""

    run: RunRecord
    values: dict[str, Any] | None
    current_version: int | None


def create_views(location: str | Path) -> None:
    """Create the views table when missing (SQLite file or PostgreSQL URL)."""
    from tools.db import open_db  # here, not at the top: readers never import sqlite-utils

    with open_db(location) as db, db.atomic():
        if VIEWS not in db.table_names():
            db.table(VIEWS).create({"run_id": str, "run_updated_at": str, "view": str}, pk="run_id")


def save_view(location: str | Path, run_id: str, run_updated_at: str, values: dict[str, Any]) -> None:
    """Record what a read of the run shows, as of the run row's `updated_at`."""
    from tools.db import open_db

    view = {k: values[k] for k in VIEW_KEYS if k in values}
    row = {"run_id": run_id, "run_updated_at": run_updated_at, "view": json.dumps(view, separators=(",", ":"))}
    with open_db(location) as db, db.atomic():
        db.table(VIEWS).insert(row, replace=True)


def has_fast_reads(location: str | Path) -> bool:
    """Return whether reads can go straight to the store: a SQLite file, not a database URL."""
    return "://" not in str(location)


def read_connection(path: str | Path) -> sqlite3.Connection:
    """Return this thread's read-only connection to the SQLite file `path` (opened on first use, then reused)."""
    readers: dict[str, sqlite3.Connection] = getattr(_local, "readers", None) or {}
    _local.readers = readers
    key = str(path)
    if key not in readers:
        given = str(path)
        if given.startswith("file:"):  # already a URI (e.g. `--db 'file:recap.db?mode=ro'`): keep it read-only
            uri = given if "mode=ro" in given else given + ("&" if "?" in given else "?") + "mode=ro"
        else:
            uri = Path(path).resolve().as_uri() + "?mode=ro"
        conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        conn.row_factory = sqlite3.Row
        readers[key] = conn
    return readers[key]


def _has_table(conn: sqlite3.Connection, name: str) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [name]).fetchone() is not None


def stored_run(conn: sqlite3.Connection, run_id: str) -> StoredRun | None:
    """Return the run's row, its recorded view (None unless current) and its account's data version, or None."""
    conn.execute("BEGIN")  # one snapshot: the row, its view and the version can't come from different writes
    try:
        row = conn.execute("SELECT * FROM runs WHERE run_id = ?", [run_id]).fetchone()
        if row is None:
            return None
        run = RunRecord.from_row(row)
        values = None
        if _has_table(conn, VIEWS):
            held = conn.execute(f"SELECT run_updated_at, view FROM {VIEWS} WHERE run_id = ?", [run_id]).fetchone()
            values = _current_view(held, run.updated_at)
        version = conn.execute("SELECT data_version FROM accounts WHERE id = ?", [run.account_id]).fetchone()
        return StoredRun(run, values, None if version is None else int(version[0]))
    finally:
        if conn.in_transaction:
            conn.execute("COMMIT")


def stored_list(conn: sqlite3.Connection, *query: Any) -> list[tuple[ListedRun, dict[str, Any] | None]]:
    """Return a page of the run list (`list_query(*query)`), each run with its recorded view (None unless current)."""
    conn.execute("BEGIN")  # one snapshot: the rows and their views can't come from different writes
    try:
        rows = listed_runs(conn.execute, *query)
        if not rows or not _has_table(conn, VIEWS):
            return [(r, None) for r in rows]
        marks = ",".join("?" * len(rows))
        sql = f"SELECT run_id, run_updated_at, view FROM {VIEWS} WHERE run_id IN ({marks})"
        held = {v["run_id"]: v for v in conn.execute(sql, [r.run_id for r in rows])}
    finally:
        if conn.in_transaction:
            conn.execute("COMMIT")
    return [(r, _current_view(held.get(r.run_id), r.updated_at)) for r in rows]


def _current_view(held: sqlite3.Row | None, updated_at: str) -> dict[str, Any] | None:
    """Return a recorded view's values when it was recorded at the run row's `updated_at`, else None."""
    if held is None or held["run_updated_at"] != updated_at:
        return None
    return json.loads(held["view"])


def read_bundle_document(conn: sqlite3.Connection, account_id: str) -> str | None:
    """Return the account's records as one JSON document, read in one transaction (no reload lands halfway)."""
    conn.execute("BEGIN")
    try:
        found = bundle_document(conn.execute, account_id)
        return None if found is None else found[0]
    finally:
        if conn.in_transaction:
            conn.execute("COMMIT")
