"""The run list: rows from the run store, each with its stop reasons and claim counts from its checkpoint."""

from __future__ import annotations

from typing import Any

from graph.runtime import thread_config
from graph.views import page_of, summary_of
from state.inbox import RunPage, RunSummary
from state.records import ListedRun


def summarize(graph: Any, row: ListedRun) -> RunSummary:
    """Return one run's summary: the row's fields plus what its latest checkpoint says needs attention."""
    values = graph.get_state(thread_config(row.run_id)).values or {} if row.status != "running" else {}
    return summary_of(row, values)


def run_page(graph: Any, rows: list[ListedRun], limit: int, offset: int) -> RunPage:
    """Return a page from up to `limit + 1` rows (the extra row only says another page exists)."""
    return page_of([summarize(graph, r) for r in rows[:limit]], len(rows) > limit, limit, offset)
