"""The LLM drafter writes claims the verifier can check: facts per claim, the phrasing, one targeted repair."""

from __future__ import annotations

import pytest
from loopback_openai import error_reply, text_reply, tool_reply

from state.recap import Claim
from tools.drafting import prompts
from tools.drafting.offline import OfflineDrafter
from tools.verify import verify_claim

SECTION, GOAL, REPAIR = "SectionDraft", "GoalRecap", "RepairedClaims"
# kpi-nw-1 is On Track: a claim calling it Off Track cannot come back supported.
WRONG_STATUS = "Median first-response time is Off Track."


def answered(text: str, *ids: str, field: str = "status", value: str = "On Track") -> dict:
    return {"text": text, "citations": list(ids), "facts": [{"record_id": ids[0], "field": field, "value": value}]}


@pytest.fixture
def good(pack, bundle) -> Claim:
    """Return a claim about kpi-nw-1 the verifier confirms: the offline drafter's own achievement."""
    claims = OfflineDrafter().draft("key_achievements", pack, bundle).claims
    claim = next(c for c in claims if c.citations == ["kpi-nw-1"])
    assert verify_claim(claim, bundle).verdict == "supported"
    return claim


def test_the_schema_asks_each_claim_for_the_facts_it_relies_on(server, drafter, pack, bundle):
    drafter.draft("executive_summary", pack, bundle)
    item = server.chat_requests()[0].tool_schema()["properties"]["claims"]["items"]
    assert "facts" in item["required"]
    fact = item["properties"]["facts"]["items"]
    fact = server.chat_requests()[0].tool_schema().get("$defs", {}).get("Fact", fact)
    assert set(fact["required"]) == {"record_id", "field", "value"}
    assert "kpi-nw-1" in fact["properties"]["record_id"]["enum"]
    assert "percent_change" in fact["properties"]["field"]["description"]


def test_the_prompt_describes_the_phrasing_the_verifier_understands(server, drafter, pack, bundle):
    drafter.draft("executive_summary", pack, bundle)
    system = server.chat_requests()[0].body["messages"][0]["content"]
    for phrase in (
        '"from A to B"',
        '"against a target of T"',
        "a target is not a current value",
        "more than X",
        "Off Track, Not Started, Blocked",
        "title and role",
        "No universals or superlatives",
        "ROI",
        'List in "facts"',
    ):
        assert phrase in system
    assert drafter.prompt_version == prompts.PROMPT_VERSION == "llm-2"


def test_a_claim_the_verifier_cannot_confirm_gets_one_targeted_repair(server, drafter, pack, bundle, good):
    server.then(
        tool_reply(SECTION, {"claims": [answered(WRONG_STATUS, "kpi-nw-1")]}),
        tool_reply(REPAIR, {"claims": [answered(good.text, *good.citations)]}),
    )
    draft = drafter.draft("executive_summary", pack, bundle)
    first, repair = server.chat_requests()
    assert repair.tool_name() == REPAIR and repair.body["tool_choice"]["function"]["name"] == REPAIR
    asked = repair.body["messages"][-1]["content"]
    assert f'"{WRONG_STATUS}" citing kpi-nw-1' in asked and "On Track" in asked  # the phrase and the record
    assert repair.body["messages"][:2] == first.body["messages"]  # same instructions and records, then the ask
    assert [c.text for c in draft.claims] == [good.text] and draft.fallback_reason is None
    assert draft.usage.calls == 2


def test_a_repair_that_does_not_help_leaves_the_claim_and_is_not_asked_again(server, drafter, pack, bundle):
    still_wrong = "Median first-response time remains Off Track."
    server.then(
        tool_reply(SECTION, {"claims": [answered(WRONG_STATUS, "kpi-nw-1")]}),
        tool_reply(REPAIR, {"claims": [answered(still_wrong, "kpi-nw-1")]}),
    )
    draft = drafter.draft("executive_summary", pack, bundle)
    assert [c.text for c in draft.claims] == [WRONG_STATUS]
    assert [r.tool_name() for r in server.chat_requests()] == [SECTION, REPAIR]


