"""Closed vocabulary: an assertive word the lexicon does not judge is never silently ignored.

The lexicon (`lexicon.py`) names the phrases the judges check. Outside its phrases, every word of a claim
that states an event, a change, an agreement or a cause (`assertive.py`, compared by Snowball stem) must be:
- a word of the cited records themselves (names, titles, notes, metrics, statuses, field names), or the
  name or title of one of the account's contacts (the people check judges who is who); or
- a direction of change ('rose', 'cut', 'improved') in a clause with a number the number rule checks.

Otherwise the claim is unverifiable: 'escalated to Henrik', 'reflects the campaign', 'extension already
agreed' or 'dipped in October' are not silently passed because no judge reads them.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache, partial

import snowballstemmer

from tools.verify.assertive import ASSERTIVE, CONNECTIVE, DIRECTION, KEEP_STEMS
from tools.verify.common_words import COMMON_STEMS, COMMON_WORDS, RECAP_WORDS
from tools.verify.context import ClaimContext
from tools.verify.findings import Finding
from tools.verify.language import is_recommendation
from tools.verify.mentions import clause_of
from tools.verify.parse import NEGATION
from tools.verify.text import STOPWORDS, content_stems, stem, text_fields

_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")
_LOCAL = threading.local()  # a Snowball stemmer holds the word it works on: one per thread
MAX_LISTED = 3


@lru_cache(maxsize=65536)
def vstem(word: str) -> str:
    """Return the Snowball stem of a word, lowercased, possessive dropped."""
    word = word.lower().replace("’", "'")
    word = word.removesuffix("'s")
    stemmer = getattr(_LOCAL, "stemmer", None)
    if stemmer is None:
        stemmer = _LOCAL.stemmer = snowballstemmer.stemmer("english")
    return stemmer.stemWord(word)


@lru_cache(maxsize=8)
def _stems_of(words: frozenset[str]) -> frozenset[str]:
    return frozenset(vstem(w) for w in words)


def stems_of_text(text: str) -> frozenset[str]:
    """Return the stems of the words of `text` that may stem like an assertive word.

    Only words sharing their first three letters with an assertive stem are stemmed: the stem keeps a
    word's start, and stemming every word of a large account's names is what would cost.
    """
    words = {m.group().lower() for m in _WORD.finditer(text)}
    return frozenset(vstem(w) for w in words if w[:3] in _PREFIXES)


def _name_texts(ctx: ClaimContext) -> list[str]:
    """Return the names of the account and its things (plans, objectives, tasks...) and its contacts' fields."""
    parts = [ctx.bundle.account.name, ctx.facts.entity_names.replace("\x00", " ")]
    for contact in ctx.bundle.records("contacts"):
        parts += [value for _, value in text_fields(contact)]
    return [p for p in parts if p]


def _record_texts(ctx: ClaimContext, record_id: str) -> list[str]:
    """Return one record's filled field names ('renewal_date': renewal date) and its prose."""
    record = ctx.facts.index[record_id][1]
    fields = [name.replace("_", " ") for name, value in record.model_dump().items() if value not in (None, "", [])]
    return [" ".join(fields), *(t for _, t in ctx.facts.texts(record_id))]


def _account_stems(ctx: ClaimContext) -> frozenset[str]:
    """Return the stems of the names of the account's things (plans, objectives, tasks...) and contacts."""
    return ctx.facts.memo(
        "vocabulary_account", "", lambda: frozenset().union(*(stems_of_text(p) for p in _name_texts(ctx)))
    )


def _cited_stems(ctx: ClaimContext) -> frozenset[str]:
    """Return the stems of every prose field of the cited records."""
    found: set[str] = set()
    for cited in ctx.cited:
        found |= ctx.facts.memo("vocabulary_record", cited.id, partial(_record_stems, ctx, cited.id))
    return frozenset(found)


def _record_stems(ctx: ClaimContext, record_id: str) -> frozenset[str]:
    """Return the stems of one record's prose and of its filled field names ('renewal_date': renewal, date)."""
    return frozenset().union(*(stems_of_text(t) for t in _record_texts(ctx, record_id)))


