"""The run list: rows from the run store, each with its stop reasons and claim counts from its checkpoint."""

from __future__ import annotations

import json
from typing import Any

from graph.runtime import thread_config
from state.inbox import RunPage, RunSummary
from state.recap import Recap
from tools.attestation import blocks_approval


def _latest_values(graph: Any, run_id: str) -> dict[str, Any]:
    return graph.get_state(thread_config(run_id)).values or {}


def summarize(graph: Any, row: dict[str, Any]) -> RunSummary:
    """Return one run's summary: the row's fields plus what its latest checkpoint says needs attention."""
    account = json.loads(row["account_data"] or "{}")
    values = _latest_values(graph, row["run_id"]) if row["status"] != "running" else {}
    recap = Recap.model_validate(values["recap"]) if values.get("recap") else None
    claims = list(recap.all_claims()) if recap else []
    outdated = row["data_version"] is not None and int(row["data_version"]) != int(row["account_data_version"])
    return RunSummary(
        run_id=row["run_id"],
        account_id=row["account_id"],
        account_name=row["account_name"],
        owner=row["account_owner"],
        status=row["status"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        renewal_date=account.get("renewal_date"),
        arr=account.get("arr"),
        currency=account.get("currency"),
        stop_reasons=[r["code"] for r in values.get("stop_reasons", [])],
        claims=len(claims),
        needs_attention=sum(blocks_approval(c) for c in claims),
        decided_by=row["decided_by"],
        decided_at=row["decided_at"],
        comment=row["comment"],
        failure=row["failure"],
        replayed_from=row["replayed_from"],
        outdated=outdated,
    )


def run_page(graph: Any, rows: list[dict[str, Any]], limit: int, offset: int) -> RunPage:
    """Return a page from up to `limit + 1` rows (the extra row only says another page exists)."""
    more = len(rows) > limit
    return RunPage(
        runs=[summarize(graph, r) for r in rows[:limit]],
        limit=limit,
        offset=offset,
        next_offset=offset + limit if more else None,
    )
