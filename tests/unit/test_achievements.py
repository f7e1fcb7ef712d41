"""The KPI filter: only eligible KPIs are achievements, owner claims are flagged not dropped."""

from __future__ import annotations

from recap_bundles import bundle_of, contoso_raw, example_raw

from state.recap import FLAG_INELIGIBLE_KPI, Claim, Recap
from tools.achievements import filter_achievements

EXAMPLE = bundle_of(example_raw())


def recap_with(*claims: Claim) -> Recap:
    recap = Recap()
    recap.sections["key_achievements"] = list(claims)
    return recap


def claim(cid: str, citations: list[str], origin: str = "drafter") -> Claim:
    return Claim(id=cid, text=f"claim {cid}", citations=citations, origin=origin, section="key_achievements")


def ids_and_cites(recap: Recap) -> list[tuple[str, list[str]]]:
    return [(c.id, c.citations) for c in recap.sections["key_achievements"]]


def test_missing_eligible_kpis_are_added_most_progress_first() -> None:
    recap, notes = filter_achievements(Recap(), EXAMPLE, 0.5, 5)
    assert ids_and_cites(recap) == [("ka-1", ["kpi-nw-2"]), ("ka-2", ["kpi-nw-1"])]
    assert "88%" in recap.sections["key_achievements"][1].text
    assert len(notes) == 2 and all("added" in n for n in notes)


def test_drafter_claims_on_ineligible_or_no_kpi_are_dropped_with_a_note() -> None:
    recap, notes = filter_achievements(
        recap_with(
            claim("ka-1", ["kpi-nw-3"]),
            claim("ka-2", ["act-nw-1"]),
            claim("ka-3", ["kpi-nw-1", "kpi-nw-3"]),
            claim("ka-4", ["kpi-nw-1"]),
        ),
        EXAMPLE,
        0.5,
        5,
    )
    assert ids_and_cites(recap) == [("ka-1", ["kpi-nw-2"]), ("ka-4", ["kpi-nw-1"])]
    assert any("ka-1" in n and "Off Track" in n for n in notes)
    assert any("ka-2" in n and "no KPI" in n for n in notes)
    assert any("ka-3" in n and "kpi-nw-3" in n for n in notes)


def test_owner_claims_are_kept_and_flagged() -> None:
    owner = claim("ka-9", ["kpi-nw-3"], origin="owner")
    recap, notes = filter_achievements(recap_with(owner), EXAMPLE, 0.5, 1)
    kept = {c.id: c for c in recap.sections["key_achievements"]}
    assert FLAG_INELIGIBLE_KPI in kept["ka-9"].flags
    assert len(kept) == 2  # the cap of 1 applies to drafter claims; the owner's stays
    assert any("ka-9" in n and "flagged" in n for n in notes)


def test_owner_claim_on_an_eligible_kpi_is_untouched() -> None:
    owner = claim("ka-1", ["kpi-nw-2"], origin="owner")
    recap, _ = filter_achievements(recap_with(owner), EXAMPLE, 0.5, 5)
    assert recap.sections["key_achievements"][0] == owner


def test_cap_and_order_by_progress() -> None:
    recap, notes = filter_achievements(
        recap_with(claim("ka-1", ["kpi-nw-1"]), claim("ka-2", ["kpi-nw-2"])), EXAMPLE, 0.5, 1
    )
    assert ids_and_cites(recap) == [("ka-2", ["kpi-nw-2"])]
    assert any("ka-1" in n and "limit" in n for n in notes)


def test_threshold_changes_eligibility() -> None:
    recap, _ = filter_achievements(Recap(), EXAMPLE, 0.9, 5)
    assert ids_and_cites(recap) == [("ka-1", ["kpi-nw-2"])]


def test_disputed_kpi_is_never_an_achievement() -> None:
    bundle = bundle_of(contoso_raw())
    recap, notes = filter_achievements(recap_with(claim("ka-1", ["kpi-co-4"])), bundle, 0.5, 5)
    assert [c.citations for c in recap.sections["key_achievements"]] == [["kpi-co-2"], ["kpi-co-1"]]
    assert any("disputed" in n for n in notes)


def test_other_sections_are_left_alone() -> None:
    recap = recap_with()
    recap.sections["executive_summary"] = [claim("es-1", ["kpi-nw-3"])]
    filtered, _ = filter_achievements(recap, EXAMPLE, 0.5, 5)
    assert filtered.sections["executive_summary"] == recap.sections["executive_summary"]
