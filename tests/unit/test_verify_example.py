"""Every claim of the spec's example recap (docs/example-recap.md) is correct, so the verifier must pass it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from state.bundle import Bundle
from state.recap import Claim, Recap, ValueRecapEntry
from tools.verify import verify_claim, verify_recap

BUNDLE = Bundle.model_validate(json.loads((Path(__file__).parents[2] / "docs" / "example-bundle.json").read_text()))
REC = {"kind": "recommendation", "owner": "u-maria"}

# (id, section, text, citations, extra fields). Render-only notes like "*(owner review: ...)*" are left out;
# "None yet." gets a citation because every claim must cite one.
EXAMPLE_CLAIMS: list[tuple[str, str, str, list[str], dict]] = [
    (
        "stakeholder-dana",
        "key_stakeholders",
        "Dana Ruiz, VP Patient Operations (Executive Sponsor, high influence), last engaged 2026-10-28.",
        ["con-nw-1"],
        {},
    ),
    (
        "stakeholder-omar",
        "key_stakeholders",
        "Omar Haddad, Contact Center Manager (Champion, medium influence), last engaged 2026-11-12.",
        ["con-nw-2"],
        {},
    ),
    (
        "stakeholder-lena",
        "key_stakeholders",
        "Lena Park, Director of IT (Decision Maker, high influence), last "
        "engaged 2026-08-03, the longest gap among the stakeholders; she owns the blocked EHR integration.",
        ["con-nw-3", "act-nw-2"],
        {},
    ),
    (
        "summary-response",
        "executive_summary",
        "Patient enquiries are answered faster: median first-response time "
        "fell from 12 hours to 5 hours against a 4-hour target, and self-service now answers 36% of enquiries, above "
        "its 35% target.",
        ["kpi-nw-1", "kpi-nw-2"],
        {},
    ),
    (
        "summary-scheduling",
        "executive_summary",
        "The second goal, removing duplicate data entry in scheduling, is "
        "Off Track: 850 appointments a week are still re-keyed by hand against a target of 100, because the EHR "
        "vendor has not granted API access.",
        ["kpi-nw-3", "risk-nw-1"],
        {},
    ),
    ("summary-arr", "executive_summary", "ARR is 240,000 USD; renewal is due 2027-03-31.", ["acc-northwind"], {}),
    (
        "achievement-self-service",
        "key_achievements",
        "**Enquiries answered by self-service: Completed.** 10% → 36% against a 35% target.",
        ["kpi-nw-2"],
        {"kind": "proven_outcome"},
    ),
    (
        "achievement-response",
        "key_achievements",
        "**Median first-response time: On Track, 88% of the way to "
        "target.** 12 hours → 5 hours against a 4-hour target.",
        ["kpi-nw-1"],
        {"kind": "proven_outcome"},
    ),
    (
        "risk-ehr",
        "risks_and_blockers",
        "**EHR integration blocked by vendor** (High, Open since 2026-10-01): without "
        "API access the duplicate-entry objective will miss its date. Escalated on 2026-11-12.",
        ["risk-nw-1", "act-nw-2"],
        {},
    ),
    (
        "risk-rekeying",
        "risks_and_blockers",
        "**Appointments re-keyed manually per week is Off Track**: 900 → 850 against a target of 100.",
        ["kpi-nw-3"],
        {},
    ),
    (
        "risk-csat",
        "risks_and_blockers",
        "A CSAT score of 3 from the contact-center manager on 2026-11-02 points at "
        "scheduling pain (not quotable: no permission).",
        ["fb-nw-2", "con-nw-2"],
        {},
    ),
    (
        "expansion-billing",
        "expansion_opportunities",
        "Dana asked about adding the billing department next year and wants pricing for 40 more seats.",
        ["act-nw-1", "con-nw-1"],
        {"kind": "likely_benefit"},
    ),
    (
        "strategic-revised-date",
        "strategic_next_steps",
        "Agree a revised date for the scheduling objective with Lena Park once the EHR vendor grants API access.",
        ["obj-nw-2", "risk-nw-1", "con-nw-3"],
        {**REC, "due": "2026-12-15"},
    ),
    (
        "strategic-proposal",
        "strategic_next_steps",
        "Prepare a billing-department proposal for the renewal conversation.",
        ["act-nw-1"],
        {**REC, "due": "2027-01-31"},
    ),
    (
        "action-ask-lena",
        "immediate_actions",
        "Ask Lena Park for the EHR vendor's committed date for API access.",
        ["act-nw-2", "con-nw-3"],
        {**REC, "due": "2026-11-30"},
    ),
    (
        "action-pricing",
        "immediate_actions",
        "Send Dana pricing for 40 more seats.",
        ["act-nw-1"],
        {**REC, "due": "2026-12-05"},
    ),
    ("goal-response", "value_recap", "Patients waited too long for a first reply.", ["obj-nw-1", "bc-nw-1"], {}),
    ("goal-scheduling", "value_recap", "Staff re-key appointments into two systems.", ["obj-nw-2", "bc-nw-2"], {}),
    (
        "delivered-response",
        "value_recap",
        "Patient FAQ bot launched 2026-06-24; agents trained on triage macros 2026-07-29.",
        ["pt-nw-1", "pt-nw-2"],
        {},
    ),
    ("delivered-scheduling", "value_recap", "Scheduling API connection to the EHR: Blocked.", ["pt-nw-3"], {}),
    (
        "evidence-response",
        "value_recap",
        "Median first response 12 h → 5 h; self-service 10% → 36%; weekly active agents 61 → 84 (Aug → Oct 2026).",
        ["kpi-nw-1", "kpi-nw-2", "use-nw-1", "use-nw-2"],
        {},
    ),
    ("evidence-scheduling", "value_recap", "Manual re-keying 900 → 850 a week.", ["kpi-nw-3"], {}),
    (
        "outcome-response",
        "value_recap",
        '*Proven:* Dana Ruiz (NPS 9): "The team finally answers patients the same day."',
        ["fb-nw-1", "con-nw-1"],
        {"kind": "proven_outcome"},
    ),
    ("outcome-scheduling", "value_recap", "*None yet.*", ["obj-nw-2"], {}),
    ("open-risk-response", "value_recap", "First response is 1 hour above target.", ["kpi-nw-1"], {}),
    (
        "open-risk-scheduling",
        "value_recap",
        "EHR API access blocked; target date 2027-01-31 at risk.",
        ["risk-nw-1", "obj-nw-2"],
        {},
    ),
    (
        "next-response",
        "value_recap",
        "Hold the 4-hour target through renewal and report it monthly.",
        ["kpi-nw-1"],
        {**REC, "due": "2026-12-31"},
    ),
    ("next-scheduling", "value_recap", "See Immediate Actions.", ["act-nw-2"], {**REC, "due": "2026-11-30"}),
    (
        "caveat-attribution",
        "caveats",
        "The response-time gains coincide with the FAQ bot and the triage macros; no "
        "record isolates how much of the gain each one caused.",
        ["pt-nw-1", "pt-nw-2", "kpi-nw-1"],
        {},
    ),
    ("caveat-roi", "caveats", "No ROI or money-saved figure is stated: no record holds one.", ["acc-northwind"], {}),
]
OWNER_REVIEW_IDS = {
    "summary-arr",
    "expansion-billing",
    "strategic-revised-date",
    "strategic-proposal",
    "action-pricing",
    "next-response",
    "caveat-roi",
}


def claim_of(row: tuple[str, str, str, list[str], dict]) -> Claim:
    claim_id, section, text, citations, extra = row
    return Claim(id=claim_id, section=section, text=text, citations=citations, **extra)


@pytest.mark.parametrize("row", EXAMPLE_CLAIMS, ids=[r[0] for r in EXAMPLE_CLAIMS])
def test_example_recap_claim_is_supported(row: tuple[str, str, str, list[str], dict]) -> None:
    result = verify_claim(claim_of(row), BUNDLE)
    assert result.supported, result.reasons
    assert result.reasons == []


@pytest.mark.parametrize("row", EXAMPLE_CLAIMS, ids=[r[0] for r in EXAMPLE_CLAIMS])
def test_example_recap_owner_review_flags(row: tuple[str, str, str, list[str], dict]) -> None:
    result = verify_claim(claim_of(row), BUNDLE)
    assert ("owner_review" in result.flags) is (row[0] in OWNER_REVIEW_IDS)
    assert not {"personal_data", "confidential", "disputed", "unquotable_feedback"} & set(result.flags)


def _recap(claims: dict[str, Claim]) -> Recap:
    sections = {
        s: []
        for s in (
            "key_stakeholders",
            "executive_summary",
            "key_achievements",
            "risks_and_blockers",
            "expansion_opportunities",
            "strategic_next_steps",
            "immediate_actions",
        )
    }
    for claim in claims.values():
        if claim.section in sections:
            sections[claim.section].append(claim)
    entry = ValueRecapEntry(
        objective_id="obj-nw-1",
        goal=claims["goal-response"],
        delivered_work=[claims["delivered-response"]],
        evidence=[claims["evidence-response"]],
        outcome=claims["outcome-response"],
        open_risk=[claims["open-risk-response"]],
        next_recommendation=claims["next-response"],
    )
    return Recap(sections=sections, value_recap=[entry], caveats=[claims["caveat-attribution"]])


def test_verify_recap_verifies_every_claim_of_the_example() -> None:
    claims = {row[0]: claim_of(row) for row in EXAMPLE_CLAIMS}
    verified = verify_recap(_recap(claims), BUNDLE)
    every = list(verified.all_claims())
    assert len(every) == len(list(_recap(claims).all_claims()))
    assert all(c.supported for c in every), [(c.id, c.reasons) for c in every if not c.supported]


def test_verify_recap_marks_a_wrong_value_recap_claim_unsupported() -> None:
    claims = {row[0]: claim_of(row) for row in EXAMPLE_CLAIMS}
    claims["open-risk-response"] = claims["open-risk-response"].model_copy(
        update={"text": "First response is 3 hours above target.", "supported": True}
    )
    verified = verify_recap(_recap(claims), BUNDLE)
    assert verified.value_recap[0].open_risk[0].supported is False
    assert verified.claim("summary-response").supported is True


def test_verify_recap_leaves_the_input_untouched() -> None:
    claims = {row[0]: claim_of(row) for row in EXAMPLE_CLAIMS}
    recap = _recap(claims)
    verify_recap(recap, BUNDLE)
    assert all(c.supported is False and c.flags == [] for c in recap.all_claims())
