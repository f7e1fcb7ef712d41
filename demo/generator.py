"""Generate realistic account bundles of a chosen shape, deterministically from a seed.

Each shape guarantees what its name says, so demos and eval datasets can rely on it:
- `healthy`: every KPI On Track (progress >= 0.5) or Completed; no Escalation; no Open High/Critical risk;
  nothing disputed or confidential; no personal data in notes; all feedback quotable.
- `at_risk`: an Off Track KPI, a Blocked KPI, a Blocked task, an Open High/Critical risk and (given at
  least one activity) an Escalation within the 30 days before `as_of`.
- `thin`: one objective with one KPI that has no values (status Not Started); nothing else but one
  contact, one success plan and the requested activities (ask for one).
- `expansion`: healthy, plus (given at least three activities) notes asking for seats, new teams,
  pricing or new use cases in the last 60 days, and seat usage near the licence cap.
- `disputed`: a disputed KPI, a disputed risk and (given at least four activities) a disputed activity,
  a confidential activity, a note with an email and a phone number and a note attempting a prompt
  injection; some feedback lacks permission to quote.
- `mixed`: anything goes, drawn at random.
Record ids are `<type>-<account id without "acc-">-<n>`, so ids of different accounts never clash.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from demo import activities as acts
from demo import vocab

SHAPES = ("healthy", "at_risk", "thin", "expansion", "disputed", "mixed")
GOOD_SHAPES = ("healthy", "expansion", "disputed")
Rec = dict[str, Any]


@dataclass
class Gen:
    """The generator's running state: the random source, id counters and the date of reference."""

    rng: random.Random
    prefix: str
    shape: str
    as_of: dt.date
    owner: str = ""
    counters: dict[str, int] = field(default_factory=dict)

    def new_id(self, kind: str) -> str:
        """Return the next id of a record kind for this account."""
        self.counters[kind] = self.counters.get(kind, 0) + 1
        return f"{kind}-{self.prefix}-{self.counters[kind]}"

    def days_ago(self, low: int, high: int) -> str:
        """Return an ISO date between `low` and `high` days before `as_of`."""
        return (self.as_of - dt.timedelta(days=self.rng.randint(low, high))).isoformat()

    def days_ahead(self, low: int, high: int) -> str:
        """Return an ISO date between `low` and `high` days after `as_of`."""
        return (self.as_of + dt.timedelta(days=self.rng.randint(low, high))).isoformat()


def generate_bundle(
    seed: int,
    *,
    account_id: str,
    activities: int,
    shape: str = "mixed",
    as_of: dt.date,
    owner: str | None = None,
) -> dict[str, Any]:
    """Return a raw bundle of the given shape with exactly `activities` activities."""
    if shape not in SHAPES:
        raise ValueError(f"unknown shape {shape!r}; choose one of {', '.join(SHAPES)}")
    if activities < 0:
        raise ValueError("activities must not be negative")
    g = Gen(random.Random(seed), account_id.removeprefix("acc-"), shape, as_of)
    account = _account(g, account_id, owner)
    g.owner = account["owner"]
    contacts = _contacts(g, account["name"])
    plan = _success_plan(g)
    bundle: dict[str, Any] = {"account": account, "contacts": contacts, "success_plans": [plan]}
    bundle.update(_goals(g, plan))
    bundle["activities"] = acts.generate(g, bundle, activities)
    _mark_last_engaged(g, contacts, bundle["activities"])
    bundle["feedback"] = _feedback(g, contacts)
    bundle["usage"] = _usage(g)
    bundle["risks"] = _risks(g)
    return bundle


def _account(g: Gen, account_id: str, owner: str | None) -> Rec:
    first = g.rng.choice(vocab.COMPANY_FIRST)
    kind, industry = g.rng.choice(vocab.COMPANY_KIND)
    segment, low, high = vocab.SEGMENTS[0] if g.shape == "thin" else g.rng.choice(vocab.SEGMENTS)
    renewal = g.days_ahead(30, 90) if g.shape == "at_risk" else g.days_ahead(60, 400)
    owner = owner or f"u-{g.rng.choice(vocab.FIRST_NAMES).lower()}"
    return {
        "id": account_id,
        "name": f"{first} {kind}",
        "owner": owner,
        "industry": industry,
        "segment": segment,
        "arr": round(g.rng.randint(low, high), -3),
        "currency": "USD",
        "renewal_date": renewal,
    }