def unknown_words(
    ctx: ClaimContext,
    masked: str,
    covered: list[tuple[int, int]],
    numbered: list[int],
    checked: frozenset[str] | None = None,
) -> list[str]:
    """Return the claim's words (in order, once each) that nothing ties to the records or the neutral list.

    `masked` is the claim text with quotes and record names blanked; `covered` are the spans the lexicon,
    numbers and dates account for; `numbered` are the offsets of numbers the number rule checks.
    """
    known = _cited_stems(ctx) | _account_stems(ctx)
    found: list[str] = []
    for match in _WORD.finditer(masked):
        start = match.start()
        if any(s <= start < e for s, e in covered):
            continue
        word = match.group()
        stem = vstem(word)
        if (
            stem not in (ASSERTIVE_STEMS if checked is None else checked)
            or stem in known
            or NEGATION.search(masked[max(0, start - 40) : start])
        ):
            continue  # 'has not signed anything': a denial, judged with the rest of the sentence
        if stem in DIRECTION_STEMS and _has_number(masked, start, numbered):
            continue
        if stem == "activ" and word.islower():
            continue  # 'seats active on mobile work orders' is usage; 'marked Active' names a status
        if stem in KEEP_STEMS and not re.match(r"\s+\w+ing\b", masked[match.end() :]):
            continue
        if word.lower() not in found:
            found.append(word.lower())
    return found


def _has_number(masked: str, at: int, numbered: list[int]) -> bool:
    start, end = clause_of(masked, at)
    return any(start <= n < end for n in numbered)


def judge_vocabulary(
    ctx: ClaimContext, masked: str, covered: list[tuple[int, int]], numbered: list[int]
) -> list[Finding]:
    """Return one unverifiable finding naming the words no cited record, or number accounts for."""
    # A recommendation proposes events ('Ask Lena for the committed date'); only its stated premises
    # ('now that the council has already set aside funds') are claims about what happened.
    checked = CONNECTIVE_STEMS if is_recommendation(ctx) else ASSERTIVE_STEMS
    words = unknown_words(ctx, masked, covered, numbered, checked)
    if not words:
        return []
    listed = ", ".join(f"'{w}'" for w in words[:MAX_LISTED]) + (" ..." if len(words) > MAX_LISTED else "")
    return [
        Finding(
            "unverifiable",
            f"{listed}: {'this word is' if len(words) == 1 else 'these words are'} not in the cited records "
            "and the verifier cannot check what they assert",
        )
    ]


ASSERTIVE_STEMS = _stems_of(ASSERTIVE)
_PREFIXES = frozenset(s[:3] for s in ASSERTIVE_STEMS) | frozenset(w[:3] for w in ASSERTIVE)
CONNECTIVE_STEMS = _stems_of(CONNECTIVE)
DIRECTION_STEMS = _stems_of(DIRECTION)


_CONTENT_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
MIN_NEW_WORDS = 2  # one stray word is often a synonym; two name something the records do not


def _known_content_stems(ctx: ClaimContext) -> frozenset[str]:
    """Return the crude stems of the cited records' prose and filled field names, and of the account's names."""

    def account() -> frozenset[str]:
        fields = [str(v) for v in ctx.bundle.account.model_dump().values() if isinstance(v, str)]
        return content_stems(" ".join([*_name_texts(ctx), *fields]))

    def record(record_id: str) -> frozenset[str]:
        return content_stems(" ".join(_record_texts(ctx, record_id)))

    known = set(ctx.facts.memo("content_account", "", account))
    for cited in ctx.cited:
        known |= ctx.facts.memo("content_record", cited.id, partial(record, cited.id))
    return frozenset(known)


def judge_new_words(ctx: ClaimContext, masked: str, covered: list[tuple[int, int]]) -> list[Finding]:
    """Return a finding when the claim brings in two or more words that neither the cited records nor the
    account's names hold, nor the everyday words of recaps (`common_words`): 'traced the write-off to a failed
    door seal' against a note that says a compressor fault. What the words name cannot be backed."""
    known: frozenset[str] | None = None
    new: list[str] = []
    for match in _CONTENT_WORD.finditer(masked):
        if any(s <= match.start() < e for s, e in covered):
            continue
        for part in match.group().lower().split("-"):
            if (
                len(part) < 3
                or part in STOPWORDS
                or part in COMMON_WORDS
                or part in RECAP_WORDS
                or stem(part) in COMMON_STEMS
            ):
                continue
            if vstem(part) in ASSERTIVE_STEMS:
                continue  # 'dipped', 'escalated': the closed vocabulary judges them
            known = _known_content_stems(ctx) if known is None else known
            if stem(part) not in known and part not in new:
                new.append(part)
    if len(new) < MIN_NEW_WORDS:
        return []
    shown = ", ".join(f"'{w}'" for w in new[:MAX_LISTED])
    return [Finding("unverifiable", f"{shown}: no cited record or name of the account holds these words")]
