"""A draft stays within its bound however large the account, keeping the most significant claims."""

from __future__ import annotations

import pytest
from export_support import drafted, run_view

from api.render import render_markdown
from demo.wide import wide_bundle
from state.errors import InputInvalid
from state.recap import SECTION_IDS, VALUE_RECAP
from tools.drafting.bound import DEFAULT_CLAIM_LIMITS, VALUE_RECAP_ITEMS, choose
from tools.settings import load_settings


@pytest.fixture(scope="module")
def wide() -> tuple:
    return drafted(wide_bundle())


def test_the_wide_demo_account_is_wide() -> None:
    raw = wide_bundle()
    assert (len(raw["objectives"]), len(raw["objective_kpis"]), len(raw["risks"])) == (50, 200, 40)


def test_the_wide_account_draft_stays_within_every_bound(wide: tuple) -> None:
    recap, _, _ = wide
    for section in SECTION_IDS:
        assert len(recap.sections[section]) <= DEFAULT_CLAIM_LIMITS[section], section
    value_claims = [c for e in recap.value_recap for _, c in e.claims()]
    assert len(value_claims) <= DEFAULT_CLAIM_LIMITS[VALUE_RECAP]
    assert len(recap.value_recap) == DEFAULT_CLAIM_LIMITS[VALUE_RECAP] // 3  # goal, outcome, recommendation each
    assert len(value_claims) == DEFAULT_CLAIM_LIMITS[VALUE_RECAP]  # the room that does not divide is used too
    assert len(recap.caveats) <= DEFAULT_CLAIM_LIMITS["caveats"]
    assert len(list(recap.all_claims())) < 60


def test_every_goal_keeps_its_entry_on_ordinary_accounts(example_bundle: dict) -> None:
    recap, bundle, _ = drafted(example_bundle)
    assert [e.objective_id for e in recap.value_recap] == [o.id for o in bundle.objectives]
    assert VALUE_RECAP_ITEMS not in {o.part for o in recap.appendix}


def test_a_tight_value_recap_shares_its_claims_evidence_first(example_bundle: dict) -> None:
    recap, _, _ = drafted(example_bundle, {**DEFAULT_CLAIM_LIMITS, VALUE_RECAP: 8})
    assert [len(e.evidence) + len(e.delivered_work) + len(e.open_risk) for e in recap.value_recap] == [1, 1]
    assert all(len(e.evidence) == 1 for e in recap.value_recap)
    [details] = [o for o in recap.appendix if o.part == VALUE_RECAP_ITEMS]
    assert details.line().startswith(f"{len(details.claims)} more details of the goals shown")


def test_what_is_left_out_is_counted_and_listed_in_the_appendix(wide: tuple) -> None:
    recap, bundle, _ = wide
    goals = next(o for o in recap.appendix if o.part == VALUE_RECAP)
    assert goals.line() == "42 more goals, least evidence and least at risk, in the appendix"
    kept = {e.objective_id for e in recap.value_recap}
    assert len(kept | {c.citations[0] for c in goals.claims}) == 50
    md = render_markdown(run_view(recap, bundle), bundle)
    assert "*42 more goals, least evidence and least at risk, in the appendix; " in md
    appendix = md.split("## Appendix: left out to keep the recap short")[1]
    assert "### Value recap: goals: 42 more goals" in appendix and appendix.count("**Original goal") == 0


def test_risks_kept_are_the_most_severe(wide: tuple) -> None:
    recap, bundle, _ = wide
    severity = {r.id: r.severity for r in bundle.risks}
    left = next((o for o in recap.appendix if o.part == "risks_and_blockers"), None)
    kept = [severity[c] for claim in recap.sections["risks_and_blockers"] for c in claim.citations if c in severity]
    dropped = [severity[c] for claim in (left.claims if left else []) for c in claim.citations if c in severity]
    order = ["Critical", "High", "Medium", "Low"]
    if kept and dropped:
        assert max(order.index(s) for s in kept) <= min(order.index(s) for s in dropped)


def test_the_example_account_loses_only_its_least_urgent_actions(example_bundle: dict) -> None:
    recap, _, _ = drafted(example_bundle)
    assert [(o.part, len(o.claims)) for o in recap.appendix] == [("immediate_actions", 1)]
    assert max(c.due for c in recap.sections["immediate_actions"]) <= min(c.due for c in recap.appendix[0].claims)


def test_limits_are_configurable(example_bundle: dict) -> None:
    recap, _, _ = drafted(example_bundle, {**DEFAULT_CLAIM_LIMITS, "risks_and_blockers": 1})
    assert len(recap.sections["risks_and_blockers"]) == 1
    assert [c.id for c in recap.sections["risks_and_blockers"]] == ["rb-1"]  # ids stay contiguous
    [left] = [o for o in recap.appendix if o.part == "risks_and_blockers"]
    assert left.line().startswith(f"{len(left.claims)} more risks and blockers, lowest severity")


def test_choose_keeps_drafted_order_and_ranks_the_rest() -> None:
    kept, left = choose(["a", "b", "c", "d"], 2, key=lambda c: ({"a": 3, "b": 1, "c": 2, "d": 0}[c],))  # type: ignore[arg-type]
    assert kept == ["b", "d"] and left == ["c", "a"]


BAD_LIMITS = [
    ('{"risks": 3}', r"RECAP_CLAIM_LIMITS: unknown part\(s\) risks;"),
    ('{"caveats": -1}', "must not be negative"),
]


@pytest.mark.parametrize(("value", "message"), BAD_LIMITS, ids=["unknown", "negative"])
def test_a_bad_limit_setting_is_one_clean_error(monkeypatch: pytest.MonkeyPatch, value: str, message: str) -> None:
    monkeypatch.setenv("RECAP_CLAIM_LIMITS", value)
    with pytest.raises(InputInvalid, match=message):
        load_settings()


def test_a_limit_setting_overrides_one_part(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RECAP_CLAIM_LIMITS", '{"risks_and_blockers": 12}')
    limits = load_settings().claim_limits
    assert limits["risks_and_blockers"] == 12 and limits["caveats"] == DEFAULT_CLAIM_LIMITS["caveats"]
