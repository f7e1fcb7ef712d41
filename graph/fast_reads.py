"""Reads of a run from recap's own tables, without the graph: the view its last write recorded.

`read_run` builds the `RunView` from the run row and the recorded view values (tools/run_views.py),
read with plain `sqlite3`. It imports neither LangGraph, LangChain nor sqlite-utils, so `recap show`
starts fast. It answers only what it can answer exactly as the service would: a run whose data is
current and was never verified again (freshness None); anything else (an outdated run, whose view
previews a re-verification, a run in flight, a PostgreSQL store) returns None and the caller reads
the run through the service.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from graph.views import has_freshness, page_of, parse_values, summary_of, view_of
from state.bundle import Bundle
from state.errors import RunStateUnreadable
from state.inbox import RunPage
from state.records import versions
from state.run import RunView
from tools.run_views import has_fast_reads, read_bundle_document, read_connection, stored_list, stored_run


def read_run(path: str | Path, run_id: str) -> RunView | None:
    """Return the run's recorded view, or None when there is none to trust (then read it through the service)."""
    if not has_fast_reads(path):
        return None
    try:
        stored = stored_run(read_connection(path), run_id)
    except sqlite3.OperationalError:  # no store or no tables yet: the service creates them and answers
        return None
    if stored is None or stored.values is None:
        return None
    run, values = stored.run, stored.values
    if run.status == "running":
        return None  # in flight (or left by a dead process): its checkpoints say where it is
    v = versions(run, values, stored.current_version)
    if has_freshness(v, values):
        return None  # freshness to work out: the service does that
    try:
        return view_of(run, parse_values(run.run_id, values), v, None)
    except RunStateUnreadable:
        return None  # the service names the unreadable state


def read_run_page(
    path: str | Path, statuses: list[str] | None, account_id: str | None, owner: str | None, limit: int, offset: int
) -> RunPage | None:
    """Return one page of the run list from the recorded views, or None when one is missing (then use the service)."""
    if not has_fast_reads(path):
        return None
    try:
        stored = stored_list(read_connection(path), statuses, account_id, owner, limit + 1, offset)
    except sqlite3.OperationalError:
        return None
    runs = []
    for row, values in stored[:limit]:
        if row.status == "running":
            values = {}  # the service lists a run in flight without its checkpoint too
        elif values is None:
            return None  # recorded before views existed, or in the middle of a write
        try:
            runs.append(summary_of(row, values))
        except RunStateUnreadable:
            return None
    return page_of(runs, len(stored) > limit, limit, offset)


def read_bundle(path: str | Path, account_id: str) -> Bundle | None:
    """Return the account's records read with plain sqlite3, or None when the account is not there (or not a file)."""
    if not has_fast_reads(path):
        return None
    document = read_bundle_document(read_connection(path), account_id)
    return None if document is None else Bundle.model_validate_json(document)
