"""Measurement events derive from state with keys that make each one count once."""

from __future__ import annotations

from state.recap import Claim, Recap
from state.records import RunRecord
from tools.events import created_events, decision_events
from tools.runs import RunStore

RUN = RunRecord("run-1", "acc-1", "u-1", "u-1", "awaiting_review", "t0", "t0", "2026-11-23")


def draft() -> Recap:
    return Recap.model_validate(recap_values()["recap"])


def recap_values() -> dict:
    r = Recap()
    r.sections["executive_summary"] = [Claim(id="es-1", text="t", citations=["x"], supported=True)]
    r.caveats = [Claim(id="cv-1", text="c", citations=["x"], supported=True, section="caveats")]
    return {"recap": r.to_state()}


def test_created_events_name_the_caveats() -> None:
    events = created_events(RUN, draft())
    assert [(e.event, e.claim_id) for e in events] == [("recap_created", None), ("caveat_added", "cv-1")]


def test_edit_events_are_keyed_by_review_round() -> None:
    values = recap_values() | {
        "last_decision": {
            "decision": "edit",
            "actor": "u-1",
            "at": "2026-11-23T10:00:00",
            "round": 2,
            "summary": {"edited": ["es-1"], "removed": ["es-2"], "added": ["own-1"], "caveats_added": ["own-1"]},
        }
    }
    events = decision_events(RUN, values, draft())
    assert [e.key for e in events] == [
        "run-1:decision_edited:2",
        "run-1:claim_edited:2:es-1",
        "run-1:claim_removed:2:es-2",
        "run-1:caveat_added:own-1",
    ]


def test_approval_events_only_once_approved() -> None:
    decision = {"decision": "approve", "actor": "u-1", "at": "t", "round": 0}
    assert decision_events(RUN, recap_values() | {"last_decision": decision}, draft()) == []
    events = decision_events(RUN, recap_values() | {"last_decision": decision, "status": "approved"}, draft())
    assert [e.event for e in events] == ["decision_approved", "claim_approved", "claim_approved"]


def test_refused_decision_logs_nothing() -> None:
    decision = {"decision": "approve", "actor": "u-1", "at": "t", "round": 0, "refused": True}
    assert decision_events(RUN, recap_values() | {"last_decision": decision, "status": "approved"}, draft()) == []


def test_store_logs_each_key_once(tmp_path) -> None:
    store = RunStore(tmp_path / "r.db")
    events = created_events(RUN, draft())
    assert store.log_events(events) == 2
    assert store.log_events(events) == 0
    assert store.counts(["acc-1"])["caveat_added"] == 1
    assert store.counts([])["recap_created"] == 0