def _contacts(g: Gen, company: str) -> list[Rec]:
    roles = ["Champion"] if g.shape == "thin" else ["Executive Sponsor", "Champion", "Decision Maker"]
    roles += ["User"] * (0 if g.shape == "thin" else g.rng.randint(0, 3))
    firsts = g.rng.sample(vocab.FIRST_NAMES, len(roles))
    lasts = g.rng.sample(vocab.LAST_NAMES, len(roles))
    domain = company.split()[0].lower() + ".example"
    contacts = []
    for role, first, last in zip(roles, firsts, lasts, strict=True):
        influence = {"Executive Sponsor": "high", "Decision Maker": "high"}.get(role, g.rng.choice(["medium", "low"]))
        contacts.append(
            {
                "id": g.new_id("con"),
                "name": f"{first} {last}",
                "title": g.rng.choice(vocab.TITLES[role]),
                "role": role,
                "email": f"{first.lower()}.{last.lower()}@{domain}",
                "influence": influence,
            }
        )
    if g.shape == "disputed":
        contacts[0]["phone"] = f"+1 617 555 0{g.rng.randint(100, 199)}"
    return contacts


def _mark_last_engaged(g: Gen, contacts: list[Rec], activities: list[Rec]) -> None:
    latest: dict[str, str] = {}
    for activity in activities:
        for cid in activity["contact_ids"]:
            latest[cid] = max(latest.get(cid, ""), activity["date"])
    for contact in contacts:
        contact["last_engaged"] = latest.get(contact["id"]) or g.days_ago(60, 200)


def _success_plan(g: Gen) -> Rec:
    name = "Onboarding" if g.shape == "thin" else f"{g.as_of.year} Customer Success Plan"
    start = g.days_ago(30, 60) if g.shape == "thin" else g.days_ago(250, 330)
    return {
        "id": g.new_id("sp"),
        "name": name,
        "status": "Active",
        "start_date": start,
        "end_date": g.days_ahead(45, 120),
    }


def _goals(g: Gen, plan: Rec) -> dict[str, list[Rec]]:
    count = 1 if g.shape == "thin" else g.rng.randint(2, 4)
    out: dict[str, list[Rec]] = {
        k: [] for k in ("business_challenges", "objectives", "objective_kpis", "playbooks", "playbook_tasks")
    }
    for theme in g.rng.sample(vocab.THEMES, count):
        challenge = {
            "id": g.new_id("bc"),
            "success_plan_id": plan["id"],
            "description": theme["challenge"],
            "priority": g.rng.choice(["High", "High", "Medium", "Low"]),
        }
        objective = {
            "id": g.new_id("obj"),
            "name": theme["objective"],
            "success_plan_id": plan["id"],
            "business_challenge_id": challenge["id"],
            "target_date": plan["end_date"],
        }
        templates = theme["kpis"][:1] if g.shape == "thin" else theme["kpis"]
        kpis = [_kpi(g, objective["id"], t, len(out["objective_kpis"]) + i) for i, t in enumerate(templates)]
        objective["status"] = _objective_status([k["status"] for k in kpis])
        out["objectives"].append(objective)
        out["objective_kpis"] += kpis
        if g.shape == "thin":
            del objective["business_challenge_id"]
            continue
        out["business_challenges"].append(challenge)
        playbook, tasks = _playbook(g, theme, objective, plan, len(out["playbook_tasks"]))
        out["playbooks"].append(playbook)
        out["playbook_tasks"] += tasks
    return out


