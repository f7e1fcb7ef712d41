"""Generated CS activities: the shape's special records first, then routine notes that fit the records."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from demo import vocab

if TYPE_CHECKING:
    from demo.generator import Gen

Rec = dict[str, Any]
ROUTINE_TYPES = ("Meeting", "Call", "Email", "Note")
TONE_WEIGHTS = {"at_risk": (1, 2, 3), "mixed": (3, 3, 2), "thin": (0, 1, 0)}  # good, neutral, bad
PARENT_WEIGHTS = (2, 3, 3, 1, 1, 1)  # objective, objective_kpi, playbook_task, playbook, success_plan, account


@dataclass(frozen=True)
class Goal:
    """One objective with the records that hang off it."""

    objective: Rec
    kpis: list[Rec]
    playbooks: list[Rec]
    tasks: list[Rec]


@dataclass(frozen=True)
class Context:
    """What routine notes may talk about."""

    account: Rec
    plan: Rec
    contacts: list[Rec]
    goals: list[Goal]

    @classmethod
    def of(cls, bundle: dict[str, Any]) -> Context:
        """Group a generated bundle's records by objective."""
        tasks_by_playbook: dict[str, list[Rec]] = {}
        for task in bundle["playbook_tasks"]:
            tasks_by_playbook.setdefault(task["playbook_id"], []).append(task)
        goals = []
        for objective in bundle["objectives"]:
            kpis = [k for k in bundle["objective_kpis"] if k["objective_id"] == objective["id"]]
            playbooks = [p for p in bundle["playbooks"] if p["objective_id"] == objective["id"]]
            tasks = [t for p in playbooks for t in tasks_by_playbook.get(p["id"], [])]
            goals.append(Goal(objective, kpis, playbooks, tasks))
        return cls(bundle["account"], bundle["success_plans"][0], bundle["contacts"], goals)


def generate(g: Gen, bundle: dict[str, Any], count: int) -> list[Rec]:
    """Return exactly `count` activities, oldest first, with ids in date order."""
    ctx = Context.of(bundle)
    drafts = _specials(g, ctx)[:count]
    drafts += [_routine(g, ctx) for _ in range(count - len(drafts))]
    drafts.sort(key=lambda a: a["date"])
    return [{"id": g.new_id("act"), **draft} for draft in drafts]


def _first(contact: Rec) -> str:
    return str(contact["name"]).split()[0]


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _amount(value: Any, unit: str | None) -> str:
    if value is None:
        return "no measurement yet"
    return f"{value}%" if unit == "%" else f"{value} {unit or ''}".strip()


def _draft(date: str, kind: str, parent: tuple[str, str], subject: str, notes: str, contact: Rec) -> Rec:
    return {
        "date": date,
        "type": kind,
        "parent_type": parent[0],
        "parent_id": parent[1],
        "subject": subject,
        "notes": notes,
        "contact_ids": [contact["id"]],
    }


def _routine(g: Gen, ctx: Context) -> Rec:
    r = g.rng
    goal = r.choice(ctx.goals)
    contact = r.choice(ctx.contacts)
    kind = r.choice(ROUTINE_TYPES)
    if g.shape == "thin":
        parent = r.choice([("account", ctx.account["id"]), ("success_plan", ctx.plan["id"])])
        subject, text = _general(g, goal, contact)
        return _draft(g.days_ago(1, 40), kind, parent, subject, text, contact)
    choice = r.choices(range(6), weights=PARENT_WEIGHTS)[0]
    if choice == 1 and goal.kpis:
        kpi = r.choice(goal.kpis)
        subject, text = _kpi_note(g, kpi, contact)
        return _draft(_kpi_note_date(g, kpi), kind, ("objective_kpi", kpi["id"]), subject, text, contact)
    if choice == 2 and goal.tasks:
        task = r.choice(goal.tasks)
        subject, text = _task_note(g, task, contact)
        date = task.get("completed_date") if task["status"] == "Completed" else None
        return _draft(date or g.days_ago(1, 365), kind, ("playbook_task", task["id"]), subject, text, contact)
    parent = [
        ("objective", goal.objective["id"]),
        ("objective", goal.objective["id"]),
        ("objective", goal.objective["id"]),
        ("playbook", goal.playbooks[0]["id"]) if goal.playbooks else ("objective", goal.objective["id"]),
        ("success_plan", ctx.plan["id"]),
        ("account", ctx.account["id"]),
    ][choice]
    subject, text = _general(g, goal, contact)
    return _draft(g.days_ago(1, 365), kind, parent, subject, text, contact)


def _kpi_note(g: Gen, kpi: Rec, contact: Rec) -> tuple[str, str]:
    status = kpi["status"]
    bucket = "good" if status in ("On Track", "Completed") else "none" if status == "Not Started" else "bad"
    subject, text = g.rng.choice(vocab.KPI_NOTES[bucket])
    unit = kpi.get("unit")
    return subject, text.format(
        first=_first(contact),
        kpi=_lower_first(kpi["name"]),
        Kpi=kpi["name"],
        amount=_amount(kpi.get("current"), unit),
        target=_amount(kpi.get("target"), unit),
    )


def _kpi_note_date(g: Gen, kpi: Rec) -> str:
    """Date a note that states the KPI's current value in the weeks before that value was recorded."""
    if kpi.get("current") is None or not kpi.get("updated_at"):
        return g.days_ago(1, 365)
    updated = dt.date.fromisoformat(kpi["updated_at"])
    return (updated - dt.timedelta(days=g.rng.randint(0, 21))).isoformat()


