"""One compiled graph per thread, checkpointing over that thread's SQLite connection (never shared across threads).

The run store and the account store use the same per-thread connection, so a run view (its row, its
latest checkpoint and its account's data version) can be read in one read transaction.
"""

from __future__ import annotations

import threading
from typing import Any

from langgraph.checkpoint.sqlite import SqliteSaver
from langgraph.graph.state import CompiledStateGraph

from graph.build import build_graph
from tools.db import storage_errors, thread_connection

_local = threading.local()
_setup_lock = threading.Lock()
_ready: set[str] = set()


def graph_for(path: str) -> CompiledStateGraph:
    """Return this thread's compiled graph checkpointing into `path`."""
    graphs: dict[str, CompiledStateGraph] = getattr(_local, "graphs", None) or {}
    _local.graphs = graphs
    if path not in graphs:
        saver = SqliteSaver(thread_connection(path))
        with _setup_lock, storage_errors():
            if path not in _ready:
                saver.setup()
                _ready.add(path)
        saver.is_setup = True
        graphs[path] = build_graph(saver)
    return graphs[path]


def thread_config(run_id: str, checkpoint_id: str | None = None) -> dict[str, Any]:
    """Return the invoke config of a run (thread id = run id), optionally at one checkpoint."""
    configurable: dict[str, Any] = {"thread_id": run_id}
    if checkpoint_id:
        configurable["checkpoint_id"] = checkpoint_id
    return {"configurable": configurable, "max_concurrency": 8, "recursion_limit": 60}
