"""What a record's status and values say about the states the lexicon names: True, False, or None (silent).

A state word is checked against a record only when the record speaks of that state; a record that
is silent about it (None) cannot support the word.
"""

from __future__ import annotations

import re

from state.bundle import ObjectiveKpi, Record, Risk, Usage
from tools.kpis import measured_progress

# Record status -> the states it asserts, per family of records (work items and KPIs, risks).
_WORK: dict[str, frozenset[str]] = {
    "Completed": frozenset({"done", "on_track_or_better"}),
    "In Progress": frozenset({"active", "open"}),
    "On Track": frozenset({"active", "on_track", "on_track_or_better"}),
    "Off Track": frozenset({"active", "off_track"}),
    "Blocked": frozenset({"blocked", "off_track", "open"}),
    "Not Started": frozenset({"not_started", "open"}),
    "Open": frozenset({"not_started", "open"}),
    "Cancelled": frozenset({"cancelled"}),
    # free-text statuses of playbooks, objectives and plans that writers use
    "On Hold": frozenset({"blocked", "open"}),
    "Paused": frozenset({"blocked", "open"}),
}
_RISK: dict[str, frozenset[str]] = {
    "Open": frozenset({"open"}),
    "Mitigating": frozenset({"open", "mitigating"}),
    "Resolved": frozenset({"resolved"}),
}
WORK_STATES = frozenset().union(*_WORK.values())
RISK_STATES = frozenset().union(*_RISK.values())
WORK_KINDS = ("objective_kpis", "playbook_tasks", "playbooks", "objectives", "success_plans")
STATUS_KINDS = (*WORK_KINDS, "risks")


# A status written with its recorded capitals ('Open', 'On Track') names that status exactly.
EXACT_NAMES = frozenset({*_WORK, *_RISK})


def status_holds(record: Record, state: str, written: str = "") -> bool | None:
    """Tell whether the record's status asserts `state` (None when the record says nothing about it).

    `written` is the phrase as the claim wrote it: a recorded status name in its capitals must match exactly.
    """
    status = getattr(record, "status", None)
    if not isinstance(status, str):
        return None
    exact = written.replace("-", " ")
    if exact in EXACT_NAMES and (status in _WORK or status in _RISK):
        return status.lower() == exact.lower()
    if exact.lower() == "off track" and status in _WORK:
        return status == "Off Track"  # the status's own name, in any case: Blocked is not 'off track'
    if isinstance(record, Risk):
        if re.fullmatch(r"(?:still\s+)?open", exact.strip(), re.IGNORECASE):
            return status == "Open"  # 'three open risks': writers count the Open status, not Mitigating ones
        if state == "done":
            state = "resolved"
        if state == "off_track":  # 'at risk': an open risk record says so
            return status in {"Open", "Mitigating"}
        return (state in _RISK.get(status, frozenset())) if state in RISK_STATES else None
    known = _WORK.get(status.title() if status.lower() != "on track" else "On Track")
    if known is None or state not in WORK_STATES:
        return None
    if state == "on_track" and not isinstance(record, ObjectiveKpi):
        return None if "active" in known else False  # a task 'in progress' may or may not be on track
    if state == "off_track" and not isinstance(record, ObjectiveKpi) and "active" in known:
        return None
    return state in known


def _signed(kpi: ObjectiveKpi, value: float) -> float:
    return -value if kpi.direction == "decrease" else value


def outcome_holds(record: Record, state: str, series: tuple[float, ...] = ()) -> bool | None:
    """Tell whether a KPI's values (or a usage series) bear out an outcome word like 'exceeded' or 'improved'."""
    if isinstance(record, ObjectiveKpi):
        return _kpi_outcome(record, state)
    if isinstance(record, Usage) and len(series) > 1 and state in {"improved", "worsened"}:
        return (series[-1] > series[0]) == (state == "improved")
    if state == "met" and isinstance(getattr(record, "status", None), str):
        return status_holds(record, "done")
    return None


def _kpi_outcome(kpi: ObjectiveKpi, state: str) -> bool | None:
    current, target, baseline = kpi.current, kpi.target, kpi.baseline
    if state == "met" and kpi.status == "Completed":
        return True
    if state in {"improved", "worsened"}:
        if current is None or baseline is None:
            return None
        better = _signed(kpi, current) > _signed(kpi, baseline)
        return better if state == "improved" else _signed(kpi, current) < _signed(kpi, baseline)
    if state == "eliminated":
        return None if current is None else current == 0
    if state == "significant_progress":
        progress = measured_progress(kpi)
        return kpi.status == "Completed" or (progress is not None and progress >= 0.5 and not kpi.disputed)
    if current is None or target is None:
        return None
    reached = _signed(kpi, current) >= _signed(kpi, target)
    return {
        "met": reached,
        "exceeded": _signed(kpi, current) > _signed(kpi, target),
        "missed": not reached,
        "above_target": current > target,
        "below_target": current < target,
    }.get(state)


def describe(record: Record) -> str:
    """Describe a record by name, status and values, for a reason."""
    name = getattr(record, "name", None) or getattr(record, "title", None) or record.id
    status = getattr(record, "status", None)
    parts = [f"status {status}"] if isinstance(status, str) else []
    if isinstance(record, Risk):
        parts.append(f"severity {record.severity}")
    if isinstance(record, ObjectiveKpi):
        values = [
            f"{f} {getattr(record, f):g}" for f in ("baseline", "current", "target") if getattr(record, f) is not None
        ]
        if values:
            parts.append(", ".join(values) + (f" {record.unit}" if record.unit else ""))
    return f"{record.id} ({name}: {'; '.join(parts) or 'no status'})"
