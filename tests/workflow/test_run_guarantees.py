"""Run lifecycle guarantees (issue 11): replay, freshness, claim ids, trace, and `langgraph dev` defaults."""

from __future__ import annotations

import pytest

from graph.service import RecapService
from graph.timeline import history, replay, trace
from state.errors import ApprovalRefused, OutdatedApprovalRefused
from state.run import Decision, Edits
from tests.conftest import AS_OF
from tools.settings import Settings

ACCOUNT, OWNER = "acc-northwind", "u-maria"
APPROVE = Decision(decision="approve")


@pytest.fixture
def service(db_path: str, example_bundle: dict) -> RecapService:
    svc = RecapService(Settings(db=db_path, as_of=AS_OF))
    svc.load_bundle(example_bundle)
    return svc


def claim_ids(run) -> list[str]:  # noqa: ANN001 - a RunView
    return [c.id for c in run.recap.all_claims()]


# --- 1. replay never carries a decision ------------------------------------------------------------
@pytest.mark.parametrize("node", ["human_review", "finalize"], ids=["between-approval-and-finalize", "final"])
def test_a_fork_at_or_after_an_approval_pauses_for_a_new_decision(service: RecapService, node: str) -> None:
    run = service.start_run(ACCOUNT, OWNER)
    approved = service.resume(run.run_id, APPROVE, OWNER)
    before = service.metrics(None)["counts"]
    at = next(s for s in history(service, run.run_id) if s.node == node)

    fork = replay(service, run.run_id, at.checkpoint_id, OWNER)

    assert fork.status == "awaiting_review" and fork.decided_by is None and fork.decided_at is None
    assert fork.recap == approved.recap  # the draft as it was
    after = service.metrics(None)["counts"]
    assert after["decision_approved"] == before["decision_approved"] == 1
    assert after["claim_approved"] == before["claim_approved"]
    assert service.runs.in_status("running") == []
    assert service.resume(fork.run_id, APPROVE, OWNER).status == "approved"  # a real decision counts
    assert service.metrics(None)["counts"]["decision_approved"] == 2


def test_a_fork_after_an_edit_does_not_log_the_edit_again(service: RecapService) -> None:
    run = service.start_run(ACCOUNT, OWNER)
    add = {
        "section": "caveats",
        "text": "Usage grew from 61 to 84 weekly active agents.",
        "citations": ["use-nw-1", "use-nw-2"],
    }
    edited = service.resume(run.run_id, Decision(decision="edit", edits=Edits(add=[add])), OWNER)
    before = service.metrics(None)["counts"]
    last = history(service, run.run_id)[-1]

    fork = replay(service, run.run_id, last.checkpoint_id, OWNER)

    assert fork.status == "awaiting_review" and fork.recap == edited.recap
    after = service.metrics(None)["counts"]
    assert {k: after[k] for k in ("decision_edited", "caveat_added")} == {
        "decision_edited": before["decision_edited"],
        "caveat_added": before["caveat_added"] + 2,
    }  # drafter's only
    assert [e.event for e in service.runs.events(fork.run_id)].count("caveat_added") == 2


def test_every_checkpoint_of_an_approved_run_forks_to_a_paused_run(service: RecapService) -> None:
    run = service.start_run(ACCOUNT, OWNER)
    service.resume(run.run_id, APPROVE, OWNER)
    forks = [replay(service, run.run_id, s.checkpoint_id, OWNER) for s in history(service, run.run_id)]
    assert {f.status for f in forks} == {"awaiting_review"}
    assert service.metrics(None)["counts"]["decision_approved"] == 1


# --- 2. freshness: decisions on an outdated run verify the draft again first -------------------------
def reload_with_kpi(service: RecapService, bundle: dict, current: float) -> None:
    bundle["objective_kpis"][0]["current"] = current  # kpi-nw-1: 12 -> 5 hours becomes 12 -> 9
    service.load_bundle(bundle)


def test_approval_of_an_outdated_run_is_refused_naming_claims_and_the_reload(
    service: RecapService, example_bundle: dict
) -> None:
    run = service.start_run(ACCOUNT, OWNER)
    assert run.freshness is None and not run.outdated
    reload_with_kpi(service, example_bundle, 9)

    shown = service.get_run(run.run_id)
    assert shown.outdated and shown.freshness is not None
    assert (shown.freshness.drafted_from, shown.freshness.current) == (1, 2)
    assert "ka-2" in {c.claim_id for c in shown.freshness.changed}

    with pytest.raises(OutdatedApprovalRefused) as refused:
        service.resume(run.run_id, APPROVE, OWNER)
    assert "ka-2" in refused.value.claim_ids and "was reloaded" in refused.value.message
    assert "data version 1 -> 2" in refused.value.message
    after = service.get_run(run.run_id)
    assert after.status == "awaiting_review" and after.outdated  # drafted from version 1, still
    assert after.freshness.verified_against == 2 and not after.recap.claim("ka-2").supported
    assert "ka-2" in {c.claim_id for c in after.freshness.changed}
    assert service.metrics(None)["counts"]["decision_approved"] == 0
    with pytest.raises(ApprovalRefused):  # still refused: now on the re-verified draft
        service.resume(run.run_id, APPROVE, OWNER)


