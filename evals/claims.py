"""Build the labelled claim set: supported claims, their mutants (unsupported) and benign twins (supported)."""

from __future__ import annotations

from collections.abc import Callable
from random import Random
from typing import Any

from evals import mutate_facts as facts
from evals import mutate_text as words
from evals.accounts import EvalAccount
from evals.config import AS_OF, PROGRESS_THRESHOLD
from evals.handwritten import handwritten_claims
from evals.mutate_text import Account, Pair, Rec
from state.bundle import Bundle
from state.recap import Claim
from state.validation import validate_bundle
from tools.drafting.base import DRAFT_PARTS
from tools.drafting.offline import OfflineDrafter
from tools.evidence import build_evidence
from tools.verify import verify_claim

Mutation = Callable[[Rec, Account, Random], Pair]
MUTATIONS: dict[str, Mutation] = {
    "wrong_number": words.wrong_number,
    "percent_vs_points": words.percent_vs_points,
    "wrong_derived_value": words.wrong_derived,
    "borrowed_value": words.borrowed_value,
    "status_flip": facts.status_flip,
    "risk_status_flip": facts.risk_status_flip,
    "wrong_person_or_title": facts.wrong_person_or_title,
    "shifted_date": words.shifted_date,
    "citation_missing": facts.citation_missing,
    "citation_foreign": facts.citation_foreign,
    "citation_nonexistent": facts.citation_nonexistent,
    "wrong_record_cited": facts.wrong_record,
    "unevidenced_money_roi": facts.unevidenced_money,
    "fabricated_outcome": facts.fabricated_outcome,
}
PAIRS_PER_TYPE = 2  # mutant/twin pairs per mutation type and account
OFFLINE_BASES = 8  # supported offline claims kept as labelled bases per account
HANDWRITTEN_BASES = 16
CLAIM_FIELDS = ("text", "citations", "section", "kind", "owner", "due")


def to_claim(rec: Rec, claim_id: str = "c") -> Claim:
    """Return the dataset row as a Claim the verifier takes."""
    return Claim.model_validate({"id": claim_id, **{f: rec[f] for f in CLAIM_FIELDS if rec.get(f) is not None}})


def offline_claims(bundle: Bundle) -> list[Rec]:
    """Return every claim the offline drafter writes for the account, as dataset rows."""
    pack = build_evidence(bundle, AS_OF, PROGRESS_THRESHOLD)
    drafter, out = OfflineDrafter(), []
    for part in DRAFT_PARTS:
        draft = drafter.draft(part, pack, bundle)
        found = [(part, c) for c in draft.claims]
        found += [(part, c) for entry in draft.value_recap for _, c in entry.claims()]
        found += [("caveats", c) for c in draft.caveats]
        for section, c in found:
            out.append(
                {
                    "text": c.text,
                    "citations": list(c.citations),
                    "section": section,
                    "kind": c.kind,
                    "owner": c.owner,
                    "due": c.due,
                    "template": f"offline:{section}",
                }
            )
    return out


def supported(rec: Rec, bundle: Bundle) -> bool:
    """Tell whether today's verifier supports the claim."""
    return verify_claim(to_claim(rec), bundle, threshold=PROGRESS_THRESHOLD).supported


def _sample(rows: list[Rec], limit: int, rng: Random) -> list[Rec]:
    if len(rows) <= limit:
        return rows
    keep = sorted(rng.sample(range(len(rows)), limit))
    return [rows[i] for i in keep]


def _row(rec: Rec, account_id: str, origin: str, role: str, label: bool, mutation: str | None = None) -> Rec:
    out = {"account_id": account_id, "origin": origin, "role": role, "mutation": mutation, "supported": label}
    out.update({f: rec[f] for f in (*CLAIM_FIELDS, "template", "note") if rec.get(f) is not None})
    return out


def _pairs(pool: list[tuple[str, Rec]], acc: Account, account_id: str, mtype: str, fn: Mutation) -> list[Rec]:
    rng = Random(f"{account_id}:{mtype}")
    order = list(range(len(pool)))
    rng.shuffle(order)
    rows: list[Rec] = []
    for i in order:
        origin, base = pool[i]
        pair = fn(base, acc, rng)
        if pair is None:
            continue
        rows.append(_row(pair[0], account_id, origin, "mutant", False, mtype))
        rows.append(_row(pair[1], account_id, origin, "twin", True, mtype))
        if len(rows) >= 2 * PAIRS_PER_TYPE:
            break
    return rows


def account_claims(account: EvalAccount, foreign_ids: tuple[str, ...]) -> list[Rec]:
    """Return the labelled claims of one account: bases, then each mutation type's mutant/twin pairs."""
    bundle = validate_bundle(account.bundle)
    acc = Account(bundle, bundle.index(), foreign_ids)
    offline = [c for c in offline_claims(bundle) if c["citations"] and supported(c, bundle)]
    written = handwritten_claims(bundle)
    rng = Random(account.id)
    rows = [_row(c, account.id, "offline", "base", True) for c in _sample(offline, OFFLINE_BASES, rng)]
    rows += [_row(c, account.id, "handwritten", "base", True) for c in _sample(written, HANDWRITTEN_BASES, rng)]
    pool = [("offline", c) for c in offline] + [("handwritten", c) for c in written if supported(c, bundle)]
    for mtype, fn in MUTATIONS.items():
        rows += _pairs(pool, acc, account.id, mtype, fn)
    return rows


def build_claims(accounts: list[EvalAccount]) -> list[Rec]:
    """Return the labelled claim set over every account, with stable ids."""
    all_ids = {a.id: set(validate_bundle(a.bundle).index()) for a in accounts}
    rows: list[Rec] = []
    for account in accounts:
        foreign = tuple(sorted(i for other, ids in all_ids.items() if other != account.id for i in ids))
        rows += account_claims(account, foreign)
    return [{"id": f"cl-{n:05d}", **row} for n, row in enumerate(rows, start=1)]


def describe(rows: list[Rec]) -> dict[str, Any]:
    """Count the claim set by role and mutation type."""
    counts: dict[str, Any] = {"claims": len(rows), "supported": sum(r["supported"] for r in rows)}
    counts["by_mutation"] = {m: sum(r["mutation"] == m and r["role"] == "mutant" for r in rows) for m in MUTATIONS}
    return counts
