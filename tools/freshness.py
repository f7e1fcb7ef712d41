"""Freshness: which claims' verdicts changed when a draft was verified again against reloaded records."""

from __future__ import annotations

from state.recap import Recap
from state.run import VerdictChange


def verdict_changes(before: Recap, after: Recap) -> list[VerdictChange]:
    """Return the claims whose verdict changed between two verifications of the same text and citations.

    A claim the owner rewrote in between is not a change of data but of text, so it is left out.
    """
    old = {c.id: c for c in before.all_claims()}
    changes = []
    for claim in after.all_claims():
        was = old.get(claim.id)
        if was is None or (was.text, was.citations) != (claim.text, claim.citations):
            continue
        if (was.verdict, was.supported) != (claim.verdict, claim.supported):
            changes.append(
                VerdictChange(
                    claim_id=claim.id,
                    was=was.verdict,
                    now=claim.verdict,
                    supported=claim.supported,
                    reasons=list(claim.reasons),
                )
            )
    return changes
