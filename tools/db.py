"""SQLite connections: one per call or thread, WAL, busy timeout, and the schema version."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import sqlite_utils

SCHEMA_VERSION = 1
BUSY_TIMEOUT_MS = 30_000


def connect(path: str | Path) -> sqlite3.Connection:
    """Open a connection tuned for many short writers: WAL, NORMAL sync, a 30 s busy timeout."""
    conn = sqlite3.connect(str(path), check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def open_db(path: str | Path) -> sqlite_utils.Database:
    """Return a sqlite-utils Database on a fresh connection to `path`."""
    return sqlite_utils.Database(connect(path))


def schema_version(db: sqlite_utils.Database) -> int:
    """Return the schema version recorded in the database (0 for a new file)."""
    if "schema_version" not in db.table_names():
        return 0
    row = db.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def record_version(db: sqlite_utils.Database, version: int) -> None:
    """Note that the schema now stands at `version`."""
    db["schema_version"].insert({"version": version}, pk="version", replace=True)
