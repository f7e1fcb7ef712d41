"""The value recap (one call per goal) and drafting all parts from parallel threads."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from loopback_openai import Reply, Request, auto_reply, tool_reply

from tools.drafting.base import DRAFT_PARTS
from tools.drafting.llm import LlmDrafter
from tools.drafting.offline import OfflineDrafter

GOAL = "GoalRecap"


def one(text: str, *ids: str) -> dict:
    return {"text": text, "citations": list(ids), "facts": [{"record_id": ids[0], "field": "name", "value": "x"}]}


def goal_answer(objective_id: str) -> dict:
    kpi = "kpi-nw-1" if objective_id == "obj-nw-1" else "kpi-nw-3"
    return {
        "goal": one("The goal.", objective_id),
        "delivered_work": [],
        "evidence": [one("KPI values.", kpi)],
        "outcome": one("No outcome proven yet.", objective_id),
        "open_risk": [],
        "next_recommendation": {**one("Review the KPI.", kpi), "owner": "u-maria", "due": "2026-12-31"},
        "caveats": [one("Attribution is unclear.", objective_id)],
    }


def goal_of(request: Request) -> str:
    """Return the objective id whose value recap the request asks for."""
    return "obj-nw-1" if "objective) obj-nw-1" in request.text() else "obj-nw-2"


def by_goal(request: Request) -> Reply:
    """Answer each goal's request for that goal."""
    return tool_reply(GOAL, goal_answer(goal_of(request)))


def test_value_recap_drafts_one_entry_per_goal(server, drafter, pack, bundle):
    server.responder = by_goal
    draft = drafter.draft("value_recap", pack, bundle)
    assert draft.fallback_reason is None
    assert [e.objective_id for e in draft.value_recap] == ["obj-nw-1", "obj-nw-2"]
    first = draft.value_recap[0]
    assert first.evidence[0].kind == "proven_outcome" and first.outcome.kind == "likely_benefit"
    assert (first.next_recommendation.kind, first.next_recommendation.due) == ("recommendation", "2026-12-31")
    assert len(draft.caveats) == 2 and draft.caveats[0].section == "caveats"
    assert draft.usage.calls == 2


def test_each_goal_prompt_shows_only_that_goal(server, drafter, pack, bundle):
    server.responder = by_goal
    drafter.draft("value_recap", pack, bundle)
    texts = {goal_of(r): r.text() for r in server.chat_requests()}
    assert '"id": "kpi-nw-3"' in texts["obj-nw-2"] and '"id": "kpi-nw-3"' not in texts["obj-nw-1"]


def test_a_goal_that_fails_twice_takes_the_offline_entry(server, pack, bundle):
    from tools.drafting.offline import OfflineDrafter

    def broken_second_goal(request: Request) -> Reply:
        if goal_of(request) == "obj-nw-2":
            return tool_reply(GOAL, {"goal": "not a claim"})
        return by_goal(request)

    server.responder = broken_second_goal
    drafter = LlmDrafter("m", base_url=server.url, api_key="k", timeout=5.0, fallback=OfflineDrafter())
    draft = drafter.draft("value_recap", pack, bundle)
    assert [e.objective_id for e in draft.value_recap] == ["obj-nw-1", "obj-nw-2"]
    assert draft.value_recap[0].goal.text == "The goal."
    assert draft.value_recap[1].goal.text != "The goal."
    assert draft.fallback_reason.startswith("obj-nw-2:")
    assert draft.usage.calls == 3


def test_all_goals_failing_falls_back_for_the_whole_part(server, drafter, offline, pack, bundle):
    server.responder = lambda request: tool_reply(GOAL, {})
    draft = drafter.draft("value_recap", pack, bundle)
    assert offline.parts == ["value_recap"] and draft.fallback_reason
    assert draft.usage.calls == 4


def checkable_sample(pack, bundle):
    """Answer with the schema's sample, but key achievements with a sentence the verifier confirms."""
    [first, *_] = OfflineDrafter().draft("key_achievements", pack, bundle).claims
    achievement = tool_reply("SectionDraft", {"claims": [one(first.text, *first.citations)]})

    def reply(request: Request) -> Reply:
        if request.tool_name() == GOAL:
            return by_goal(request)
        return achievement if "Write the Key Achievements" in request.text() else auto_reply(request)

    return reply


def test_eight_parts_from_eight_threads_run_concurrently(server, drafter, pack, bundle):
    server.responder = checkable_sample(pack, bundle)  # nothing to repair: one round of calls
    server.delay = 1.0  # long enough that parts drafted in parallel are answered at the same time
    with ThreadPoolExecutor(max_workers=len(DRAFT_PARTS)) as pool:
        drafts = list(pool.map(lambda part: drafter.draft(part, pack, bundle), DRAFT_PARTS))
    assert [d.part for d in drafts] == list(DRAFT_PARTS)
    assert all(d.fallback_reason is None for d in drafts)
    assert all(d.claims for d in drafts if d.part != "value_recap") and drafts[-1].value_recap
    assert len(server.chat_requests()) == len(DRAFT_PARTS) + 1  # the value recap asks once per goal
    # Concurrency seen by the server, not a wall time (timing lives in `python -m evals.bench`).
    assert server.max_in_flight > len(DRAFT_PARTS) // 2
