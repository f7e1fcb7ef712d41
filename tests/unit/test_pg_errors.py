"""psycopg's failures map to the same domain errors as SQLite's, with a message that says what to do."""

from __future__ import annotations

import procrastinate
import psycopg
import pytest
from psycopg import errors
from psycopg_pool import PoolTimeout

from graph.workers import queue_errors
from state.errors import StorageError, StorageFull, StorageReadOnly, StorageUnavailable
from tools.db import db_errors, storage_error
from tools.pg_errors import BUSY, UNREACHABLE


@pytest.mark.parametrize(
    ("exc", "error", "says"),
    [
        (psycopg.OperationalError("connection failed: Connection refused"), StorageUnavailable, UNREACHABLE),
        (psycopg.InterfaceError("the connection is closed"), StorageUnavailable, UNREACHABLE),
        (errors.AdminShutdown("terminating connection"), StorageUnavailable, UNREACHABLE),
        (PoolTimeout("couldn't get a connection after 30.00 sec"), StorageUnavailable, BUSY),
        (errors.TooManyConnections("too many clients"), StorageUnavailable, BUSY),
        (errors.SerializationFailure("could not serialize"), StorageError, "serialization failure"),
        (errors.DeadlockDetected("deadlock detected"), StorageError, "deadlock"),
        (errors.ReadOnlySqlTransaction("read-only transaction"), StorageReadOnly, "read-only"),
        (errors.DiskFull("could not extend file"), StorageFull, "out of space"),
    ],
    ids=["refused", "closed", "shutdown", "pool-timeout", "too-many", "serialization", "deadlock", "read-only", "full"],
)
def test_psycopg_failures_map_to_storage_errors_without_psycopg_text(
    exc: Exception, error: type[StorageError], says: str
) -> None:
    mapped = storage_error(exc)
    assert type(mapped) is error and says in mapped.message
    assert str(exc) not in mapped.message


@pytest.mark.parametrize(
    "exc",
    [errors.UndefinedTable("relation does not exist"), errors.SyntaxError("syntax error"), ValueError("x")],
    ids=["undefined-table", "syntax", "not-a-db-error"],
)
def test_bugs_are_not_storage_failures(exc: Exception) -> None:
    assert storage_error(exc) is None


def test_the_store_errors_include_psycopg_once_it_is_loaded() -> None:
    assert psycopg.Error in db_errors()


@pytest.mark.parametrize(
    "failure",
    [PoolTimeout("pool initialization incomplete"), procrastinate.exceptions.ConnectorException("queue failed")],
    ids=["pool-timeout", "wrapped-by-the-queue"],
)
def test_the_queue_s_database_failures_are_storage_errors(failure: Exception) -> None:
    if isinstance(failure, procrastinate.exceptions.ConnectorException):
        failure.__cause__ = psycopg.OperationalError("connection refused")
    with pytest.raises(StorageUnavailable), queue_errors():
        raise failure


def test_the_queue_s_other_failures_pass_through() -> None:
    with pytest.raises(procrastinate.exceptions.ConnectorException), queue_errors():
        raise procrastinate.exceptions.ConnectorException("no cause")
