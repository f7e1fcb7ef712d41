"""The stop rules (spec section 3): why a run must wait for the owner, each with a readable message."""

from __future__ import annotations

from state.bundle import Activity, Bundle, ObjectiveKpi, Risk
from state.evidence import EvidencePack
from state.recap import FLAG_CONFIDENTIAL, FLAG_PERSONAL_DATA, FLAG_UNQUOTABLE, Claim, Recap, StopReason
from tools.attestation import blocking_claims, verdict_counts
from tools.evidence import personal_data_ids

MAX_NAMED = 10


def _names(ids: list[str]) -> str:
    shown = ", ".join(ids[:MAX_NAMED])
    return shown + (f" and {len(ids) - MAX_NAMED} more" if len(ids) > MAX_NAMED else "")


def _unsupported(claims: list[Claim]) -> StopReason | None:
    bad = blocking_claims(claims)  # attested unverifiable claims no longer hold up approval
    if not bad:
        return None
    return StopReason(
        code="unsupported_claims",
        claim_ids=[c.id for c in bad],
        message=f"{verdict_counts(bad)} claim(s) are not supported by the records: "
        f"{_names([c.id for c in bad])}; edit or remove them (or attest an unverifiable "
        "one) before approving.",
    )


def disputed_record_ids(bundle: Bundle) -> set[str]:
    """Return the ids of every record marked disputed (KPIs, activities, risks)."""
    flaggable: list[ObjectiveKpi | Activity | Risk] = [*bundle.objective_kpis, *bundle.activities, *bundle.risks]
    return {r.id for r in flaggable if r.disputed}


def _disputed(claims: list[Claim], bundle: Bundle) -> StopReason | None:
    disputed = disputed_record_ids(bundle)
    hits = [c for c in claims if disputed.intersection(c.citations)]
    if not hits:
        return None
    records = sorted({r for c in hits for r in c.citations if r in disputed})
    return StopReason(
        code="disputed_data",
        claim_ids=[c.id for c in hits],
        record_ids=records,
        message=f"claims {_names([c.id for c in hits])} cite records marked disputed: {_names(records)}.",
    )


def _incomplete(pack: EvidencePack) -> StopReason | None:
    if not pack.missing_proof_goal_ids:
        return None
    names = [f'"{g.name}"' if (g := pack.goal(gid)) else gid for gid in pack.missing_proof_goal_ids]
    return StopReason(
        code="incomplete_data",
        record_ids=list(pack.missing_proof_goal_ids),
        message=f"no evidence at all for goal(s) {_names(names)} (missing proof).",
    )


def _unresolved(pack: EvidencePack) -> StopReason | None:
    if not pack.unresolved_issues:
        return None
    reasons = "; ".join(i.reason for i in pack.unresolved_issues[:MAX_NAMED])
    return StopReason(
        code="unresolved_customer_issue",
        record_ids=[i.record_id for i in pack.unresolved_issues],
        message=f"the customer has an unresolved issue: {reasons}.",
    )


def sensitive_record_ids(bundle: Bundle) -> set[str]:
    """Return ids of confidential activities, records with personal data and unquotable feedback."""
    return (
        {a.id for a in bundle.activities if a.confidential}
        | set(personal_data_ids(bundle))
        | {f.id for f in bundle.feedback if not f.permission_to_quote}
    )


def _flagged(claims: list[Claim], flags: set[str], code: str, what: str, bundle: Bundle) -> StopReason | None:
    hits = [c for c in claims if flags.intersection(c.flags)]
    if not hits:
        return None
    kinds = sorted({f.replace("_", " ") for c in hits for f in c.flags if f in flags})
    sensitive = sensitive_record_ids(bundle)
    records = sorted({r for c in hits for r in c.citations if r in sensitive})
    on = f" (records {_names(records)})" if records else ""
    return StopReason(
        code=code,
        claim_ids=[c.id for c in hits],
        record_ids=records,  # type: ignore[arg-type]
        message=f"claims {_names([c.id for c in hits])} {what}: {', '.join(kinds)}{on}.",
    )


def stop_reasons(recap: Recap, pack: EvidencePack, bundle: Bundle) -> list[StopReason]:
    """Return every stop reason the recap and its evidence raise, in the order of the contract."""
    claims = list(recap.all_claims())
    found = [
        _unsupported(claims),
        _disputed(claims, bundle),
        _incomplete(pack),
        _unresolved(pack),
        _flagged(
            claims,
            {FLAG_CONFIDENTIAL, FLAG_PERSONAL_DATA},
            "sensitive_details",
            "would expose sensitive details",
            bundle,
        ),
        _flagged(claims, {FLAG_UNQUOTABLE}, "permission_missing", "quote feedback without permission to quote", bundle),
    ]
    return [r for r in found if r is not None]
