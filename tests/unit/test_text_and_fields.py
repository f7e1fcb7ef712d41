"""The pure helpers behind input hygiene: invalid text found by path, misspelled fields matched."""

from __future__ import annotations

import json

import pytest

from state.bundle import Account, Bundle, PlaybookTask
from state.fields import closest_field, extra_field_message
from state.run import Decision
from state.text import clean_text, clean_value, invalid_text_locs

BUNDLE_KEYS = list(Bundle.model_fields)


@pytest.mark.parametrize(
    ("name", "known", "expected"),
    [
        ("kpis", BUNDLE_KEYS, "objective_kpis"),
        ("objective_kpi", BUNDLE_KEYS, "objective_kpis"),
        ("objectiveKpis", BUNDLE_KEYS, "objective_kpis"),
        ("contact", BUNDLE_KEYS, "contacts"),
        ("titel", list(PlaybookTask.model_fields), "title"),
        ("renewal", list(Account.model_fields), "renewal_date"),
        ("crm_export_version", BUNDLE_KEYS, None),
        ("colour", list(PlaybookTask.model_fields), None),
        ("created_at", ["updated_at", "id"], None),
        ("date", ["due_date", "completed_date"], None),  # two fields hold it: no guess
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_closest_field(name: str, known: list[str], expected: str | None) -> None:
    assert closest_field(name, known) == expected


def test_extra_field_message_follows_the_location_into_nested_models() -> None:
    assert extra_field_message(Decision, ("edits", "edit", 0, "txt")) == "unknown field; did you mean text?"
    assert extra_field_message(Decision, ("edits", "add", 3, "sections")) == "unknown field; did you mean section?"
    assert extra_field_message(Decision, ("zzz",)) == "unknown field; expected one of decision, edits, comment"
    assert extra_field_message(None, ("zzz",)) == "unknown field"


def test_invalid_text_is_found_in_values_and_keys_by_path() -> None:
    raw = json.loads('{"a": ["ok", "x\\ud800"], "b\\udfff": {"c": "nul\\u0000"}, "d": 1}')
    assert list(invalid_text_locs(raw)) == [("a", 1), ("b\ufffd",), ("b\ufffd", "c")]
    cleaned = clean_value(raw)
    assert cleaned == {"a": ["ok", "x\ufffd"], "b\ufffd": {"c": "nul\ufffd"}, "d": 1}
    assert json.dumps(cleaned, ensure_ascii=False).encode("utf-8")  # encodable now
    assert clean_text("plain text") == "plain text"
