"""The blind-corpus harness: three measures per set, held-out aggregates only, absent sets not gated."""

from __future__ import annotations

import json
from pathlib import Path

from evals.blind import Judged, blind_files, evaluate_set, measures
from evals.blind_report import markdown
from evals.gate import blind_flat, failures

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "example-bundle.json"


def judged(label: str, verdict: str) -> Judged:
    return Judged("c", label, verdict, "plain", ())


def test_measures_count_false_claims_not_supported_and_true_claims_supported() -> None:
    rows = [
        judged("contradicted", "contradicted"),
        judged("unverifiable", "supported"),
        judged("contradicted", "unverifiable"),
        judged("supported", "supported"),
        judged("supported", "contradicted"),
        judged("supported", "unverifiable"),
    ]
    result = measures(rows)
    assert result["soundness"] == round(2 / 3, 4)
    assert result["contradiction_precision"] == 0.5
    assert result["coverage"] == round(1 / 3, 4)
    assert result["true_marked_contradicted"] == 1


def test_a_set_is_loaded_through_a_store_and_verified(tmp_path: Path) -> None:
    (tmp_path / "a-accounts.json").write_text(json.dumps([json.loads(EXAMPLE.read_text())]))
    claims = [
        {
            "id": "x1",
            "account_id": "acc-northwind",
            "text": "Median first-response time fell from 12 hours to 5 hours.",
            "citations": ["kpi-nw-1"],
            "label": "supported",
            "category": "role_of_value",
        },
        {
            "id": "x2",
            "account_id": "acc-northwind",
            "text": "Median first-response time fell from 12 hours to 4 hours.",
            "citations": ["kpi-nw-1"],
            "label": "contradicted",
            "category": "role_of_value",
        },
        {
            "id": "x3",
            "account_id": "acc-northwind",
            "text": "It was the best quarter ever for the contact center.",
            "citations": ["kpi-nw-1"],
            "label": "unverifiable",
            "category": "universal",
        },
    ]
    (tmp_path / "a-claims.json").write_text(json.dumps(claims))
    result = evaluate_set(blind_files("claims", tmp_path), blind_files("accounts", tmp_path), True)
    assert result is not None
    assert (result["soundness"], result["coverage"], result["contradiction_precision"]) == (1.0, 1.0, 1.0)
    assert set(result["by_category"]) == {"role_of_value", "universal"}
    assert blind_files("heldout", tmp_path) == []
    assert "role_of_value" in markdown({"blind_dev": result})


def test_absent_blind_sets_are_reported_missing_not_failed() -> None:
    thresholds = {"min": {"blind.dev.soundness": 0.98, "blind.self.soundness": 0.98}, "max": {}}
    flat = blind_flat({"self_generated": None, "blind_dev": None})
    assert flat == {}
    assert failures(flat, thresholds) == ["blind.self.soundness = missing is below the threshold 0.98"]
