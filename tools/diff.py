"""What changed since the last approved recap: claims new, changed or gone per section, and KPIs that moved."""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import BaseModel, Field

from state.recap import CAVEATS, SECTION_IDS, SECTION_TITLES, VALUE_RECAP, Claim, Recap

Change = Literal["new", "changed", "gone"]


class ClaimChange(BaseModel):
    """One claim that is new, reworded or no longer there."""

    section: str
    change: Change
    claim_id: str
    text: str
    previous_text: str | None = None


class KpiMove(BaseModel):
    """A KPI whose status or current value moved between the two recaps."""

    kpi_id: str
    name: str
    unit: str | None = None
    previous_status: str | None = None
    status: str | None = None
    previous_current: float | None = None
    current: float | None = None


class RecapDiff(BaseModel):
    """The run against the account's last approved recap (nothing to compare when there is none)."""

    run_id: str
    previous_run_id: str | None = None
    sections: dict[str, list[ClaimChange]] = Field(default_factory=dict)
    kpis: list[KpiMove] = Field(default_factory=list)
    note: str | None = None


def _grouped(recap: Recap) -> dict[str, list[Claim]]:
    groups: dict[str, list[Claim]] = {s: list(recap.sections.get(s, [])) for s in SECTION_IDS}
    groups[VALUE_RECAP] = [c for entry in recap.value_recap for _, c in entry.claims()]
    groups[CAVEATS] = list(recap.caveats)
    return groups


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def _section_changes(section: str, old: list[Claim], new: list[Claim]) -> list[ClaimChange]:
    """Same words: unchanged; same citations in other words: changed; the rest new or gone."""
    old_left = [c for c in old if _norm(c.text) not in {_norm(n.text) for n in new}]
    new_left = [c for c in new if _norm(c.text) not in {_norm(o.text) for o in old}]
    changes = []
    for claim in new_left:
        twin = next((o for o in old_left if sorted(o.citations) == sorted(claim.citations)), None)
        if twin is not None:
            old_left.remove(twin)
            changes.append(
                ClaimChange(
                    section=section, change="changed", claim_id=claim.id, text=claim.text, previous_text=twin.text
                )
            )
        else:
            changes.append(ClaimChange(section=section, change="new", claim_id=claim.id, text=claim.text))
    changes += [ClaimChange(section=section, change="gone", claim_id=o.id, text=o.text) for o in old_left]
    return changes


def diff_recaps(old: Recap, new: Recap) -> dict[str, list[ClaimChange]]:
    """Return the sections that changed, each with its new, changed and gone claims."""
    before, after = _grouped(old), _grouped(new)
    out = {s: _section_changes(s, before[s], after[s]) for s in after}
    return {s: changes for s, changes in out.items() if changes}


def kpi_moves(old: dict[str, dict[str, Any]], new: dict[str, dict[str, Any]]) -> list[KpiMove]:
    """Return the KPIs present in both snapshots whose status or current value differs."""
    moves = []
    for kpi_id, now in new.items():
        then = old.get(kpi_id)
        if then is None or (then.get("status"), then.get("current")) == (now.get("status"), now.get("current")):
            continue
        moves.append(
            KpiMove(
                kpi_id=kpi_id,
                name=now.get("name") or kpi_id,
                unit=now.get("unit"),
                previous_status=then.get("status"),
                status=now.get("status"),
                previous_current=then.get("current"),
                current=now.get("current"),
            )
        )
    return moves


def diff_markdown(diff: RecapDiff) -> str:
    """Render the diff for the owner: per section what is new, changed or gone, then the KPIs that moved."""
    if diff.previous_run_id is None:
        return f"# Changes in {diff.run_id}\n\n{diff.note}\n"
    lines = [f"# Changes in {diff.run_id} since approved recap {diff.previous_run_id}", ""]
    for section, changes in diff.sections.items():
        lines += [f"## {SECTION_TITLES.get(section, section.replace('_', ' ').title())}", ""]
        for c in changes:
            was = f" (was: {c.previous_text})" if c.previous_text else ""
            lines.append(f"- {c.change}: {c.text}{was}")
        lines.append("")
    if diff.kpis:
        lines += ["## KPIs that moved", ""]
        for k in diff.kpis:
            unit = f" {k.unit}" if k.unit else ""
            lines.append(
                f"- {k.name}: {_num(k.previous_current)} to {_num(k.current)}{unit}"
                + (f", {k.previous_status} to {k.status}" if k.previous_status != k.status else "")
            )
        lines.append("")
    if not diff.sections and not diff.kpis:
        lines.append("Nothing changed.")
    if diff.note:
        lines.append(diff.note)
    return "\n".join(lines).rstrip() + "\n"


def _num(value: float | None) -> str:
    return "-" if value is None else f"{value:g}"
