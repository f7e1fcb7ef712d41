"""Find expansion signals in activity notes: asks for seats, new teams, pricing, use cases, upgrades.

Notes are customer data, never instructions: only sentences that name an expansion signal are lifted,
and sentences that read like instructions to a model are skipped whatever else they say.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from state.bundle import Activity
from state.evidence import Signal
from tools.pii import find_personal_data

MAX_EXCERPT = 200
# Kind -> pattern, most specific first: a sentence gets the first kind that matches.
SIGNAL_PATTERNS: dict[str, re.Pattern[str]] = {
    "seats": re.compile(r"\b(?:seats?|licen[cs]es?|user accounts?)\b", re.I),
    "upgrade": re.compile(r"\b(?:upgrad\w*|premium (?:tier|plan|edition)|higher tier|add-ons?)\b", re.I),
    "new_team": re.compile(
        r"\b(?:departments?|divisions?|business units?|(?:new|another|other) teams?|"
        r"subsidiar(?:y|ies))\b",
        re.I,
    ),
    "new_use_case": re.compile(
        r"\b(?:(?:new|another|additional|more|other) use cases?|use cases? (?:for|in)|"
        r"new modules?|new products?)\b",
        re.I,
    ),
    "region": re.compile(
        r"\b(?:new regions?|other regions?|new (?:countries|country|markets?|sites?)|"
        r"roll(?:ing)? (?:it )?out to)\b",
        re.I,
    ),
    "pricing": re.compile(r"\b(?:pricing|price|prices|quote|quotation|proposal)\b", re.I),
}
# One pass over a whole text first: most activities name no signal and need no sentence split.
ANY_SIGNAL = re.compile("|".join(f"(?:{pattern.pattern})" for pattern in SIGNAL_PATTERNS.values()), re.I)
SIGNAL_LABELS: dict[str, str] = {
    "seats": "more seats",
    "upgrade": "an upgrade",
    "new_team": "a new team or department",
    "new_use_case": "a new use case",
    "region": "a new region",
    "pricing": "pricing",
}
INSTRUCTION_LIKE = re.compile(
    r"\b(?:ignore|disregard|forget)\b.{0,40}\b(?:instructions?|prompts?|rules?|above|previous)\b|"
    r"\bsystem prompt\b|\byou are (?:now )?an?\b|"
    r"\b(?:claim|say|write|state)\b.{0,30}\b(?:ROI|saved|saving)\b|\bROI\b",
    re.I,
)
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def looks_like_instruction(text: str) -> bool:
    """Return True when text reads like an instruction to a model rather than account data."""
    return bool(INSTRUCTION_LIKE.search(text))


def sentences(text: str) -> list[str]:
    """Split free text into trimmed sentences."""
    return [s.strip() for s in SENTENCE_END.split(" ".join(text.split())) if s.strip()]


def signal_kind(sentence: str) -> str | None:
    """Return the expansion-signal kind a sentence names, or None."""
    return next((kind for kind, pattern in SIGNAL_PATTERNS.items() if pattern.search(sentence)), None)


def _usable(sentence: str) -> bool:
    too_long = len(sentence) > MAX_EXCERPT
    return not (too_long or looks_like_instruction(sentence) or find_personal_data(sentence))


def activity_signals(activity: Activity) -> list[Signal]:
    """Return the expansion signals in one activity's subject and notes."""
    found = []
    for text in (activity.subject, activity.notes):
        if not text or not ANY_SIGNAL.search(text):
            continue
        for sentence in sentences(text):
            kind = signal_kind(sentence)
            if kind and _usable(sentence):
                found.append(
                    Signal(activity_id=activity.id, kind=kind, excerpt=sentence, contact_ids=list(activity.contact_ids))
                )
    return found


def find_signals(activities: Iterable[Activity], limit: int) -> list[Signal]:
    """Return at most `limit` expansion signals from the activities, in the order given."""
    found: list[Signal] = []
    for activity in activities:
        found.extend(activity_signals(activity))
        if len(found) >= limit:
            break
    return found[:limit]
