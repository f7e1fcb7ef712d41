"""Rules 1, 9 and 10 and the recommendation fields: citations, sensitive records, achievement KPIs."""

from __future__ import annotations

from state.bundle import ObjectiveKpi
from state.recap import FLAG_CONFIDENTIAL, FLAG_DISPUTED
from tools.kpis import why_ineligible
from tools.verify.context import ClaimContext
from tools.verify.dates import parse_due


def check_citations(ctx: ClaimContext) -> list[str]:
    """Return a reason when the claim cites nothing, or cites ids that are not records of this account."""
    if not ctx.claim.citations:
        return ["the claim cites no record"]
    return [f"'{record_id}' is not a record of this account" for record_id in ctx.unknown]


def sensitive_flags(ctx: ClaimContext) -> list[str]:
    """Return the flags for citing confidential activities or disputed records."""
    flags = []
    if any(getattr(c.record, "confidential", False) is True for c in ctx.cited):
        flags.append(FLAG_CONFIDENTIAL)
    if any(getattr(c.record, "disputed", False) is True for c in ctx.cited):
        flags.append(FLAG_DISPUTED)
    return flags


def check_achievement(ctx: ClaimContext, threshold: float) -> list[str]:
    """Return reasons when a key achievement cites no KPI or an ineligible one."""
    if ctx.claim.section != "key_achievements":
        return []
    kpis = [kpi for kpi in ctx.of_kind("objective_kpis") if isinstance(kpi, ObjectiveKpi)]
    if not kpis:
        return ["a key achievement must cite a KPI"]
    return [
        f"{kpi.id} is not eligible as a key achievement: {why}"
        for kpi in kpis
        if (why := why_ineligible(kpi, threshold))
    ]


def check_recommendation(ctx: ClaimContext) -> list[str]:
    """Return reasons when a recommendation lacks an owner or a proposed due date."""
    reasons = []
    if not (ctx.claim.owner or "").strip():
        reasons.append("the recommendation has no owner")
    if not (ctx.claim.due or "").strip():
        reasons.append("the recommendation has no due date")
    elif parse_due(ctx.claim.due) is None:
        reasons.append(f"the due date '{ctx.claim.due}' is not an ISO date (YYYY-MM-DD)")
    return reasons
