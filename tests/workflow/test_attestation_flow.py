"""The whole graph: an owner attests an unverifiable claim, never a contradicted one, then approves."""

from __future__ import annotations

from typing import Any

import pytest

import nodes.verify_claims as verify_node
from graph.runtime import thread_config
from graph.service import RecapService
from state.errors import ApprovalRefused, InputInvalid
from state.recap import Recap
from state.run import Decision, Edits, RunView
from tests.conftest import AS_OF
from tools.settings import Settings
from tools.verify import verify_recap

OWNER = "u-maria"
# No cited record states this, and nothing recorded says otherwise: unverifiable under either verifier.
UNCHECKABLE = ("The self-service rollout paid for itself within a quarter.", ["pb-nw-1"])
# 4 hours is the KPI's target, not its current value (5): a value in the wrong role.
WRONG_ROLE = "Median first-response time is now 4 hours."


@pytest.fixture
def service(db_path: str, example_bundle: dict) -> RecapService:
    svc = RecapService(Settings(db=db_path, as_of=AS_OF))
    svc.load_bundle(example_bundle)
    return svc


@pytest.fixture
def contradicting(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the wrong-role claim contradicted whichever verifier is installed (today's says unverifiable)."""

    def verify(recap: Recap, bundle: Any, threshold: float = 0.5, as_of: Any = None) -> Recap:
        def mark(claim):  # noqa: ANN001, ANN202
            if claim.text != WRONG_ROLE:
                return claim
            return claim.model_copy(
                update={
                    "verdict": "contradicted",
                    "supported": False,
                    "reasons": ["kpi-nw-1 records a current value of 5; 4 is the target"],
                }
            )

        return verify_recap(recap, bundle, threshold, as_of=as_of).map_claims(mark)

    monkeypatch.setattr(verify_node, "verify_recap", verify)


def edit(claim_id: str, text: str, citations: list[str] | None = None) -> Decision:
    return Decision(decision="edit", edits=Edits(edit=[{"id": claim_id, "text": text, "citations": citations}]))


def attest(*claim_ids: str) -> Decision:
    return Decision(decision="edit", edits=Edits(attest=list(claim_ids)))


def with_uncheckable(service: RecapService) -> tuple[RunView, str]:
    run = service.start_run("acc-northwind", OWNER)
    target = run.recap.sections["executive_summary"][0].id
    return service.resume(run.run_id, edit(target, *UNCHECKABLE), OWNER), target


def test_an_unverifiable_claim_blocks_approval_until_the_owner_attests_it(service: RecapService) -> None:
    run, target = with_uncheckable(service)
    assert run.recap.claim(target).verdict == "unverifiable"
    with pytest.raises(ApprovalRefused, match=rf"{target} \(unverifiable\)") as refused:
        service.resume(run.run_id, Decision(decision="approve"), OWNER)
    assert refused.value.claim_ids == [target]

    attested = service.resume(run.run_id, attest(target), OWNER)
    claim = attested.recap.claim(target)
    assert (attested.status, claim.verdict, claim.supported) == ("awaiting_review", "unverifiable", False)
    assert claim.attested_by == OWNER and claim.attested_at
    assert "unsupported_claims" not in {r.code for r in attested.stop_reasons}

    approved = service.resume(attested.run_id, Decision(decision="approve"), OWNER)
    final = approved.recap.claim(target)
    assert approved.status == "approved" and (final.verdict, final.attested_by) == ("unverifiable", OWNER)
    assert service.metrics(["acc-northwind"])["counts"]["claim_attested"] == 1


def test_the_attestation_time_is_the_decision_time(service: RecapService) -> None:
    run, target = with_uncheckable(service)
    attested = service.resume(run.run_id, attest(target), OWNER)
    decision = service.graph().get_state(thread_config(run.run_id)).values["last_decision"]
    assert (decision["decision"], decision["actor"]) == ("edit", OWNER)
    assert attested.recap.claim(target).attested_at == decision["at"]


def test_another_edit_keeps_the_attestation_and_new_words_drop_it(service: RecapService) -> None:
    run, target = with_uncheckable(service)
    attested = service.resume(run.run_id, attest(target), OWNER)
    other = attested.recap.sections["executive_summary"][1]
    kept = service.resume(run.run_id, edit(other.id, other.text + " "), OWNER)  # re-verified round
    assert kept.recap.claim(target).attested_by == OWNER

    reworded = service.resume(run.run_id, edit(target, "The rollout paid for itself within a month."), OWNER)
    claim = reworded.recap.claim(target)
    assert claim.verdict == "unverifiable" and claim.attested_by is None and claim.attested_at is None
    with pytest.raises(ApprovalRefused):
        service.resume(run.run_id, Decision(decision="approve"), OWNER)


@pytest.mark.usefixtures("contradicting")
def test_a_contradicted_claim_cannot_be_attested_and_blocks_approval(service: RecapService) -> None:
    run = service.start_run("acc-northwind", OWNER)
    target = run.recap.sections["executive_summary"][0].id
    bad = service.resume(run.run_id, edit(target, WRONG_ROLE, ["kpi-nw-1"]), OWNER)
    assert bad.recap.claim(target).verdict == "contradicted"
    reason = next(r for r in bad.stop_reasons if r.code == "unsupported_claims")
    assert "1 contradicted" in reason.message and reason.claim_ids == [target]

    with pytest.raises(InputInvalid, match=rf"claim '{target}' is contradicted and cannot be attested"):
        service.resume(run.run_id, attest(target), OWNER)
    with pytest.raises(ApprovalRefused, match=rf"{target} \(contradicted\): kpi-nw-1 records"):
        service.resume(run.run_id, Decision(decision="approve"), OWNER)
    after = service.get_run(run.run_id)
    assert after.status == "awaiting_review" and after.recap.claim(target).attested_by is None
    assert service.metrics(["acc-northwind"])["counts"]["claim_attested"] == 0


def test_a_supported_claim_needs_no_attestation(service: RecapService) -> None:
    run = service.start_run("acc-northwind", OWNER)
    target = run.recap.sections["executive_summary"][0].id
    with pytest.raises(InputInvalid, match=rf"claim '{target}' is supported and needs no attestation"):
        service.resume(run.run_id, attest(target), OWNER)
    assert service.get_run(run.run_id).status == "awaiting_review"


def test_the_review_payload_lists_only_claims_that_block_approval(service: RecapService) -> None:
    run, target = with_uncheckable(service)
    service.resume(run.run_id, attest(target), OWNER)
    payload = service.graph().get_state(thread_config(run.run_id)).interrupts[0].value
    assert payload["unsupported"] == []
