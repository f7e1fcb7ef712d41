"""Keep a draft readable whatever the account's size: at most N claims per part, the most significant ones.

Applied once, where the drafted parts are joined (both drafters go through it). What is left out is
kept in the recap's appendix, counted in one line per part, for the owner only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from state.bundle import Activity, Bundle, Contact, ObjectiveKpi, PlaybookTask, Record, Risk
from state.evidence import EvidencePack, GoalEvidence
from state.recap import CAVEATS, SECTION_IDS, VALUE_RECAP, Claim, Omitted, ValueRecapEntry

VALUE_RECAP_ITEMS = "value_recap_items"  # appendix part: list items of the goals shown
# Defaults: 29 section claims + 26 value-recap claims + 4 caveats = at most 59 claims. The value recap's
# claims are shared among its goals: every goal of an account with up to 8 goals keeps its entry.
DEFAULT_CLAIM_LIMITS: dict[str, int] = {
    "key_stakeholders": 4,
    "executive_summary": 5,
    "key_achievements": 5,
    "risks_and_blockers": 5,
    "expansion_opportunities": 3,
    "strategic_next_steps": 3,
    "immediate_actions": 4,
    VALUE_RECAP: 26,
    CAVEATS: 4,
}
LIST_FIELDS = ("delivered_work", "evidence", "open_risk")
TURNS = ("evidence", "delivered_work", "open_risk")
ENTRY_MINIMUM = 3  # goal, outcome, next recommendation
INFLUENCE = {"high": 0, "medium": 1, "low": 2}
SEVERITY = {"Critical": 0, "High": 1, "Medium": 2, "Low": 3}
KPI_TROUBLE = {"Blocked": 1, "Off Track": 2}
FAR = dt.date.max.toordinal()

Key = Callable[[Claim, dict[str, Record], EvidencePack], tuple[Any, ...]]


def _cited(claim: Claim, index: dict[str, Record], kind: type) -> list[Any]:
    return [r for c in claim.citations if isinstance(r := index.get(c), kind)]


def _days(value: dt.date | None, newest_first: bool = False) -> int:
    if value is None:
        return FAR
    return -value.toordinal() if newest_first else value.toordinal()


def _stakeholder(claim: Claim, index: dict[str, Record], pack: EvidencePack) -> tuple[Any, ...]:
    people: list[Contact] = _cited(claim, index, Contact)
    rank = min((INFLUENCE.get((p.influence or "").lower(), 3) for p in people), default=4)
    return rank, min((_days(p.last_engaged, newest_first=True) for p in people), default=FAR)


def _risk(claim: Claim, index: dict[str, Record], pack: EvidencePack) -> tuple[Any, ...]:
    """Severity first (risks by their severity, escalations as High, troubled KPIs and tasks after), then age."""
    ranks: list[tuple[int, int]] = []
    for record in (index.get(c) for c in claim.citations):
        if isinstance(record, Risk):
            ranks.append(
                (SEVERITY.get(record.severity, 3) + (2 if record.status == "Resolved" else 0), _days(record.opened))
            )
        elif isinstance(record, Activity) and record.type == "Escalation":
            ranks.append((1, _days(record.date)))
        elif isinstance(record, ObjectiveKpi) and record.status in KPI_TROUBLE:
            ranks.append((1 + KPI_TROUBLE[record.status], _days(record.updated_at)))
        elif isinstance(record, PlaybookTask) and record.status == "Blocked":
            ranks.append((2, _days(record.due_date)))
    return min(ranks, default=(9, FAR))


def _achievement(claim: Claim, index: dict[str, Record], pack: EvidencePack) -> tuple[Any, ...]:
    kpis = [k for c in claim.citations if (k := pack.kpi(c))]
    done = any(k.status == "Completed" for k in kpis)
    return (0 if done else 1), -max((k.progress or 0.0 for k in kpis), default=0.0)


def _newest_signal(claim: Claim, index: dict[str, Record], pack: EvidencePack) -> tuple[Any, ...]:
    acts: list[Activity] = _cited(claim, index, Activity)
    return (min((_days(a.date, newest_first=True) for a in acts), default=FAR),)


def _due(claim: Claim, index: dict[str, Record], pack: EvidencePack) -> tuple[Any, ...]:
    return (claim.due or "9999",)


def _drafted(claim: Claim, index: dict[str, Record], pack: EvidencePack) -> tuple[Any, ...]:
    return ()


# part -> (how significance is judged, what the left-out ones are called, how they rank)
SIGNIFICANCE: dict[str, tuple[Key, str, str]] = {
    "key_stakeholders": (_stakeholder, "stakeholders", "lower influence or least recently engaged"),
    "executive_summary": (_drafted, "summary points", "drafted last"),
    "key_achievements": (_achievement, "achievements", "least progress"),
    "risks_and_blockers": (_risk, "risks and blockers", "lowest severity or most recent"),
    "expansion_opportunities": (_newest_signal, "expansion opportunities", "oldest signals"),
    "strategic_next_steps": (_due, "strategic next steps", "latest due"),
    "immediate_actions": (_due, "immediate actions", "latest due"),
    CAVEATS: (_drafted, "caveats", "drafted last"),
}


def _limit(limits: dict[str, int], part: str) -> int:
    return max(0, limits.get(part, DEFAULT_CLAIM_LIMITS[part]))


def choose(claims: Sequence[Claim], limit: int, key: Callable[[Claim], tuple[Any, ...]]) -> tuple[list, list]:
    """Split claims into the `limit` most significant (in drafted order) and the rest (least significant last)."""
    ranked = sorted(range(len(claims)), key=lambda i: (*key(claims[i]), i))
    keep = set(ranked[:limit])
    return [c for i, c in enumerate(claims) if i in keep], [claims[i] for i in ranked[limit:]]


def bound_section(
    part: str, claims: list[Claim], ctx: tuple[dict[str, Record], EvidencePack], limits: dict[str, int]
) -> tuple[list[Claim], Omitted | None]:
    """Keep a section's most significant claims; say what was left out."""
    rank, noun, order = SIGNIFICANCE[part]
    kept, left = choose(claims, _limit(limits, part), lambda c: rank(c, *ctx))
    return kept, (Omitted(part=part, noun=noun, order=order, claims=left) if left else None)


