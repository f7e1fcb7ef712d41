"""Checkable LLM drafts: find the drafted claims the verifier cannot confirm, and weigh their repairs.

The drafter verifies what the model wrote before handing it on; every claim that does not come back
`supported` is named, with the verifier's reasons, in one targeted repair request. A repaired claim
replaces the original only when the verifier rates it higher; otherwise the original stays as it is.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from state.bundle import Bundle
from state.recap import VALUE_FIELDS, Claim, ValueRecapEntry
from tools.drafting import prompts
from tools.verify import verify_claim

# supported beats unverifiable beats contradicted: a repair must climb this ladder to be taken
RANK = {"contradicted": 0, "unverifiable": 1, "supported": 2}


def claim_citations(out: Any) -> list[str]:
    """Return a drafted claim's citations plus the records its facts come from, each once."""
    facts = getattr(out, "facts", None) or []
    return list(dict.fromkeys([*out.citations, *(f.record_id for f in facts)]))


def unconfirmed(claims: list[Claim], bundle: Bundle, threshold: float) -> list[tuple[int, Claim]]:
    """Return (position, verified copy) of every claim the verifier does not find supported."""
    verified = ((i, verify_claim(c, bundle, threshold=threshold)) for i, c in enumerate(claims))
    return [(i, v) for i, v in verified if v.verdict != "supported"]


def problems_block(bad: list[Claim]) -> str:
    """Name each unconfirmed sentence with its citations and the verifier's reasons, one per line."""
    lines = []
    for n, claim in enumerate(bad, start=1):
        reasons = "; ".join(claim.reasons) or f"the verifier found it {claim.verdict}"
        lines.append(
            f'{n}. "{claim.text}" citing {", ".join(claim.citations) or "nothing"}: {claim.verdict}: {reasons}'
        )
    return prompts.defuse("\n".join(lines))


def repair_request(bad: list[Claim], method: str, schema_name: str) -> tuple[str, str]:
    """Return the human message asking for one rewrite of each unconfirmed claim."""
    text = prompts.REPAIR_CLAIMS.format(problems=problems_block(bad), answer=prompts.answer_hint(method, schema_name))
    return ("human", text)


def take_repairs(
    claims: list[Claim], bad: list[tuple[int, Claim]], repaired: list[Any], bundle: Bundle, threshold: float
) -> list[Claim]:
    """Return `claims` with each repair that the verifier rates higher than the claim it replaces."""
    out = list(claims)
    for (i, before), new in zip(bad, repaired, strict=False):
        text = " ".join(new.text.split())
        candidate = claims[i].model_copy(update={"text": text, "citations": claim_citations(new)})
        after = verify_claim(candidate, bundle, threshold=threshold)
        if RANK[after.verdict] > RANK[before.verdict]:
            out[i] = candidate
    return out


def entry_claims(entry: ValueRecapEntry, caveats: list[Claim]) -> list[Claim]:
    """Flatten one goal's entry and caveats into a list, in a fixed order."""
    return [c for _, c in entry.claims()] + list(caveats)


def rebuild_entry(
    entry: ValueRecapEntry, caveats: list[Claim], claims: list[Claim]
) -> tuple[ValueRecapEntry, list[Claim]]:
    """Put a flattened list (from entry_claims) back into the entry's shape."""
    it: Iterator[Claim] = iter(claims)
    update: dict[str, Any] = {}
    for field in VALUE_FIELDS:
        value = getattr(entry, field)
        update[field] = [next(it) for _ in value] if isinstance(value, list) else next(it)
    return entry.model_copy(update=update), [next(it) for _ in caveats]
