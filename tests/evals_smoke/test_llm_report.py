"""The LLM report groups verifier reasons by the rule that failed."""

from __future__ import annotations

import pytest

from evals.llm_report import categorise, markdown


@pytest.mark.parametrize(
    ("reason", "category"),
    [
        ("'kpi-x' is not a record of this account", "citation: foreign or nonexistent id"),
        ("the claim cites no record", "citation: none"),
        ("the date '2026-12-01' does not match any date on the cited records (dates: 2026-11-10)", "date"),
        (
            "'75%' is stated as a percent change, but the cited values give -58.3% (kpi-nw-1)",
            "number: wrong kind of derived value",
        ),
        (
            "'7 hours' does not match any value in the cited records (kpi-nw-1: baseline 12)",
            "number: not in the records",
        ),
        ("'Dana Ruiz' (con-nw-1) is named but is not a cited contact", "person not cited"),
        ("kpi-nw-3 is not eligible as a key achievement: status is Off Track", "achievement rule"),
        ("the claim says too little to check (0 words): write a sentence", "no sentence: a bare date, number or id"),
        ("something new", "other"),
    ],
    ids=["foreign", "none", "date", "derived", "number", "person", "achievement", "too-little", "other"],
)
def test_reasons_are_grouped_by_rule(reason: str, category: str) -> None:
    assert categorise(reason) == category


def test_markdown_states_the_share_flagged() -> None:
    result = {
        "llm": "openai:m",
        "claims": 10,
        "flagged": 4,
        "flagged_share": 0.4,
        "approved_on_its_own": 0,
        "reasons": {"date": 3, "other": 1},
        "accounts": [
            {"account_id": "acc-1", "claims": 10, "flagged": 4, "calls": 9, "fallback_parts": [], "seconds": 3.0}
        ],
    }
    text = markdown(result)
    assert "4 of 10 claims flagged by the verifier (40%)" in text and "| date | 3 |" in text
