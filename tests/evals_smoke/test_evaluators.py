"""The evaluators themselves: the independent rules, the mutations, the metric arithmetic and the gate."""

from __future__ import annotations

import datetime as dt
import json
from random import Random

import pytest

from evals import independent as rule
from evals.accounts import EvalAccount
from evals.claims import MUTATIONS, account_claims
from evals.config import EXAMPLE_BUNDLE
from evals.gate import failures, thresholds_from
from evals.handwritten import handwritten_claims
from evals.mutate_text import Account
from evals.verifier_eval import Verdict, balanced_accuracy, false_alarm_rate, precision, recall
from state.validation import validate_bundle

AS_OF = dt.date(2026, 11, 23)


def kpi(
    status: str, baseline: float | None = 0, target: float | None = 10, current: float | None = 5, **extra: object
) -> dict:
    return {
        "id": "k",
        "objective_id": "o",
        "name": "K",
        "status": status,
        "baseline": baseline,
        "target": target,
        "current": current,
        **extra,
    }


@pytest.mark.parametrize(
    ("record", "eligible"),
    [
        (kpi("Completed", None, None, None), True),
        (kpi("On Track", 0, 10, 5), True),
        (kpi("On Track", 0, 100, 49), False),
        (kpi("On Track", 12, 4, 5), True),
        (kpi("On Track", 7, 7, 7), False),
        (kpi("On Track", 0, 10, None), False),
        (kpi("On Track", 0, 10, 9, disputed=True), False),
        (kpi("Completed", 0, 10, 10, disputed=True), False),
        (kpi("Off Track", 0, 10, 9), False),
        (kpi("Blocked", 0, 10, 10), False),
    ],
    ids=[
        "completed-no-values",
        "exactly-half",
        "just-under-half",
        "decrease",
        "flat",
        "no-current",
        "disputed",
        "completed-disputed",
        "off-track",
        "blocked",
    ],
)
def test_independent_eligibility_follows_the_spec(record: dict, eligible: bool) -> None:
    assert rule.eligible(record) is eligible


def test_expected_stop_codes_of_the_example_without_claims() -> None:
    bundle = json.loads(EXAMPLE_BUNDLE.read_text())
    assert rule.expected_stop_codes(bundle, [], AS_OF) == {"unresolved_customer_issue"}


def test_expected_stop_codes_follow_the_claims() -> None:
    bundle = json.loads(EXAMPLE_BUNDLE.read_text())
    bundle["objective_kpis"][0]["disputed"] = True
    claims = [
        {"text": "Call dana@example.com", "citations": ["kpi-nw-1"], "supported": False},
        {"text": 'Omar said "Scheduling is still painful for my staff."', "citations": ["fb-nw-2"], "supported": True},
    ]
    assert rule.expected_stop_codes(bundle, claims, AS_OF) == {
        "unsupported_claims",
        "disputed_data",
        "unresolved_customer_issue",
        "sensitive_details",
        "permission_missing",
    }


@pytest.mark.parametrize(
    "text",
    ["Reach her at dana@northwind.example", "Call +1 617 555 0199", "Card 4111 1111 1111 1111", "SSN 123-45-6789"],
)
def test_personal_data_is_recognised(text: str) -> None:
    assert rule.has_personal_data(text)


def test_dates_and_money_are_not_personal_data() -> None:
    assert not rule.has_personal_data("ARR is 240,000 USD; renewal is due 2027-03-31.")


@pytest.mark.parametrize("mtype", sorted(MUTATIONS))
def test_each_mutation_changes_the_claim_and_its_twin_differs(mtype: str) -> None:
    raw = json.loads(EXAMPLE_BUNDLE.read_text())
    bundle = validate_bundle(raw)
    acc = Account(bundle, bundle.index(), ("kpi-zz-1", "con-zz-1", "act-zz-1"))
    rng = Random(mtype)
    pairs = [p for c in handwritten_claims(bundle) if (p := MUTATIONS[mtype](c, acc, rng))]
    if not pairs:
        pytest.skip(f"{mtype} finds nothing to mutate in the example's hand-written sentences")
    for mutant, twin in pairs:
        changed = (mutant["text"], mutant["citations"]) != (twin["text"], twin["citations"])
        assert changed and mutant["note"] and twin["note"]


def test_claim_set_of_an_account_is_deterministic() -> None:
    raw = json.loads(EXAMPLE_BUNDLE.read_text())
    account = EvalAccount("acc-northwind", "handwritten", "example", ["example"], raw)
    first = account_claims(account, ("kpi-zz-1",))
    assert first == account_claims(account, ("kpi-zz-1",))
    assert {r["role"] for r in first} == {"base", "mutant", "twin"}


def verdict(label: bool, said: bool) -> Verdict:
    return Verdict("c", None if label else "wrong_number", "base" if label else "mutant", label, said, ())


def test_metric_arithmetic() -> None:
    verdicts = [verdict(False, False)] * 3 + [verdict(False, True)] + [verdict(True, True)] * 5 + [verdict(True, False)]
    assert recall(verdicts) == 0.75
    assert precision(verdicts) == 0.75
    assert false_alarm_rate(verdicts) == pytest.approx(1 / 6)
    assert balanced_accuracy(verdicts) == pytest.approx((0.75 + 5 / 6) / 2)


def test_gate_fails_below_minimum_and_above_maximum() -> None:
    thresholds = thresholds_from({"verifier.recall": 0.9, "verifier.false_alarm_rate": 0.05})
    assert thresholds == {"min": {"verifier.recall": 0.88}, "max": {"verifier.false_alarm_rate": 0.07}}
    assert failures({"verifier.recall": 0.9, "verifier.false_alarm_rate": 0.05}, thresholds) == []
    failed = failures({"verifier.recall": 0.5, "verifier.false_alarm_rate": 0.5}, thresholds)
    assert len(failed) == 2
    assert failures({}, thresholds) != []
