"""Store connections: SQLite (one per call or thread, WAL, busy timeout) or PostgreSQL (tools/pg.py); schema version."""

from __future__ import annotations

import contextlib
import sqlite3
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import sqlite_utils

from state.errors import StorageError, StorageFull, StorageReadOnly, StorageUnavailable

SCHEMA_VERSION = 2
BUSY_TIMEOUT_MS = 30_000
PG_PREFIXES = ("postgresql://", "postgres://")
PG_POOL_SIZE = 10  # connections per PostgreSQL pool; RECAP_PG_POOL_SIZE through pool_size()
PG_POOL_TIMEOUT_S = 30.0  # how long a caller waits for a pooled connection before the store is "busy or unreachable"


def pool_size(size: int | None = None) -> int:
    """Set (when given) and return the size of the PostgreSQL pools opened from now on."""
    global PG_POOL_SIZE
    if size is not None:
        PG_POOL_SIZE = size
    return PG_POOL_SIZE


def is_postgres(location: str | Path) -> bool:
    """Return whether a store location names a PostgreSQL database (else it is a SQLite file)."""
    return str(location).startswith(PG_PREFIXES)


# SQLite's primary result codes (the low byte of the extended code) that name a storage problem.
SQLITE_READONLY, SQLITE_IOERR, SQLITE_FULL = 8, 10, 13
_local = threading.local()


def connect(path: str | Path) -> sqlite3.Connection:
    """Open a connection tuned for many short writers: WAL, NORMAL sync, a 30 s busy timeout.

    A `file:` URI is opened as a URI, so `file:recap.db?mode=ro` serves reads from a read-only store.
    """
    with storage_errors():
        conn = sqlite3.connect(
            str(path), check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000, uri=str(path).startswith("file:")
        )
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        try:
            conn.execute("PRAGMA journal_mode = WAL")
        except sqlite3.OperationalError as exc:  # a read-only file not in WAL yet: it can still be read
            if not isinstance(storage_error(exc), StorageReadOnly):
                raise
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
    return conn


def thread_connection(path: str | Path) -> sqlite3.Connection:
    """Return this thread's connection to `path`, opened on first use and reused after."""
    return thread_db(path).conn


def db_errors() -> tuple[type[Exception], ...]:
    """Return the exception classes a store can fail with: SQLite's, and psycopg's once PostgreSQL is in use."""
    if "psycopg" not in sys.modules:  # no PostgreSQL in this process: nothing of psycopg can be raised
        return (sqlite3.OperationalError,)
    from tools.pg_errors import ERRORS

    return (sqlite3.OperationalError, *ERRORS)


def storage_error(exc: BaseException) -> StorageError | None:
    """Return the domain error for a storage failure (read-only, full, I/O, unreachable), or None for anything else."""
    if not isinstance(exc, sqlite3.OperationalError):
        if "psycopg" not in sys.modules:
            return None
        from tools.pg_errors import pg_storage_error

        return pg_storage_error(exc)
    code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF
    text = str(exc).lower()
    if code == SQLITE_READONLY or "readonly database" in text or "read-only" in text:
        return StorageReadOnly()
    if code == SQLITE_FULL or "database or disk is full" in text:
        return StorageFull()
    if code == SQLITE_IOERR or "disk i/o error" in text:
        return StorageUnavailable()
    return None


@contextlib.contextmanager
def storage_errors() -> Iterator[None]:
    """Turn the store's read-only, disk-full, I/O and connection errors into domain errors (without their text)."""
    try:
        yield
    except db_errors() as exc:
        mapped = storage_error(exc)
        if mapped is None:
            raise
        raise mapped from None


@contextlib.contextmanager
def read_snapshot(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """Run the block's reads in one read transaction: every query sees the same committed state."""
    if conn.in_transaction:
        yield conn
        return
    with storage_errors():
        conn.execute("BEGIN")
        try:
            yield conn
        finally:
            if conn.in_transaction:
                conn.execute("COMMIT")


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
        with storage_errors():
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


class SharedDatabase(Database):
    """This thread's reused Database: `with thread_db(path) as db:` leaves the connection open."""

    def __exit__(self, *exc: object) -> None:
        """Keep the connection: other stores of this thread use it too."""

    def close(self) -> None:
        """Keep the connection: other stores of this thread use it too."""


def thread_db(path: str | Path) -> Database:
    """Return this thread's Database on `path`: use it as `with thread_db(path) as db:`.

    SQLite: one connection per thread, reused, left open on exit. PostgreSQL: a pooled connection,
    given back to the pool on exit.
    """
    if is_postgres(path):
        return open_db(path)
    dbs: dict[str, Database] = getattr(_local, "dbs", None) or {}
    _local.dbs = dbs
    key = str(path)
    if key not in dbs:
        dbs[key] = SharedDatabase(connect(key))
    return dbs[key]


@contextlib.contextmanager
def one_snapshot(db: Database) -> Iterator[None]:
    """Run the block's reads on `db` in one transaction that sees one committed state (either backend)."""
    if isinstance(db.conn, sqlite3.Connection):
        with read_snapshot(db.conn):
            yield
        return
    with db.conn.transaction():
        db.conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        yield


def schema_version(db: sqlite_utils.Database) -> int:
    """Return the schema version recorded in the database (0 for a new file)."""
    if "schema_version" not in db.table_names():
        return 0
    row = db.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def record_version(db: sqlite_utils.Database, version: int) -> None:
    """Note that the schema now stands at `version`."""
    db.table("schema_version").insert({"version": version}, pk="version", replace=True)
