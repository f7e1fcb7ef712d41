"""Parse a claim once, resolve each typed mention against the cited records, and judge it.

The count judge reads first (it binds numbers, nouns and properties together); every other mention
goes to the judge of its kind. Unchecked meaning-bearing words make the claim unverifiable unless a
cited record's prose says the same words (closed world).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from state.bundle import Record
from state.recap import FLAG_FALLBACK
from tools.verify.context import ClaimContext
from tools.verify.dates import find_dates
from tools.verify.findings import Finding
from tools.verify.judge_counts import judge_counts
from tools.verify.judge_direction import judge_direction
from tools.verify.judge_extra import (
    ENGAGEMENT_EXTREMES,
    PEAKS,
    judge_engagement_extreme,
    judge_event_months,
    judge_finishing_done_work,
    judge_peak,
    judge_relative_date,
    judge_relative_words,
    judge_segment,
    judge_titles,
    judge_unknown_names,
    judge_unknown_proper_word,
)
from tools.verify.judge_ratio import judge_fraction, judge_ratio
from tools.verify.judge_roles import (
    judge_feedback_attribution,
    judge_feedback_source,
    judge_quote_speakers,
    judge_role,
    judge_speech,
    judge_task_owner,
)
from tools.verify.judge_status import _in_cited_text, judge_state
from tools.verify.judge_timing import judge_timing
from tools.verify.language import is_recommendation
from tools.verify.lexicon import CAUSAL_SINCE
from tools.verify.mentions import attribute, clause_of, record_name
from tools.verify.numbers import find_numbers
from tools.verify.parse import TermMention, masked_text, parse_terms
from tools.verify.predicates import level_holds
from tools.verify.states import describe
from tools.verify.text import content_stems
from tools.verify.vocabulary import judge_new_words, judge_vocabulary

_NAMED_KINDS = ("objectives", "playbooks", "objective_kpis", "playbook_tasks", "success_plans", "risks")


@dataclass(frozen=True)
class Judged:
    """The findings about a claim's words, and the spans the number rule must leave to them."""

    findings: list[Finding]
    taken: list[tuple[int, int]]


def _named_records(ctx: ClaimContext) -> list[Record]:
    """Return the records whose names a claim may write out (masked before parsing)."""
    named = ctx.facts.memo("named_records", "", lambda: [r for kind in _NAMED_KINDS for r in ctx.bundle.records(kind)])
    return named + [c.record for c in ctx.cited]


def judge_words(ctx: ClaimContext, as_of: dt.date | None) -> Judged:
    """Return the findings for every meaning-bearing phrase of the claim other than its plain numbers and dates."""
    masked = masked_text(ctx.text, _named_records(ctx))
    terms = parse_terms(masked)
    dates = [(d.start, d.end) for d in find_dates(masked)]
    numbers = [n for n in find_numbers(masked) if not any(s <= n.start < e for s, e in dates)]
    counts = judge_counts(ctx, masked, terms, numbers, as_of)
    findings = list(counts.findings)
    shares = [m.value / 100 for _, _, text in ctx.cited_texts for m in find_numbers(text) if m.percent]
    inside = [(n.start, n.end) for n in numbers] + counts.taken  # 'three and a half': part of a number
    for term in terms:
        if any(s <= term.start < e for s, e in inside) or _framed_by_number(term, masked, numbers):
            continue
        if term.kind == "unchecked" and _in_partial_name(ctx, term, masked):
            continue
        if term.kind == "direction":
            finding = judge_direction(ctx, term, masked, [n.start for n in numbers])
        else:
            finding = _judge_one(ctx, term, masked, as_of, shares)
        if finding is not None and not (finding.verdict == "unverifiable" and _backed_by_text(ctx, term, masked)):
            findings.append(finding)
    findings += judge_feedback_attribution(ctx) + judge_feedback_source(ctx)
    findings += judge_task_owner(ctx) + judge_quote_speakers(ctx)
    findings += judge_titles(ctx, masked) + judge_unknown_names(ctx, masked)
    findings += judge_event_months(ctx) + judge_relative_words(ctx) + judge_segment(ctx)
    covered = [(t.start, t.end) for t in terms] + inside + dates
    findings += judge_vocabulary(ctx, masked, covered, [n.start for n in numbers])
    if FLAG_FALLBACK not in ctx.claim.flags:  # the drafter's own note on how it drafted names no account fact
        findings += judge_new_words(ctx, masked, covered)
    findings += judge_unknown_proper_word(ctx, masked, covered) + judge_finishing_done_work(ctx)
    return Judged(findings, counts.taken)