def _goal_scores(goal: GoalEvidence | None, pack: EvidencePack) -> tuple[int, int]:
    """Return (evidence, trouble) of a goal: measured KPIs, delivered work and activities; troubled KPIs."""
    if goal is None:
        return 0, 0
    kpis = [k for i in goal.kpi_ids if (k := pack.kpi(i))]
    evidence = sum(k.progress is not None for k in kpis) + len(goal.delivered_task_ids) + len(goal.activity_ids)
    return evidence, sum(k.status in KPI_TROUBLE for k in kpis)


def _alternate(entries: list[ValueRecapEntry], pack: EvidencePack) -> list[int]:
    """Rank goals taking in turn the one with the most evidence and the one most at risk."""
    scores = [_goal_scores(pack.goal(e.objective_id), pack) for e in entries]
    by_evidence = sorted(range(len(entries)), key=lambda i: (-scores[i][0], i))
    by_trouble = sorted(range(len(entries)), key=lambda i: (-scores[i][1], -scores[i][0], i))
    order: list[int] = []
    for pair in zip(by_evidence, by_trouble, strict=True):
        order += [i for i in pair if i not in order]
    return order


def _trim(entry: ValueRecapEntry, budget: int) -> tuple[ValueRecapEntry, list[Claim]]:
    """Keep the goal, outcome and recommendation, then list items in turn (evidence first) while room is left."""
    lists = {f: list(getattr(entry, f)) for f in LIST_FIELDS}
    take = dict.fromkeys(LIST_FIELDS, 0)
    room = budget - 3
    while room > 0 and any(take[f] < len(lists[f]) for f in LIST_FIELDS):
        for f in TURNS:
            if room > 0 and take[f] < len(lists[f]):
                take[f], room = take[f] + 1, room - 1
    left = [c for f in LIST_FIELDS for c in lists[f][take[f] :]]
    return entry.model_copy(update={f: lists[f][: take[f]] for f in LIST_FIELDS}), left


def bound_entries(
    entries: list[ValueRecapEntry], pack: EvidencePack, limits: dict[str, int]
) -> tuple[list[ValueRecapEntry], list[Omitted]]:
    """Share the value recap's claims among as many goals as fit (most evidence or most at risk first)."""
    budget = _limit(limits, VALUE_RECAP)
    ranked = _alternate(entries, pack)
    shown = ranked[: budget // ENTRY_MINIMUM]
    # Each shown goal gets an equal share of the room; the most significant ones get what does not divide.
    share = {i: budget // len(shown) + (rank < budget % len(shown)) for rank, i in enumerate(shown)} if shown else {}
    kept, details = [], []
    for i, entry in enumerate(entries):
        if i in share:
            trimmed, left = _trim(entry, share[i])
            kept.append(trimmed)
            details += left
    omitted = []
    left_goals = [entries[i].goal for i in ranked if i not in share]
    if left_goals:
        omitted.append(
            Omitted(part=VALUE_RECAP, noun="goals", order="least evidence and least at risk", claims=left_goals)
        )
    if details:
        omitted.append(
            Omitted(part=VALUE_RECAP_ITEMS, noun="details of the goals shown", order="drafted last", claims=details)
        )
    return kept, omitted


def bound_recap(
    sections: dict[str, list[Claim]],
    entries: list[ValueRecapEntry],
    caveats: list[Claim],
    bundle: Bundle,
    pack: EvidencePack,
    limits: dict[str, int] | None = None,
) -> tuple[dict[str, list[Claim]], list[ValueRecapEntry], list[Claim], list[Omitted]]:
    """Apply every part's bound; return the kept sections, entries and caveats, and the appendix."""
    limits = limits or DEFAULT_CLAIM_LIMITS
    ctx = ({rid: rec for rid, (_, rec) in bundle.index().items()}, pack)
    appendix: list[Omitted] = []
    kept_sections = {}
    for part in SECTION_IDS:
        kept_sections[part], left = bound_section(part, sections.get(part, []), ctx, limits)
        appendix += [left] if left else []
    kept_entries, left_entries = bound_entries(entries, pack, limits)
    appendix += left_entries
    kept_caveats, left_caveats = bound_section(CAVEATS, caveats, ctx, limits)
    appendix += [left_caveats] if left_caveats else []
    return kept_sections, kept_entries, kept_caveats, appendix
