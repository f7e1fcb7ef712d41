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

from pydantic import ValidationError

from state.bundle import Bundle
from state.recap import Recap, StopReason
from state.run import DraftingInfo, RunView
from tools.run_views import has_fast_reads, read_bundle_document, read_connection, stored_run


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
    run, values, current = stored.run, stored.values, stored.current_version
    if run["status"] == "running":
        return None  # in flight (or left by a dead process): its checkpoints say where it is
    drafted = None if run["data_version"] is None else int(run["data_version"])
    verified = values.get("verified_version", drafted)
    outdated = verified is not None and current is not None and int(verified) != current
    if outdated or values.get("reverified") is not None:
        return None  # freshness to work out: the service does that
    try:
        recap = Recap.model_validate(values["recap"]) if values.get("recap") else None
        stops = [StopReason.model_validate(r) for r in values.get("stop_reasons", [])]
    except ValidationError:
        return None  # the service names the unreadable state
    return RunView(
        run_id=run["run_id"],
        account_id=run["account_id"],
        owner=run["owner"],
        status=run["status"],
        stop_reasons=stops,
        recap=recap,
        created_at=run["created_at"],
        updated_at=run["updated_at"],
        as_of=run["as_of"],
        decided_by=run["decided_by"],
        decided_at=run["decided_at"],
        comment=run["comment"],
        failure=run["failure"],
        replayed_from=run["replayed_from"],
        drafting=DraftingInfo.model_validate(run["drafting"] or {}),
        data_version=drafted,
        outdated=False,
        freshness=None,
    )


def read_bundle(path: str | Path, account_id: str) -> Bundle | None:
    """Return the account's records read with plain sqlite3, or None when the account is not there (or not a file)."""
    if not has_fast_reads(path):
        return None
    document = read_bundle_document(read_connection(path), account_id)
    return None if document is None else Bundle.model_validate_json(document)
