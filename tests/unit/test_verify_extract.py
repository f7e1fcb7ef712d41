"""The verifier's readers on their own: numbers, units, hints, dates, quotes and person names."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from state.bundle import Bundle
from state.recap import Claim
from tools.verify.context import build_context
from tools.verify.dates import find_dates
from tools.verify.hints import classify
from tools.verify.numbers import find_numbers
from tools.verify.people import unknown_people
from tools.verify.quotes import quotes_in, similarity

BUNDLE = Bundle.model_validate(json.loads((Path(__file__).parents[2] / "docs" / "example-bundle.json").read_text()))


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("12 hours", 12, ("time", "hour")),
        ("a 4-hour target", 4, ("time", "hour")),
        ("12 h", 12, ("time", "hour")),
        ("36%", 36, ("percent", "%")),
        ("36 percent", 36, ("percent", "%")),
        ("240,000 USD", 240_000, ("money", "USD")),
        ("$1.2M", 1_200_000, ("money", "USD")),
        ("€5k", 5_000, ("money", "EUR")),
        ("USD 240,000", 240_000, ("money", "USD")),
        ("850 appointments", 850, ("noun", "appointment")),
        ("40 more seats", 40, ("noun", "seat")),
        ("six weeks", 6, ("time", "week")),
        ("twenty-five agents", 25, ("noun", "agent")),
        ("one hour", 1, ("time", "hour")),
        ("a one-hour gap", 1, ("time", "hour")),
        ("a six-week delay", 6, ("time", "week")),
        ("7 points", 7, ("noun", "point")),
    ],
    ids=lambda v: str(v),
)
def test_number_value_and_unit(text: str, value: float, unit: tuple[str, str]) -> None:
    [mention] = find_numbers(text)
    assert (mention.value, mention.unit) == (value, unit)


@pytest.mark.parametrize(
    "text",
    [
        "kpi-nw-1",
        "the 2nd goal",
        "one of them",
        "a one-off fee",
        "the one-to-one call",
        "each one caused",
        "B2B",
        "Q4",
        "24/7",
        "re-keyed",
    ],
    ids=lambda v: v,
)
def test_not_numbers(text: str) -> None:
    assert find_numbers(text) == []


@pytest.mark.parametrize(("text", "step"), [("1.2M", 100_000), ("36", 1), ("0.875", 0.001), ("240,000", 1000)])
def test_written_precision(text: str, step: float) -> None:
    assert find_numbers(text)[0].step == pytest.approx(step)


@pytest.mark.parametrize(
    ("text", "kind", "sign"),
    [
        ("Response time fell 58%.", "change", -1),
        ("Self-service grew 38%.", "change", 1),
        ("It is down 58% on the baseline.", "change", -1),
        ("It fell by 7 hours.", "change", -1),
        ("Self-service rose 26 percentage points.", "change", 1),
        ("It is 88% of the way to target.", "progress", 0),
        ("It is 1 hour above target.", "gap", 0),
        ("It is 6.5 percentage points below its target.", "gap", 0),
        ("It fell from 12 hours to 5 hours.", "value", 0),
        ("Dana wants 40 more seats.", "value", 0),
        ("Responses are 2.4x faster.", "ratio", 0),
        ("It delivered a 500% ROI.", "roi", 0),
        ("A 58% reduction in response time.", "change", -1),
    ],
    ids=lambda v: str(v),
)
def test_hint_reads_what_quantity_is_stated(text: str, kind: str, sign: int) -> None:
    mentions = find_numbers(text)
    hint = classify(text, mentions[-1] if kind != "value" else mentions[0])
    assert (hint.kind, hint.sign) == (kind, sign)


def test_hint_notices_approximation() -> None:
    text = "ARR is about $250k."
    assert classify(text, find_numbers(text)[0]).approx


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("on 2026-10-28", [(2026, 10, 28)]),
        ("in 2026-10", [(2026, 10, None)]),
        ("on October 28, 2026", [(2026, 10, 28)]),
        ("on 28 Oct 2026", [(2026, 10, 28)]),
        ("in October 2026", [(2026, 10, None)]),
        ("in Oct 2026", [(2026, 10, None)]),
        ("(Aug → Oct 2026)", [(2026, 8, None), (2026, 10, None)]),
        ("the January target", [(None, 1, None)]),
        ("since 2026.", [(2026, None, None)]),
    ],
    ids=lambda v: str(v),
)
def test_dates_are_read_at_the_precision_written(text: str, parts: list[tuple]) -> None:
    assert [(d.year, d.month, d.day) for d in find_dates(text)] == parts


def test_quarter_dates() -> None:
    [date] = find_dates("escalated in Q4 2026")
    assert (date.year, date.quarter) == (2026, 4)


@pytest.mark.parametrize("text", ["We may act in May.", "Dana will march on.", "It took 12 hours."])
def test_not_dates(text: str) -> None:
    assert find_dates(text) == []


def test_quotes_are_found_in_straight_and_curly_marks() -> None:
    text = 'She said "the team finally answers" and “it works well” but "ok" is too short.'
    assert quotes_in(text) == ["the team finally answers", "it works well"]


@pytest.mark.parametrize(
    ("quote", "expected"),
    [
        ("The team finally answers patients the same day.", 1.0),
        ("the team finally answers patients on the same day", 0.9),
    ],
)
def test_quote_similarity(quote: str, expected: float) -> None:
    assert similarity(quote, "The team finally answers patients the same day.") >= expected


def test_invented_quote_is_not_similar() -> None:
    recorded = "The team finally answers patients the same day."
    assert similarity("The team always answers within an hour.", recorded) < 0.9


def _people(text: str, citations: list[str]) -> list[str]:
    return unknown_people(build_context(Claim(id="c", text=text, citations=citations), BUNDLE))


@pytest.mark.parametrize(
    "text",
    [
        "Patient enquiries are answered faster.",
        "Northwind Health renews on 2027-03-31.",
        "Executive Sponsor Dana Ruiz, VP Patient Operations.",
        "The EHR vendor has not granted API access.",
        "Maria will send pricing.",
        "Key Achievements: Median first-response time.",
        "Self-service rollout Completed.",
        "Scheduling API connection to the EHR: Blocked.",
        "Contact Center Manager Omar Haddad.",
        "In May the FAQ bot launched.",
        "Mark the date: the Grant program starts in June.",
    ],
    ids=lambda v: v[:30],
)
def test_person_detector_stays_quiet_on_ordinary_text(text: str) -> None:
    assert _people(text, ["con-nw-1"]) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Sarah Chen joined the review.", "Sarah Chen"),
        ("Michael asked about pricing.", "Michael"),
        ("Dr Okafor signed off.", "Dr Okafor"),
    ],
    ids=lambda v: v,
)
def test_person_detector_spots_invented_people(text: str, name: str) -> None:
    assert name in _people(text, ["con-nw-1"])


def test_person_named_in_a_cited_note_is_known() -> None:
    bundle = Bundle.model_validate(
        {
            **BUNDLE.model_dump(mode="json"),
            "activities": [
                {
                    "id": "act-x",
                    "date": "2026-10-01",
                    "type": "Note",
                    "parent_type": "account",
                    "parent_id": "acc-northwind",
                    "notes": "Priya Shah from billing joined.",
                }
            ],
        }
    )
    context = build_context(Claim(id="c", text="Priya Shah from billing joined.", citations=["act-x"]), bundle)
    assert unknown_people(context) == []


def test_given_name_inside_an_entity_name_is_not_a_person() -> None:
    bundle = Bundle.model_validate(
        {
            **BUNDLE.model_dump(mode="json"),
            "account": {**BUNDLE.account.model_dump(mode="json"), "name": "Victoria Health"},
        }
    )
    context = build_context(Claim(id="c", text="Victoria Health renews in 2027.", citations=["con-nw-1"]), bundle)
    assert unknown_people(context) == []
