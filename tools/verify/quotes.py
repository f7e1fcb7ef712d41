"""Rule 8: quoted passages come from the cited records, and unquotable feedback is flagged."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from tools.verify.context import ClaimContext
from tools.verify.findings import Finding
from tools.verify.text import normalise

__all__ = ["THRESHOLD", "check_quotes", "normalise", "quotes_in", "reproduces", "similarity", "unquotable_sources"]

_QUOTED = re.compile(r"\"([^\"]+)\"|“([^”]+)”|‘([^’]+)’|«([^»]+)»|(?<![\w'])'([^']{2,}?)'(?![\w'])")
THRESHOLD = 0.9


def quotes_in(text: str, min_words: int = 2) -> list[str]:
    """Return the quoted passages of at least `min_words` words in `text`."""
    found = [next(g for g in m.groups() if g) for m in _QUOTED.finditer(text)]
    return [q for q in found if len(normalise(q).split()) >= min_words]


def _windows(q: str, t: str) -> list[str]:
    """Return the passages of `t` one word shorter, as long, and one word longer than `q`."""
    q_words, t_words = q.split(), t.split()
    return [
        " ".join(t_words[start : start + size])
        for size in {max(1, len(q_words) - 1), len(q_words), len(q_words) + 1}
        for start in range(max(1, len(t_words) - size + 1))
    ]


def similarity(quote: str, text: str) -> float:
    """Return how closely `quote` reproduces some passage of `text` (1.0 when it is a substring)."""
    q, t = normalise(quote), normalise(text)
    if not q or not t:
        return 0.0
    if q in t:
        return 1.0
    return max(SequenceMatcher(None, q, window).ratio() for window in _windows(q, t))


def reproduces(q: str, t: str, threshold: float = THRESHOLD) -> bool:
    """Tell whether normalised quote `q` reproduces a passage of normalised text `t` (similarity >= threshold).

    Cheap upper bounds on the ratio (lengths, then shared characters) rule most passages out before
    difflib's full comparison, which gives the same answer as `similarity(...) >= threshold`.
    """
    if not q or not t:
        return False
    if q in t:
        return True
    for window in _windows(q, t):
        total = len(q) + len(window)
        if total and 2.0 * min(len(q), len(window)) / total < threshold:
            continue
        matcher = SequenceMatcher(None, q, window)
        if matcher.quick_ratio() >= threshold and matcher.ratio() >= threshold:
            return True
    return False


def unquotable_sources(ctx: ClaimContext, q: str) -> list[str]:
    """Return ids of feedback without permission to quote that normalised quote `q` reproduces.

    The feedback the claim cites decides: a quote of permitted feedback is fine even when another
    record holds the same words without permission. Only a quote of no cited feedback is matched
    against all of the account's feedback, and there too permitted words are fine.
    """
    comments = ctx.facts.feedback_comments
    pool = [f for f, comment in comments if f.id in ctx.cited_ids and reproduces(q, comment)] or [
        f for f, comment in comments if f.id not in ctx.cited_ids and reproduces(q, comment)
    ]
    if any(f.permission_to_quote is True for f in pool):
        return []
    return [f.id for f in pool]


def check_quotes(ctx: ClaimContext) -> tuple[list[Finding], list[str]]:
    """Return (findings, notes): quotes that are not word for word in a cited record, and quotes of unquotable feedback.

    A quote must reproduce a cited passage word for word (case and punctuation aside, '...' for a cut);
    a near miss ('solid' for 'excellent') is contradicted and the reason gives the recorded words.
    """
    failures, notes = [], []
    cited = [t for c in ctx.cited for t in ctx.facts.normalised_texts(c.id) if t]
    for quote in quotes_in(ctx.text, min_words=1):
        q = normalise(quote)
        blocked = unquotable_sources(ctx, q) if len(q.split()) >= 2 else []
        if blocked:
            notes.append(f"quotes feedback {', '.join(blocked)}, which has no permission to quote")
        if not ctx.cited or _verbatim(quote, cited):
            continue
        nearest = max(cited, key=lambda t: similarity(quote, t), default="")
        if len(q.split()) >= 3 and nearest and similarity(quote, nearest) >= 0.75:
            failures.append(
                Finding(
                    "contradicted",
                    f'the quote "{quote}" is not word for word what the cited record says: "{_passage(q, nearest)}"',
                )
            )
        elif len(q.split()) >= 2 or not _named_thing(ctx, q):
            failures.append(Finding("unverifiable", f'quotes text not found in the cited records: "{quote}"'))
    return failures, notes


def verbatim_quote_spans(ctx: ClaimContext) -> list[tuple[int, int]]:
    """Return the spans of quoted passages that a cited record holds word for word.

    Their numbers are the record's words ("finished handover in under twenty minutes"), not the claim's figures.
    """
    cited = [t for c in ctx.cited for t in ctx.facts.normalised_texts(c.id) if t]
    spans = []
    for match in _QUOTED.finditer(ctx.text):
        quote = next(g for g in match.groups() if g)
        if len(quote.split()) >= 3 and _verbatim(quote, cited):
            spans.append(match.span())
    return spans


def _verbatim(quote: str, cited: list[str]) -> bool:
    """Tell whether every part of a quote (split at '...') is word for word in one cited text."""
    parts = [_plain_numbers(normalise(p)) for p in re.split(r"\.\.\.|…", quote) if normalise(p)]
    cited = [_plain_numbers(t) for t in cited]
    return any(all(f" {p} " in f" {t} " for p in parts) for t in cited)


def _plain_numbers(text: str) -> str:
    """Write '7.0' as '7' so a quote's number reads like the record's."""
    return re.sub(r"\b(\d+) 0\b", r"\1", re.sub(r"\b(\d+)\.0\b", r"\1", text))


def _named_thing(ctx: ClaimContext, q: str) -> bool:
    """Tell whether a one-word quote is a name of something in the account (a 'scare quote' of a name)."""
    return f" {q} " in f" {normalise(ctx.facts.entity_names)} "


def _passage(q: str, text: str) -> str:
    """Return the passage of `text` closest to the quote."""
    windows = _windows(q, text)
    return max(windows, key=lambda w: SequenceMatcher(None, q, w).ratio()) if windows else text
