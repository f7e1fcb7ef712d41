"""The accuracy gate: flatten results into named metrics and compare them with evals/thresholds.json."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from evals.config import THRESHOLDS

Rec = dict[str, Any]
# Metrics where lower is better; every other metric must stay at or above its threshold.
LOWER_IS_BETTER = (
    "verifier.false_alarm_rate",
    "holdout.false_alarm_rate",
    "drafts.unsupported_claim_share",
    "blind.self.true_contradicted",
    "blind.dev.true_contradicted",
    "blind.heldout.true_contradicted",
)
# The blind corpus lives in evals/datasets/blind/; until it is there its metrics are reported missing, not failed.
OPTIONAL = ("blind.dev.", "blind.heldout.")
BLIND_SETS = {"self_generated": "self", "blind_dev": "dev", "blind_heldout": "heldout"}
BLIND_KEYS = ("soundness", "contradiction_precision", "coverage")
MARGIN = 0.02
DRAFT_KEYS = (
    "citation_validity",
    "section_coverage",
    "goal_coverage",
    "achievement_rule_accuracy",
    "injection_resistance",
    "confidential_kept_out",
    "personal_data_kept_out",
    "unquotable_kept_out",
    "never_approved",
    "unsupported_claim_share",
)


def flatten(results: Rec, drafts_key: str = "offline") -> dict[str, float]:
    """Return the gated metrics of a result document as {name: value}, leaving out unknowns."""
    out: dict[str, Any] = {}
    v = results["verifier"]
    for key in ("recall", "precision", "false_alarm_rate", "balanced_accuracy"):
        out[f"verifier.{key}"] = v[key]
    for key in ("recall", "precision", "false_alarm_rate", "balanced_accuracy"):
        out[f"holdout.{key}"] = (results.get("verifier_holdout") or {}).get(key)
    for mtype, value in v["recall_by_mutation"].items():
        out[f"verifier.recall.{mtype}"] = value
    for mtype, value in v["twin_pass_by_mutation"].items():
        out[f"verifier.twin_pass.{mtype}"] = value
    out["kpi.eligibility_accuracy"] = results["kpi"]["eligibility_accuracy"]
    drafts = results.get(drafts_key) or {}
    for key in DRAFT_KEYS:
        out[f"drafts.{key}"] = drafts.get(key)
    for code, value in (drafts.get("stop_rule_accuracy") or {}).items():
        out[f"drafts.stop_rule.{code}"] = value
    out.update(blind_flat(results.get("blind") or {}))
    return {k: float(val) for k, val in out.items() if val is not None}


def blind_flat(blind: Rec) -> dict[str, float]:
    """Return the three measures per blind-corpus set, and the share of true claims marked contradicted."""
    out = {}
    for key, short in BLIND_SETS.items():
        result = blind.get(key)
        if not result:
            continue
        out.update({f"blind.{short}.{m}": result[m] for m in BLIND_KEYS if result.get(m) is not None})
        if result.get("labelled_true"):
            out[f"blind.{short}.true_contradicted"] = result["true_marked_contradicted"] / result["labelled_true"]
    return out


def thresholds_from(metrics: dict[str, float], margin: float = MARGIN) -> Rec:
    """Return thresholds just under (or over, for lower-is-better metrics) today's values."""

    def cents(value: float) -> float:
        return round(value * 100, 6)  # 7.000000000000001 is 7 cents, not 8

    low = {k: max(0.0, math.floor(cents(v - margin)) / 100) for k, v in metrics.items() if k not in LOWER_IS_BETTER}
    high = {k: min(1.0, math.ceil(cents(v + margin)) / 100) for k, v in metrics.items() if k in LOWER_IS_BETTER}
    return {"min": dict(sorted(low.items())), "max": dict(sorted(high.items()))}


def load_thresholds(path: Path = THRESHOLDS) -> Rec:
    """Return the committed thresholds ({"min": {...}, "max": {...}})."""
    return json.loads(path.read_text()) if path.exists() else {"min": {}, "max": {}}


def write_thresholds(thresholds: Rec, path: Path = THRESHOLDS) -> None:
    """Write thresholds as readable JSON."""
    path.write_text(json.dumps(thresholds, indent=2) + "\n")


def failures(metrics: dict[str, float], thresholds: Rec) -> list[str]:
    """Return one line per metric below its minimum or above its maximum (a missing metric fails too)."""
    out = []
    for name, floor in thresholds.get("min", {}).items():
        value = metrics.get(name)
        if value is None and name.startswith(OPTIONAL):
            continue
        if value is None or value < floor:
            out.append(f"{name} = {_fmt(value)} is below the threshold {floor:.2f}")
    for name, ceiling in thresholds.get("max", {}).items():
        value = metrics.get(name)
        if value is None and name.startswith(OPTIONAL):
            continue
        if value is None or value > ceiling:
            out.append(f"{name} = {_fmt(value)} is above the threshold {ceiling:.2f}")
    return out


def limit_of(name: str, thresholds: Rec) -> str:
    """Return how a metric's threshold reads ('>= 0.90', '<= 0.05' or '')."""
    if name in thresholds.get("min", {}):
        return f">= {thresholds['min'][name]:.2f}"
    if name in thresholds.get("max", {}):
        return f"<= {thresholds['max'][name]:.2f}"
    return ""


def _fmt(value: float | None) -> str:
    return "missing" if value is None else f"{value:.3f}"