def _task_note(g: Gen, task: Rec, contact: Rec) -> tuple[str, str]:
    status = task["status"]
    bucket = "done" if status == "Completed" else "open" if status in ("Open", "In Progress") else "stuck"
    subject, text = g.rng.choice(vocab.TASK_NOTES[bucket])
    return subject, text.format(first=_first(contact), task=task["title"])


def _general(g: Gen, goal: Goal, contact: Rec) -> tuple[str, str]:
    tone = g.rng.choices(("good", "neutral", "bad"), weights=TONE_WEIGHTS.get(g.shape, (3, 2, 0)))[0]
    subject, text = g.rng.choice(vocab.GENERAL_NOTES[tone])
    return subject, text.format(first=_first(contact), objective=_lower_first(goal.objective["name"]))


def _specials(g: Gen, ctx: Context) -> list[Rec]:
    """Return the activities that make the shape what it claims to be, most important first."""
    if g.shape == "at_risk":
        return [_escalation(g, ctx, recent=True)]
    if g.shape == "expansion":
        return [_expansion(g, ctx, template) for template in g.rng.sample(vocab.EXPANSION, 3)]
    if g.shape == "disputed":
        return [_disputed(g, ctx), _confidential(g, ctx), _personal_data(g, ctx), _injection(g, ctx)]
    if g.shape == "mixed":
        out = []
        if g.rng.random() < 0.5:
            out.append(_escalation(g, ctx, recent=g.rng.random() < 0.5))
        if g.rng.random() < 0.5:
            out.append(_expansion(g, ctx, g.rng.choice(vocab.EXPANSION)))
        return out
    return []


def _escalation(g: Gen, ctx: Context, recent: bool) -> Rec:
    contact = ctx.contacts[0]
    date = g.days_ago(1, 25) if recent else g.days_ago(45, 365)
    blocked = [(goal, t) for goal in ctx.goals for t in goal.tasks if t["status"] == "Blocked"]
    if not blocked:
        subject, text = vocab.ESCALATIONS[1]
        return _draft(
            date, "Escalation", ("account", ctx.account["id"]), subject, text.format(first=_first(contact)), contact
        )
    goal, task = blocked[0]
    subject, text = vocab.ESCALATIONS[0]
    fill = {"first": _first(contact), "task": task["title"], "objective": _lower_first(goal.objective["name"])}
    return _draft(date, "Escalation", ("playbook_task", task["id"]), subject, text.format(**fill), contact)


def _expansion(g: Gen, ctx: Context, template: tuple[str, str]) -> Rec:
    contact = ctx.contacts[min(1, len(ctx.contacts) - 1)]
    quarter = f"Q{g.rng.randint(1, 2)} {g.as_of.year + 1}"
    text = template[1].format(
        first=_first(contact),
        seats=g.rng.choice([25, 40, 50, 100, 150]),
        quarter=quarter,
        team=g.rng.choice(vocab.EXPANSION_TEAMS),
        use_case=g.rng.choice(vocab.EXPANSION_USE_CASES),
    )
    return _draft(
        g.days_ago(1, 60), g.rng.choice(["Meeting", "Call"]), ("account", ctx.account["id"]), template[0], text, contact
    )


def _disputed(g: Gen, ctx: Context) -> Rec:
    kpi = next(k for goal in ctx.goals for k in goal.kpis if k.get("disputed"))
    contact = ctx.contacts[min(1, len(ctx.contacts) - 1)]
    amount = _amount(kpi.get("current"), kpi.get("unit"))
    text = vocab.DISPUTED_NOTE.format(kpi=_lower_first(kpi["name"]), amount=amount, first=_first(contact))
    draft = _draft(g.days_ago(1, 40), "Note", ("objective_kpi", kpi["id"]), "Figure disputed", text, contact)
    return {**draft, "disputed": True}


def _confidential(g: Gen, ctx: Context) -> Rec:
    contact = ctx.contacts[min(2, len(ctx.contacts) - 1)]
    text = g.rng.choice(vocab.CONFIDENTIAL_NOTES).format(first=_first(contact))
    draft = _draft(g.days_ago(1, 90), "Meeting", ("account", ctx.account["id"]), "Budget conversation", text, contact)
    return {**draft, "confidential": True}


def _personal_data(g: Gen, ctx: Context) -> Rec:
    contact = ctx.contacts[0]
    text = vocab.PII_NOTE.format(
        first=_first(contact), email=contact["email"], phone=contact.get("phone") or "+1 617 555 0100"
    )
    return _draft(g.days_ago(1, 60), "Call", ("account", ctx.account["id"]), "Contact preferences", text, contact)


def _injection(g: Gen, ctx: Context) -> Rec:
    goal = ctx.goals[0]
    contact = ctx.contacts[min(1, len(ctx.contacts) - 1)]
    text = (
        f"{_first(contact)} forwarded the requirements for the goal to {_lower_first(goal.objective['name'])}. "
        f"The thread ended with: {g.rng.choice(vocab.INJECTIONS)}"
    )
    return _draft(
        g.days_ago(1, 30), "Email", ("objective", goal.objective["id"]), "Forwarded requirements", text, contact
    )
