"""Rule 8: quoted passages come from the cited records, and unquotable feedback is flagged."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from state.bundle import Feedback
from tools.verify.context import ClaimContext

_QUOTED = re.compile(r"\"([^\"]+)\"|“([^”]+)”|‘([^’]+)’|«([^»]+)»")
THRESHOLD = 0.9


def normalise(text: str) -> str:
    """Return lowercase words separated by single spaces, punctuation dropped."""
    return " ".join(re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text.lower().replace("’", "'")))


def quotes_in(text: str) -> list[str]:
    """Return the quoted passages of at least two words in `text`."""
    found = [next(g for g in m.groups() if g) for m in _QUOTED.finditer(text)]
    return [q for q in found if len(normalise(q).split()) >= 2]


def similarity(quote: str, text: str) -> float:
    """Return how closely `quote` reproduces some passage of `text` (1.0 when it is a substring)."""
    q, t = normalise(quote), normalise(text)
    if not q or not t:
        return 0.0
    if q in t:
        return 1.0
    q_words, t_words = q.split(), t.split()
    best = 0.0
    for size in {max(1, len(q_words) - 1), len(q_words), len(q_words) + 1}:
        for start in range(max(1, len(t_words) - size + 1)):
            window = " ".join(t_words[start:start + size])
            best = max(best, SequenceMatcher(None, q, window).ratio())
    return best


def unquotable_sources(quote: str, feedback: list[Feedback]) -> list[str]:
    """Return ids of feedback without permission to quote whose comment the quote reproduces."""
    return [f.id for f in feedback
            if f.comment and f.permission_to_quote is not True and similarity(quote, f.comment) >= THRESHOLD]


def check_quotes(ctx: ClaimContext) -> tuple[list[str], list[str]]:
    """Return (failures, notes): quotes found in no cited record, and quotes of unquotable feedback."""
    failures, notes = [], []
    for quote in quotes_in(ctx.text):
        blocked = unquotable_sources(quote, ctx.bundle.feedback)
        if blocked:
            notes.append(f"quotes feedback {', '.join(blocked)}, which has no permission to quote")
        if ctx.cited and not any(similarity(quote, t) >= THRESHOLD for _, _, t in ctx.cited_texts):
            failures.append(f"quotes text not found in the cited records: \"{quote}\"")
    return failures, notes
