"""Owner attestation and the approval rule: who may vouch for what, and what blocks approval."""

from __future__ import annotations

from typing import Any

import pytest
from recap_bundles import AS_OF, bundle_of, example_raw

from state.errors import ApprovalRefused, InputInvalid
from state.recap import Claim, Recap
from state.records import RunRecord
from state.run import Edits
from tools.attestation import blocking_claims, blocks_approval, settle_attestations, verdict_counts
from tools.edits import apply_edits, check_edits
from tools.events import decision_events
from tools.evidence import build_evidence
from tools.stop_rules import stop_reasons

AT = "2026-11-23T10:00:00.000+00:00"


def claim(cid: str, verdict: str, **kw: Any) -> Claim:
    return Claim(id=cid, text=f"text {cid}", citations=["kpi-nw-1"], verdict=verdict, **kw)


def recap_of(*claims: Claim) -> Recap:
    recap = Recap()
    recap.sections["executive_summary"] = list(claims)
    return recap


def draft() -> Recap:
    return recap_of(
        claim("es-1", "supported"),
        claim("es-2", "unverifiable", reasons=["'paid for' is unchecked"]),
        claim("es-3", "contradicted", reasons=["kpi-nw-1 records 5, not 4"]),
    )


@pytest.mark.parametrize(
    ("verdict", "attested", "blocks"),
    [
        ("supported", False, False),
        ("unverifiable", False, True),
        ("unverifiable", True, False),
        ("contradicted", False, True),
        ("contradicted", True, True),
    ],
    ids=["supported", "unverifiable", "attested-unverifiable", "contradicted", "attested-contradicted"],
)
def test_blocks_approval_follows_the_contract(verdict: str, attested: bool, blocks: bool) -> None:
    extra = {"attested_by": "u-maria", "attested_at": AT} if attested else {}
    assert blocks_approval(claim("c", verdict, **extra)) is blocks


def test_a_claim_stored_before_verdicts_takes_its_verdict_from_supported() -> None:
    assert Claim.model_validate({"id": "a", "text": "t", "supported": True}).verdict == "supported"
    assert Claim.model_validate({"id": "a", "text": "t", "supported": False}).verdict == "unverifiable"
    assert Claim.model_validate({"id": "a", "text": "t", "verdict": "supported"}).supported is True
    assert Claim.model_validate({"id": "a", "text": "t", "verdict": "contradicted"}).supported is False


def test_attesting_an_unverifiable_claim_keeps_its_verdict_and_names_the_owner() -> None:
    out, summary = apply_edits(draft(), Edits(attest=["es-2"]), actor="u-maria", at=AT)
    attested = out.claim("es-2")
    assert (attested.verdict, attested.supported) == ("unverifiable", False)
    assert attested.reasons == ["'paid for' is unchecked"]
    assert (attested.attested_by, attested.attested_at) == ("u-maria", AT)
    assert summary.attested == ["es-2"]
    assert [c.id for c in blocking_claims(out.all_claims())] == ["es-3"]


@pytest.mark.parametrize(
    ("edits", "named"),
    [
        ({"attest": ["es-3"]}, "claim 'es-3' is contradicted and cannot be attested"),
        ({"attest": ["es-1"]}, "claim 'es-1' is supported and needs no attestation"),
        ({"attest": ["nope"]}, "no claim 'nope'"),
        ({"attest": ["es-2"], "edit": [{"id": "es-2", "text": "new"}]}, "claim 'es-2' is edited in the same decision"),
        ({"attest": ["es-2"], "remove": ["es-2"]}, "claim 'es-2' is removed in the same decision"),
        ({"attest": ["es-2", "es-2"]}, "claim 'es-2' is given more than once"),
    ],
    ids=["contradicted", "supported", "unknown", "edited", "removed", "twice"],
)
def test_an_attestation_that_does_not_fit_is_refused_naming_the_claim(edits: dict, named: str) -> None:
    with pytest.raises(InputInvalid, match=named) as refused:
        check_edits(draft(), Edits.model_validate(edits))
    assert "edits.attest" in str(refused.value)


def test_the_contradiction_refusal_gives_the_recorded_value() -> None:
    with pytest.raises(InputInvalid, match="records 5, not 4"):
        check_edits(draft(), Edits(attest=["es-3"]))


def test_an_already_attested_claim_is_not_attested_again() -> None:
    once, _ = apply_edits(draft(), Edits(attest=["es-2"]), actor="u-maria", at=AT)
    with pytest.raises(InputInvalid, match="already attested by u-maria"):
        check_edits(once, Edits(attest=["es-2"]))


