"""What the verifier found wrong with one part of a claim, and how the parts add up to the claim's verdict."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Failed = Literal["contradicted", "unverifiable"]


@dataclass(frozen=True)
class Finding:
    """One failed part of a claim: contradicted (a cited record says otherwise) or unverifiable."""

    verdict: Failed
    reason: str


def contradicted(reasons: Iterable[str]) -> list[Finding]:
    """Return each reason as a contradiction."""
    return [Finding("contradicted", r) for r in reasons]


def unverifiable(reasons: Iterable[str]) -> list[Finding]:
    """Return each reason as something the cited records cannot back."""
    return [Finding("unverifiable", r) for r in reasons]


def overall(findings: Iterable[Finding]) -> str:
    """Return the claim's verdict: contradicted if any part is, else unverifiable if any part is, else supported."""
    verdicts = {f.verdict for f in findings}
    if "contradicted" in verdicts:
        return "contradicted"
    return "unverifiable" if verdicts else "supported"
