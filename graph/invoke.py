"""Invoking the graph for a run through storage faults: a locked SQLite write is retried, a failing store is named.

A storage failure (read-only, disk full, I/O error) never fails a run: the run is put back where it was and
the storage error is raised, so the caller can retry later.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import time
from collections.abc import Callable
from typing import Any, NoReturn

from graph.runtime import thread_config
from state.errors import RecapError, StorageError
from tools.db import db_errors, is_postgres, storage_error, thread_connection
from tools.runs import RunStore

log = logging.getLogger("recap")
LOCKED_RETRIES = 3  # the one place the retry count of a locked checkpoint write is set
TRANSIENT = ("locked", "within a transaction")


def _rollback(db: str) -> None:
    """Release this thread's shared SQLite connection from a write cut short."""
    conn = thread_connection(db)
    if conn.in_transaction:
        conn.rollback()


def invoke(
    graph: Callable[[], Any], db: str, run_id: str, payload: Any, checkpoint_id: str | None, context: Any
) -> None:
    """Invoke the graph; a checkpoint write that met "database is locked" is retried from the last checkpoint.

    Under many concurrent runs SQLite can refuse a write outright (a stale read snapshot cannot be upgraded,
    so the busy timeout does not apply). The step is lost, not the run: continue from what was saved.
    """
    for attempt in range(LOCKED_RETRIES + 1):
        try:
            graph().invoke(payload, thread_config(run_id, checkpoint_id), context=context, durability="sync")
            return
        except sqlite3.OperationalError as exc:
            transient = any(w in str(exc).lower() for w in TRANSIENT)
            if not transient or attempt == LOCKED_RETRIES or is_postgres(db):
                raise
            _rollback(db)
            log.warning("run %s: the store was locked; continuing from the last checkpoint", run_id)
            time.sleep(0.05 * (attempt + 1))
            if graph().get_state(thread_config(run_id)).values:
                payload, checkpoint_id = None, None


def storage_failed(runs: RunStore, db: str, run_id: str, exc: StorageError, restore: str | None) -> NoReturn:
    """Leave the run as it was before a storage failure and raise the storage error (never a failed run)."""
    log.warning("run %s: storage failure, left as it was: %s", run_id, exc.message)
    if not is_postgres(db):  # a write cut short must not hold this thread's connection
        _rollback(db)
    if restore is not None:
        with contextlib.suppress(RecapError):
            runs.update(run_id, status=restore)
    raise exc


def guarded(runs: RunStore, db: str, run_id: str, step: Callable[[], None], restore: str | None = None) -> None:
    """Run `step` (an invocation of the run's graph); a failure fails the run with a reason, never the service.

    A domain error fails the run with its message; a storage failure leaves it as it was (`restore`) and is
    raised; any other error fails the run as an internal error and is logged.
    """
    try:
        step()
    except StorageError as exc:
        storage_failed(runs, db, run_id, exc, restore)
    except RecapError as exc:
        runs.update(run_id, status="failed", failure=exc.message)
        log.warning("run %s failed: %s", run_id, exc.message)
    except db_errors() as exc:  # SQLite's, and psycopg's on PostgreSQL
        mapped = storage_error(exc)
        if mapped is None:
            log.exception("run %s failed", run_id)
            runs.update(run_id, status="failed", failure="internal error: the store refused a write")
        else:
            storage_failed(runs, db, run_id, mapped, restore)
    except Exception as exc:  # an unexpected bug: the run fails with a reason, the service goes on
        log.exception("run %s failed", run_id)
        runs.update(run_id, status="failed", failure=f"internal error: {type(exc).__name__}")
