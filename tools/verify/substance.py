"""A claim must say something: words, not a bare date, number or id fragment."""

from __future__ import annotations

import re

from tools.verify.context import ClaimContext

# "None yet." is a claim; "2026-10-30", "Use nw-2" and "SkillSet 3:50,40,60" are not.
MIN_WORDS = 2
_LETTERS = re.compile(r"[A-Za-z]{2}")


def check_substance(ctx: ClaimContext) -> list[str]:
    """Return a reason when the claim has fewer than MIN_WORDS words (tokens with digits don't count)."""
    tokens = ctx.claim.text.split()
    said = [t for t in tokens if _LETTERS.search(t) and not any(ch.isdigit() for ch in t)]
    if len(said) >= MIN_WORDS:
        return []
    return [
        f"the claim says too little to check ({len(said)} word{'' if len(said) == 1 else 's'}): "
        "write a sentence about what the cited records show"
    ]
