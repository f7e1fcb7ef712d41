"""Choose the evidence a prompt shows: records ranked for the part, within a token budget.

The budget keeps the prompt the same size for a 10-record account and a 10,000-activity one.
Confidential records are never shown, contact emails and phones are dropped, personal data in
free text is redacted, and long text is cut, so the model cannot repeat what it never saw.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from state.bundle import TYPE_NAMES, Bundle, ObjectiveKpi, Record
from state.errors import InputInvalid
from state.evidence import EvidencePack
from tools.kpis import measured_progress
from tools.pii import personal_data_spans

CHARS_PER_TOKEN = 4
MAX_TEXT_CHARS = 400
HIDDEN_FIELDS = frozenset({"email", "phone"})
QUIET_WHEN_FALSE = frozenset({"disputed", "confidential"})
REDACTED = "[redacted]"

Pair = tuple[str, Any]  # (type key, record); records of every type, read by field name
Tier = tuple[Iterable[Pair], int]
Keep = Callable[[Any], bool]


def estimate_tokens(text: str) -> int:
    """Return a rough token count for `text` (about four characters a token)."""
    return len(text) // CHARS_PER_TOKEN + 1


def redact(text: str) -> str:
    """Replace emails, phone, card and national id numbers in `text`."""
    out, at = [], 0
    for start, end in sorted(personal_data_spans(text, every_long_number=True)):
        if start >= at:  # spans that overlap one already redacted are inside it
            out += [text[at:start], REDACTED]
        at = max(at, end)
    return "".join([*out, text[at:]])


def _clip(text: str) -> str:
    return text if len(text) <= MAX_TEXT_CHARS else text[: MAX_TEXT_CHARS - 1].rstrip() + "…"


def _kpi_facts(kpi: ObjectiveKpi, pack: EvidencePack) -> dict:
    """Return computed KPI facts the model may state: progress toward target and eligibility."""
    facts: dict = {"achievement_eligible": kpi.id in pack.eligible_kpi_ids}
    progress = measured_progress(kpi)
    if progress is not None:
        facts["progress_to_target_pct"] = round(progress * 100)
    return facts


def _plain(field: str, value: object) -> object:
    """Return a field value as the model should read it: whole numbers without `.0`, text redacted and cut."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and not field.endswith("_id"):
        return _clip(redact(value))
    return value


def record_line(key: str, record: Record, pack: EvidencePack) -> dict:
    """Return `record` as a prompt-safe dict: id and type first, declared fields only."""
    data = record.model_dump(mode="json", exclude_none=True, include=set(type(record).model_fields))
    line: dict = {"id": data.pop("id"), "type": TYPE_NAMES[key]}
    for field, value in data.items():
        if field in HIDDEN_FIELDS or (field in QUIET_WHEN_FALSE and value is False):
            continue
        line[field] = _plain(field, value)
    if isinstance(record, ObjectiveKpi):
        line.update(_kpi_facts(record, pack))
    return line


def _latest(records: Iterable[Pair], field: str) -> list[Pair]:
    return sorted(records, key=lambda p: str(getattr(p[1], field, None) or ""), reverse=True)


RANKS = {
    "influence": {"high": 0, "medium": 1, "low": 2},
    "role": {"Executive Sponsor": 0, "Decision Maker": 1, "Champion": 2},
    "severity": {"Critical": 0, "High": 1, "Medium": 2, "Low": 3},
    "risk_status": {"Open": 0, "Mitigating": 1, "Resolved": 2},
    "kpi_status": {"Off Track": 0, "Blocked": 1, "On Track": 2, "Completed": 3, "Not Started": 4},
    "task_status": {"Blocked": 0, "In Progress": 1, "Open": 2, "Completed": 3, "Cancelled": 4},
}


def _rank(table: str, value: object) -> int:
    return RANKS[table].get(str(value), 9)


class Candidates:
    """The account's records, ranked per concept; confidential records left out."""

    def __init__(self, pack: EvidencePack, bundle: Bundle) -> None:
        self.pack, self.bundle = pack, bundle
        self.hidden = set(pack.confidential_ids) | {a.id for a in bundle.activities if a.confidential}

    def of(self, key: str, keep: Keep = lambda r: True) -> list[Pair]:
        """Return the visible records of type `key` that `keep` accepts, in bundle order."""
        return [(key, r) for r in self.bundle.records(key) if r.id not in self.hidden and keep(r)]

    def contacts(self) -> list[Pair]:
        pairs = _latest(self.of("contacts"), "last_engaged")
        return sorted(pairs, key=lambda p: (_rank("influence", p[1].influence), _rank("role", p[1].role)))

    def kpis(self, keep: Keep = lambda r: True) -> list[Pair]:
        order = {kid: i for i, kid in enumerate(self.pack.eligible_kpi_ids)}
        pairs = _latest(self.of("objective_kpis", keep), "updated_at")
        return sorted(pairs, key=lambda p: (order.get(p[1].id, len(order)), _rank("kpi_status", p[1].status)))

    def eligible_kpis(self) -> list[Pair]:
        return self.kpis(lambda k: k.id in self.pack.eligible_kpi_ids)

    def troubled_kpis(self) -> list[Pair]:
        return self.kpis(lambda k: k.status in ("Off Track", "Blocked") or k.disputed)

    def risks(self, open_only: bool = True) -> list[Pair]:
        pairs = _latest(self.of("risks", lambda r: not open_only or r.status != "Resolved"), "opened")
        return sorted(pairs, key=lambda p: (_rank("risk_status", p[1].status), _rank("severity", p[1].severity)))

    def activities(self, keep: Keep = lambda r: True) -> list[Pair]:
        return _latest(self.of("activities", keep), "date")

    def escalations(self) -> list[Pair]:
        return self.activities(lambda a: a.type == "Escalation")

    def signals(self) -> list[Pair]:
        ids = {s.activity_id for s in self.pack.expansion_signals}
        return self.activities(lambda a: a.id in ids)

    def tasks(self, statuses: tuple[str, ...]) -> list[Pair]:
        pairs = _latest(self.of("playbook_tasks", lambda t: t.status in statuses), "completed_date")
        return sorted(pairs, key=lambda p: _rank("task_status", p[1].status))

    def feedback(self, low: bool | None = None) -> list[Pair]:
        def keep(f: Any) -> bool:
            return low is None or (f.score is not None and (f.score <= 6) == low)

        return _latest(self.of("feedback", keep), "date")

    def usage(self) -> list[Pair]:
        return _latest(self.of("usage"), "period")


