"""Show eval results: a rich table on the terminal, a Markdown table for the README, JSON for machines."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from evals.gate import flatten, limit_of

Rec = dict[str, Any]
LABELS = {
    "verifier.recall": "verifier recall (all mutations)",
    "verifier.precision": "verifier precision",
    "verifier.false_alarm_rate": "verifier false-alarm rate",
    "verifier.balanced_accuracy": "verifier balanced accuracy",
    "kpi.eligibility_accuracy": "KPI eligibility accuracy",
    "holdout.recall": "held-out set: verifier recall",
    "holdout.precision": "held-out set: verifier precision",
    "holdout.false_alarm_rate": "held-out set: false-alarm rate",
    "holdout.balanced_accuracy": "held-out set: balanced accuracy",
}


PREFIXES = (
    ("blind.self.", "self-generated claims: "),
    ("blind.dev.", "blind claims, development part: "),
    ("blind.heldout.", "blind claims, held-out part: "),
    ("verifier.recall.", "mutants caught: "),
    ("verifier.twin_pass.", "benign twins kept: "),
    ("drafts.stop_rule.", "stop rule agrees: "),
    ("drafts.", "drafts: "),
)


def label(name: str) -> str:
    """Return how a metric reads in the tables."""
    if name in LABELS:
        return LABELS[name]
    for prefix, words in PREFIXES:
        if name.startswith(prefix):
            return words + name.removeprefix(prefix).replace("_", " ")
    return name


def rows(results: Rec, thresholds: Rec, failed: set[str]) -> list[tuple[str, str, str, str, str]]:
    """Return (metric, offline, llm, threshold, status) for every gated metric."""
    offline = flatten(results, "offline")
    llm = flatten(results, "llm") if results.get("llm") else {}
    out = []
    for name, value in offline.items():
        other = llm.get(name) if name.startswith("drafts.") else None
        status = "FAIL" if name in failed else ("ok" if limit_of(name, thresholds) else "")
        out.append(
            (label(name), f"{value:.3f}", "" if other is None else f"{other:.3f}", limit_of(name, thresholds), status)
        )
    if results.get("llm"):
        share = results["llm"].get("unsupported_claim_share")
        out.append(("LLM claims flagged unsupported", "", "" if share is None else f"{share:.3f}", "", ""))
    return out


def terminal_table(results: Rec, thresholds: Rec, failed: set[str], console: Console) -> None:
    """Print the results as a rich table."""
    meta = results["metadata"]
    table = Table(
        title=f"recap evals · {meta['dataset']['claims']} labelled claims · {meta['dataset']['accounts']} "
        f"accounts · commit {meta['git_commit'][:10]}"
    )
    for column in ("metric", "offline", "llm", "threshold", ""):
        table.add_column(column, justify="left" if column == "metric" else "right")
    for metric, offline, llm, limit, status in rows(results, thresholds, failed):
        style = "red" if status == "FAIL" else None
        table.add_row(metric, offline, llm, limit, status, style=style)
    console.print(table)


def markdown(results: Rec, thresholds: Rec, failed: set[str]) -> str:
    """Return the results as a Markdown table with a line of metadata."""
    meta = results["metadata"]
    has_llm = bool(results.get("llm"))
    head = ["metric", "offline", *(["llm"] if has_llm else []), "threshold"]
    lines = [
        f"Evals at commit `{meta['git_commit'][:10]}`, dataset sha256 `{meta['dataset']['sha256'][:12]}`, "
        f"{meta['dataset']['accounts']} accounts, {meta['dataset']['claims']} labelled claims "
        f"({meta['dataset']['mutants']} mutants), drafter `{meta['drafter']}` ({meta['prompt_version']}), "
        f"{meta['timestamp']}.",
        "",
        "| " + " | ".join(head) + " |",
        "|" + "---|" * len(head),
    ]
    for metric, offline, llm, limit, status in rows(results, thresholds, failed):
        cells = [metric, offline, *([llm] if has_llm else []), limit + (" **FAIL**" if status == "FAIL" else "")]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def write(results: Rec, thresholds: Rec, failed: set[str], out_dir: Path) -> list[Path]:
    """Write latest.json and latest.md into `out_dir`."""
    out_dir.mkdir(parents=True, exist_ok=True)
    json_path, md_path = out_dir / "latest.json", out_dir / "latest.md"
    json_path.write_text(json.dumps(results, indent=2, sort_keys=False) + "\n")
    md_path.write_text(markdown(results, thresholds, failed))
    return [json_path, md_path]
