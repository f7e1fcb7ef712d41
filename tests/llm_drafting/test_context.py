"""Evidence selection: ranked per part, confidential and personal data kept out, bounded by a budget."""

from __future__ import annotations

import json

import pytest
from drafting_support import AS_OF, EXAMPLE, big_bundle

from state.bundle import Bundle
from state.errors import InputInvalid
from state.evidence import EvidencePack
from tools.drafting.base import DRAFT_PARTS
from tools.drafting.context import estimate_tokens, record_line, redact, select_evidence
from tools.evidence import build_evidence


def _ids(records: list[dict]) -> list[str]:
    return [r["id"] for r in records]


def _tokens(records: list[dict]) -> int:
    return sum(estimate_tokens(json.dumps(r, ensure_ascii=False)) for r in records)


@pytest.mark.parametrize("part", DRAFT_PARTS)
def test_every_part_starts_with_the_account_and_stays_within_budget(part, pack, bundle):
    records = select_evidence(part, pack, bundle, 600)
    assert records[0]["id"] == "acc-northwind"
    assert _tokens(records) <= 600
    assert len(_ids(records)) == len(set(_ids(records)))


@pytest.fixture(scope="module")
def small_and_large() -> list[tuple[Bundle, EvidencePack]]:
    """Return the example account with 10 and with 10,003 activities, each with its pack."""
    raw = json.loads(EXAMPLE.read_text())
    bundles = [big_bundle(raw, 7), big_bundle(raw, 10_000)]
    return [(b, build_evidence(b, AS_OF)) for b in bundles]


@pytest.mark.parametrize("part", DRAFT_PARTS)
def test_evidence_stays_flat_from_ten_to_ten_thousand_activities(part, small_and_large):
    sizes = [_tokens(select_evidence(part, pack, bundle, 1500)) for bundle, pack in small_and_large]
    assert max(sizes) <= 1500
    assert sizes[1] <= sizes[0] * 1.5 + 200


def test_key_achievements_show_only_eligible_kpis(pack, bundle):
    records = select_evidence("key_achievements", pack, bundle, 1500)
    kpis = [r["id"] for r in records if r["type"] == "objective_kpi"]
    assert kpis == ["kpi-nw-2", "kpi-nw-1"]  # most progress first; Off Track kpi-nw-3 left out


def test_risks_rank_open_risks_and_troubled_kpis_first(pack, bundle):
    ids = _ids(select_evidence("risks_and_blockers", pack, bundle, 1500))
    assert ids[1:3] == ["risk-nw-1", "kpi-nw-3"]
    assert "act-nw-2" in ids  # the escalation


def test_value_recap_for_one_goal_shows_that_goal_not_the_other(pack, bundle):
    ids = _ids(select_evidence("value_recap", pack, bundle, 1500, objective_id="obj-nw-2"))
    assert {"obj-nw-2", "bc-nw-2", "kpi-nw-3", "pb-nw-2", "pt-nw-3", "act-nw-2"} <= set(ids)
    assert not {"obj-nw-1", "kpi-nw-1", "pt-nw-1"} & set(ids)


def test_a_tight_budget_keeps_the_most_relevant_records(pack, bundle):
    ids = _ids(select_evidence("key_stakeholders", pack, bundle, 150))
    assert ids[:2] == ["acc-northwind", "con-nw-1"]
    assert "fb-nw-1" not in ids


def test_confidential_activities_are_never_shown(bundle):
    raw = json.loads(EXAMPLE.read_text())
    raw["activities"][0]["confidential"] = True
    secret = Bundle.model_validate(raw)
    secret_pack = build_evidence(secret, AS_OF)
    for part in DRAFT_PARTS:
        assert "act-nw-1" not in _ids(select_evidence(part, secret_pack, secret, 1500))


def test_contact_email_is_dropped_and_personal_data_in_notes_redacted(pack, bundle):
    contact = record_line("contacts", bundle.contacts[0], pack)
    assert "email" not in contact and contact["name"] == "Dana Ruiz"
    assert redact("Call me on +1 415 555 0134 or at dana@x.example") == "Call me on [redacted] or at [redacted]"
    assert redact("Renewal 2027-03-31 for 40 seats at 240,000 USD") == "Renewal 2027-03-31 for 40 seats at 240,000 USD"


def test_record_lines_show_whole_numbers_kpi_progress_and_cut_long_text(pack, bundle):
    kpi = record_line("objective_kpis", bundle.objective_kpis[0], pack)
    assert kpi["baseline"] == 12 and isinstance(kpi["baseline"], int)
    assert kpi["progress_to_target_pct"] == 88 and kpi["achievement_eligible"] is True
    assert "disputed" not in kpi
    raw = json.loads(EXAMPLE.read_text())
    raw["activities"][0]["notes"] = "word " * 500
    long = Bundle.model_validate(raw)
    assert len(record_line("activities", long.activities[0], pack)["notes"]) <= 400


def test_unknown_part_is_refused(pack, bundle):
    with pytest.raises(InputInvalid):
        select_evidence("appendix", pack, bundle, 1500)
