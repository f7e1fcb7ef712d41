"""Typed run records and the rules written once: data versions, personal data, the achievements order."""

from __future__ import annotations

import pytest

from state.records import DecisionRecord, ListedRun, RunRecord, Versions, versions
from tools.drafting.context import redact
from tools.pii import find_personal_data, personal_data_spans

LUHN_CARD = "4111 1111 1111 1111"
NOT_A_CARD = "4111 1111 1111 1112"  # card-shaped, fails the Luhn check


@pytest.mark.parametrize(
    "state",
    [
        {"decision": "approve", "comment": None, "actor": "u-1", "at": "t", "round": 0},
        {"decision": "approve", "comment": "ok", "actor": "u-1", "at": "t", "round": 1, "refused": True},
        {"decision": "edit", "comment": None, "actor": "u-1", "at": "t", "round": 2, "summary": {"edited": ["es-1"]}},
    ],
    ids=["plain", "refused", "edit"],
)
def test_a_decision_record_keeps_the_state_s_shape(state: dict) -> None:
    assert DecisionRecord.from_state(state).to_state() == state
    assert list(DecisionRecord.from_state(state).to_state()) == list(state)


def test_a_run_record_reads_a_stored_row() -> None:
    row = {"run_id": "r", "account_id": "a", "owner": "o", "created_by": None, "status": "approved"}
    row |= {"created_at": "t0", "updated_at": "t1", "as_of": "2026-11-23", "drafting": '{"calls": 2}'}
    run = RunRecord.from_row(row | {"data_version": "3"})
    assert (run.drafting, run.data_version, run.decided_by) == ({"calls": 2}, 3, None)


@pytest.mark.parametrize(
    ("drafted", "verified", "current", "outdated", "unverified"),
    [(1, 1, 1, False, False), (1, 1, 2, True, True), (1, 2, 2, True, False), (None, None, 2, False, False)],
    ids=["current", "reloaded", "verified-again", "before-versions"],
)
def test_the_version_rule(
    drafted: int | None, verified: int | None, current: int, outdated: bool, unverified: bool
) -> None:
    v = Versions(drafted, verified, current)
    assert (v.outdated, v.unverified, v.current_everywhere) == (outdated, unverified, not (outdated or unverified))


def test_a_listed_run_is_outdated_by_the_same_rule() -> None:
    values = ("r", "a", "approved", "t0", "t1", None, None, None, None, None, "1", "Acme", "o", "{}", "2")
    assert ListedRun.from_values(values).outdated
    assert not ListedRun.from_values(values[:-1] + ("1",)).outdated


def test_versions_read_the_verified_version_from_the_state() -> None:
    run = RunRecord("r", "a", "o", None, "awaiting_review", "t0", "t1", "2026-11-23", data_version=1)
    assert versions(run, {"verified_version": 2}, 2) == Versions(1, 2, 2)
    assert versions(run, {}, 2) == Versions(1, 1, 2)


def test_flagging_and_redaction_share_the_card_rule_and_redaction_goes_wider() -> None:
    assert find_personal_data(f"card {LUHN_CARD}") == ["card"]
    assert "card" not in find_personal_data(f"ref {NOT_A_CARD}")
    assert personal_data_spans(f"ref {NOT_A_CARD}", every_long_number=True) == [(4, 23), (4, 18)]  # card, phone
    redacted = redact(f"ref {NOT_A_CARD} and card {LUHN_CARD}")
    assert redacted.count("[redacted]") == 2 and not any(ch.isdigit() for ch in redacted)