def _goal_plan(c: Candidates, objective_id: str | None) -> list[Tier]:
    """Return the tiers for one goal's value recap (every goal's when `objective_id` is None)."""
    objectives = c.of("objectives", lambda o: objective_id is None or o.id == objective_id)
    goal_ids = {o.id for _, o in objectives}
    challenges = {o.business_challenge_id for _, o in objectives}
    kpis = c.kpis(lambda k: k.objective_id in goal_ids)
    playbooks = c.of("playbooks", lambda p: p.objective_id in goal_ids)
    book_ids = {p.id for _, p in playbooks}
    tasks = _latest(c.of("playbook_tasks", lambda t: t.playbook_id in book_ids), "completed_date")
    linked = goal_ids | challenges | book_ids | {p[1].id for p in kpis} | {p[1].id for p in tasks}
    return [
        (objectives, 3),
        (c.of("business_challenges", lambda b: b.id in challenges), 2),
        (kpis, 6),
        (playbooks, 3),
        (tasks, 6),
        (c.activities(lambda a: a.parent_id in linked), 6),
        (c.feedback(), 3),
        (c.usage(), 4),
        (c.risks(), 3),
        (c.contacts(), 4),
    ]


PLANS: dict[str, Callable[[Candidates], list[Tier]]] = {
    "key_stakeholders": lambda c: [
        (c.contacts(), 12),
        (c.activities(lambda a: bool(a.contact_ids)), 6),
        (c.feedback(), 3),
        (c.risks(), 2),
    ],
    "executive_summary": lambda c: [
        (c.of("objectives"), 6),
        (c.kpis(), 8),
        (c.risks(), 4),
        (c.escalations(), 3),
        (c.feedback(), 3),
        (c.usage(), 4),
        (c.of("success_plans"), 2),
        (c.activities(), 3),
    ],
    "key_achievements": lambda c: [
        (c.eligible_kpis(), 10),
        (c.of("objectives"), 6),
        (c.tasks(("Completed",)), 4),
        (c.usage(), 4),
        (c.feedback(low=False), 2),
    ],
    "risks_and_blockers": lambda c: [
        (c.risks(), 8),
        (c.troubled_kpis(), 6),
        (c.tasks(("Blocked",)), 5),
        (c.escalations(), 5),
        (c.feedback(low=True), 3),
        (c.contacts(), 4),
        (c.activities(), 3),
    ],
    "expansion_opportunities": lambda c: [
        (c.signals(), 6),
        (c.feedback(low=False), 4),
        (c.usage(), 4),
        (c.contacts(), 6),
        (c.eligible_kpis(), 3),
        (c.risks(), 2),
        (c.activities(lambda a: a.type in ("Meeting", "Call")), 4),
    ],
    "strategic_next_steps": lambda c: [
        (c.of("objectives"), 6),
        (c.risks(), 5),
        (c.troubled_kpis(), 4),
        (c.signals(), 3),
        (c.contacts(), 5),
        (c.eligible_kpis(), 3),
        (c.of("success_plans"), 2),
    ],
    "immediate_actions": lambda c: [
        (c.risks(), 5),
        (c.escalations(), 4),
        (c.tasks(("Blocked", "In Progress", "Open")), 6),
        (c.contacts(), 5),
        (c.activities(), 4),
        (c.feedback(low=True), 2),
    ],
}


def plan_for(part: str, candidates: Candidates, objective_id: str | None = None) -> list[Tier]:
    """Return the ranked tiers of records (with a cap each) that the prompt for `part` draws on."""
    if part == "value_recap":
        return _goal_plan(candidates, objective_id)
    if part not in PLANS:
        raise InputInvalid(f"unknown recap part: {part}")
    return PLANS[part](candidates)


def select_evidence(
    part: str, pack: EvidencePack, bundle: Bundle, budget_tokens: int, objective_id: str | None = None
) -> list[dict]:
    """Return the records the prompt for `part` shows, most relevant first, within `budget_tokens`."""
    candidates = Candidates(pack, bundle)
    chosen = [record_line("account", bundle.account, pack)]
    seen, used = {bundle.account.id}, estimate_tokens(json.dumps(chosen[0]))
    for pairs, cap in plan_for(part, candidates, objective_id):
        taken = 0
        for key, record in pairs:
            if taken >= cap:
                break
            if record.id in seen:
                continue
            line = record_line(key, record, pack)
            cost = estimate_tokens(json.dumps(line, ensure_ascii=False))
            if used + cost > budget_tokens:
                break
            chosen.append(line)
            seen.add(record.id)
            used, taken = used + cost, taken + 1
    return chosen
