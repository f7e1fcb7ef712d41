"""KPI progress and achievement eligibility (spec section 3, key achievements)."""

from __future__ import annotations

from state.bundle import ObjectiveKpi
from state.evidence import KpiEvidence

ACHIEVABLE_STATUSES = frozenset({"On Track", "Completed"})


def kpi_progress(kpi: ObjectiveKpi) -> float | None:
    """Return (current - baseline) / (target - baseline), 1.0 for Completed, None when unknowable."""
    return 1.0 if kpi.status == "Completed" else measured_progress(kpi)


def measured_progress(kpi: ObjectiveKpi) -> float | None:
    """Return progress from the values alone (also for Completed KPIs), or None without all three."""
    if kpi.baseline is None or kpi.target is None or kpi.current is None or kpi.target == kpi.baseline:
        return None
    return (kpi.current - kpi.baseline) / (kpi.target - kpi.baseline)


def why_ineligible(kpi: ObjectiveKpi, threshold: float) -> str | None:
    """Return why a KPI cannot be an achievement, or None when it is eligible."""
    if kpi.status not in ACHIEVABLE_STATUSES:
        return f"status is {kpi.status}"
    if kpi.disputed:
        return "the KPI is disputed"
    if kpi.status == "Completed":
        return None
    progress = kpi_progress(kpi)
    if progress is None:
        return "baseline, target and current are not all present"
    if progress < threshold:
        return f"progress {progress:.0%} is below the {threshold:.0%} threshold"
    return None


def kpi_evidence(kpi: ObjectiveKpi, threshold: float) -> KpiEvidence:
    """Return the KPI's computed progress and eligibility."""
    why = why_ineligible(kpi, threshold)
    return KpiEvidence(
        id=kpi.id,
        objective_id=kpi.objective_id,
        name=kpi.name,
        status=kpi.status,
        progress=kpi_progress(kpi),
        eligible=why is None,
        why_not=why,
    )


def achievement_rank(evidence: KpiEvidence) -> float:
    """Return the KPI's place in the achievements order, lowest first: most progress first, Completed as full."""
    return -(evidence.progress if evidence.progress is not None else 1.0)


def select_eligible_kpis(kpis: list[ObjectiveKpi], threshold: float = 0.5, limit: int = 5) -> list[KpiEvidence]:
    """Return the eligible KPIs, most progress first (Completed counts as full), at most `limit`."""
    eligible = [e for e in (kpi_evidence(k, threshold) for k in kpis) if e.eligible]
    eligible.sort(key=achievement_rank)
    return eligible[:limit]
