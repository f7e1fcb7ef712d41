"""psycopg's failures as the domain's storage errors, so a PostgreSQL store fails the way a SQLite file does.

A refused or lost connection, a pool with no connection free in time, a serialization failure or deadlock, a
read-only or full server: each becomes the StorageError the SQLite store raises for its own kind of failure, with
a message that says what happened and what to do (never psycopg's text, which goes to the log). Anything else
(a bug: a missing table, a bad statement) is not a storage failure and is left alone.
"""

from __future__ import annotations

import psycopg
from psycopg import errors
from psycopg_pool import PoolTimeout

from state.errors import StorageError, StorageFull, StorageReadOnly, StorageUnavailable

ERRORS: tuple[type[Exception], ...] = (psycopg.Error,)  # PoolTimeout is a psycopg.OperationalError

UNREACHABLE = "the PostgreSQL server could not be reached (connection refused or lost): retry later"
BUSY = "no PostgreSQL connection came free in time (server busy or unreachable): nothing was changed; retry later"
CONFLICT = "the store refused a write that met a concurrent one (PostgreSQL: {what}): nothing was changed; retry"


def pg_storage_error(exc: BaseException) -> StorageError | None:
    """Return the domain error for a psycopg storage failure, or None for anything else."""
    if not isinstance(exc, psycopg.Error):
        return None
    if isinstance(exc, PoolTimeout | errors.TooManyConnections):
        return StorageUnavailable(BUSY)
    if isinstance(exc, errors.SerializationFailure | errors.DeadlockDetected | errors.LockNotAvailable):
        what = {errors.DeadlockDetected: "deadlock", errors.LockNotAvailable: "lock not available"}.get(
            type(exc), "serialization failure"
        )
        return StorageError(CONFLICT.format(what=what))
    if isinstance(exc, errors.ReadOnlySqlTransaction):
        return StorageReadOnly()
    if isinstance(exc, errors.DiskFull):
        return StorageFull()
    sqlstate = exc.sqlstate or ""
    lost = type(exc) in (psycopg.OperationalError, psycopg.InterfaceError)  # raised by the client: no SQLSTATE
    if lost or sqlstate.startswith("08") or sqlstate in ("57P01", "57P02", "57P03"):  # connection, shutdown
        return StorageUnavailable(UNREACHABLE)
    return None
