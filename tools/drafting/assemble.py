"""Put the drafted parts together into one recap with stable claim ids and the deterministic caveats."""

from __future__ import annotations

import re
from datetime import date, timedelta

from state.bundle import Bundle
from state.evidence import EvidencePack
from state.recap import (
    CAVEATS,
    FLAG_FALLBACK,
    FLAG_MISSING_PROOF,
    SECTION_IDS,
    SECTION_TITLES,
    VALUE_FIELDS,
    VALUE_RECAP,
    Claim,
    Omitted,
    Recap,
    ValueRecapEntry,
)
from tools.drafting.base import DRAFT_PARTS, PartDraft
from tools.drafting.bound import bound_recap

SECTION_PREFIXES: dict[str, str] = {
    "key_stakeholders": "ks",
    "executive_summary": "es",
    "key_achievements": "ka",
    "risks_and_blockers": "rb",
    "expansion_opportunities": "eo",
    "strategic_next_steps": "sn",
    "immediate_actions": "ia",
}
PART_TITLES: dict[str, str] = {**SECTION_TITLES, VALUE_RECAP: "The value recap"}


def _numbered(claims: list[Claim], prefix: str, section: str) -> list[Claim]:
    return [c.model_copy(update={"id": f"{prefix}-{i}", "section": section}) for i, c in enumerate(claims, 1)]


def _number_entry(entry: ValueRecapEntry) -> ValueRecapEntry:
    update: dict[str, object] = {}
    for field in VALUE_FIELDS:
        value = getattr(entry, field)
        base = f"vr-{entry.objective_id}-{field}"
        if isinstance(value, list):
            update[field] = _numbered(value, base, VALUE_RECAP)
        else:
            update[field] = value.model_copy(update={"id": base, "section": VALUE_RECAP})
    return entry.model_copy(update=update)


def _placeholder_entry(objective_id: str, name: str, pack: EvidencePack) -> ValueRecapEntry:
    """Build a minimal entry for a goal the drafts left out, so every objective has one."""

    def claim(text: str, **fields: object) -> Claim:
        return Claim(id="", text=text, citations=[objective_id], section=VALUE_RECAP, **fields)

    due = (date.fromisoformat(pack.as_of) + timedelta(days=30)).isoformat()
    return ValueRecapEntry(
        objective_id=objective_id,
        goal=claim(f"{name}."),
        outcome=claim("No outcome was drafted for this goal."),
        next_recommendation=claim(
            "Review this goal's evidence with the customer.", kind="recommendation", owner=pack.owner, due=due
        ),
    )


def _entries(drafts: dict[str, PartDraft], pack: EvidencePack) -> list[ValueRecapEntry]:
    drafted = {e.objective_id: e for e in (drafts[VALUE_RECAP].value_recap if VALUE_RECAP in drafts else [])}
    entries = [
        drafted.pop(g.objective_id) if g.objective_id in drafted else _placeholder_entry(g.objective_id, g.name, pack)
        for g in pack.goals
    ]
    entries += list(drafted.values())  # entries for objectives the pack does not know stay, last
    return entries


def plain_reason(reason: str, limit: int = 160) -> str:
    """Say a failure reason without numbers or quotes, which no record could back (the run keeps the full one)."""
    text = re.sub(r"\b\d+ times\b", "repeatedly", reason)
    text = " ".join(w for w in text.replace('"', "").replace("'", "").split() if not re.search(r"\d", w))
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _fallback_caveat(part: str, reason: str, pack: EvidencePack) -> Claim:
    reason = plain_reason(reason)
    because = reason if reason.startswith("the model failed") else f"the model failed: {reason}"
    return Claim(
        id="",
        text=f"{PART_TITLES.get(part, part)} was drafted by the offline drafter because {because}.",
        citations=[pack.account_id],
        section=CAVEATS,
        flags=[FLAG_FALLBACK],
    )


def _missing_proof_caveat(objective_id: str, pack: EvidencePack) -> Claim:
    goal = pack.goal(objective_id)
    name = goal.name if goal else objective_id
    return Claim(
        id="",
        text=f'"{name}" has no evidence yet: no KPI value, delivered work or activity is recorded (missing proof).',
        citations=[objective_id],
        section=CAVEATS,
        flags=[FLAG_MISSING_PROOF],
    )


def _caveats(drafts: dict[str, PartDraft], pack: EvidencePack) -> list[Claim]:
    caveats = [c for part in DRAFT_PARTS if part in drafts for c in drafts[part].caveats]
    for gid in pack.missing_proof_goal_ids:
        if not any(FLAG_MISSING_PROOF in c.flags and gid in c.citations for c in caveats):
            caveats.append(_missing_proof_caveat(gid, pack))
    for part in DRAFT_PARTS:
        reason = drafts[part].fallback_reason if part in drafts else None
        if reason:
            caveats.append(_fallback_caveat(part, reason, pack))
    return caveats


def assemble_recap(
    drafts: dict[str, PartDraft], pack: EvidencePack, bundle: Bundle | None = None, limits: dict[str, int] | None = None
) -> Recap:
    """Join the parts in contract order, keep each within its bound (given the records), number every claim."""
    sections = {s: drafts[s].claims if s in drafts else [] for s in SECTION_IDS}
    entries, caveats = _entries(drafts, pack), _caveats(drafts, pack)
    appendix: list[Omitted] = []
    if bundle is not None:
        sections, entries, caveats, appendix = bound_recap(sections, entries, caveats, bundle, pack, limits)
    return Recap(
        sections={s: _numbered(sections[s], SECTION_PREFIXES[s], s) for s in SECTION_IDS},
        value_recap=[_number_entry(e) for e in entries],
        caveats=_numbered(caveats, "cv", CAVEATS),
        appendix=appendix,
    )
