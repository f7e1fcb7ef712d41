"""Build the evidence pack: what the records prove about each goal, and what needs the owner's eye."""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date, timedelta

from state.bundle import Activity, Bundle, Objective, Record
from state.evidence import EvidencePack, GoalEvidence, IssueEvidence
from tools.kpis import kpi_evidence, select_eligible_kpis
from tools.pii import find_personal_data
from tools.signals import find_signals

# Bounds that keep the pack small however many records the account has.
MAX_GOAL_ACTIVITIES = 20
MAX_FLAG_IDS = 200
MAX_ISSUES = 20
MAX_SIGNALS = 10
MAX_REASON = 200
ESCALATION_WINDOW_DAYS = 30
OPEN_TASK_STATUSES = frozenset({"Open", "In Progress", "Blocked"})
# Free-text fields scanned for personal data (contact email/phone fields are structured, not text).
TEXT_FIELDS = ("name", "title", "description", "subject", "notes", "comment")
SIGNAL_WINDOW = 1000  # most recent activities searched for expansion signals
MAYBE_PERSONAL = re.compile(r"@|\d(?:\D*\d){5}")


def short(text: str, limit: int = MAX_REASON) -> str:
    """Return `text` on one line, cut to at most `limit` characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def _newest_first(activities: list[Activity]) -> list[Activity]:
    return sorted(activities, key=lambda a: (a.date, a.id), reverse=True)


def _activities_by_parent(bundle: Bundle) -> dict[tuple[str, str], list[Activity]]:
    by_parent: dict[tuple[str, str], list[Activity]] = defaultdict(list)
    for activity in bundle.activities:
        by_parent[(activity.parent_type, activity.parent_id)].append(activity)
    return by_parent


ByParent = dict[tuple[str, str], list[Activity]]


def _goal(objective: Objective, bundle: Bundle, by_parent: ByParent) -> GoalEvidence:
    kpis = [k for k in bundle.objective_kpis if k.objective_id == objective.id]
    playbooks = [p for p in bundle.playbooks if p.objective_id == objective.id]
    playbook_ids = {p.id for p in playbooks}
    tasks = [t for t in bundle.playbook_tasks if t.playbook_id in playbook_ids]
    delivered = sorted(
        (t for t in tasks if t.status == "Completed"), key=lambda t: (t.completed_date or date.min, t.id)
    )
    parents = [
        ("objective", objective.id),
        *(("objective_kpi", k.id) for k in kpis),
        *(("playbook", p.id) for p in playbooks),
        *(("playbook_task", t.id) for t in tasks),
    ]
    activities = _newest_first([a for parent in parents for a in by_parent.get(parent, [])])
    measured = any(k.current is not None or k.status == "Completed" for k in kpis)
    return GoalEvidence(
        objective_id=objective.id,
        name=objective.name,
        challenge_id=objective.business_challenge_id,
        kpi_ids=[k.id for k in kpis],
        playbook_ids=[p.id for p in playbooks],
        delivered_task_ids=[t.id for t in delivered],
        open_task_ids=[t.id for t in tasks if t.status in OPEN_TASK_STATUSES],
        activity_ids=[a.id for a in activities[:MAX_GOAL_ACTIVITIES]],
        has_evidence=measured or bool(delivered) or bool(activities),
    )


def _text_of(record: Record) -> str:
    fields = record.__dict__  # declared fields only; getattr would also search the extras slowly
    return " ".join(v for f in TEXT_FIELDS if isinstance(v := fields.get(f), str))


def _may_hold_personal_data(text: str) -> bool:
    """Cheap pre-check: every kind of personal data needs an @ or at least six digits."""
    return bool(MAYBE_PERSONAL.search(text))


def personal_data_ids(bundle: Bundle) -> list[str]:
    """Return ids of records whose free text holds personal data (emails, phones, card or id numbers)."""
    found = []
    for key, (_, record) in bundle.index().items():
        text = _text_of(record)
        if _may_hold_personal_data(text) and find_personal_data(text):
            found.append(key)
    return found


def _issues(bundle: Bundle, as_of: date) -> list[IssueEvidence]:
    issues = [
        IssueEvidence(
            record_id=r.id,
            reason=short(f'Open {r.severity} risk "{r.title}"' + (f" (opened {r.opened})" if r.opened else "")),
        )
        for r in bundle.risks
        if r.status == "Open" and r.severity in ("High", "Critical")
    ]
    since = as_of - timedelta(days=ESCALATION_WINDOW_DAYS)
    recent = [a for a in bundle.activities if a.type == "Escalation" and since <= a.date <= as_of]
    for activity in _newest_first(recent):
        about = "" if activity.confidential or not activity.subject else f": {activity.subject}"
        if about and find_personal_data(about):
            about = ""
        reason = short(f"Escalation on {activity.date}{about}")
        issues.append(IssueEvidence(record_id=activity.id, reason=reason))
    return issues[:MAX_ISSUES]


def _flags(bundle: Bundle, newest: list[Activity]) -> dict[str, list[str]]:
    """The records drafting keeps out of prompts (disputed and unquotable ones are flagged per claim instead)."""
    return {
        "confidential_ids": [a.id for a in newest if a.confidential][:MAX_FLAG_IDS],
        "personal_data_ids": personal_data_ids(bundle)[:MAX_FLAG_IDS],
    }


def build_evidence(bundle: Bundle, as_of: date, threshold: float = 0.5) -> EvidencePack:
    """Compute the evidence pack of one account as of `as_of`."""
    by_parent = _activities_by_parent(bundle)
    goals = [_goal(o, bundle, by_parent) for o in bundle.objectives]
    eligible = select_eligible_kpis(bundle.objective_kpis, threshold, limit=len(bundle.objective_kpis))
    newest = _newest_first(bundle.activities)
    # Signals come from the most recent activities: old asks are stale, and the work stays bounded.
    usable = [a for a in newest[:SIGNAL_WINDOW] if not (a.disputed or a.confidential)]
    return EvidencePack(
        account_id=bundle.account.id,
        account_name=bundle.account.name,
        owner=bundle.account.owner,
        as_of=as_of.isoformat(),
        goals=goals,
        kpis=[kpi_evidence(k, threshold) for k in bundle.objective_kpis],
        eligible_kpi_ids=[k.id for k in eligible],
        unresolved_issues=_issues(bundle, as_of),
        missing_proof_goal_ids=[g.objective_id for g in goals if not g.has_evidence],
        expansion_signals=find_signals(usable, limit=MAX_SIGNALS),
        record_count=bundle.associated_count(),
        **_flags(bundle, newest),
    )
