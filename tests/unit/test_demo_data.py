"""Demo accounts and the bundle generator: valid, distinct, and shaped the way their names say."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from typing import Any

import pytest

from demo import DEMO_ACCOUNTS, DEMO_AS_OF, DEMO_RUN_ACCOUNT, demo_bundles
from demo.generator import SHAPES, generate_bundle
from state.bundle import RECORD_TYPES, Bundle
from state.validation import validate_bundle
from tools.kpis import why_ineligible
from tools.pii import find_personal_data
from tools.store import AccountStore

TODAY = dt.date(2026, 11, 23)
EXPANSION_WORDS = ("seats", "pricing", "team", "use case")


@pytest.fixture(scope="module")
def demos() -> dict[str, Bundle]:
    return {raw["account"]["id"]: validate_bundle(raw) for raw in demo_bundles()}


def all_ids(bundle: Bundle) -> list[str]:
    return [bundle.account.id] + [r.id for key in RECORD_TYPES for r in bundle.records(key)]


def recent_escalations(bundle: Bundle, as_of: dt.date = TODAY) -> list[str]:
    return [a.id for a in bundle.activities if a.type == "Escalation" and 0 <= (as_of - a.date).days <= 30]


def open_severe_risks(bundle: Bundle) -> list[str]:
    return [r.id for r in bundle.risks if r.status == "Open" and r.severity in ("High", "Critical")]


def statuses(bundle: Bundle) -> set[str]:
    return {k.status for k in bundle.objective_kpis}


# --- the demo accounts ------------------------------------------------------------------------------------


@pytest.mark.parametrize("account", DEMO_ACCOUNTS, ids=[a.account_id for a in DEMO_ACCOUNTS])
def test_every_demo_bundle_validates_with_its_listed_owner(account: Any, demos: dict[str, Bundle]) -> None:
    bundle = demos[account.account_id]
    assert bundle.account.owner == account.owner
    assert bundle.associated_count() >= 1
    assert all(a.date <= DEMO_AS_OF for a in bundle.activities)


def test_there_are_at_least_six_demo_accounts_with_distinct_owners(demos: dict[str, Bundle]) -> None:
    assert len(demos) >= 6
    owners = [b.account.owner for b in demos.values()]
    assert len(set(owners)) == len(owners)
    assert DEMO_RUN_ACCOUNT in demos


def test_record_ids_are_unique_across_all_demo_accounts(demos: dict[str, Bundle]) -> None:
    counts = Counter(rid for bundle in demos.values() for rid in all_ids(bundle))
    assert [rid for rid, n in counts.items() if n > 1] == []


def test_all_demo_accounts_load_into_one_store(db_path: str) -> None:
    store = AccountStore(db_path)
    loaded = [store.load(raw) for raw in demo_bundles()]
    assert [r.account_id for r in loaded] == [a.account_id for a in DEMO_ACCOUNTS]
    assert len(store.accounts()) == len(DEMO_ACCOUNTS)


def test_demo_bundles_are_the_same_on_every_call() -> None:
    assert demo_bundles() == demo_bundles()


def test_spec_example_is_one_of_the_demos(demos: dict[str, Bundle]) -> None:
    from tests.conftest import EXAMPLE

    assert demos["acc-northwind"] == validate_bundle(json.loads(EXAMPLE.read_text()))


def test_healthy_demo_has_only_strong_kpis_and_no_open_issue(demos: dict[str, Bundle]) -> None:
    bundle = demos["acc-bluewater"]
    assert len(bundle.objective_kpis) >= 3
    assert [why_ineligible(k, 0.5) for k in bundle.objective_kpis] == [None] * len(bundle.objective_kpis)
    assert recent_escalations(bundle) == [] and open_severe_risks(bundle) == []
    assert not any(a.disputed or a.confidential for a in bundle.activities)
    assert all(f.permission_to_quote for f in bundle.feedback)


def test_at_risk_demo_has_off_track_and_blocked_items_and_a_recent_escalation(demos: dict[str, Bundle]) -> None:
    bundle = demos["acc-crestline"]
    assert {"Off Track", "Blocked"} <= statuses(bundle)
    assert any(t.status == "Blocked" for t in bundle.playbook_tasks)
    assert recent_escalations(bundle)
    assert open_severe_risks(bundle)


def test_thin_demo_has_one_activity_and_one_goal_without_kpi_values(demos: dict[str, Bundle]) -> None:
    bundle = demos["acc-sablecreek"]
    assert len(bundle.activities) == 1
    assert len(bundle.objectives) == 1
    assert all(k.baseline is None and k.target is None and k.current is None for k in bundle.objective_kpis)
    assert bundle.activities[0].parent_type == "account"  # nothing evidences the goal itself


def test_expansion_demo_notes_carry_clear_signals(demos: dict[str, Bundle]) -> None:
    notes = " ".join((a.notes or "").lower() for a in demos["acc-lumen"].activities)
    assert all(word in notes for word in EXPANSION_WORDS)
    assert {"On Track", "Completed"} >= statuses(demos["acc-lumen"])


def test_disputed_demo_has_disputed_confidential_personal_and_injected_records(demos: dict[str, Bundle]) -> None:
    bundle = demos["acc-orchid"]
    assert any(k.disputed for k in bundle.objective_kpis)
    assert any(a.disputed for a in bundle.activities)
    assert any(a.confidential for a in bundle.activities)
    kinds = {kind for a in bundle.activities for kind in find_personal_data(a.notes or "")}
    assert {"email", "phone"} <= kinds
    assert any(
        "Ignore previous instructions" in (a.notes or "") and "500% ROI" in (a.notes or "") for a in bundle.activities
    )
    assert any(not f.permission_to_quote for f in bundle.feedback)


def test_large_demo_has_thousands_of_activities(demos: dict[str, Bundle]) -> None:
    assert len(demos["acc-atlas"].activities) >= 5000


# --- the generator ----------------------------------------------------------------------------------------


def generated(seed: int, shape: str, activities: int = 40) -> dict[str, Any]:
    return generate_bundle(seed, account_id=f"acc-gen-{shape}-{seed}", activities=activities, shape=shape, as_of=TODAY)


@pytest.mark.parametrize("shape", SHAPES)
def test_generator_is_deterministic_per_seed(shape: str) -> None:
    assert json.dumps(generated(7, shape)) == json.dumps(generated(7, shape))


@pytest.mark.parametrize("shape", SHAPES)
def test_generator_differs_across_seeds(shape: str) -> None:
    one, two = generated(1, shape), generated(2, shape)
    one["account"]["id"] = two["account"]["id"]
    assert json.dumps(one) != json.dumps(two)


@pytest.mark.parametrize("count", [0, 1, 3, 250])
@pytest.mark.parametrize("shape", SHAPES)
def test_generator_makes_exactly_the_activities_asked_for(shape: str, count: int) -> None:
    bundle = validate_bundle(generated(3, shape, count))
    assert len(bundle.activities) == count
    assert [a.date for a in bundle.activities] == sorted(a.date for a in bundle.activities)


def test_generator_ids_are_prefixed_by_the_account() -> None:
    raw = generate_bundle(4, account_id="acc-zeta", activities=20, as_of=TODAY)
    assert all("-zeta-" in rid for rid in all_ids(validate_bundle(raw))[1:])
    other = generate_bundle(4, account_id="acc-zeta-2", activities=20, as_of=TODAY)
    assert not set(all_ids(validate_bundle(raw))) & set(all_ids(validate_bundle(other)))


def test_generator_refuses_an_unknown_shape() -> None:
    with pytest.raises(ValueError, match="unknown shape"):
        generate_bundle(1, account_id="acc-x", activities=1, shape="gloomy", as_of=TODAY)


def test_generator_takes_an_owner() -> None:
    raw = generate_bundle(1, account_id="acc-x", activities=1, as_of=TODAY, owner="u-zoe")
    assert raw["account"]["owner"] == "u-zoe"
    assert {t["owner"] for t in raw["playbook_tasks"]} <= {"u-zoe"}


SEEDS = range(6)


@pytest.mark.parametrize("seed", SEEDS)
def test_generated_healthy_shape(seed: int) -> None:
    bundle = validate_bundle(generated(seed, "healthy"))
    assert [why_ineligible(k, 0.5) for k in bundle.objective_kpis] == [None] * len(bundle.objective_kpis)
    assert not any(a.type == "Escalation" or a.disputed or a.confidential for a in bundle.activities)
    assert not any(find_personal_data(a.notes or "") for a in bundle.activities)
    assert open_severe_risks(bundle) == []
    assert all(f.permission_to_quote for f in bundle.feedback)


@pytest.mark.parametrize("seed", SEEDS)
def test_generated_at_risk_shape(seed: int) -> None:
    bundle = validate_bundle(generated(seed, "at_risk"))
    assert {"Off Track", "Blocked"} <= statuses(bundle)
    assert any(t.status == "Blocked" for t in bundle.playbook_tasks)
    assert open_severe_risks(bundle)
    assert recent_escalations(bundle)


@pytest.mark.parametrize("seed", SEEDS)
def test_generated_thin_shape(seed: int) -> None:
    bundle = validate_bundle(generated(seed, "thin", 1))
    assert len(bundle.activities) == 1 and len(bundle.objectives) == 1
    assert all(k.current is None and k.status == "Not Started" for k in bundle.objective_kpis)
    assert bundle.activities[0].parent_type in ("account", "success_plan")


@pytest.mark.parametrize("seed", SEEDS)
def test_generated_expansion_shape(seed: int) -> None:
    bundle = validate_bundle(generated(seed, "expansion"))
    recent = [a.notes or "" for a in bundle.activities if (TODAY - a.date).days <= 60]
    assert sum(any(w in n.lower() for w in EXPANSION_WORDS) for n in recent) >= 3
    assert {u.metric for u in bundle.usage} >= {"licensed_seats", "active_seats"}


@pytest.mark.parametrize("seed", SEEDS)
def test_generated_disputed_shape(seed: int) -> None:
    bundle = validate_bundle(generated(seed, "disputed"))
    assert any(k.disputed for k in bundle.objective_kpis) and any(r.disputed for r in bundle.risks)
    assert any(a.disputed for a in bundle.activities) and any(a.confidential for a in bundle.activities)
    assert {"email", "phone"} <= {kind for a in bundle.activities for kind in find_personal_data(a.notes or "")}
    assert any("instructions" in (a.notes or "") or "disregard" in (a.notes or "") for a in bundle.activities)
    assert any(not f.permission_to_quote for f in bundle.feedback)


def test_generated_notes_state_the_kpi_values_they_mention() -> None:
    bundle = validate_bundle(generated(9, "mixed", 500))
    kpis = {k.id: k for k in bundle.objective_kpis}
    for activity in bundle.activities:
        kpi = kpis.get(activity.parent_id)
        if kpi is not None and kpi.current is not None and not activity.disputed:
            assert f"{kpi.current:g}" in (activity.notes or ""), activity
