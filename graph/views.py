"""Run views from recap's own tables: what the run service shows, without the graph.

`run_view` turns a run row and the graph-state values a view is built from into the `RunView` users
see; the service uses it for every run it records, and `read_run` for reads of recorded runs. This
module imports neither LangGraph nor LangChain, so the read-only commands start fast.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from state.bundle import Bundle
from state.recap import Recap, StopReason
from state.run import DraftingInfo, RunView
from tools.run_views import has_fast_reads, read_bundle_document, read_connection, stored_run


def run_view(run: dict[str, Any], values: dict[str, Any], current: int | None) -> RunView:
    """Return the run as users see it, given the account's data version now (None: unknown)."""
    recap = values.get("recap")
    drafted = None if run["data_version"] is None else int(run["data_version"])
    return RunView(
        run_id=run["run_id"], account_id=run["account_id"], owner=run["owner"], status=run["status"],
        stop_reasons=[StopReason.model_validate(r) for r in values.get("stop_reasons", [])],
        recap=Recap.model_validate(recap) if recap else None, created_at=run["created_at"],
        updated_at=run["updated_at"], as_of=run["as_of"], decided_by=run["decided_by"],
        decided_at=run["decided_at"], comment=run["comment"], failure=run["failure"],
        replayed_from=run["replayed_from"], drafting=DraftingInfo.model_validate(run["drafting"] or {}),
        data_version=drafted, outdated=drafted is not None and current is not None and drafted != current,
    )


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
    return run_view(stored.run, stored.values, stored.current_version)


def read_bundle(path: str | Path, account_id: str) -> Bundle | None:
    """Return the account's records read with plain sqlite3, or None when the account is not there (or not a file)."""
    if not has_fast_reads(path):
        return None
    document = read_bundle_document(read_connection(path), account_id)
    return None if document is None else Bundle.model_validate_json(document)
