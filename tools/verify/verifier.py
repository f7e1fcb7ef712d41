"""Entry points: verify one claim, or every claim of a recap, against the account's records."""

from __future__ import annotations

import datetime as dt
import re

from state.bundle import Bundle
from state.recap import (
    FLAG_CONFIDENTIAL,
    FLAG_DISPUTED,
    FLAG_INELIGIBLE_KPI,
    FLAG_OWNER_REVIEW,
    FLAG_PERSONAL_DATA,
    FLAG_UNQUOTABLE,
    Claim,
    Recap,
)
from tools.pii import find_personal_data, personal_data_spans
from tools.verify.citations import check_achievement, check_citations, check_recommendation, sensitive_flags
from tools.verify.context import ClaimContext, build_context
from tools.verify.dates import (
    DateMention,
    agrees,
    check_dates,
    cited_dates,
    find_dates,
    judge_completion_dates,
    parse_due,
)
from tools.verify.findings import Finding, contradicted, overall, unverifiable
from tools.verify.judge import judge_words
from tools.verify.language import check_outcomes, is_recommendation, needs_owner_review
from tools.verify.number_rule import check_numbers
from tools.verify.people import check_people
from tools.verify.quotes import check_quotes, verbatim_quote_spans
from tools.verify.substance import check_substance
from tools.verify.text import blank_spans

# The flags this verifier owns; they are recomputed from scratch on every verification.
VERIFIER_FLAGS = frozenset({FLAG_OWNER_REVIEW, FLAG_DISPUTED, FLAG_CONFIDENTIAL, FLAG_PERSONAL_DATA, FLAG_UNQUOTABLE})
_NOT_NUMBERS = [
    re.compile(r"\b\d{1,2}:\d{2}\b"),  # clock times
    re.compile(r"^\s*\d+[.)](?=\s)"),  # list markers
    re.compile(r"#\d+\b"),
    re.compile(r"(?<=\d)(?:\s+out\s+of\s+|\s*/\s*)(?:5|10|100)\b"),  # the scale of a score: "3 out of 5"
    # a look-back window ("in the last 30 days") frames the claim; it states no recorded value
    re.compile(
        r"\b(?:in|within|over|during|for)\s+the\s+(?:last|past|previous|next|coming)\s+\d+\s+"
        r"(?:days?|weeks?|months?)\b",
        re.IGNORECASE,
    ),
]


def verify_claim(claim: Claim, bundle: Bundle, threshold: float = 0.5, as_of: dt.date | None = None) -> Claim:
    """Return a copy of the claim with its verdict, `supported`, `reasons` and the verifier's flags recomputed.

    `as_of` is the day the recap speaks of; without it, 'overdue' and 'past due' of open work are unverifiable.
    """
    ctx = build_context(claim, bundle)
    findings = unverifiable(check_substance(ctx) + check_citations(ctx))
    if is_recommendation(ctx):
        findings += unverifiable(check_recommendation(ctx))
    quote_findings, notes = check_quotes(ctx)
    flags = [f for f in claim.flags if f not in VERIFIER_FLAGS]
    if ctx.cited:
        achievement = check_achievement(ctx, threshold)
        findings += content_findings(ctx, as_of) + quote_findings + contradicted(achievement)
        flags += [FLAG_INELIGIBLE_KPI] if achievement else []
    flags += _verifier_flags(ctx, bool(notes))
    verdict = overall(findings)
    return claim.model_copy(
        update={
            "verdict": verdict,
            "supported": verdict == "supported",
            "reasons": [f.reason for f in findings] + notes,
            "flags": list(dict.fromkeys(flags)),
        }
    )


def verify_recap(recap: Recap, bundle: Bundle, threshold: float = 0.5, as_of: dt.date | None = None) -> Recap:
    """Return a copy of the recap with every claim verified."""
    return recap.map_claims(lambda claim: verify_claim(claim, bundle, threshold=threshold, as_of=as_of))


def content_findings(ctx: ClaimContext, as_of: dt.date | None = None) -> list[Finding]:
    """Return a finding for every part of the claim's content its cited records do not back."""
    dates = find_dates(ctx.text)
    due = parse_due(ctx.claim.due) if is_recommendation(ctx) else None
    recorded = cited_dates(ctx)
    # A bare year no cited date confirms is judged as a number instead (e.g. '2026' in a plan name).
    numeric_years = [d for d in dates if d.bare_year and not any(agrees(d, r) for r in recorded)]
    judged = judge_words(ctx, as_of)
    number_text = blank_spans(
        _number_text(ctx.text, [d for d in dates if d not in numeric_years]), judged.taken + verbatim_quote_spans(ctx)
    )
    return [
        *check_numbers(ctx, number_text, as_of),
        *unverifiable(check_dates(ctx, dates, due)),
        *judge_completion_dates(ctx, dates),
        *judged.findings,
        *check_people(ctx),
        *unverifiable(check_outcomes(ctx)),
    ]


def _number_text(text: str, dates: list[DateMention]) -> str:
    """Return the text with dates, personal data, clock times and list markers blanked out."""
    spans = [(d.start, d.end) for d in dates] + personal_data_spans(text)
    spans += [m.span() for pattern in _NOT_NUMBERS for m in pattern.finditer(text)]
    return blank_spans(text, spans)


def _verifier_flags(ctx: ClaimContext, unquotable: bool) -> list[str]:
    """Return the verifier's own flags for this claim."""
    flags = sensitive_flags(ctx)
    if needs_owner_review(ctx):
        flags.append(FLAG_OWNER_REVIEW)
    if find_personal_data(ctx.claim.text):
        flags.append(FLAG_PERSONAL_DATA)
    if unquotable:
        flags.append(FLAG_UNQUOTABLE)
    return flags
