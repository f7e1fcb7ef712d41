"""What a run looks like to its readers: its view, built from the run's record and its latest state values.

Light on purpose: the fast read path (graph/fast_reads.py) builds views with it without importing LangGraph.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from state.errors import RunStateUnreadable
from state.inbox import RunPage, RunSummary
from state.recap import Recap, StopReason
from state.records import ListedRun, RunRecord, Versions
from state.run import DraftingInfo, Freshness, RunView
from tools.attestation import blocks_approval


@dataclass(frozen=True)
class ParsedValues:
    """The state values a reader shows, parsed once: the draft (or final recap) and the stop reasons."""

    recap: Recap | None
    stop_reasons: list[StopReason]


def parse_values(run_id: str, values: Mapping[str, Any]) -> ParsedValues:
    """Parse the run's draft and stop reasons; RunStateUnreadable when they do not parse."""
    try:
        recap = Recap.model_validate(values["recap"]) if values.get("recap") else None
        stops = [StopReason.model_validate(r) for r in values.get("stop_reasons", [])]
    except ValidationError:
        raise RunStateUnreadable(
            f"run '{run_id}': its saved draft cannot be read (a corrupt checkpoint); other runs are unaffected"
        ) from None
    return ParsedValues(recap, stops)


def has_freshness(v: Versions, values: Mapping[str, Any]) -> bool:
    """Whether the view speaks of its data: the account was reloaded since the draft, or it was verified again."""
    return not v.current_everywhere or values.get("reverified") is not None


def status_update(snapshot: Any, values: Mapping[str, Any]) -> dict[str, Any]:
    """Return the run-row fields a running run's latest checkpoint implies (empty: still running)."""
    drafting = values.get("drafting") or {}
    if snapshot.interrupts:
        return {"status": "awaiting_review", "drafting": drafting}
    if values.get("status") in ("approved", "rejected"):
        return {
            "status": values["status"],
            "decided_by": values.get("decided_by"),
            "decided_at": values.get("decided_at"),
            "comment": values.get("comment"),
            "drafting": drafting,
        }
    return {}


def view_of(run: RunRecord, parsed: ParsedValues, v: Versions, freshness: Freshness | None) -> RunView:
    """Return the run as users see it (spec section 6): its record, its parsed values and its data versions."""
    return RunView(
        run_id=run.run_id,
        account_id=run.account_id,
        owner=run.owner,
        status=run.status,
        stop_reasons=parsed.stop_reasons,
        recap=parsed.recap,
        created_at=run.created_at,
        updated_at=run.updated_at,
        as_of=run.as_of,
        decided_by=run.decided_by,
        decided_at=run.decided_at,
        comment=run.comment,
        failure=run.failure,
        replayed_from=run.replayed_from,
        drafting=DraftingInfo.model_validate(run.drafting or {}),
        data_version=v.drafted,
        outdated=v.outdated,
        freshness=freshness,
    )


def summary_of(row: ListedRun, values: Mapping[str, Any]) -> RunSummary:
    """Return one run's list entry: the row's fields plus what its state values say needs the owner's attention."""
    recap = parse_values(row.run_id, values).recap
    claims = list(recap.all_claims()) if recap else []
    account = row.account_data
    return RunSummary(
        run_id=row.run_id,
        account_id=row.account_id,
        account_name=row.account_name,
        owner=row.account_owner,
        status=row.status,
        created_at=row.created_at,
        updated_at=row.updated_at,
        renewal_date=account.get("renewal_date"),
        arr=account.get("arr"),
        currency=account.get("currency"),
        stop_reasons=[r["code"] for r in values.get("stop_reasons", [])],
        claims=len(claims),
        needs_attention=sum(blocks_approval(c) for c in claims),
        decided_by=row.decided_by,
        decided_at=row.decided_at,
        comment=row.comment,
        failure=row.failure,
        replayed_from=row.replayed_from,
        outdated=row.outdated,
    )


def page_of(runs: list[RunSummary], more: bool, limit: int, offset: int) -> RunPage:
    """Return one page of the run list; `more` says another page exists."""
    return RunPage(runs=runs, limit=limit, offset=offset, next_offset=offset + limit if more else None)
