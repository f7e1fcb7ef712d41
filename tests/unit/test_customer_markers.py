"""No planted marker (risk titles, unquotable comments, emails, phones, confidential text, stop reasons)
appears in any customer rendering of any demo account, or of generated accounts of every shape."""

from __future__ import annotations

import copy
from functools import cache
from typing import Any

import pytest
from export_support import AS_OF, drafted, run_view
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

from api.render import export
from demo import demo_bundles
from demo.generator import SHAPES, generate_bundle
from demo.wide import wide_bundle
from state.errors import ExportRefused

FORMATS = ("md", "html", "email", "json")
TOKENS = ("qxrisk", "qxunquote", "qxconf", "qx.planted@example.com", "+1 617 555 0142")


@cache
def demos() -> tuple[dict[str, Any], ...]:
    return tuple(demo_bundles())


def plant(raw: dict[str, Any]) -> dict[str, Any]:
    """Mark every risk title, unquotable comment and confidential activity; add personal data to a note."""
    raw = copy.deepcopy(raw)
    for i, risk in enumerate(raw.get("risks", [])):
        risk["title"] = f"{risk['title']} qxrisk{i}"
        risk["description"] = f"qxrisk description {i}: {risk.get('description') or ''}"
    for i, fb in enumerate(raw.get("feedback", [])):
        if i == 0:
            fb["permission_to_quote"] = False
        if not fb.get("permission_to_quote"):
            fb["comment"] = f"qxunquote {i}: {fb.get('comment') or 'no comment'}"
    activities = raw.get("activities", [])
    if activities:
        activities[0].update(confidential=True, subject="qxconf merger talks", notes="qxconf board memo")
    if len(activities) > 1:
        activities[1]["notes"] = "Call qx.planted@example.com or +1 617 555 0142 about the rollout."
    return raw


def markers(raw: dict[str, Any], stops: list[str]) -> list[str]:
    contacts = raw.get("contacts", [])
    found = [*TOKENS, *(c[key] for c in contacts for key in ("email", "phone") if c.get(key))]
    return [m.lower() for m in found + stops]


accounts = st.one_of(
    st.sampled_from(range(len(demo_bundles()))).map(lambda i: demos()[i]),
    st.builds(
        lambda seed, shape: generate_bundle(seed, account_id=f"acc-gen{seed}", activities=12, shape=shape, as_of=AS_OF),
        st.integers(0, 10_000),
        st.sampled_from(SHAPES),
    ),
    st.just(None).map(lambda _: wide_bundle(activities=40)),
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=accounts)
def test_no_planted_marker_reaches_a_customer(raw: dict[str, Any]) -> None:
    planted = plant(raw)
    recap, bundle, stops = drafted(planted)
    run = run_view(recap, bundle, stops=stops, comment="qxunquote comment of the owner")
    hidden = markers(planted, [s.message for s in stops])
    for fmt in FORMATS:
        try:
            text = export(run, bundle, "customer", fmt).content.decode("utf-8").lower()
        except ExportRefused as refused:
            note(f"refused: {refused.message}")
            return
        leaked = [m for m in hidden if m in text]
        assert leaked == [], f"{fmt}: {leaked}"
        assert "qx" not in text


@pytest.mark.parametrize("index", range(len(demo_bundles())), ids=[b["account"]["id"] for b in demo_bundles()])
def test_planted_demo_accounts_still_export(index: int) -> None:
    """The property above is not met by refusing: every planted demo account exports, markers left out."""
    recap, bundle, stops = drafted(plant(demos()[index]))
    text = export(run_view(recap, bundle, stops=stops), bundle, "customer", "md").content.decode("utf-8")
    assert "## Key Achievements" in text or "## Value recap" in text
    assert "qx" not in text.lower()
