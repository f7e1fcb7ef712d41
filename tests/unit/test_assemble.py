"""Assembling drafted parts: stable ids, contract order, deterministic caveats, an entry per goal."""

from __future__ import annotations

import pytest
from recap_bundles import AS_OF, bundle_of, contoso_raw, example_raw

from state.recap import FLAG_FALLBACK, FLAG_MISSING_PROOF, SECTION_IDS
from tools.drafting.assemble import assemble_recap, plain_reason
from tools.drafting.base import DRAFT_PARTS
from tools.drafting.offline import OfflineDrafter
from tools.evidence import build_evidence
from tools.verify import verify_claim


def drafts_and_pack(raw: dict):
    bundle = bundle_of(raw)
    pack = build_evidence(bundle, AS_OF)
    return {p: OfflineDrafter().draft(p, pack, bundle) for p in DRAFT_PARTS}, pack


def test_claims_are_numbered_per_section_and_field() -> None:
    recap = assemble_recap(*drafts_and_pack(example_raw()))
    assert list(recap.sections) == list(SECTION_IDS)
    assert [c.id for c in recap.sections["key_stakeholders"]] == ["ks-1", "ks-2", "ks-3"]
    assert [c.id for c in recap.sections["key_achievements"]] == ["ka-1", "ka-2"]
    entry = recap.value_recap[0]
    assert entry.goal.id == "vr-obj-nw-1-goal" and entry.outcome.id == "vr-obj-nw-1-outcome"
    assert [c.id for c in entry.delivered_work] == ["vr-obj-nw-1-delivered_work-1", "vr-obj-nw-1-delivered_work-2"]
    assert entry.next_recommendation.id == "vr-obj-nw-1-next_recommendation"
    assert [c.id for c in recap.caveats] == [f"cv-{i}" for i in range(1, len(recap.caveats) + 1)]
    ids = [c.id for c in recap.all_claims()]
    assert len(ids) == len(set(ids))


def test_assembly_is_stable() -> None:
    drafts, pack = drafts_and_pack(example_raw())
    assert assemble_recap(drafts, pack) == assemble_recap(drafts, pack)


def test_missing_proof_caveat_is_added_once() -> None:
    drafts, pack = drafts_and_pack(contoso_raw())
    recap = assemble_recap(drafts, pack)
    assert sum(FLAG_MISSING_PROOF in c.flags and c.citations == ["obj-co-3"] for c in recap.caveats) == 1
    drafts["value_recap"] = drafts["value_recap"].model_copy(update={"caveats": []})
    recap = assemble_recap(drafts, pack)
    [caveat] = [c for c in recap.caveats if FLAG_MISSING_PROOF in c.flags]
    assert caveat.citations == ["obj-co-3"] and "Self-serve reporting" in caveat.text


def test_fallback_parts_get_a_caveat() -> None:
    drafts, pack = drafts_and_pack(example_raw())
    drafts["risks_and_blockers"] = drafts["risks_and_blockers"].model_copy(
        update={"fallback_reason": "the model failed 3 times: timeout"}
    )
    [caveat] = [c for c in assemble_recap(drafts, pack).caveats if FLAG_FALLBACK in c.flags]
    assert caveat.text == (
        "Risks and Blockers was drafted by the offline drafter because the model failed repeatedly: timeout."
    )
    assert caveat.citations == ["acc-northwind"] and caveat.section == "caveats"


@pytest.mark.parametrize(
    ("reason", "said"),
    [
        ("the model failed 3 times: HTTP 500 from 'server'", "the model failed repeatedly: HTTP from server"),
        ('bad JSON: "goal" missing', "bad JSON: goal missing"),
    ],
    ids=["numbers", "quotes"],
)
def test_fallback_reasons_drop_numbers_and_quotes_no_record_backs(reason: str, said: str) -> None:
    assert plain_reason(reason) == said


def test_fallback_caveat_verifies() -> None:
    drafts, pack = drafts_and_pack(example_raw())
    drafts["value_recap"] = drafts["value_recap"].model_copy(
        update={"fallback_reason": "the model failed 2 times: Error code: 500 - {'detail': 'boom'}"}
    )
    [caveat] = [c for c in assemble_recap(drafts, pack).caveats if FLAG_FALLBACK in c.flags]
    assert verify_claim(caveat, bundle_of(example_raw())).supported, caveat.text


def test_every_objective_gets_an_entry_even_when_the_value_draft_is_missing() -> None:
    drafts, pack = drafts_and_pack(example_raw())
    del drafts["value_recap"], drafts["key_stakeholders"]
    recap = assemble_recap(drafts, pack)
    assert [e.objective_id for e in recap.value_recap] == ["obj-nw-1", "obj-nw-2"]
    assert recap.sections["key_stakeholders"] == []
    rec = recap.value_recap[1].next_recommendation
    assert (rec.kind, rec.owner, rec.due, rec.citations) == ("recommendation", "u-maria", "2026-12-23", ["obj-nw-2"])
