"""Verifier flags (owner review, sensitive data, disputes, quotes) and the entry points' contract."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from state.bundle import Bundle
from state.recap import Claim
from tools.verify import VERIFIER_FLAGS, verify_claim

RAW = json.loads((Path(__file__).parents[2] / "docs" / "example-bundle.json").read_text())
BUNDLE = Bundle.model_validate(RAW)


def bundle_with(**changes: dict) -> Bundle:
    """Return the example bundle with fields of some records changed: bundle_with(**{"act-nw-1": {...}})."""
    raw = copy.deepcopy(RAW)
    for records in raw.values():
        for record in records if isinstance(records, list) else [records]:
            record.update(changes.get(record["id"], {}))
    return Bundle.model_validate(raw)


def check(text: str, citations: list[str], bundle: Bundle = BUNDLE, **fields: object) -> Claim:
    return verify_claim(Claim(id="c", text=text, citations=citations, **fields), bundle)


OWNER_REVIEW = [
    ("roi", "No ROI figure is recorded yet.", ["acc-northwind"], True),
    ("return-on-investment", "No return on investment figure is recorded.", ["acc-northwind"], True),
    ("money-saved", "No money-saved figure is recorded.", ["acc-northwind"], True),
    ("savings", "The FAQ bot may bring savings once measured.", ["pt-nw-1"], True),
    ("cost", "Manual re-keying costs staff time.", ["kpi-nw-3"], True),
    ("arr", "ARR is 240,000 USD.", ["acc-northwind"], True),
    ("currency-amount", "The account is worth $240,000 a year.", ["acc-northwind"], True),
    ("revenue", "Revenue from the account depends on the renewal.", ["acc-northwind"], True),
    ("renewal", "Renewal is due 2027-03-31.", ["acc-northwind"], True),
    ("renew", "Dana will decide whether to renew.", ["acc-northwind", "con-nw-1"], True),
    ("upsell", "The billing department is an upsell opportunity.", ["act-nw-1"], True),
    ("pricing", "Dana wants pricing for 40 more seats.", ["act-nw-1"], True),
    ("contract", "The contract covers the contact center.", ["acc-northwind"], True),
    ("budget", "The billing department needs budget next year.", ["act-nw-1"], True),
    ("strategic", "Billing is the strategic next step.", ["act-nw-1"], True),
    ("plain-kpi", "Median first-response time is 5 hours.", ["kpi-nw-1"], False),
    ("plain-stakeholder", "Omar Haddad is the champion.", ["con-nw-2"], False),
    ("plain-risk", "EHR integration blocked by vendor.", ["risk-nw-1"], False),
]


@pytest.mark.parametrize(
    ("text", "citations", "flagged"), [c[1:] for c in OWNER_REVIEW], ids=[c[0] for c in OWNER_REVIEW]
)
def test_owner_review_language(text: str, citations: list[str], flagged: bool) -> None:
    assert ("owner_review" in check(text, citations).flags) is flagged


def test_every_strategic_next_step_needs_owner_review() -> None:
    result = check(
        "Agree a revised date with Lena Park.",
        ["con-nw-3"],
        section="strategic_next_steps",
        kind="recommendation",
        owner="u-maria",
        due="2026-12-15",
    )
    assert result.supported and "owner_review" in result.flags


def test_owner_review_is_a_flag_not_a_failure() -> None:
    result = check("ARR is 240,000 USD; renewal is due 2027-03-31.", ["acc-northwind"])
    assert result.supported and result.reasons == [] and "owner_review" in result.flags


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Dana Ruiz (dana.ruiz@northwind.example) is the executive sponsor.", True),
        ("Call Omar Haddad on +1 415 555 0134 about scheduling.", True),
        ("Dana Ruiz is the executive sponsor.", False),
    ],
    ids=["email", "phone", "none"],
)
def test_personal_data_is_flagged_without_failing(text: str, flagged: bool) -> None:
    result = check(text, ["con-nw-1", "con-nw-2"])
    assert ("personal_data" in result.flags) is flagged
    assert result.supported, result.reasons


def test_citing_a_confidential_activity_is_flagged() -> None:
    bundle = bundle_with(**{"act-nw-1": {"confidential": True}})
    assert "confidential" in check("Dana wants pricing for 40 more seats.", ["act-nw-1"], bundle).flags
    assert "confidential" not in check("Dana wants pricing for 40 more seats.", ["act-nw-1"]).flags
    assert "confidential" not in check("Lena is chasing the EHR vendor.", ["act-nw-2"], bundle).flags


def test_citing_a_disputed_record_is_flagged_but_supported() -> None:
    bundle = bundle_with(**{"kpi-nw-1": {"disputed": True}})
    result = check("Median first-response time is 5 hours.", ["kpi-nw-1"], bundle)
    assert result.supported and "disputed" in result.flags
    assert "disputed" not in check("Self-service answers 36% of enquiries.", ["kpi-nw-2"], bundle).flags


def test_quoting_unquotable_feedback_is_flagged_with_a_reason() -> None:
    result = check('Omar Haddad wrote "Scheduling is still painful for my staff."', ["fb-nw-2", "con-nw-2"])
    assert result.supported
    assert "unquotable_feedback" in result.flags
    assert any("fb-nw-2" in r and "permission to quote" in r for r in result.reasons)


def test_quoting_permitted_feedback_is_not_flagged() -> None:
    result = check('Dana Ruiz said "The team finally answers patients the same day."', ["fb-nw-1", "con-nw-1"])
    assert result.supported and "unquotable_feedback" not in result.flags and result.reasons == []


def test_paraphrasing_unquotable_feedback_is_not_a_quote() -> None:
    result = check("A CSAT score of 3 from Omar Haddad points at scheduling pain.", ["fb-nw-2", "con-nw-2"])
    assert result.supported and "unquotable_feedback" not in result.flags


def test_key_achievement_with_ineligible_kpi_gets_the_flag() -> None:
    result = check("Appointments re-keyed manually per week: 900 → 850.", ["kpi-nw-3"], section="key_achievements")
    assert not result.supported and "ineligible_kpi" in result.flags
    assert any("status is Off Track" in r for r in result.reasons)


def test_disputed_kpi_is_not_an_achievement() -> None:
    bundle = bundle_with(**{"kpi-nw-1": {"disputed": True}})
    result = check(
        "Median first-response time: On Track, 12 hours → 5 hours.", ["kpi-nw-1"], bundle, section="key_achievements"
    )
    assert not result.supported and {"ineligible_kpi", "disputed"} <= set(result.flags)


@pytest.mark.parametrize(("threshold", "supported"), [(0.5, True), (0.8, True), (0.9, False)])
def test_achievement_threshold_is_honoured(threshold: float, supported: bool) -> None:
    claim = Claim(
        id="c",
        text="Median first-response time: On Track, 12 hours → 5 hours against a 4-hour target.",
        citations=["kpi-nw-1"],
        section="key_achievements",
    )
    assert verify_claim(claim, BUNDLE, threshold=threshold).supported is supported


def test_flags_of_other_steps_are_kept() -> None:
    others = ["offline_fallback", "missing_proof", "unresolved_customer_issue", "ineligible_kpi", "judge_doubt"]
    result = check("Median first-response time is 5 hours.", ["kpi-nw-1"], flags=others)
    assert result.flags == others


def test_stale_verifier_flags_are_dropped_on_reverification() -> None:
    stale = sorted(VERIFIER_FLAGS)
    result = check(
        "Median first-response time is 5 hours.",
        ["kpi-nw-1"],
        flags=[*stale, "offline_fallback"],
        supported=False,
        reasons=["old reason"],
    )
    assert result.flags == ["offline_fallback"]
    assert result.supported and result.reasons == []


def test_an_edited_claim_loses_its_old_verdict() -> None:
    first = check("Median first-response time fell from 12 hours to 7 hours.", ["kpi-nw-1"])
    fixed = first.model_copy(update={"text": "Median first-response time fell from 12 hours to 5 hours."})
    edited = verify_claim(fixed, BUNDLE)
    assert not first.supported and edited.supported and edited.reasons == []


def test_verification_is_idempotent_and_does_not_mutate_the_input() -> None:
    claim = Claim(id="c", text="Dana signed for 40 more seats; ARR is $240,000.", citations=["act-nw-1"])
    once = verify_claim(claim, BUNDLE)
    twice = verify_claim(once, BUNDLE)
    assert once == twice
    assert claim.supported is False and claim.flags == [] and claim.reasons == []


def test_reason_names_the_number_and_the_cited_values() -> None:
    result = check("Median first-response time fell from 12 hours to 7 hours.", ["kpi-nw-1"])
    assert result.verdict == "contradicted"
    assert result.reasons == ["'7 hours' is stated as the current value; the recorded current of kpi-nw-1 is 5"]
    result = check("Median first-response time is 7 hours.", ["kpi-nw-1"])
    assert result.verdict == "unverifiable"
    assert result.reasons == [
        "'7 hours' does not match any value in the cited records (kpi-nw-1: baseline 12, current 5, target 4 hours)"
    ]


def test_every_failed_rule_gets_its_own_reason() -> None:
    result = check("Sarah Chen signed for 60 more seats on 2026-10-29.", ["act-nw-1", "acc-x-1"])
    joined = " | ".join(result.reasons)
    for fragment in ("'acc-x-1'", "'60 more seats'", "'2026-10-29'", "Sarah Chen", "'signed'"):
        assert fragment in joined


def test_uncited_claim_reports_only_the_missing_citation() -> None:
    result = check("Median first-response time is 7 hours.", [])
    assert result.reasons == ["the claim cites no record"]


def test_claims_without_section_are_checked_as_generic_claims() -> None:
    result = check("Median first-response time: On Track.", ["kpi-nw-1"], section=None)
    assert result.supported


TWO_PERCENT_KPIS = bundle_with(
    **{
        "kpi-nw-3": {
            "name": "Bookings made online",
            "unit": "%",
            "baseline": 20,
            "current": 45,
            "target": 40,
            "direction": "increase",
            "status": "Completed",
        }
    }
)


@pytest.mark.parametrize(
    ("text", "supported"),
    [
        ("Self-service answers 36% of enquiries; bookings made online reached 45%.", True),
        ("Self-service answers 45% of enquiries; bookings made online reached 36%.", False),
        ("Self-service rose from 10% to 36%, and bookings made online from 20% to 45%.", True),
        ("Self-service rose from 20% to 45%, and bookings made online from 10% to 36%.", False),
        ("Both KPIs beat their targets: 36% and 45%.", True),
    ],
    ids=["right", "swapped", "pairs-right", "pairs-swapped", "unnamed"],
)
def test_numbers_are_read_against_the_kpi_named_before_them(text: str, supported: bool) -> None:
    result = check(text, ["kpi-nw-2", "kpi-nw-3"], TWO_PERCENT_KPIS)
    assert result.supported is supported, result.reasons


@pytest.mark.parametrize(
    ("text", "supported"),
    [
        ("Dana Ruiz, VP Patient Operations (Executive Sponsor, high influence).", True),
        ("Dana Ruiz, VP Patient Operations (Executive Sponsor, low influence).", False),
    ],
    ids=["right", "flipped"],
)
def test_stated_influence_matches_the_contact(text: str, supported: bool) -> None:
    assert check(text, ["con-nw-1"]).supported is supported
