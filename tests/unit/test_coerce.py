"""Forgiving cell readers: each rule that is safe, and each refusal of what is ambiguous or wrong."""

from __future__ import annotations

from typing import Any

import pytest

from state.coerce import DATE_FORMS, READERS, enum_reader, to_date, to_flag, to_ids, to_number

NUMBERS = {
    "plain": ("85000", 85000),
    "thousands": ("85,000", 85000),
    "millions": ("1,234,567", 1234567),
    "decimal": ("12.75", 12.75),
    "thousands-decimal": ("1,234.5", 1234.5),
    "negative": ("-3", -3),
    "spaces-around": (" 42 ", 42),
    "exponent": ("1e3", 1000.0),
    "leading-dot": (".5", 0.5),
}


@pytest.mark.parametrize(("text", "value"), list(NUMBERS.values()), ids=list(NUMBERS))
def test_numbers_in_text_are_read_as_numbers(text: str, value: float) -> None:
    assert to_number(text) == value


BAD_NUMBERS = {
    "european-decimal": "1,5",
    "bad-grouping": "85,00",
    "european-thousands": "85.000,50",
    "currency": "$85,000",
    "percent": "35%",
    "word": "lots",
    "nan": "nan",
    "inf": "inf",
    "space-grouped": "85 000",
    "two-signs": "--3",
}


@pytest.mark.parametrize("text", list(BAD_NUMBERS.values()), ids=list(BAD_NUMBERS))
def test_text_that_is_not_plainly_a_number_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="is not a number") as info:
        to_number(text)
    assert f"'{text}'" in str(info.value)


DATES = {
    "iso": ("2026-04-03", "2026-04-03"),
    "iso-timestamp": ("2026-04-03T09:30:00Z", "2026-04-03"),
    "iso-space-time": ("2026-04-03 09:30:00", "2026-04-03"),
    "day-mon-year": ("3 Apr 2026", "2026-04-03"),
    "day-month-year": ("3 April 2026", "2026-04-03"),
    "month-day-comma-year": ("April 3, 2026", "2026-04-03"),
    "mon-day-year": ("Apr 3 2026", "2026-04-03"),
    "dashed": ("03-Apr-2026", "2026-04-03"),
    "ordinal": ("3rd April 2026", "2026-04-03"),
    "sept": ("30 Sept 2026", "2026-09-30"),
    "any-case": ("3 APR 2026", "2026-04-03"),
    "dotted-abbrev": ("Apr. 3, 2026", "2026-04-03"),
}


@pytest.mark.parametrize(("text", "iso"), list(DATES.values()), ids=list(DATES))
def test_iso_and_month_name_dates_are_read_as_iso(text: str, iso: str) -> None:
    assert to_date(text) == iso


AMBIGUOUS = {
    "slashes": "03/04/2026",
    "day-over-12": "13/04/2026",
    "dots": "03.04.2026",
    "two-digit-year": "3/4/26",
    "year-last-dashes": "03-04-2026",
}


@pytest.mark.parametrize("text", list(AMBIGUOUS.values()), ids=list(AMBIGUOUS))
def test_all_number_dates_are_refused_listing_the_accepted_forms(text: str) -> None:
    with pytest.raises(ValueError) as info:
        to_date(text)
    assert "is ambiguous" in str(info.value) and DATE_FORMS in str(info.value)


BAD_DATES = {
    "word": ("yesterday", "is not a date"),
    "feb-30": ("30 Feb 2026", "is not a real date"),
    "iso-feb-30": ("2026-02-30", "is not a real date"),
    "not-a-month": ("3 Foo 2026", "is not a month name"),
    "no-year": ("3 April", "is not a date"),
}


@pytest.mark.parametrize(("text", "message"), list(BAD_DATES.values()), ids=list(BAD_DATES))
def test_impossible_or_partial_dates_are_refused(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        to_date(text)


FLAGS = {
    "yes": ("yes", True),
    "Yes": ("Yes", True),
    "TRUE": ("TRUE", True),
    "one": ("1", True),
    "y": ("y", True),
    "no": ("no", False),
    "False": ("False", False),
    "zero": ("0", False),
    "N": ("N", False),
}


@pytest.mark.parametrize(("text", "value"), list(FLAGS.values()), ids=list(FLAGS))
def test_booleans_read_yes_no_true_false_one_zero(text: str, value: bool) -> None:
    assert to_flag(text) is value


@pytest.mark.parametrize("text", ["maybe", "2", "x"], ids=["word", "two", "letter"])
def test_other_boolean_words_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="is not yes/no, true/false or 1/0"):
        to_flag(text)


KPI_STATUS = READERS["objective_kpis"]["status"]
ENUMS = {
    "lower": ("on track", "On Track"),
    "upper": ("ON TRACK", "On Track"),
    "underscore": ("on_track", "On Track"),
    "hyphen": ("not-started", "Not Started"),
    "no-space": ("OffTrack", "Off Track"),
    "padded": ("  Completed ", "Completed"),
}


@pytest.mark.parametrize(("text", "canonical"), list(ENUMS.values()), ids=list(ENUMS))
def test_enumerations_match_any_case_and_spacing_and_store_the_canonical_spelling(text: str, canonical: str) -> None:
    assert KPI_STATUS(text) == canonical


@pytest.mark.parametrize(
    ("reader", "text", "canonical"),
    [
        (READERS["activities"]["parent_type"], "Success Plan", "success_plan"),
        (READERS["activities"]["parent_type"], "Objective KPI", "objective_kpi"),
        (READERS["contacts"]["influence"], "High", "high"),
        (READERS["risks"]["severity"], "critical", "Critical"),
        (READERS["objective_kpis"]["direction"], "Decrease", "decrease"),
        (READERS["feedback"]["source"], "nps", "NPS"),
    ],
    ids=["parent-type-words", "parent-type-kpi", "influence", "severity", "direction", "source"],
)
def test_every_enumerated_field_reads_forgivingly(reader: Any, text: str, canonical: str) -> None:
    assert reader(text) == canonical


@pytest.mark.parametrize("text", ["Green", "On Trak", "Ontrack!"], ids=["crm-word", "typo", "punctuation"])
def test_values_outside_an_enumeration_are_refused_listing_the_choices(text: str) -> None:
    with pytest.raises(ValueError) as info:
        KPI_STATUS(text)
    assert str(info.value) == f"'{text}' must be one of On Track, Completed, Off Track, Not Started, Blocked"


def test_enum_reader_keeps_the_choices_own_spelling() -> None:
    assert enum_reader(("NPS", "CSAT"))("csat") == "CSAT"


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        ("con-1;con-2", ["con-1", "con-2"]),
        (" con-1 ; con-2 ;", ["con-1", "con-2"]),
        ("con-1", ["con-1"]),
    ],
    ids=["two", "spaces-and-trailing", "one"],
)
def test_contact_ids_are_a_semicolon_separated_cell(text: str, ids: list[str]) -> None:
    assert to_ids(text) == ids


def test_readers_follow_the_models_field_types() -> None:
    kinds = {name: reader.__name__ for name, reader in READERS["objective_kpis"].items()}
    assert kinds["baseline"] == "to_number" and kinds["updated_at"] == "to_date" and kinds["disputed"] == "to_flag"
    assert kinds["objective_id"] == "to_id" and kinds["unit"] == "to_text"
    assert READERS["activities"]["contact_ids"] is to_ids
    assert READERS["accounts"]["owner"].__name__ == "to_id"