def test_new_words_drop_the_attestation_and_the_same_words_keep_it() -> None:
    attested, _ = apply_edits(draft(), Edits(attest=["es-2"]), actor="u-maria", at=AT)
    reworded, _ = apply_edits(attested, Edits(edit=[{"id": "es-2", "text": "other words"}]), "u-maria", AT)
    recited, _ = apply_edits(attested, Edits(edit=[{"id": "es-2", "citations": ["kpi-nw-2"]}]), "u-maria", AT)
    same, _ = apply_edits(attested, Edits(edit=[{"id": "es-2", "text": "text es-2"}]), "u-maria", AT)
    assert reworded.claim("es-2").attested_by is None and reworded.claim("es-2").attested_at is None
    assert recited.claim("es-2").attested_by is None
    assert same.claim("es-2").attested_by == "u-maria"


def test_an_edited_claim_is_unverified_until_verified_again() -> None:
    out, _ = apply_edits(draft(), Edits(edit=[{"id": "es-1", "text": "new words"}]))
    assert (out.claim("es-1").verdict, out.claim("es-1").supported) == ("unverifiable", False)


def _verified(recap: Recap, verdicts: dict[str, str]) -> Recap:
    return recap.map_claims(
        lambda c: c.model_copy(
            update={"verdict": verdicts.get(c.id, c.verdict), "supported": verdicts.get(c.id) == "supported"}
        )
    )


def test_verification_keeps_the_attestation_of_an_unchanged_unverifiable_claim() -> None:
    before, _ = apply_edits(draft(), Edits(attest=["es-2"]), actor="u-maria", at=AT)
    stripped = before.map_claims(lambda c: c.model_copy(update={"attested_by": None, "attested_at": None}))
    after = settle_attestations(before, stripped)  # a verifier that rebuilds claims loses nothing
    assert (after.claim("es-2").attested_by, after.claim("es-2").attested_at) == ("u-maria", AT)


@pytest.mark.parametrize("verdict", ["supported", "contradicted"])
def test_verification_drops_an_attestation_once_the_claim_is_no_longer_unverifiable(verdict: str) -> None:
    before, _ = apply_edits(draft(), Edits(attest=["es-2"]), actor="u-maria", at=AT)
    after = settle_attestations(before, _verified(before, {"es-2": verdict}))
    assert after.claim("es-2").attested_by is None and after.claim("es-2").verdict == verdict


def test_the_stop_reason_counts_each_verdict_and_ignores_attested_claims() -> None:
    bundle = bundle_of(example_raw())
    pack = build_evidence(bundle, AS_OF)
    reason = next(r for r in stop_reasons(draft(), pack, bundle) if r.code == "unsupported_claims")
    assert reason.claim_ids == ["es-2", "es-3"]
    assert "1 contradicted and 1 unverifiable" in reason.message
    attested, _ = apply_edits(draft(), Edits(attest=["es-2"]), actor="u-maria", at=AT)
    after = next(r for r in stop_reasons(attested, pack, bundle) if r.code == "unsupported_claims")
    assert after.claim_ids == ["es-3"] and after.message.startswith("1 contradicted and 0 unverifiable claim(s)")
    assert attested.claim("es-2").verdict == "unverifiable"


def test_verdict_counts_say_how_many_of_each() -> None:
    both = [claim("a", "unverifiable"), claim("b", "unverifiable")]
    assert verdict_counts(both) == "0 contradicted and 2 unverifiable"


def test_the_refusal_message_says_how_many_of_each_and_lists_them() -> None:
    refused = ApprovalRefused(["es-3"], ["es-3 (contradicted): kpi-nw-1 records 5, not 4"], "1 contradicted")
    assert "1 contradicted claim(s)" in refused.message and "es-3 (contradicted)" in refused.message
    assert "attested" in refused.message


def test_an_attestation_logs_claim_attested_once_per_claim_and_round() -> None:
    run = RunRecord("run-1", "acc-1", "u-maria", None, "awaiting_review", AT, AT, AT[:10])
    summary = {"edited": [], "removed": [], "added": [], "caveats_added": [], "attested": ["es-2"]}
    values = {"last_decision": {"decision": "edit", "actor": "u-maria", "at": AT, "round": 1, "summary": summary}}
    events = [e for e in decision_events(run, values, None) if e.event == "claim_attested"]
    assert [(e.key, e.claim_id, e.actor, e.time) for e in events] == [
        ("run-1:claim_attested:1:es-2", "es-2", "u-maria", AT)
    ]
