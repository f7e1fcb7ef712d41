"""The owner's view: verdicts, attestation (never shown as verified), stamps and the outdated mark."""

from __future__ import annotations

import pytest
from export_support import drafted, run_view

from api.render import export, render_html, render_markdown
from state.recap import Claim, Recap


@pytest.fixture
def example(example_bundle: dict) -> tuple[Recap, object]:
    recap, bundle, _ = drafted(example_bundle)
    return recap, bundle


def with_claims(recap: Recap, *claims: Claim) -> Recap:
    return recap.model_copy(update={"sections": {**recap.sections, "executive_summary": list(claims)}})


CONTRADICTED = Claim(
    id="es-1",
    text="Median first-response time fell 75%.",
    citations=["kpi-nw-1"],
    verdict="contradicted",
    reasons=["'75%' is stated as a percent change, but the values give -58.3%"],
)
ATTESTED = Claim(
    id="es-2",
    text="The team is happier.",
    citations=["kpi-nw-1"],
    verdict="unverifiable",
    reasons=["nothing recorded says so"],
    attested_by="u-maria",
    attested_at="2026-11-23T10:00:00+00:00",
)
SUPPORTED = Claim(
    id="es-3",
    text="Median first-response time fell from 12 to 5 hours.",
    citations=["kpi-nw-1"],
    verdict="supported",
    supported=True,
)


def test_each_claim_shows_its_verdict_and_attestation(example: tuple) -> None:
    recap, bundle = example
    md = render_markdown(
        run_view(with_claims(recap, CONTRADICTED, ATTESTED, SUPPORTED), bundle, status="awaiting_review"), bundle
    )
    lines = {
        c.id: next(line for line in md.splitlines() if line.startswith(f"- {c.text} "))
        for c in (CONTRADICTED, ATTESTED, SUPPORTED)
    }
    assert lines["es-1"].endswith("· **CONTRADICTED**") and "  - '75%' is stated as a percent change" in md
    assert "· **UNVERIFIABLE** · *attested by the owner (u-maria on 2026-11-23), not verified*" in lines["es-2"]
    assert lines["es-3"].endswith("· *supported*") and "attested" not in lines["es-3"]
    html = render_html(run_view(with_claims(recap, ATTESTED), bundle, status="awaiting_review"), bundle)
    assert 'data-verdict="unverifiable"' in html and "verdict-supported" not in html.split("Executive Summary")[1][:600]


@pytest.mark.parametrize(
    ("status", "headline"),
    [
        ("approved", "APPROVED by u-maria on 2026-11-23 10:00 UTC"),
        ("rejected", "REJECTED by u-maria on 2026-11-23 10:00 UTC"),
    ],
)
def test_decided_runs_carry_a_stamp_with_the_escaped_comment(example: tuple, status: str, headline: str) -> None:
    recap, bundle = example
    md = render_markdown(run_view(recap, bundle, status=status, comment="see <b>notes</b>"), bundle)
    assert md.startswith(f"> **{headline}**\n>\n> Comment: see \\<b\\>notes\\</b\\>\n")
    email = export(run_view(recap, bundle, status=status, comment="see\n<b>notes</b>"), bundle, "internal", "email")
    assert f"{headline}\nComment: see <b>notes</b>\n" in email.content.decode()


def test_a_failed_run_without_a_recap_still_renders(example: tuple) -> None:
    _, bundle = example
    run = run_view(Recap(), bundle, status="failed").model_copy(update={"recap": None, "failure": "model down"})
    for fmt in ("md", "html", "email"):
        assert "FAILED: model down" in export(run, bundle, "internal", fmt).content.decode()


def test_an_outdated_run_says_so(example: tuple) -> None:
    recap, bundle = example
    md = render_markdown(run_view(recap, bundle).model_copy(update={"outdated": True}), bundle)
    assert "OUTDATED: the account's records changed since this draft" in md
