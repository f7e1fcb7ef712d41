"""The outcomes report: did recaps help renewals? Pure functions over runs, events and outcomes."""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable

from pydantic import BaseModel, Field

from state.bundle import Bundle
from state.outcomes import DECISION_KINDS, Outcome
from state.recap import Recap
from state.records import RunEvent

DECISIONS = ("decision_approved", "decision_rejected")
SENIOR_ROLES = frozenset({"executive sponsor", "decision maker"})


class Summary(BaseModel):
    """Counts for one owner, or for everyone."""

    recaps_created: int = 0
    recaps_approved: int = 0
    recaps_rejected: int = 0
    claims_approved: int = 0
    claims_edited: int = 0
    claims_removed: int = 0
    claims_attested: int = 0
    caveats_added: int = 0
    share_edited_or_removed: float | None = Field(
        None, description="(claims edited + removed) / (claims approved + removed): lower means better drafts."
    )
    hours_to_decision_median: float | None = None
    hours_to_decision_p90: float | None = None
    recaps_shared: int = 0
    customer_questions: int = 0
    customer_decisions: dict[str, int] = Field(default_factory=lambda: dict.fromkeys(DECISION_KINDS, 0))
    renewals_supported: int = 0
    expansion_actions: int = 0
    expansion_amount: float = 0.0


class AccountOutcome(BaseModel):
    """An account whose customer renewed or expanded after an approved recap."""

    account_id: str
    run_id: str
    decision: str
    date: str


class CaseStudyCandidate(BaseModel):
    """An account worth a case study: proven outcomes and a quotable senior voice (never published unasked)."""

    account_id: str
    run_id: str
    proven_outcomes: list[str]
    quotable_feedback: list[str]


class Report(BaseModel):
    """The whole report: overall, per owner, renewals after recaps and case-study candidates."""

    since: str | None = None
    owner: str | None = None
    overall: Summary
    by_owner: dict[str, Summary]
    renewed_or_expanded: list[AccountOutcome]
    case_study_candidates: list[CaseStudyCandidate] = Field(default_factory=list)


def _hours(start: str, end: str) -> float:
    delta = dt.datetime.fromisoformat(end) - dt.datetime.fromisoformat(start)
    return round(delta.total_seconds() / 3600, 2)


def _p90(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, -(-9 * len(ordered) // 10) - 1)]  # nearest rank


def summarize(events: Iterable[RunEvent], outcomes: Iterable[Outcome]) -> Summary:
    """Count events and outcomes into one Summary."""
    events = list(events)
    counts = Counter(e.event for e in events)
    created = {e.run_id: e.time for e in events if e.event == "recap_created"}
    waits = [_hours(created[e.run_id], e.time) for e in events if e.event in DECISIONS and e.run_id in created]
    s = Summary(
        recaps_created=counts["recap_created"],
        recaps_approved=counts["decision_approved"],
        recaps_rejected=counts["decision_rejected"],
        claims_approved=counts["claim_approved"],
        claims_edited=counts["claim_edited"],
        claims_removed=counts["claim_removed"],
        claims_attested=counts["claim_attested"],
        caveats_added=counts["caveat_added"],
    )
    judged = s.claims_approved + s.claims_removed
    if judged:
        s.share_edited_or_removed = round((s.claims_edited + s.claims_removed) / judged, 3)
    if waits:
        s.hours_to_decision_median, s.hours_to_decision_p90 = round(statistics.median(waits), 2), _p90(waits)
    for o in outcomes:
        _count_outcome(s, o)
    return s


def _count_outcome(s: Summary, o: Outcome) -> None:
    if o.event == "recap_shared":
        s.recaps_shared += 1
    elif o.event == "customer_question":
        s.customer_questions += 1
    elif o.event == "customer_decision" and o.decision:
        s.customer_decisions[o.decision] += 1
    elif o.event == "renewal_supported":
        s.renewals_supported += 1
    elif o.event == "expansion_action":
        s.expansion_actions += 1
        s.expansion_amount += o.amount or 0.0


def build_report(
    events: list[RunEvent],
    outcomes: list[Outcome],
    owners: dict[str, str],
    since: str | None = None,
    owner: str | None = None,
) -> Report:
    """Group events and outcomes by the owner of their account (`owners`: account id -> owner)."""
    if since:
        events = [e for e in events if e.time[:10] >= since]
        outcomes = [o for o in outcomes if (o.date or o.time[:10]) >= since]
    if owner:
        events = [e for e in events if owners.get(e.account_id) == owner]
        outcomes = [o for o in outcomes if owners.get(o.account_id) == owner]
    by_events: dict[str, list[RunEvent]] = defaultdict(list)
    by_outcomes: dict[str, list[Outcome]] = defaultdict(list)
    for e in events:
        by_events[owners.get(e.account_id, "?")].append(e)
    for o in outcomes:
        by_outcomes[owners.get(o.account_id, "?")].append(o)
    people = sorted(set(by_events) | set(by_outcomes))
    renewed = [
        AccountOutcome(account_id=o.account_id, run_id=o.run_id, decision=o.decision or "", date=o.date or o.time[:10])
        for o in outcomes
        if o.event == "customer_decision" and o.decision in ("renewed", "expanded")
    ]
    return Report(
        since=since,
        owner=owner,
        overall=summarize(events, outcomes),
        by_owner={p: summarize(by_events[p], by_outcomes[p]) for p in people},
        renewed_or_expanded=renewed,
    )


def case_study_candidate(run_id: str, recap: Recap, bundle: Bundle) -> CaseStudyCandidate | None:
    """Return the account as a candidate if its approved recap proves an outcome and a senior contact is quotable."""
    proven = [c.id for c in recap.all_claims() if c.kind == "proven_outcome" and c.supported]
    senior = {
        c.id
        for c in bundle.contacts
        if (c.role or "").strip().lower() in SENIOR_ROLES or (c.influence or "").lower() == "high"
    }
    quotes = [f.id for f in bundle.feedback if f.permission_to_quote and f.comment and f.contact_id in senior]
    if not proven or not quotes:
        return None
    return CaseStudyCandidate(
        account_id=bundle.account.id, run_id=run_id, proven_outcomes=proven, quotable_feedback=quotes
    )
