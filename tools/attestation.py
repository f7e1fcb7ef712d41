"""Owner attestation and the approval rule (spec section 3): the one definition every layer uses.

An owner may vouch for an `unverifiable` claim; it keeps its verdict and gains `attested_by` and
`attested_at`. A `contradicted` claim can never be attested, and a `supported` one needs no attestation.
Approval is refused while any claim is contradicted, or unverifiable and not attested.
"""

from __future__ import annotations

from collections.abc import Iterable

from state.recap import Claim, Recap

ATTESTABLE = "unverifiable"


def is_attested(claim: Claim) -> bool:
    """Return whether the owner has vouched for this claim."""
    return claim.attested_by is not None


def blocks_approval(claim: Claim) -> bool:
    """Return whether this claim stops the owner from approving the recap."""
    if claim.verdict == "contradicted" or (claim.verdict == "supported" and not claim.supported):
        return True  # a claim marked supported must also say so; a mismatch is never trusted
    return claim.verdict == ATTESTABLE and not is_attested(claim)


def blocking_claims(claims: Iterable[Claim]) -> list[Claim]:
    """Return the claims that stop approval, in document order."""
    return [c for c in claims if blocks_approval(c)]


def verdict_counts(claims: Iterable[Claim]) -> str:
    """Say how many claims have each unsupported verdict: `1 contradicted and 2 unverifiable`."""
    verdicts = [c.verdict for c in claims]
    return " and ".join(f"{verdicts.count(v)} {v}" for v in ("contradicted", "unverifiable"))


def describe(claim: Claim) -> str:
    """Name a blocking claim with its verdict and reasons, for a refusal message."""
    reasons = "; ".join(claim.reasons) or "no reason recorded"
    return f"{claim.id} ({claim.verdict}): {reasons}"


def attest_problems(recap: Recap, attest: list[str], edited: set[str], removed: set[str]) -> list[str]:
    """Return why each id in `attest` cannot be attested in this draft (empty when all can)."""
    problems = []
    for i, claim_id in enumerate(attest):
        where = f"edits.attest[{i}]"
        claim = recap.claim(claim_id)
        if claim is None:
            problems.append(f"{where}: no claim '{claim_id}' in this draft")
        elif claim_id in edited or claim_id in removed:
            what = "edited" if claim_id in edited else "removed"
            problems.append(
                f"{where}: claim '{claim_id}' is {what} in the same decision; "
                "attest it once its new text has been verified"
            )
        elif claim.verdict == "contradicted":
            problems.append(
                f"{where}: claim '{claim_id}' is contradicted and cannot be attested; edit or remove it "
                f"({'; '.join(claim.reasons) or 'a cited record says otherwise'})"
            )
        elif claim.verdict != ATTESTABLE:
            problems.append(f"{where}: claim '{claim_id}' is {claim.verdict} and needs no attestation")
        elif is_attested(claim):
            problems.append(f"{where}: claim '{claim_id}' is already attested by {claim.attested_by}")
    problems += [f"edits.attest: claim '{c}' is given more than once" for c in _repeated(attest)]
    return problems


def _repeated(ids: list[str]) -> list[str]:
    return [i for i in dict.fromkeys(ids) if ids.count(i) > 1]


def attest(claim: Claim, actor: str, at: str) -> Claim:
    """Return the claim attested by `actor` at `at`; its verdict and reasons stay as they are."""
    return claim.model_copy(update={"attested_by": actor, "attested_at": at})


def unattested(claim: Claim) -> Claim:
    """Return the claim without an attestation."""
    if not is_attested(claim) and claim.attested_at is None:
        return claim
    return claim.model_copy(update={"attested_by": None, "attested_at": None})


def settle_attestations(before: Recap, after: Recap) -> Recap:
    """Return the verified draft `after` with the attestations of `before` that still hold.

    An attestation holds while the claim keeps the words and citations it was given for and is still
    unverifiable: once supported it is moot, and a contradicted claim may never carry one.
    """
    held = {c.id: c for c in before.all_claims() if is_attested(c)}

    def settle(claim: Claim) -> Claim:
        old = held.get(claim.id)
        if old is None or (old.text, old.citations) != (claim.text, claim.citations) or claim.verdict != ATTESTABLE:
            return unattested(claim)
        return attest(claim, old.attested_by or "", old.attested_at or "")

    return after.map_claims(settle)