def _framed_by_number(term: TermMention, masked: str, numbers: list) -> bool:  # noqa: ANN001
    """Tell whether an intensity word ('slightly', 'sharply') sits in a clause whose numbers state the size."""
    if term.term.meaning != "intensity":
        return False
    start, end = clause_of(masked, term.start)
    return any(start <= n.start < end for n in numbers)


def _in_partial_name(ctx: ClaimContext, term: TermMention, masked: str) -> bool:
    """Tell whether a one-word term and the word after it are both words of a cited record's name.

    'Forecast accuracy now above 90%' shortens the KPI 'Meal-count forecast accuracy': no forecast is made.
    """
    after = re.match(r"[\s-]+([A-Za-z]{3,})", masked[term.end :])
    before = re.search(r"([A-Za-z]{3,})[\s-]+$", masked[: term.start])  # 'the shop forecast one'
    if " " in term.text.strip() or _SUBJECT_BEFORE.search(masked[: term.start]):
        return False  # 'we forecast accuracy above 95%' is a forecast
    names = [content_stems(record_name(c.record)) for c in ctx.cited]
    for neighbour in (after, before):
        said = content_stems(f"{term.text} {neighbour.group(1)}") if neighbour else frozenset()
        if len(said) == 2 and any(said <= name for name in names):
            return True
    return False


_SUBJECT_BEFORE = re.compile(
    r"\b(?:i|we|they|you|he|she|it|who|will|would|to|is|are|was|were|be|been|should|could|may|might)\s+$", re.I
)


def _backed_by_text(ctx: ClaimContext, term: TermMention, masked: str) -> bool:
    """Tell whether a cited record's own prose uses the phrase (not negated): the record says it.

    A grammatical word ('will', 'every', 'only') in some record says nothing by itself: the rest of its
    clause must be that record's words too ('will miss January by two months' is not 'will slip past January').
    """
    if term.negated or term.kind == "speech" or not _in_cited_text(ctx, term.text):
        return False  # 'Aisha asked' is not backed by a note where Maria asked: the speech judge decides
    if term.term.meaning == "cause":
        return False  # 'since' in 'not joined since July' backs no cause: the cause judge decides
    if term.term.meaning not in _FUNCTION_MEANINGS:
        return True
    return bool(_records_writing_the_clause(ctx, term, masked, min_words=1))


# ... and a superlative: 'the best the Frankfurt kitchen has posted' does not back 'best in the industry'
_FUNCTION_MEANINGS = frozenset({"forecast", "universal", "superlative"})


def _judge_one(
    ctx: ClaimContext, term: TermMention, masked: str, as_of: dt.date | None, shares: list[float]
) -> Finding | None:
    kind = term.kind
    if kind in {"status", "outcome"}:
        return judge_state(ctx, term, masked)
    if kind == "timing":
        return judge_timing(ctx, term, masked, as_of)
    if kind == "ratio":
        return judge_ratio(ctx, term, masked)
    if kind == "fraction":
        return judge_fraction(ctx, term, masked, shares)
    if kind == "role":
        return judge_role(ctx, term)
    if kind == "speech":
        return judge_speech(ctx, term)
    if kind == "level":
        return _judge_level(ctx, term, masked)
    if kind == "frequency" and not is_recommendation(ctx):
        return _judge_frequency(ctx, term)
    if kind == "unchecked" and term.term.meaning == "relative_date":
        return judge_relative_date(ctx, term, as_of)
    if kind == "unchecked" and term.text.lower() in PEAKS:
        return judge_peak(ctx, term)
    if kind == "unchecked" and re.sub(r"\s+", " ", term.text.lower()) in ENGAGEMENT_EXTREMES:
        return judge_engagement_extreme(ctx, term)
    if kind == "unchecked" and term.term.meaning == "money" and term.negated:
        return None  # 'no ROI figure is stated' denies a money claim rather than making one
    if (
        kind == "unchecked"
        and term.term.meaning == "forecast"
        and (is_recommendation(ctx) or ctx.claim.kind == "likely_benefit")
    ):
        return None  # a recommendation proposes what will happen; a likely benefit is labelled as unmeasured
    if kind == "unchecked" and term.term.meaning == "cause" and _cause_backed(ctx, term, masked):
        return None
    if kind == "unchecked" and term.term.meaning == "cause" and _reason_for_acting(ctx, term, masked):
        return None
    if kind == "unchecked":
        return Finding(
            "unverifiable", f"'{term.text}' ({term.term.meaning}) asserts something the cited records cannot confirm"
        )
    return None  # bounds and nouns are read with the numbers and counts they frame


