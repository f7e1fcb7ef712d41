"""The key-achievements rule applied to a drafted recap (the kpi_filter node's pure function)."""

from __future__ import annotations

from state.bundle import Bundle, ObjectiveKpi
from state.evidence import KpiEvidence
from state.recap import FLAG_INELIGIBLE_KPI, Claim, Recap
from tools.drafting.assemble import SECTION_PREFIXES
from tools.drafting.phrases import achievement_claim
from tools.kpis import achievement_rank, kpi_evidence

SECTION = "key_achievements"


def _sort_key(claim: Claim, evidence: dict[str, KpiEvidence]) -> float:
    """Most progress first; Completed counts as full; claims without a known KPI go last."""
    ranks = [achievement_rank(e) for cid in claim.citations if (e := evidence.get(cid)) is not None and e.eligible]
    return min(ranks, default=1.0)


def _check(
    claim: Claim, kpis: dict[str, ObjectiveKpi], evidence: dict[str, KpiEvidence]
) -> tuple[Claim | None, str | None]:
    """Return the claim to keep (maybe flagged) and a note when it was dropped or flagged."""
    cited = [cid for cid in claim.citations if cid in kpis]
    bad = [cid for cid in cited if not evidence[cid].eligible]
    if cited and not bad:
        return claim, None
    why = "; ".join(f"{cid} ({evidence[cid].why_not})" for cid in bad) if bad else "it cites no KPI"
    if claim.origin == "owner":
        note = f"kept the owner's achievement {claim.id or repr(claim.text[:60])} but flagged it: {why}"
        return claim.with_flag(FLAG_INELIGIBLE_KPI), note
    label = claim.id or repr(claim.text[:60])
    reason = f"it cites an ineligible KPI: {why}" if bad else why
    return None, f"dropped achievement {label}: {reason}"


def _renumber(claims: list[Claim]) -> list[Claim]:
    """Give new claims the next free `ka-N` id and keep existing ids."""
    taken = {c.id for c in claims if c.id}
    prefix, n, out = SECTION_PREFIXES[SECTION], 0, []
    for claim in claims:
        if not claim.id:
            n += 1
            while f"{prefix}-{n}" in taken:
                n += 1
            claim = claim.model_copy(update={"id": f"{prefix}-{n}"})
            taken.add(claim.id)
        out.append(claim.model_copy(update={"section": SECTION}))
    return out


def filter_achievements(
    recap: Recap, bundle: Bundle, threshold: float, limit: int, fill_missing: bool = True
) -> tuple[Recap, list[str]]:
    """Keep only eligible KPIs as achievements (owner claims flagged, never dropped), add missing ones.

    `fill_missing` is off after the owner's edits: an achievement the owner removed stays removed.
    """
    kpis = {k.id: k for k in bundle.objective_kpis}
    evidence = {k.id: kpi_evidence(k, threshold) for k in bundle.objective_kpis}
    kept, notes = [], []
    for claim in recap.sections.get(SECTION, []):
        result, note = _check(claim, kpis, evidence)
        if result is not None:
            kept.append(result)
        if note:
            notes.append(note)
    covered = {cid for c in kept for cid in c.citations}
    for kid, ev in evidence.items():
        if fill_missing and ev.eligible and kid not in covered:
            kept.append(achievement_claim(kpis[kid]))
            notes.append(f"added achievement for eligible KPI {kid}")
    kept.sort(key=lambda c: _sort_key(c, evidence))
    # Owner claims are never dropped; those on eligible KPIs use up the cap, flagged ones do not.
    slots = max(limit - sum(c.origin == "owner" and FLAG_INELIGIBLE_KPI not in c.flags for c in kept), 0)
    final = []
    for claim in kept:
        if claim.origin == "owner" or slots > 0:
            final.append(claim)
            slots -= claim.origin != "owner"
        else:
            notes.append(f"dropped achievement {claim.id or claim.text[:60]!r}: over the limit of {limit}")
    sections = {**recap.sections, SECTION: _renumber(final)}
    return recap.model_copy(update={"sections": sections}), notes
