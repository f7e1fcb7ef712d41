"""Hand-written edge accounts: thin data, KPI eligibility boundaries, the escalation window."""

from __future__ import annotations

import json
from typing import Any

from evals.adversarial import rebased

Rec = dict[str, Any]


def _bare(code: str) -> Rec:
    return {"account": {"id": f"acc-adv-{code}", "name": f"Thin {code.title()}", "owner": "u-maria", "currency": "USD"}}


def thin_contact_only() -> Rec:
    b = _bare("onlycontact")
    b["contacts"] = [
        {
            "id": "con-onlycontact-1",
            "name": "Ira Stone",
            "title": "COO",
            "role": "Executive Sponsor",
            "influence": "high",
            "last_engaged": "2026-09-01",
        }
    ]
    return b


def thin_goal_without_evidence() -> Rec:
    b = _bare("noproof")
    b["success_plans"] = [{"id": "sp-noproof-1", "name": "Onboarding", "status": "Active"}]
    b["objectives"] = [{"id": "obj-noproof-1", "name": "Launch the customer portal", "success_plan_id": "sp-noproof-1"}]
    b["objective_kpis"] = [
        {
            "id": "kpi-noproof-1",
            "objective_id": "obj-noproof-1",
            "name": "Portal logins per week",
            "status": "Not Started",
            "unit": "logins",
        }
    ]
    return b


def thin_activity_only() -> Rec:
    b = _bare("onlynote")
    b["activities"] = [
        {
            "id": "act-onlynote-1",
            "date": "2026-11-02",
            "type": "Note",
            "parent_type": "account",
            "parent_id": "acc-adv-onlynote",
            "subject": "Kick-off booked",
            "notes": "Kick-off meeting booked for December.",
        }
    ]
    return b


def _kpi(code: str, n: int, name: str, status: str, **values: Any) -> Rec:
    return {
        "id": f"kpi-{code}-{n}",
        "objective_id": f"obj-{code}-1",
        "name": name,
        "status": status,
        "updated_at": "2026-11-01",
        **values,
    }


def kpi_edges() -> Rec:
    """KPIs on each side of the eligibility rule; seven are eligible so the cap of five applies."""
    b = rebased("kpis")
    c = "kpis"
    b["objective_kpis"] += [
        _kpi(c, 10, "Tickets closed in one touch", "On Track", unit="%", baseline=0, target=10, current=5),
        _kpi(c, 11, "Calls handled by the bot", "On Track", unit="%", baseline=0, target=100, current=49),
        _kpi(c, 12, "Flat KPI", "On Track", unit="points", baseline=7, target=7, current=7),
        _kpi(
            c,
            13,
            "Backlog of open cases",
            "On Track",
            unit="cases",
            baseline=400,
            target=100,
            current=130,
            direction="decrease",
        ),
        _kpi(c, 14, "Clinics onboarded", "Completed", unit="clinics"),
        _kpi(
            c,
            15,
            "Audit findings closed",
            "Completed",
            unit="findings",
            baseline=0,
            target=20,
            current=20,
            disputed=True,
        ),
        _kpi(c, 16, "Nurses trained", "On Track", unit="nurses", baseline=0, target=300),
        _kpi(c, 17, "Forms digitised", "Off Track", unit="forms", baseline=0, target=50, current=45),
        _kpi(c, 18, "Interfaces live", "Blocked", unit="interfaces", baseline=0, target=4, current=4),
        _kpi(c, 19, "Referral letters sent electronically", "On Track", unit="%", baseline=20, target=60, current=75),
        _kpi(
            c,
            20,
            "Wait-list length",
            "On Track",
            unit="patients",
            baseline=500,
            target=300,
            current=560,
            direction="decrease",
        ),
        _kpi(c, 21, "Sites live", "On Track", unit="sites", baseline=1, target=5, current=4),
        _kpi(c, 22, "Reports automated", "Completed", unit="reports", baseline=2, target=12, current=9),
    ]
    return b


def escalation_window() -> Rec:
    """An Escalation exactly 30 days before the as-of date: an unresolved customer issue."""
    b = rebased("esc30")
    b["risks"] = [
        {
            "id": "risk-esc30-1",
            "title": "Outage credits",
            "severity": "Critical",
            "status": "Mitigating",
            "opened": "2026-10-01",
        }
    ]
    for activity in b["activities"]:
        if activity["type"] == "Escalation":
            activity["date"] = "2026-10-24"
    return b


def escalation_old() -> Rec:
    """An Escalation 31 days back and only a Mitigating Critical risk: no unresolved customer issue."""
    b = escalation_window()
    b = json.loads(json.dumps(b).replace("esc30", "esc31"))
    for activity in b["activities"]:
        if activity["type"] == "Escalation":
            activity["date"] = "2026-10-23"
    b["account"]["name"] = "Northwind Esc31"
    return b
