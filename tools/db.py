"""Store connections: SQLite (one per call or thread, WAL, busy timeout) or PostgreSQL (tools/pg.py); schema version."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import sqlite_utils

SCHEMA_VERSION = 2
BUSY_TIMEOUT_MS = 30_000
PG_PREFIXES = ("postgresql://", "postgres://")
PG_POOL_SIZE = 10  # connections per PostgreSQL pool; RECAP_PG_POOL_SIZE through pool_size()


def pool_size(size: int | None = None) -> int:
    """Set (when given) and return the size of the PostgreSQL pools opened from now on."""
    global PG_POOL_SIZE
    if size is not None:
        PG_POOL_SIZE = size
    return PG_POOL_SIZE


def is_postgres(location: str | Path) -> bool:
    """Return whether a store location names a PostgreSQL database (else it is a SQLite file)."""
    return str(location).startswith(PG_PREFIXES)


def connect(path: str | Path) -> sqlite3.Connection:
    """Open a connection tuned for many short writers: WAL, NORMAL sync, a 30 s busy timeout."""
    conn = sqlite3.connect(str(path), check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


class Database(sqlite_utils.Database):
    """A sqlite-utils Database whose transactions take the write lock up front."""

    @contextlib.contextmanager
    def atomic(self) -> Iterator[Database]:
        """Run the block in one transaction, begun IMMEDIATE (nested blocks use savepoints).

        A deferred BEGIN that reads before it writes cannot wait for the lock: when another
        writer commits in between, its snapshot is stale and SQLite answers "database is locked"
        at once, busy timeout or not. Taking the lock first makes concurrent writers queue instead.
        """
        if self.conn.in_transaction:
            with super().atomic():
                yield self
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self
        except BaseException:
            self.rollback()
            raise
        try:
            self.conn.execute("COMMIT")
        except BaseException:
            self.rollback()
            raise


def open_db(path: str | Path) -> Database:
    """Return a sqlite-utils Database on a fresh connection to `path`, or PostgreSQL's stand-in for a URL."""
    if is_postgres(path):
        from tools.pg import PgDatabase  # psycopg is imported only where PostgreSQL is used

        return PgDatabase(str(path))  # type: ignore[return-value]  # answers the same calls the stores make
    return Database(connect(path))


def schema_version(db: sqlite_utils.Database) -> int:
    """Return the schema version recorded in the database (0 for a new file)."""
    if "schema_version" not in db.table_names():
        return 0
    row = db.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def record_version(db: sqlite_utils.Database, version: int) -> None:
    """Note that the schema now stands at `version`."""
    db.table("schema_version").insert({"version": version}, pk="version", replace=True)
