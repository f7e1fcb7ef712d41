"""Rules 6 and 7: owner-review language (money, ROI, renewal, strategy) and unsupported outcome verbs."""

from __future__ import annotations

import re

from state.recap import RECOMMENDATION_SECTIONS
from tools.verify.context import ClaimContext
from tools.verify.numbers import find_numbers
from tools.verify.text import stem, words, wordset

OWNER_REVIEW = re.compile(
    r"\b(?:ROI|return\s+on\s+investment|sav(?:e|ed|es|ing|ings)|money[\s-]saved|costs?|costly|ARR|MRR|revenue|"
    r"renew\w*|upsell\w*|up-sell\w*|cross-sell\w*|pric(?:e|es|ed|ing)|contract(?:s|ed|ual)?|budgets?|"
    r"strategic\w*|strategy|discount\w*|invoic\w*|commercial\w*|spend(?:ing)?|payback)\b",
    re.IGNORECASE,
)
# Strong outcome verbs and the words that must appear in a cited record's text to back them.
OUTCOMES: list[tuple[re.Pattern[str], frozenset[str]]] = [
    (re.compile(r"\bsign(?:ed|s)\b(?!\s+of\b)", re.I), wordset("sign signed signs signing signature")),
    (re.compile(r"\b(?:purchased|bought|ordered)\b", re.I), wordset("purchase purchased bought buy order ordered")),
    (re.compile(r"\bcommitted\s+to\b", re.I), wordset("commit committed commitment")),
    (re.compile(r"\bagreed\s+to\b", re.I), wordset("agree agreed agreement")),
    (re.compile(r"\brenewed\b", re.I), wordset("renew renewed renewal renewing")),
    (re.compile(r"\bexpanded\b", re.I), wordset("expand expanded expansion expanding")),
    (re.compile(r"\bapproved\b", re.I), wordset("approve approved approval")),
    (
        re.compile(r"\bclosed\s+(?:the\s+|a\s+)?(?:deal|contract|order|purchase|expansion)\b", re.I),
        wordset("closed close closing"),
    ),
    (re.compile(r"\bupgraded\b", re.I), wordset("upgrade upgraded upgrading")),
    (re.compile(r"\bpaid\s+for\b", re.I), wordset("paid pay payment")),
    (re.compile(r"\b(?:started|began|begun)\s+using\b|\badopted\b", re.I), wordset("start started began adopt")),
    (
        re.compile(r"\b(?:rolled\s+out|deployed|launched|went\s+live|gone\s+live|implemented)\b", re.I),
        wordset("roll rollout deploy deployment launch live implement implementation"),
    ),
]
DELIVERY = OUTCOMES[-1][0]
_NEGATION = re.compile(r"\b(?:not|never|yet\s+to|\w+n't|no)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
# Words that make a record's verb an intention, not an outcome ("wants to start", "asked about signing").
_INTENT = re.compile(
    r"\b(?:wants?|wanted|would|like|plans?|planning|intends?|hopes?|asked|asks|asking|considering|consider|may|"
    r"might|could|will|shall|to|about|interested|if|whether|expects?|expected|ready|pending|awaiting|not|no|"
    r"before|until|once)\s+(?:\w+\s+){0,1}$",
    re.IGNORECASE,
)


def needs_owner_review(ctx: ClaimContext) -> bool:
    """Tell whether a claim speaks of money, ROI, renewal or strategy, or is a strategic next step."""
    if ctx.claim.section == "strategic_next_steps":
        return True
    if OWNER_REVIEW.search(ctx.text):
        return True
    return any(m.unit and m.unit[0] == "money" for m in find_numbers(ctx.text))


def is_recommendation(ctx: ClaimContext) -> bool:
    """Tell whether the claim proposes an action (its kind, or the section it sits in)."""
    return ctx.claim.kind == "recommendation" or ctx.claim.section in RECOMMENDATION_SECTIONS


def check_outcomes(ctx: ClaimContext) -> list[str]:
    """Return a reason for each strong outcome verb ('signed', 'renewed') no cited record's text backs."""
    delivered = any(
        getattr(c.record, "status", None) == "Completed" for c in ctx.cited if c.kind in {"playbook_tasks", "playbooks"}
    )
    reasons = []
    for pattern, support in OUTCOMES:
        if pattern is DELIVERY and delivered:
            continue
        for match in pattern.finditer(ctx.text):
            if _NEGATION.search(ctx.text[max(0, match.start() - 30) : match.start()]):
                continue
            if not _backed(ctx, {stem(w) for w in support}):
                reasons.append(f"'{match.group()}' states an outcome that no cited record's text supports")
                break
    return reasons


def _backed(ctx: ClaimContext, stems: set[str]) -> bool:
    """Tell whether a cited record's text states the outcome as done, not as a wish or a plan."""
    for _, _, text in ctx.cited_texts:
        for offset, word in words(text):
            if stem(word) in stems and not _INTENT.search(text[max(0, offset - 30) : offset]):
                return True
    return False