def test_approval_of_an_outdated_run_goes_through_when_claims_still_hold(
    service: RecapService, example_bundle: dict
) -> None:
    run = service.start_run(ACCOUNT, OWNER)
    example_bundle["contacts"][0]["phone"] = "+1 555 0100"  # a reload that changes no claim
    service.load_bundle(example_bundle)
    assert service.get_run(run.run_id).outdated
    done = service.resume(run.run_id, APPROVE, OWNER)
    assert done.status == "approved" and done.freshness.verified_against == 2 and done.freshness.changed == []


def test_an_edit_on_an_outdated_run_is_verified_against_the_current_records(
    service: RecapService, example_bundle: dict
) -> None:
    run = service.start_run(ACCOUNT, OWNER)
    reload_with_kpi(service, example_bundle, 9)
    target = run.recap.sections["executive_summary"][0].id
    text = "Median first-response time fell from 12 hours to 9 hours."
    out = service.resume(run.run_id, Decision(decision="edit", edits=Edits(edit=[{"id": target, "text": text}])), OWNER)
    assert out.status == "awaiting_review" and out.freshness.verified_against == 2
    assert out.recap.claim(target).supported  # true of version 2, false of version 1


# --- 12. claim ids are never reused; trace says when a step was not verified yet ---------------------
def test_an_added_claim_never_reuses_a_removed_claims_id(service: RecapService) -> None:
    run = service.start_run(ACCOUNT, OWNER)

    def add(text: str) -> dict:
        return {"section": "caveats", "text": text, "citations": ["use-nw-1", "use-nw-2"]}

    first = service.resume(
        run.run_id,
        Decision(
            decision="edit",
            edits=Edits(
                add=[
                    add("Usage grew from 61 to 84 weekly active agents."),
                    add("Usage rose to 84 weekly active agents."),
                ]
            ),
        ),
        OWNER,
    )
    assert {"own-1", "own-2"} <= set(claim_ids(first))
    service.resume(run.run_id, Decision(decision="edit", edits=Edits(remove=["own-2"])), OWNER)
    third = service.resume(run.run_id, Decision(decision="edit", edits=Edits(add=[add("Usage was 84 agents.")])), OWNER)
    assert "own-2" not in claim_ids(third) and "own-3" in claim_ids(third)
    assert {s["text"] for s in trace(service, run.run_id, "own-2")} == {"Usage rose to 84 weekly active agents."}


def test_trace_says_not_verified_yet_before_verification(service: RecapService) -> None:
    run = service.start_run(ACCOUNT, OWNER)
    target = run.recap.sections["executive_summary"][0].id
    steps = trace(service, run.run_id, target)
    assert steps[0]["node"] == "join_drafts" and steps[0]["verified"] is False
    assert steps[-1]["verified"] is True and steps[-1]["supported"] is True
    edit = Edits(edit=[{"id": target, "text": "Response time fell 75%."}])
    service.resume(run.run_id, Decision(decision="edit", edits=edit), OWNER)
    edited = trace(service, run.run_id, target)
    rewritten = next(s for s in edited if s["text"] == "Response time fell 75%.")
    assert rewritten["verified"] is False and edited[-1]["verified"] is True and edited[-1]["reasons"]


# --- 13. `langgraph dev`: the studio builder runs with no context and no checkpointer ------------------
def test_the_studio_graph_runs_without_a_context(
    service: RecapService, db_path: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from graph.studio import builder

    monkeypatch.setenv("RECAP_DB", db_path)
    graph = builder.compile()
    out = graph.invoke({"run_id": "studio-1", "account_id": ACCOUNT, "as_of": AS_OF})
    assert out["recap"]["sections"]["executive_summary"]
    assert "__interrupt__" in out  # it pauses for the owner like any run
    with_dict = graph.invoke({"run_id": "studio-2", "account_id": ACCOUNT, "as_of": AS_OF}, context={})
    assert with_dict["recap"] == out["recap"]  # what `langgraph dev` passes: an empty context
