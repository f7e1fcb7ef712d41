"""What the review pages show, in plain words: record cards, verdict and kind labels, the approval rule."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from state.bundle import Bundle
from state.recap import CAVEATS, SECTION_IDS, SECTION_TITLES, Claim, Recap
from state.run import RunView
from tools.attestation import ATTESTABLE, blocking_claims, is_attested
from tools.labels import TYPE_LABELS, record_labels

VERDICT_WORDS = {
    "supported": "Supported by the records",
    "contradicted": "Contradicted by the records",
    "unverifiable": "Cannot be checked against the records",
}
KIND_WORDS = {
    "proven_outcome": "Proven outcome",
    "likely_benefit": "Likely benefit",
    "recommendation": "Recommendation",
}
FLAG_WORDS = {
    "owner_review": "needs your review (ROI, renewal or strategy)",
    "disputed": "cites disputed data",
    "confidential": "cites a confidential record",
    "personal_data": "contains personal data",
    "unquotable_feedback": "quotes feedback without permission",
    "ineligible_kpi": "KPI not eligible",
    "missing_proof": "goal has no proof",
    "unresolved_customer_issue": "unresolved customer issue",
    "offline_fallback": "written by the offline drafter after a model failure",
    "judge_doubt": "the reviewing model doubts it",
}
STOP_WORDS = {
    "unsupported_claims": "Claims not supported",
    "disputed_data": "Disputed data",
    "incomplete_data": "Incomplete data",
    "unresolved_customer_issue": "Unresolved customer issue",
    "sensitive_details": "Sensitive details",
    "permission_missing": "Permission to quote missing",
}
VALUE_FIELD_TITLES = {
    "goal": "Original goal",
    "delivered_work": "Delivered work",
    "evidence": "Evidence",
    "outcome": "Customer outcome",
    "open_risk": "Open risk",
    "next_recommendation": "Next recommendation",
}
# The facts a citation chip shows per record type, in order (dates included).
CARD_FIELDS: dict[str, tuple[str, ...]] = {
    "account": ("arr", "currency", "renewal_date", "segment"),
    "contacts": ("title", "role", "influence", "last_engaged"),
    "success_plans": ("status", "start_date", "end_date"),
    "business_challenges": ("priority",),
    "objectives": ("status", "target_date"),
    "objective_kpis": ("status", "baseline", "current", "target", "unit", "direction", "updated_at", "disputed"),
    "playbooks": ("status",),
    "playbook_tasks": ("status", "due_date", "completed_date", "owner"),
    "activities": ("type", "date", "disputed", "confidential"),
    "feedback": ("source", "score", "date", "permission_to_quote"),
    "usage": ("metric", "period", "value"),
    "risks": ("severity", "status", "opened", "disputed"),
}


@dataclass(frozen=True)
class RecordCard:
    """A cited record as a chip shows it: type, name and key values."""

    type: str
    name: str
    facts: list[tuple[str, str]] = field(default_factory=list)
    known: bool = True


def _fact(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def record_cards(bundle: Bundle, ids: list[str]) -> dict[str, RecordCard]:
    """Return a card per cited id; ids that are not this account's records say so."""
    index, labels = bundle.index(), record_labels(bundle, ids)
    cards = {}
    for rid in ids:
        if rid not in index:
            cards[rid] = RecordCard(type="Unknown", name="not a record of this account", known=False)
            continue
        key, record = index[rid]
        data = record.model_dump(mode="json")
        facts = [(f.replace("_", " "), _fact(data[f])) for f in CARD_FIELDS.get(key, ()) if data.get(f) is not None]
        cards[rid] = RecordCard(type=TYPE_LABELS[key], name=labels[rid].split(": ", 1)[-1], facts=facts)
    return cards


def cited_ids(recap: Recap | None) -> list[str]:
    """Return every id the recap cites, once, in document order."""
    seen: dict[str, None] = {}
    for claim in recap.all_claims() if recap else []:
        seen.update(dict.fromkeys(claim.citations))
    return list(seen)


def approval_block(run: RunView) -> str | None:
    """Return why Approve is disabled now, in plain words, or None when the owner may approve."""
    if run.status != "awaiting_review":
        return f"This run is {run.status.replace('_', ' ')}; there is nothing to approve."
    blocking = blocking_claims(run.recap.all_claims()) if run.recap else []
    if not blocking:
        return None
    named = ", ".join(
        f"{c.id} ({'contradicted' if c.verdict == 'contradicted' else 'unverifiable'})" for c in blocking[:5]
    ) + (" and more" if len(blocking) > 5 else "")
    return (
        f"Approve is disabled: {len(blocking)} claim{'s' * (len(blocking) != 1)} must be edited, removed or "
        f"(if unverifiable) attested first: {named}."
    )


def can_attest(claim: Claim) -> bool:
    """Return whether the owner may attest this claim: unverifiable and not attested yet."""
    return claim.verdict == ATTESTABLE and not is_attested(claim)


def singular_ids(recap: Recap | None) -> set[str]:
    """Return the ids of value-recap claims that cannot be removed (goal, outcome, next recommendation)."""
    if recap is None:
        return set()
    return {c.id for e in recap.value_recap for c in (e.goal, e.outcome, e.next_recommendation)}


def section_list(recap: Recap | None) -> list[tuple[str, str, list[Claim]]]:
    """Return (id, title, claims) for the seven sections and the caveats."""
    if recap is None:
        return []
    parts = [(s, SECTION_TITLES[s], recap.sections.get(s, [])) for s in SECTION_IDS]
    return [*parts, (CAVEATS, "Proof and caveats", recap.caveats)]


def age(stamp: str, now: dt.datetime | None = None) -> str:
    """Return how long ago an ISO time was, in words ("5 min", "3 h", "2 days")."""
    try:
        then = dt.datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    seconds = max(0, int(((now or dt.datetime.now(dt.UTC)) - then).total_seconds()))
    if seconds < 3600:
        return f"{seconds // 60} min"
    if seconds < 86400:
        return f"{seconds // 3600} h"
    return f"{seconds // 86400} days"


def money(amount: float | None, currency: str | None) -> str:
    """Return an amount as "240,000 USD" (empty when unknown)."""
    if amount is None:
        return ""
    return f"{amount:,.0f} {currency or ''}".strip()
