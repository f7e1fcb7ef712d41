"""Round-11 verifier rules, found on the opened round-10 claims and on the development set as a whole: each
wrong claim has a twin that must pass.
"""

from __future__ import annotations

from typing import Any

import pytest
from example_variants import AS_OF, another_risk, variant

from state.recap import Claim
from tools.verify import verify_claim
from tools.verify.common_words import COMMON_WORDS

KPIS = ["kpi-nw-1", "kpi-nw-2", "kpi-nw-3"]
NOTE = {"act-nw-2": {"notes": "Tomasz escalated a 900 kg write-off after a compressor fault in hall B."}}
LEAFLETS = {
    "kpi-nw-2": {
        "name": "Households reached by leaflets",
        "unit": "households",
        "baseline": 0,
        "current": 0,
        "target": 60000,
        "status": "Not Started",
    }
}

# (id, text, citations, changed records, expected verdict)
CASES: list[tuple[str, str, list[str], dict[str, Any], str]] = [
    # two or more words neither the cited records nor the account's names hold, nor everyday recap words
    ("new-words", "Tomasz traced the hall B write-off to a failed door seal.", ["act-nw-2"], NOTE, "unverifiable"),
    (
        "new-words-twin",
        "Tomasz escalated a 900 kg write-off after a compressor fault in hall B.",
        ["act-nw-2"],
        NOTE,
        "supported",
    ),
    ("common-words", "Send Lena the weekly summary deck before the renewal call.", ["act-nw-2"], {}, "supported"),
    # a list in brackets after the counted property names the records
    ("bracket-list-wrong", "One KPI is off track (first response).", KPIS, {}, "contradicted"),
    ("bracket-list-right", "One KPI is off track (manual re-keying).", KPIS, {}, "supported"),
    # '0 of 60,000 households': the whole is counted against, not reached
    ("of-the-whole", "Leaflets have reached 0 of 60,000 households.", ["kpi-nw-2"], LEAFLETS, "supported"),
    ("of-the-whole-wrong", "Leaflets have reached 60,000 households.", ["kpi-nw-2"], LEAFLETS, "contradicted"),
    # 'the holiday booking peak' is a season
    ("season-peak", "The scheduling API is overdue ahead of the holiday booking peak.", ["pt-nw-3"], {}, "supported"),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_round_eleven_rule(case: tuple[str, str, list[str], dict[str, Any], str]) -> None:
    case_id, text, citations, changes, verdict = case
    claim = verify_claim(Claim(id=case_id, text=text, citations=citations), variant(changes), 0.5, as_of=AS_OF)
    assert claim.verdict == verdict, claim.reasons


def test_the_new_words_are_named_in_the_reason() -> None:
    text = "Tomasz traced the hall B write-off to a failed door seal."
    verified = verify_claim(Claim(id="seal", text=text, citations=["act-nw-2"]), variant(NOTE), 0.5, as_of=AS_OF)
    assert any("'door'" in reason for reason in verified.reasons), verified.reasons


def test_everyday_words_hold_no_account_specific_noun() -> None:
    # the list is for words that name nothing of their own; a product or a place in it would pass unchecked
    assert not {"seal", "door", "compressor", "analytics", "porto", "penguin"} & COMMON_WORDS


@pytest.mark.parametrize(("text", "verdict"), [("so it is live", "supported"), ("as it is live", "contradicted")])
def test_a_purpose_in_a_recommendation_is_no_state(text: str, verdict: str) -> None:
    claim = Claim(
        id="purpose",
        text=f"Plan the scheduling API work with Lena Park {text} before the renewal.",
        citations=["pt-nw-3", "con-nw-3"],
        kind="recommendation",
        owner="Lena Park",
        due="2026-12-10",
    )
    verified = verify_claim(claim, variant({}), 0.5, as_of=AS_OF)
    assert verified.verdict == verdict, verified.reasons


@pytest.mark.parametrize(("levels", "verdict"), [("High or Critical", "supported"), ("Low or Medium", "unverifiable")])
def test_a_count_may_give_two_levels(levels: str, verdict: str) -> None:
    added = [
        another_risk(id="risk-nw-2", title="Night cover", severity="Low"),
        another_risk(id="risk-nw-3", title="Budget", severity="Critical"),
    ]
    text = f"Two of the three risks are open at {levels} severity."
    claim = Claim(id="levels", text=text, citations=["risk-nw-1", "risk-nw-2", "risk-nw-3"])
    verified = verify_claim(claim, variant({"+risks": added}), 0.5, as_of=AS_OF)
    assert verified.verdict == verdict, verified.reasons