def _objective_status(statuses: list[str]) -> str:
    if all(s == "Completed" for s in statuses):
        return "Completed"
    for status, label in (("Blocked", "Blocked"), ("Off Track", "At Risk")):
        if status in statuses:
            return label
    return "Not Started" if all(s == "Not Started" for s in statuses) else "In Progress"


def _kpi_status(g: Gen, index: int) -> tuple[str, float | None]:
    """Pick a KPI status and its progress toward target (None: no current value yet)."""
    r = g.rng
    if g.shape == "thin":
        return "Not Started", None
    if g.shape in GOOD_SHAPES:
        return ("Completed", r.uniform(1.0, 1.1)) if r.random() < 0.35 else ("On Track", r.uniform(0.6, 0.95))
    if g.shape == "at_risk" and index < 2:
        return ("Off Track", r.uniform(0.0, 0.3)) if index == 0 else ("Blocked", r.uniform(0.0, 0.2))
    choices: list[tuple[str, Callable[[], float | None]]] = [
        ("On Track", lambda: r.uniform(0.3, 0.95)),
        ("Completed", lambda: r.uniform(1.0, 1.1)),
        ("Off Track", lambda: r.uniform(0.0, 0.35)),
        ("Not Started", lambda: None),
        ("Blocked", lambda: r.uniform(0.0, 0.3)),
    ]
    weights = (2, 1, 3, 1, 2) if g.shape == "at_risk" else (4, 2, 2, 1, 1)
    status, progress = r.choices(choices, weights=weights)[0]
    return status, progress()


def _kpi(g: Gen, objective_id: str, template: tuple[Any, ...], index: int) -> Rec:
    name, unit, base_range, target_range, direction = template
    kpi: Rec = {"id": g.new_id("kpi"), "objective_id": objective_id, "name": name, "unit": unit, "direction": direction}
    status, progress = _kpi_status(g, index)
    kpi["status"] = status
    if g.shape != "thin":
        baseline, target = g.rng.randint(*base_range), g.rng.randint(*target_range)
        kpi.update(baseline=baseline, target=target)
        if progress is not None:
            kpi["current"] = _current(baseline, target, progress, unit)
        kpi["updated_at"] = g.days_ago(1, 40)
    if g.shape == "disputed" and index == 0:
        kpi["disputed"] = True
    return kpi


def _current(baseline: int, target: int, progress: float, unit: str) -> float:
    """Return the current value at `progress`, rounded toward the target so progress never shrinks."""
    raw = baseline + progress * (target - baseline)
    step = 1.0 if abs(target - baseline) >= 20 or unit not in ("%", "hours", "days") else 0.1
    steps = round(raw / step, 6)
    rounded = (math.ceil(steps) if target > baseline else math.floor(steps)) * step
    value = round(max(rounded, 0.0), 1)
    if unit == "%":
        value = min(value, 100.0)
    return int(value) if value == int(value) else value


def _playbook(g: Gen, theme: dict[str, Any], objective: Rec, plan: Rec, done: int) -> tuple[Rec, list[Rec]]:
    playbook = {
        "id": g.new_id("pb"),
        "name": theme["playbook"],
        "objective_id": objective["id"],
        "success_plan_id": plan["id"],
    }
    tasks = [_task(g, playbook["id"], title, done + i) for i, title in enumerate(theme["tasks"])]
    statuses = {t["status"] for t in tasks}
    playbook["status"] = (
        "Completed" if statuses == {"Completed"} else "Blocked" if "Blocked" in statuses else "In Progress"
    )
    return playbook, tasks


def _task(g: Gen, playbook_id: str, title: str, index: int) -> Rec:
    r = g.rng
    if g.shape == "at_risk" and index == 0:
        status = "Blocked"
    elif g.shape in GOOD_SHAPES:
        status = r.choices(["Completed", "In Progress", "Open"], weights=(6, 3, 1))[0]
    else:
        status = r.choices(["Completed", "In Progress", "Open", "Blocked", "Cancelled"], weights=(4, 3, 2, 2, 1))[0]
    task: Rec = {"id": g.new_id("pt"), "playbook_id": playbook_id, "title": title, "status": status, "owner": g.owner}
    if status == "Completed":
        due = g.as_of - dt.timedelta(days=r.randint(20, 250))
        task["due_date"] = due.isoformat()
        task["completed_date"] = (due - dt.timedelta(days=r.randint(-7, 10))).isoformat()
    elif status in ("Blocked", "Open") and g.shape not in GOOD_SHAPES:
        task["due_date"] = g.days_ago(5, 60)  # overdue
    else:
        task["due_date"] = g.days_ahead(7, 90)
    return task