def test_a_confirmed_draft_needs_no_repair(server, drafter, pack, bundle, good):
    server.then(tool_reply(SECTION, {"claims": [answered(good.text, *good.citations)]}))
    draft = drafter.draft("executive_summary", pack, bundle)
    assert [r.tool_name() for r in server.chat_requests()] == [SECTION]
    assert [c.text for c in draft.claims] == [good.text]


@pytest.mark.parametrize(
    "reply", [text_reply("I cannot."), error_reply(503), error_reply(400)], ids=["unfit", "transient", "refused"]
)
def test_a_failed_repair_keeps_the_draft_without_falling_back(server, drafter, offline, pack, bundle, reply):
    server.then(tool_reply(SECTION, {"claims": [answered(WRONG_STATUS, "kpi-nw-1")]}), reply)
    draft = drafter.draft("executive_summary", pack, bundle)
    assert [c.text for c in draft.claims] == [WRONG_STATUS]
    assert draft.fallback_reason is None and offline.parts == []
    assert len(server.chat_requests()) == 2


def test_only_the_unconfirmed_claims_are_named_and_replaced(server, drafter, pack, bundle, good):
    fine = answered("ARR is 240,000 USD.", "acc-northwind", field="arr", value="240000")
    server.then(
        tool_reply(SECTION, {"claims": [fine, answered(WRONG_STATUS, "kpi-nw-1")]}),
        tool_reply(REPAIR, {"claims": [answered(good.text, *good.citations)]}),
    )
    draft = drafter.draft("executive_summary", pack, bundle)
    asked = server.chat_requests()[1].body["messages"][-1]["content"]
    assert "ARR is 240,000 USD." not in asked and "1. " in asked and "2. " not in asked
    schema = server.chat_requests()[1].tool_schema()["properties"]["claims"]
    assert (schema["minItems"], schema["maxItems"]) == (1, 1)
    assert [c.text for c in draft.claims] == ["ARR is 240,000 USD.", good.text]


def test_the_records_a_claim_relies_on_join_its_citations(server, drafter, pack, bundle):
    claim = {
        "text": "Dana Ruiz is the Executive Sponsor.",
        "citations": ["acc-northwind"],
        "facts": [{"record_id": "con-nw-1", "field": "role", "value": "Executive Sponsor"}],
    }
    server.then(tool_reply("SectionDraft", {"claims": [claim]}))
    [only] = drafter.draft("key_stakeholders", pack, bundle).claims
    assert only.citations == ["acc-northwind", "con-nw-1"]


def goal_answer(evidence: dict) -> dict:
    return {
        "goal": answered("Cut first-response time for patient enquiries.", "obj-nw-1", field="name", value="x"),
        "delivered_work": [],
        "evidence": [evidence],
        "outcome": answered("No outcome is proven yet.", "obj-nw-1", field="status", value="x"),
        "open_risk": [],
        "next_recommendation": {**answered("Review the KPI.", "kpi-nw-1"), "owner": "u-maria", "due": "2026-12-31"},
        "caveats": [],
    }


def test_a_goal_with_an_unconfirmed_evidence_claim_gets_one_repair(server, drafter, pack, bundle, good):
    def reply(request):  # noqa: ANN001, ANN202
        if request.tool_name() == REPAIR:
            return tool_reply(
                REPAIR,
                {
                    "claims": [
                        answered(good.text, *good.citations)
                        for _ in range(request.tool_schema()["properties"]["claims"]["minItems"])
                    ]
                },
            )
        if "objective) obj-nw-1" in request.text():
            return tool_reply(GOAL, goal_answer(answered(WRONG_STATUS, "kpi-nw-1")))
        return tool_reply(GOAL, goal_answer(answered(good.text, *good.citations)))

    server.responder = reply
    draft = drafter.draft("value_recap", pack, bundle)
    repairs = [r for r in server.chat_requests() if r.tool_name() == REPAIR and "objective) obj-nw-1" in r.text()]
    assert len(repairs) == 1 and WRONG_STATUS in repairs[0].body["messages"][-1]["content"]
    first = next(e for e in draft.value_recap if e.objective_id == "obj-nw-1")
    assert [c.text for c in first.evidence] == [good.text]
    assert first.next_recommendation.owner == "u-maria"
