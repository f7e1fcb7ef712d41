"""Parse a claim's text once into typed mentions: each lexicon phrase with its kind, meaning and span.

Quoted passages and the names of records are not parsed: 'Eliminate manual re-keying' names an
objective, it does not say anything was eliminated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from state.bundle import Record
from tools.verify.lexicon import Term, scan
from tools.verify.mentions import name_spans
from tools.verify.text import blank_spans

_QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”|(?<!\w)'[^']{3,}'(?!\w)|‘[^’]*’")
# 'not yet completed', 'no KPI value, delivered work or activity': the negation reaches over a short list.
NEGATION = re.compile(
    r"\b(?:not|no|never|neither|nor|none(?:\s+of)?|no\s+longer|yet\s+to|without|isn't|aren't|wasn't|weren't|hasn't|"
    r"haven't|hadn't|didn't|doesn't|don't|won't|nothing)\s+(?:\w[\w-]*,?\s+){0,3}$",
    re.IGNORECASE,
)
_CONDITIONAL = re.compile(
    r"\b(?:until|once|when|if|unless|so\s+that|before|after)\b(?:\s+\S+){0,12}\s+$|"
    r"\bso\s+(?:it|they|this|we|everything|the\s+[\w-]+)\s+(?:(?:is|are|will\s+be|can\s+be|gets?)\s+)?$|"
    r"\b(?:to\s+be|be|get|gets|(?<!yet\s)to|will|would|could|should|must|needs?\s+to|plans?\s+to|"
    r"aims?\s+to|wants?\s+to)\s+$|"
    # 'Kwame wants the night-shift runbook done': a wish about the work, not its state
    r"\b(?:wants?|wanted|needs?|needed|expects?|expected|would\s+like|asked\s+for)\s+(?:the\s+|it\s+|them\s+|this\s+|"
    r"that\s+)?(?:[\w'’-]+\s+){0,4}$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class TermMention:
    """One lexicon phrase found in a claim: where it is, what it means, and how it is framed."""

    term: Term
    text: str
    start: int
    end: int
    negated: bool = False
    conditional: bool = False  # "once the risk is resolved", "to be completed": no state is asserted

    @property
    def kind(self) -> str:
        return self.term.kind


def masked_text(text: str, records: list[Record]) -> str:
    """Return the text with quoted passages and the given records' names blanked out (offsets kept)."""
    return blank_spans(text, [m.span() for m in _QUOTED.finditer(text)] + name_spans(text, records))


def parse_terms(masked: str) -> list[TermMention]:
    """Return every lexicon phrase of the (masked) text in reading order, longest reading at each place."""
    found = []
    for term, start, end in scan(masked):
        before = masked[max(0, start - 120) : start]
        found.append(
            TermMention(
                term,
                masked[start:end],
                start,
                end,
                negated=bool(NEGATION.search(before[-40:])),
                conditional=bool(_CONDITIONAL.search(before)),
            )
        )
    return found