def _feedback(g: Gen, contacts: list[Rec]) -> list[Rec]:
    if g.shape == "thin":
        return []
    out = []
    for i in range(g.rng.randint(2, 5)):
        good = g.shape in GOOD_SHAPES or (g.shape == "mixed" and g.rng.random() < 0.6)
        source = g.rng.choice(["NPS", "CSAT", "Survey", "Quote"])
        scores = {
            "NPS": (8, 10) if good else (0, 6),
            "CSAT": (4, 5) if good else (1, 3),
            "Survey": (7, 10) if good else (1, 5),
        }
        unquotable = g.shape == "disputed" and i == 0
        quotable = g.shape in ("healthy", "expansion") or (g.rng.random() < 0.5 and not unquotable)
        out.append(
            {
                "id": g.new_id("fb"),
                "date": g.days_ago(3, 150),
                "source": source,
                "contact_id": g.rng.choice(contacts)["id"],
                "score": g.rng.randint(*scores[source]) if source in scores else None,
                "comment": g.rng.choice(vocab.FEEDBACK["good" if good else "bad"]),
                "permission_to_quote": quotable,
            }
        )
    return out


def _usage(g: Gen) -> list[Rec]:
    if g.shape == "thin":
        return []
    trend = {"healthy": 1.08, "expansion": 1.1, "at_risk": 0.9}.get(g.shape, g.rng.uniform(0.92, 1.08))
    out = []
    for metric in g.rng.sample(vocab.METRICS, 2):
        value = float(g.rng.randint(40, 900))
        for months_back in range(5, -1, -1):
            out.append(
                {
                    "id": g.new_id("use"),
                    "metric": metric,
                    "period": _period(g.as_of, months_back),
                    "value": round(value),
                }
            )
            value *= trend * g.rng.uniform(0.97, 1.03)
    if g.shape == "expansion":
        licensed = g.rng.choice([100, 200, 250, 500])
        period = _period(g.as_of, 0)
        out.append({"id": g.new_id("use"), "metric": "licensed_seats", "period": period, "value": licensed})
        out.append(
            {
                "id": g.new_id("use"),
                "metric": "active_seats",
                "period": period,
                "value": round(licensed * g.rng.uniform(0.93, 0.99)),
            }
        )
    return out


def _period(as_of: dt.date, months_back: int) -> str:
    month = as_of.year * 12 + as_of.month - 1 - months_back
    return f"{month // 12:04d}-{month % 12 + 1:02d}"


def _risks(g: Gen) -> list[Rec]:
    plan = {
        "healthy": [("mild", "Resolved")],
        "expansion": [("mild", "Mitigating")],
        "at_risk": [("severe", "Open"), ("mild", "Mitigating")],
        "disputed": [("mild", "Open")],
        "thin": [],
    }.get(g.shape)
    if plan is None:  # mixed
        plan = [
            (g.rng.choice(["mild", "severe"]), g.rng.choice(["Open", "Mitigating", "Resolved"]))
            for _ in range(g.rng.randint(1, 3))
        ]
    out = []
    for i, (kind, status) in enumerate(plan):
        title, severity, description = g.rng.choice(vocab.RISKS[kind])
        risk: Rec = {
            "id": g.new_id("risk"),
            "title": title,
            "severity": severity,
            "status": status,
            "opened": g.days_ago(5, 90),
            "description": description,
        }
        if g.shape == "disputed" and i == 0:
            risk["disputed"] = True
        out.append(risk)
    return out
