"""Write the verifier's measures per claim set (self-generated, blind development, blind held-out) as md and json."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

Rec = dict[str, Any]
SETS = (
    ("self_generated", "self-generated (claims-v1: generator bases, mutants, twins)"),
    ("blind_dev", "blind, development part (written by people who never read the verifier)"),
    ("blind_heldout", "blind, held-out part (frozen; aggregates only)"),
)
TARGETS = {
    "soundness": ">= 0.98",
    "contradiction_precision": ">= 0.98",
    "coverage": ">= 0.85",
    "true_marked_contradicted": "0",
}


def _cell(value: Any) -> str:
    if value is None:
        return "n/a"
    return f"{value:.3f}" if isinstance(value, float) else str(value)


def markdown(blind: Rec) -> str:
    """Return the measures as Markdown: one table of sets, then one table of categories per set that has one."""
    head = [
        "set",
        "claims",
        "labelled false",
        "labelled true",
        "soundness",
        "contradiction precision",
        "coverage",
        "true marked contradicted",
    ]
    lines = [
        "| " + " | ".join(head) + " |",
        "|" + "---|" * len(head),
        "| target | | | | " + " | ".join(TARGETS[k] for k in TARGETS) + " |",
    ]
    for key, name in SETS:
        result = blind.get(key)
        if not result:
            lines.append(f"| {name} | not present | | | | | | |")
            continue
        cells = [
            name,
            *(
                _cell(result.get(k))
                for k in (
                    "claims",
                    "labelled_false",
                    "labelled_true",
                    "soundness",
                    "contradiction_precision",
                    "coverage",
                    "true_marked_contradicted",
                )
            ),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    for key, name in SETS:
        categories = (blind.get(key) or {}).get("by_category")
        if not categories:
            continue
        lines += [
            "",
            f"Per category, {name}:",
            "",
            "| category | claims | soundness | coverage | label -> verdict |",
            "|---|---|---|---|---|",
        ]
        for category, row in categories.items():
            verdicts = ", ".join(f"{k} {v}" for k, v in row["verdicts"].items())
            lines.append(
                f"| {category} | {row['claims']} | {_cell(row['soundness'])} | {_cell(row['coverage'])} | {verdicts} |"
            )
    return "\n".join(lines) + "\n"


def write_blind(blind: Rec, out_dir: Path) -> list[Path]:
    """Write blind.json and blind.md into `out_dir`."""
    out_dir.mkdir(parents=True, exist_ok=True)
    json_path, md_path = out_dir / "blind.json", out_dir / "blind.md"
    json_path.write_text(json.dumps(blind, indent=2) + "\n")
    md_path.write_text("# Verifier soundness per claim set\n\n" + markdown(blind))
    return [json_path, md_path]
