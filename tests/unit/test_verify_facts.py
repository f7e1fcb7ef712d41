"""Per-bundle facts: built once per bundle object, never shared between bundles, and as exact as the slow way."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from state.bundle import Bundle
from state.recap import Claim
from tools.verify import facts as facts_module
from tools.verify import verify_claim
from tools.verify.facts import account_facts
from tools.verify.quotes import THRESHOLD, normalise, reproduces, similarity
from tools.verify.text import text_fields

RAW = json.loads((Path(__file__).parents[2] / "docs" / "example-bundle.json").read_text())


def fresh() -> Bundle:
    """Return a new bundle object of the example account."""
    return Bundle.model_validate(RAW)


def test_one_bundle_object_gets_one_facts_object() -> None:
    bundle = fresh()
    assert account_facts(bundle) is account_facts(bundle)
    assert account_facts(bundle) is not account_facts(fresh())


def test_a_freed_bundle_leaves_the_cache() -> None:
    bundle = fresh()
    key = id(bundle)
    account_facts(bundle)
    del bundle  # freed at once by reference counting; its id may be given to the next bundle
    other = Bundle.model_validate({**RAW, "risks": []})
    assert "risk-nw-1" not in account_facts(other).index
    assert key == id(other) or key not in facts_module._cache


def test_a_changed_copy_is_checked_against_its_own_records() -> None:
    bundle = fresh()
    claim = Claim(id="c", text="Median first-response time is 5 hours.", citations=["kpi-nw-1"])
    assert verify_claim(claim, bundle).supported
    kpis = [k.model_copy(update={"current": 7.0}) if k.id == "kpi-nw-1" else k for k in bundle.objective_kpis]
    assert not verify_claim(claim, bundle.model_copy(update={"objective_kpis": kpis})).supported
    assert verify_claim(claim, bundle).supported


def test_names_of_things_are_every_name_title_and_subject_but_contacts() -> None:
    bundle = fresh()
    expected = {
        value
        for key, (kind, record) in bundle.index().items()
        if kind != "contacts"
        for field, value in text_fields(record)
        if field in {"name", "title", "subject"}
    }
    assert set(account_facts(bundle).entity_names.split("\x00")) == expected


WORDS = st.sampled_from(
    [
        "the",
        "team",
        "finally",
        "answers",
        "patients",
        "same",
        "day",
        "is",
        "still",
        "painful",
        "for",
        "my",
        "staff",
        "a",
    ]
)


@st.composite
def quote_and_text(draw: st.DrawFn) -> tuple[str, str]:
    """Draw a text and a quote of it: a passage, maybe with a word changed, added or dropped."""
    text = draw(st.lists(WORDS, min_size=1, max_size=14))
    start = draw(st.integers(0, len(text) - 1))
    quote = text[start : start + draw(st.integers(1, 10))]
    edit = draw(st.sampled_from(["none", "change", "add", "drop", "fresh"]))
    at = draw(st.integers(0, len(quote) - 1))
    if edit == "change":
        quote[at] = draw(WORDS)
    elif edit == "add":
        quote.insert(at, draw(WORDS))
    elif edit == "drop" and len(quote) > 1:
        del quote[at]
    elif edit == "fresh":
        quote = draw(st.lists(WORDS, min_size=1, max_size=10))
    return " ".join(quote), " ".join(text)


@given(quote_and_text())
def test_reproduces_agrees_with_similarity(pair: tuple[str, str]) -> None:
    quote, text = pair
    assert reproduces(normalise(quote), normalise(text)) == (similarity(quote, text) >= THRESHOLD)
