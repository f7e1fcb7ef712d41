"""Verifier accuracy on the labelled claim set: recall per mutation, precision, false alarms, balanced accuracy.

"Positive" means unsupported: the verifier's job is to catch the claims the records do not back.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from evals.claims import MUTATIONS, to_claim
from evals.config import PROGRESS_THRESHOLD
from state.bundle import Bundle
from tools.verify import verify_claim

Rec = dict[str, Any]


@dataclass(frozen=True)
class Verdict:
    """One labelled claim and what the verifier said about it."""

    id: str
    mutation: str | None
    role: str
    label_supported: bool
    said_supported: bool
    reasons: tuple[str, ...]

    @property
    def caught(self) -> bool:
        return not self.said_supported


def verify_all(claims: list[Rec], bundles: dict[str, Bundle]) -> list[Verdict]:
    """Run the verifier over every labelled claim."""
    out = []
    for row in claims:
        claim = verify_claim(to_claim(row, row["id"]), bundles[row["account_id"]], threshold=PROGRESS_THRESHOLD)
        out.append(
            Verdict(
                row["id"], row.get("mutation"), row["role"], row["supported"], claim.supported, tuple(claim.reasons)
            )
        )
    return out


def _share(hits: int, total: int) -> float | None:
    return None if total == 0 else hits / total


def recall_by_mutation(verdicts: list[Verdict]) -> dict[str, float | None]:
    """Return, per mutation type, the share of mutants the verifier flagged unsupported."""
    out = {}
    for mtype in MUTATIONS:
        mutants = [v for v in verdicts if v.mutation == mtype and not v.label_supported]
        out[mtype] = _share(sum(v.caught for v in mutants), len(mutants))
    return out


def twin_pass_by_mutation(verdicts: list[Verdict]) -> dict[str, float | None]:
    """Return, per mutation type, the share of benign twins the verifier kept supported."""
    out = {}
    for mtype in MUTATIONS:
        twins = [v for v in verdicts if v.mutation == mtype and v.role == "twin"]
        out[mtype] = _share(sum(v.said_supported for v in twins), len(twins))
    return out


def recall(verdicts: list[Verdict]) -> float | None:
    """Return the share of all unsupported claims that were flagged."""
    bad = [v for v in verdicts if not v.label_supported]
    return _share(sum(v.caught for v in bad), len(bad))


def precision(verdicts: list[Verdict]) -> float | None:
    """Return the share of flagged claims that really are unsupported."""
    flagged = [v for v in verdicts if v.caught]
    return _share(sum(not v.label_supported for v in flagged), len(flagged))


def false_alarm_rate(verdicts: list[Verdict]) -> float | None:
    """Return the share of supported claims (bases and benign twins) flagged unsupported."""
    good = [v for v in verdicts if v.label_supported]
    return _share(sum(v.caught for v in good), len(good))


def balanced_accuracy(verdicts: list[Verdict]) -> float | None:
    """Return the mean of recall and specificity."""
    r, f = recall(verdicts), false_alarm_rate(verdicts)
    return None if r is None or f is None else (r + (1 - f)) / 2


def misses(verdicts: list[Verdict], claims: list[Rec], limit: int = 40) -> list[Rec]:
    """Return the wrongly judged claims (missed mutants and false alarms) for the report."""
    by_id = {c["id"]: c for c in claims}
    wrong = [v for v in verdicts if v.said_supported != v.label_supported]
    return [
        {
            "id": v.id,
            "mutation": v.mutation,
            "role": v.role,
            "expected_supported": v.label_supported,
            "text": by_id[v.id]["text"],
            "citations": by_id[v.id]["citations"],
            "note": by_id[v.id].get("note"),
            "reasons": list(v.reasons)[:2],
        }
        for v in wrong[:limit]
    ]


def verifier_metrics(claims: list[Rec], bundles: dict[str, Bundle]) -> Rec:
    """Return every verifier metric over the labelled claims."""
    verdicts = verify_all(claims, bundles)
    return {
        "claims": len(verdicts),
        "mutants": sum(not v.label_supported for v in verdicts),
        "recall": recall(verdicts),
        "precision": precision(verdicts),
        "false_alarm_rate": false_alarm_rate(verdicts),
        "balanced_accuracy": balanced_accuracy(verdicts),
        "recall_by_mutation": recall_by_mutation(verdicts),
        "twin_pass_by_mutation": twin_pass_by_mutation(verdicts),
        "errors": misses(verdicts, claims),
    }
