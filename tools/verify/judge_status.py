"""Judge status, progress, completion and outcome words against the cited record they describe."""

from __future__ import annotations

import re

from state.bundle import Record, Usage
from tools.verify.context import ClaimContext
from tools.verify.findings import Finding
from tools.verify.mentions import attribute, clause_of, name_mentions, record_name
from tools.verify.parse import TermMention
from tools.verify.states import STATUS_KINDS, describe, outcome_holds, status_holds
from tools.verify.text import word_stems

# Words a record's own prose may back when no record's status speaks of them ('EDI mapping live').
_TEXT_BACKED = frozenset(
    {"done", "active", "blocked", "cancelled", "resolved", "off_track", "eliminated", "improved", "worsened", "open"}
)


def _holds(ctx: ClaimContext, mention: TermMention, record: Record) -> bool | None:
    state = str(mention.term.meaning)
    if mention.kind == "status":
        return status_holds(record, state, mention.text)
    series: tuple[float, ...] = ()
    if isinstance(record, Usage):
        rows = sorted(
            (u for u in ctx.of_kind("usage") if isinstance(u, Usage) and u.metric == record.metric),
            key=lambda u: u.period,
        )
        series = tuple(u.value for u in rows)
    return outcome_holds(record, state, series)


def judge_state(ctx: ClaimContext, mention: TermMention, masked: str) -> Finding | None:
    """Return a finding when a status or outcome word is not borne out by the record it describes."""
    if mention.conditional or inside_copied_prose(ctx, mention.start, mention.end):
        return None
    pool = [c.record for c in ctx.cited if c.kind in (*STATUS_KINDS, "usage")]
    speaking = [r for r in pool if _holds(ctx, mention, r) is not None]
    said = ("not " if mention.negated else "") + mention.text
    if not speaking:
        if not mention.negated and str(mention.term.meaning) in _TEXT_BACKED and _in_cited_text(ctx, mention.text):
            return None
        return Finding(
            "unverifiable", f"'{said}' states a status or outcome that no cited record's status or values record"
        )
    subject = _SUBJECT_NOUN.search(masked[max(0, mention.start - 60) : mention.start])
    kind = _NOUN_KINDS.get(subject.group("noun").lower().rstrip("s")) if subject else None
    of_kind = [r for r in speaking if kind and any(c.id == r.id and c.kind == kind for c in ctx.cited)]
    speaking = of_kind or speaking  # 'the alerts measure is off track': the KPI, not the alert-engine task
    target = attribute(ctx.text, mention.start, speaking)
    chosen = [target] if target is not None else speaking
    verdicts = [_holds(ctx, mention, r) != mention.negated for r in chosen]
    if all(verdicts):
        return None
    if not any(verdicts):
        if not mention.negated and not _named(ctx, chosen[0], mention.start) and _in_cited_text(ctx, mention.text):
            return None  # unnamed, and a cited record's prose says it ('EHR API access blocked')
        if re.search(rf"\b{re.escape(mention.text.lower())}\b", record_name(chosen[0]).lower()):
            # a word of the record's own name ('Open data queries older than 30 days'), paraphrased around
            return Finding("unverifiable", f"'{said}' is a word of the name of {describe(chosen[0])}, not its status")
        return Finding("contradicted", f"'{said}' does not match {describe(chosen[0])}")
    return Finding(
        "unverifiable",
        f"'{said}' is true of some cited records and not others, and the claim does "
        f"not say which ({', '.join(describe(r) for r in chosen[:3])})",
    )


# A record noun as the subject of the status ('the alerts measure is off track', 'the GPS task is still open')
_SUBJECT_NOUN = re.compile(
    r"\b(?P<noun>kpis?|metrics?|measures?|indicators?|tasks?|milestones?|risks?|objectives?|goals?|playbooks?)\s+"
    r"(?:is|are|was|were|has\s+been|have\s+been|remains?|stays?)(?:\s+(?:now|still|currently))?\s+(?:not\s+)?$",
    re.IGNORECASE,
)
_NOUN_KINDS = {
    "kpi": "objective_kpis",
    "metric": "objective_kpis",
    "measure": "objective_kpis",
    "indicator": "objective_kpis",
    "task": "playbook_tasks",
    "milestone": "playbook_tasks",
    "risk": "risks",
    "objective": "objectives",
    "goal": "objectives",
    "playbook": "playbooks",
}


def _named(ctx: ClaimContext, record: Record, position: int) -> bool:
    """Tell whether the clause around `position` names the record (a distinctive word of its name)."""
    start, end = clause_of(ctx.text, position)
    records = [c.record for c in ctx.cited]
    return any(r.id == record.id and start <= at < end for at, r in name_mentions(ctx.text, records))


def inside_copied_prose(ctx: ClaimContext, start: int, end: int) -> bool:
    """Tell whether the span lies inside a cited record's prose copied word for word ('trucks leave late')."""
    lowered = ctx.text.lower()
    for _, field, text in ctx.cited_texts:
        if field == "status" or len(text) < 20:
            continue
        at = lowered.find(text.lower().rstrip("."))
        while at != -1:
            if at <= start and end <= at + len(text):
                return True
            at = lowered.find(text.lower().rstrip("."), at + 1)
    return False


def _in_cited_text(ctx: ClaimContext, phrase: str) -> bool:
    """Tell whether a cited record's prose uses the same words."""
    target = word_stems(phrase)
    return any(target <= word_stems(text) for _, field, text in ctx.cited_texts if field != "status")