_FREQUENCY_UNITS = {
    "day": r"day|daily",
    "week": r"week",
    "month": r"month",
    "quarter": r"quarter",
    "year": r"year|annual",
}


def _judge_frequency(ctx: ClaimContext, term: TermMention) -> Finding | None:
    """Return a finding when a claim says how often something happens ('log in every day') and no cited record
    speaks of that period: monthly usage figures say how many were active in a month, not that they came daily.

    A usage series is monthly, so it backs 'monthly'; a recommendation's rhythm ('report it weekly') is a proposal.
    """
    said = term.text.lower()
    unit = next((u for u, pattern in _FREQUENCY_UNITS.items() if re.search(pattern, said)), None)
    if unit is None or "other" in said or "two" in said:
        return None
    if unit == "month" and ctx.of_kind("usage"):
        return None
    pattern = re.compile(rf"(?:{_FREQUENCY_UNITS[unit]})", re.IGNORECASE)
    cited = [record_name(c.record) for c in ctx.cited] + [text for _, _, text in ctx.cited_texts]
    cited += [str(getattr(c.record, "metric", "")) + " " + str(getattr(c.record, "unit", "")) for c in ctx.cited]
    if any(pattern.search(text) for text in cited):
        return None
    return Finding("unverifiable", f"'{term.text}' says how often, and no cited record speaks of a {unit}")


def _cause_backed(ctx: ClaimContext, term: TermMention, masked: str) -> bool:
    """Tell whether a cause ('because the vendor has not granted API access') is written in one cited record.

    The drafter's own fallback note explains how it drafted, not the account, and is not read as a cause.
    """
    if FLAG_FALLBACK in ctx.claim.flags:
        return True
    # the record must state a cause too, not only the same facts
    return any(_CAUSAL.search(text) for text in _records_writing_the_clause(ctx, term, masked, min_words=2))


def _reason_for_acting(ctx: ClaimContext, term: TermMention, masked: str) -> bool:
    """Tell whether a recommendation gives its purpose ('so that Naomi can weigh it') or a reason a cited record
    writes ('since the alerts fired while night staff were off the rota'): why to act is the proposal's own."""
    if not is_recommendation(ctx):
        return False
    if re.fullmatch(r"so\s+that|in\s+order\s+to", term.text, re.IGNORECASE):
        return True
    # the reason may join facts of several cited records ('since the GPS task is blocked and the alerts measure is
    # off track'): the other judges check each fact; here the words must all come from the cited records
    said = _clause_stems(masked, term)
    cited = content_stems(" ".join(t for c in ctx.cited for _, t in ctx.facts.texts(c.id)))
    return len(said) >= 2 and len(said & cited) >= 0.75 * len(said)


def _clause_stems(masked: str, term: TermMention) -> frozenset[str]:
    """Return the content-word stems after `term` to the end of its clause."""
    _, end = clause_of(masked, term.end)
    return content_stems(masked[term.end : end]) - _WEAK


def _records_writing_the_clause(ctx: ClaimContext, term: TermMention, masked: str, min_words: int) -> list[str]:
    """Return the prose of each cited record holding most (3/4) of the content words after `term` in its clause.

    Empty when the clause has fewer than `min_words` content words to compare.
    """
    said = _clause_stems(masked, term)
    if len(said) < min_words:
        return []
    texts = [" ".join(t for _, t in ctx.facts.texts(c.id)) for c in ctx.cited]
    return [text for text in texts if len(said & content_stems(text)) >= 0.75 * len(said)]


_CAUSAL = re.compile(
    rf"\b(?:because|due\s+to|thanks\s+to|driven\s+by|as\s+a\s+result|caused\s+by|led\s+to|{CAUSAL_SINCE}|so\s+that|"
    r"owing\s+to|reason|blocked\s+by|blocks|until|resulting\s+in|which\s+means)\b",
    re.IGNORECASE,
)


_WEAK = frozenset({"new", "now", "also", "just", "team", "work"})


def _judge_level(ctx: ClaimContext, term: TermMention, masked: str) -> Finding | None:
    records = [c.record for c in ctx.cited if level_holds(c.record, term) is not None]
    if not records:
        return Finding("unverifiable", f"'{term.text}': no cited risk or challenge records a level")
    target = attribute(ctx.text, term.start, records)
    chosen = [target] if target is not None else records
    results = [level_holds(r, term) != term.negated for r in chosen]
    if all(results):
        return None
    if any(results):
        return Finding("unverifiable", f"'{term.text}' is true of some cited records, not others")
    record = chosen[0]
    level = getattr(record, "severity", None) or getattr(record, "priority", None)
    return Finding("contradicted", f"'{term.text}' does not match {describe(record)}: recorded level {level}")
