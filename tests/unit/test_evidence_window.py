"""Expansion signals come from the most recent activities only (bounded work on large accounts)."""

from __future__ import annotations

import datetime as dt

from state.bundle import Bundle
from tools.evidence import SIGNAL_WINDOW, build_evidence


def bundle_with_signal_at(position_from_newest: int, example_bundle: dict) -> Bundle:
    start = dt.date(2020, 1, 1)
    n = SIGNAL_WINDOW + 5
    acts = [
        {
            "id": f"act-w-{i}",
            "date": (start + dt.timedelta(days=i)).isoformat(),
            "type": "Note",
            "parent_type": "account",
            "parent_id": "acc-northwind",
            "notes": "Routine check-in.",
        }
        for i in range(n)
    ]
    acts[n - 1 - position_from_newest]["notes"] = "She wants pricing for 40 more seats."
    return Bundle.model_validate({**example_bundle, "activities": acts})


def test_a_signal_among_the_recent_activities_is_found(example_bundle: dict) -> None:
    pack = build_evidence(bundle_with_signal_at(SIGNAL_WINDOW - 1, example_bundle), dt.date(2026, 11, 23))
    assert [s.activity_id for s in pack.expansion_signals] == [f"act-w-{5}"]


def test_a_signal_older_than_the_window_is_not(example_bundle: dict) -> None:
    pack = build_evidence(bundle_with_signal_at(SIGNAL_WINDOW + 2, example_bundle), dt.date(2026, 11, 23))
    assert pack.expansion_signals == []
