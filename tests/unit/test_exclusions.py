"""The customer view: what the exclusion table leaves out, and refusals instead of leaks."""

from __future__ import annotations

import pytest
from export_support import drafted, run_view

from api.render import render_markdown
from state.errors import ExportRefused
from state.recap import FLAG_OWNER_REVIEW, Claim, Recap
from tools.render.customer import customer_document
from tools.render.exclusions import EXCLUSIONS


@pytest.fixture
def example(example_bundle: dict) -> tuple[Recap, object]:
    example_bundle["activities"][2]["confidential"] = True
    recap, bundle, _ = drafted(example_bundle)
    return recap, bundle


def with_claim(recap: Recap, claim: Claim, section: str = "key_achievements") -> Recap:
    sections = {**recap.sections, section: [*recap.sections[section], claim]}
    return recap.model_copy(update={"sections": sections})


def customer_md(recap: Recap, bundle) -> str:  # noqa: ANN001
    return render_markdown(run_view(recap, bundle), bundle, "customer")


LEFT_OUT = [
    ("owner review", Claim(id="x", text="Response time improved.", citations=["kpi-nw-1"], flags=[FLAG_OWNER_REVIEW])),
    ("cites a risk", Claim(id="x", text="Vendor access is pending.", citations=["risk-nw-1"])),
    ("cites an escalation", Claim(id="x", text="The vendor was chased.", citations=["act-nw-2"])),
    ("renewal words", Claim(id="x", text="Renewal is due 2027-03-31.", citations=["acc-northwind"])),
    ("pricing words", Claim(id="x", text="They asked for pricing.", citations=["act-nw-1"])),
    ("money", Claim(id="x", text="ARR is 240,000 USD.", citations=["acc-northwind"])),
    ("health words", Claim(id="x", text="Scheduling is Off Track.", citations=["kpi-nw-3"])),
    ("expansion words", Claim(id="x", text="An expansion to billing is likely.", citations=["act-nw-1"])),
    (
        "recommendation",
        Claim(
            id="x",
            text="Report the KPI monthly.",
            citations=["kpi-nw-2"],
            kind="recommendation",
            owner="u-maria",
            due="2026-12-23",
        ),
    ),
    ("unquotable feedback", Claim(id="x", text="A CSAT score of 3.", citations=["fb-nw-2"])),
    ("confidential record", Claim(id="x", text="A call on 2026-09-15.", citations=["act-nw-3"])),
]


@pytest.mark.parametrize("claim", [c for _, c in LEFT_OUT], ids=[n for n, _ in LEFT_OUT])
def test_claims_carrying_an_excluded_element_are_left_out(example: tuple, claim: Claim) -> None:
    recap, bundle = example
    assert claim.text not in customer_md(with_claim(recap, claim), bundle)


@pytest.mark.parametrize(
    "section",
    ["risks_and_blockers", "expansion_opportunities", "strategic_next_steps", "immediate_actions", "key_stakeholders"],
)
def test_internal_sections_never_reach_customers(example: tuple, section: str) -> None:
    recap, bundle = example
    md = customer_md(recap, bundle)
    assert recap.sections[section] and all(c.text not in md for c in recap.sections[section])


LEAKS = [
    ("dana.ruiz@northwind.example is the sponsor.", "personal data (email)"),
    ("Call +1 617 555 0100 for the numbers.", "personal data (phone)"),
    ("Scheduling is still painful for my staff, said Omar.", "unquotable feedback"),
    ("Without API access the duplicate-entry objective will miss its date.", "risks and blockers"),
]


@pytest.mark.parametrize(("text", "element"), LEAKS, ids=["email", "phone", "unquotable", "risk-text"])
def test_a_kept_claim_that_would_leak_refuses_the_export(example: tuple, text: str, element: str) -> None:
    recap, bundle = example
    claim = Claim(id="ka-9", text=text, citations=["kpi-nw-2"], verdict="supported", supported=True)
    with pytest.raises(ExportRefused) as refused:
        customer_document(run_view(with_claim(recap, claim), bundle), bundle)
    assert f"claim ka-9 would show {element}" in refused.value.message
    assert "replay the run" in refused.value.message


@pytest.mark.parametrize("status", ["awaiting_review", "rejected", "failed"])
def test_only_approved_runs_are_exported_for_customers(example: tuple, status: str) -> None:
    recap, bundle = example
    with pytest.raises(ExportRefused, match=f"is {status}: only an approved recap"):
        customer_document(run_view(recap, bundle, status=status), bundle)


def test_sources_are_numbered_plain_words_not_ids(example: tuple) -> None:
    recap, bundle = example
    doc = customer_document(run_view(recap, bundle), bundle)
    assert [n for n, _ in doc.sources] == [str(i) for i in range(1, len(doc.sources) + 1)]
    notes = dict(doc.sources)
    assert "KPI “Median first-response time”, updated 2026-11-10" in notes.values()
    ids = {rid for c in recap.all_claims() for rid in c.citations}
    assert not [t for t in doc.texts() if any(rid in t for rid in ids)]


def test_likely_benefits_read_as_expected_with_their_caveat(example: tuple) -> None:
    recap, bundle = example
    claim = Claim(
        id="ka-9",
        text="Fewer calls should follow the FAQ bot.",
        citations=["pt-nw-1"],
        kind="likely_benefit",
        verdict="supported",
        supported=True,
    )
    md = customer_md(with_claim(recap, claim), bundle)
    line = next(line for line in md.splitlines() if "Fewer calls" in line)
    assert "(not yet measured)" in line and "*(expected benefit)*" in line and "likely" not in line


def test_the_customer_stamp_has_no_comment(example: tuple) -> None:
    recap, bundle = example
    md = render_markdown(run_view(recap, bundle, comment="internal: push for the upsell"), bundle, "customer")
    assert "Reviewed and approved by u-maria on 2026-11-23" in md and "upsell" not in md


def test_the_exclusion_table_names_each_contract_element() -> None:
    elements = " ".join(e.element for e in EXCLUSIONS)
    for word in (
        "stop reasons",
        "risks and blockers",
        "next steps",
        "health",
        "renewal",
        "expansion",
        "pricing",
        "owner-review",
        "unquotable",
        "personal data",
        "confidential",
    ):
        assert word in elements
