"""Three verdicts on the failure categories of issue 9: values in their roles, bounds, ratios, counts, status,
roles and attribution, timing, quotes, and meaning-bearing words the verifier cannot check (self-written cases)."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

import pytest

from state.bundle import Bundle
from state.recap import Claim
from state.validation import validate_bundle
from tools.verify import verify_claim
from tools.verify.lexicon import TERMS, scan

AS_OF = dt.date(2026, 11, 23)
RAW = {
    "account": {"id": "acc-t", "name": "Tessel Freight", "owner": "u-lee", "arr": 150000, "currency": "USD"},
    "contacts": [
        {"id": "con-t-1", "name": "Ana Silva", "title": "Ops Manager", "role": "Champion"},
        {"id": "con-t-2", "name": "Ben Okoro", "title": "COO", "role": "Executive Sponsor"},
    ],
    "objectives": [{"id": "obj-t-1", "name": "Automate order intake", "status": "In Progress"}],
    "objective_kpis": [
        {
            "id": "kpi-t-1",
            "objective_id": "obj-t-1",
            "name": "Hours spent re-keying orders per week",
            "unit": "hours",
            "baseline": 30,
            "current": 8,
            "target": 5,
            "direction": "decrease",
            "status": "On Track",
        },
        {
            "id": "kpi-t-2",
            "objective_id": "obj-t-1",
            "name": "Monthly orders processed",
            "unit": "orders",
            "baseline": 4000,
            "current": 6500,
            "target": 20000,
            "status": "On Track",
        },
        {
            "id": "kpi-t-3",
            "objective_id": "obj-t-1",
            "name": "Paper forms per month",
            "unit": "forms",
            "baseline": 1000,
            "current": 400,
            "target": 100,
            "direction": "decrease",
            "status": "Off Track",
        },
        {"id": "kpi-t-4", "objective_id": "obj-t-1", "name": "Carrier portal launched", "status": "Completed"},
    ],
    "playbooks": [{"id": "pb-t-1", "name": "Onboarding playbook", "objective_id": "obj-t-1", "status": "Completed"}],
    "playbook_tasks": [
        {
            "id": "pt-t-1",
            "playbook_id": "pb-t-1",
            "title": "Configure EDI mapping",
            "status": "Completed",
            "due_date": "2026-05-15",
            "completed_date": "2026-05-20",
        },
    ],
    "feedback": [
        {
            "id": "fb-t-1",
            "date": "2026-10-01",
            "source": "NPS",
            "contact_id": "con-t-2",
            "score": 9,
            "comment": "Order intake is finally under control.",
            "permission_to_quote": True,
        }
    ],
    "usage": [
        {"id": "use-t-1", "metric": "portal_orders", "period": "2026-06", "value": 300},
        {"id": "use-t-2", "metric": "portal_orders", "period": "2026-09", "value": 950},
        {"id": "use-t-3", "metric": "auto_orders", "period": "2026-10", "value": 11400},
    ],
}
BUNDLE: Bundle = validate_bundle(RAW)
KPIS = ["kpi-t-1", "kpi-t-2", "kpi-t-3", "kpi-t-4"]


class Case(NamedTuple):
    id: str
    text: str
    cites: list[str]
    verdict: str


CASES = [
    # values in their roles
    Case("role-target-as-current", "Re-keying fell from 30 to 5 hours a week.", ["kpi-t-1"], "contradicted"),
    Case("role-right", "Re-keying fell from 30 to 8 hours a week against a target of 5.", ["kpi-t-1"], "supported"),
    Case("role-grew-to-target", "Monthly orders processed grew to 20,000.", ["kpi-t-2"], "contradicted"),
    Case(
        "derived-fewer-than-baseline",
        "The team spends 22 fewer hours a week on re-keying than at baseline.",
        ["kpi-t-1"],
        "supported",
    ),
    Case("derived-above-target", "Re-keying is still 3 hours a week above its target.", ["kpi-t-1"], "supported"),
    Case(
        "derived-short-of-target",
        "Monthly orders processed are 13,500 short of the 20,000 monthly target.",
        ["kpi-t-2"],
        "supported",
    ),
    Case("derived-percent-to", "Monthly orders processed grew 62.5% to 6,500.", ["kpi-t-2"], "supported"),
    # bounds, multipliers, fractions
    Case("bound-over-wrong", "Auto orders reached over 12,000 in October.", ["use-t-3"], "contradicted"),
    Case("bound-nearly-right", "Auto orders reached nearly 12,000 in October.", ["use-t-3"], "supported"),
    Case("ratio-doubled-wrong", "Portal orders doubled from 300 to 950.", ["use-t-1", "use-t-2"], "contradicted"),
    Case(
        "ratio-tripled-right", "Portal orders more than tripled from 300 to 950.", ["use-t-1", "use-t-2"], "supported"
    ),
    Case("fraction-wrong", "Paper forms were cut by more than three-quarters.", ["kpi-t-3"], "contradicted"),
    Case("fraction-right", "Paper forms were cut by 60%.", ["kpi-t-3"], "supported"),
    # counts of records with a stated property
    Case("count-right", "Three of the four KPIs are On Track or Completed.", KPIS, "supported"),
    Case("count-wrong", "Two of the four KPIs are Off Track or Blocked.", KPIS, "contradicted"),
    # status and outcome words
    Case("status-in-progress-wrong", "The onboarding playbook is still in progress.", ["pb-t-1"], "contradicted"),
    Case("outcome-eliminated-wrong", "The team has eliminated manual re-keying.", ["kpi-t-1"], "contradicted"),
    # roles and attribution, across the whole claim
    Case("role-wrong", "Ana Silva, our executive sponsor, approved the rollout plan.", ["con-t-1"], "contradicted"),
    Case("role-right-person", "Ben Okoro is the Executive Sponsor.", ["con-t-2"], "supported"),
    Case("score-wrong-person", "Ana gave us an NPS of 9.", ["fb-t-1", "con-t-1"], "contradicted"),
    Case("score-right-person", "Ben gave us an NPS of 9.", ["fb-t-1", "con-t-2"], "supported"),
    Case(
        "quote-one-word-changed",
        'Ben wrote: "Order intake is finally under contract."',
        ["fb-t-1", "con-t-2"],
        "contradicted",
    ),
    # timing against due and completion dates
    Case("timing-on-time-wrong", "The EDI mapping was delivered on time.", ["pt-t-1"], "contradicted"),
    Case("timing-late-right", "The EDI mapping was delivered five days late.", ["pt-t-1"], "supported"),
    Case("timing-early-wrong", "The EDI mapping went live a week early.", ["pt-t-1"], "contradicted"),
    # meaning-bearing words that no record can confirm
    Case("superlative", "October was the best month ever for auto orders.", ["use-t-3"], "unverifiable"),
    Case("forecast", "Monthly orders processed will reach 20,000 next quarter.", ["kpi-t-2"], "unverifiable"),
    Case("cause", "Paper forms fell because the drivers love the new app.", ["kpi-t-3"], "unverifiable"),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_verdict(case: Case) -> None:
    result = verify_claim(Claim(id=case.id, text=case.text, citations=case.cites), BUNDLE, as_of=AS_OF)
    assert result.verdict == case.verdict, result.reasons
    assert result.supported is (case.verdict == "supported")
    assert (result.reasons == []) is (case.verdict == "supported")


def test_a_contradiction_names_the_recorded_value() -> None:
    result = verify_claim(
        Claim(id="c", text="Re-keying fell from 30 to 5 hours a week.", citations=["kpi-t-1"]), BUNDLE
    )
    assert result.reasons == [
        "'5 hours' is stated as the current value, but it is the target of kpi-t-1; the recorded current is 8"
    ]


def test_one_reason_per_failed_mention() -> None:
    text = "Ana Silva, our executive sponsor, saw re-keying fall from 30 to 5 hours."
    result = verify_claim(Claim(id="c", text=text, citations=["kpi-t-1", "con-t-1"]), BUNDLE)
    assert result.verdict == "contradicted"
    assert len(result.reasons) == 2, result.reasons


def test_the_lexicon_is_one_table_and_a_new_row_is_a_new_phrase() -> None:
    kinds = {t.kind for t in TERMS}
    assert {"status", "timing", "ratio", "fraction", "bound", "role", "unchecked"} <= kinds
    found = [(t.kind, text[s:e]) for text in ["Orders quadrupled, the best month ever."] for t, s, e in scan(text)]
    assert ("ratio", "quadrupled") in found and ("unchecked", "best") in found
