"""One compiled graph per thread: over that thread's SQLite connection (never shared) or a pooled PG saver.

On SQLite the run store and the account store use the same per-thread connection, so a run view (its row,
its latest checkpoint and its account's data version) can be read in one read transaction.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Iterator
from typing import Any

from langgraph.checkpoint.sqlite import SqliteSaver
from langgraph.graph.state import CompiledStateGraph

from graph.build import build_graph
from state.errors import RecapError, RunStateUnreadable
from tools import db
from tools.db import db_errors, is_postgres, pool_size, storage_error, storage_errors, thread_connection

log = logging.getLogger("recap")
_local = threading.local()
_setup_lock = threading.Lock()
_ready: set[str] = set()
_pg_pools: dict[str, Any] = {}


def graph_for(path: str) -> CompiledStateGraph:
    """Return this thread's compiled graph checkpointing into `path`."""
    graphs: dict[str, CompiledStateGraph] = getattr(_local, "graphs", None) or {}
    _local.graphs = graphs
    if path not in graphs:
        saver = _saver(path)
        with _setup_lock, storage_errors():
            if path not in _ready:
                saver.setup()
                _ready.add(path)
        saver.is_setup = True
        graphs[path] = build_graph(saver)
    return graphs[path]


def _saver(path: str) -> Any:  # SqliteSaver or PostgresSaver: both have setup() and is_setup
    """Return a checkpointer: SQLite for a file, PostgreSQL (one pool per URL, shared by threads) for a URL."""
    if not is_postgres(path):
        return SqliteSaver(thread_connection(path))
    from langgraph.checkpoint.postgres import PostgresSaver
    from psycopg.rows import dict_row
    from psycopg_pool import ConnectionPool

    with _setup_lock:
        if path not in _pg_pools:
            options = {"autocommit": True, "prepare_threshold": 0, "row_factory": dict_row}
            _pg_pools[path] = ConnectionPool(
                path,
                min_size=1,
                max_size=pool_size(),
                open=True,
                name="recap-checkpoints",
                kwargs=options,
                timeout=db.PG_POOL_TIMEOUT_S,
            )
    return PostgresSaver(_pg_pools[path])  # type: ignore[arg-type]


def forget(path: str) -> None:
    """Drop this thread's graph for `path` and close its PostgreSQL pool (a test's schema is going away)."""
    getattr(_local, "graphs", {}).pop(path, None)
    with _setup_lock:
        _ready.discard(path)
        held = _pg_pools.pop(path, None)
    if held is not None:
        held.close()


def thread_config(run_id: str, checkpoint_id: str | None = None) -> dict[str, Any]:
    """Return the invoke config of a run (thread id = run id), optionally at one checkpoint."""
    configurable: dict[str, Any] = {"thread_id": run_id}
    if checkpoint_id:
        configurable["checkpoint_id"] = checkpoint_id
    return {"configurable": configurable, "max_concurrency": 8, "recursion_limit": 60}


@contextlib.contextmanager
def readable_state(run_id: str) -> Iterator[None]:
    """Read a run's checkpoints: a storage failure becomes its domain error, anything else a corrupt run.

    A checkpoint that does not deserialise stays inside its run: RunStateUnreadable names the run,
    without the internal text (that goes to the log).
    """
    try:
        yield
    except RecapError:
        raise
    except db_errors() as exc:
        mapped = storage_error(exc)
        if mapped is None:
            raise
        raise mapped from None
    except Exception as exc:  # a corrupt checkpoint: whatever the deserialiser raised
        log.warning("run %s: saved state unreadable: %s: %s", run_id, type(exc).__name__, exc)
        raise RunStateUnreadable(
            f"run '{run_id}': its saved state cannot be read (a corrupt checkpoint); other runs are unaffected"
        ) from None
