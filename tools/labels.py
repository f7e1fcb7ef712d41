"""Human labels for records, so a citation reads "KPI: Median first-response time"."""

from __future__ import annotations

from state.bundle import Bundle, Record

TYPE_LABELS = {
    "account": "Account",
    "contacts": "Contact",
    "success_plans": "Success plan",
    "business_challenges": "Business challenge",
    "objectives": "Objective",
    "objective_kpis": "KPI",
    "playbooks": "Playbook",
    "playbook_tasks": "Task",
    "activities": "Activity",
    "feedback": "Feedback",
    "usage": "Usage",
    "risks": "Risk",
}


def _name(key: str, record: Record) -> str:
    data = record.model_dump(mode="json")
    if key == "activities":
        return f"{data['type']} on {data['date']}: {data.get('subject') or 'no subject'}"
    if key == "feedback":
        score = f" {data['score']:g}" if data.get("score") is not None else ""
        return f"{data.get('source') or 'feedback'}{score} on {data['date']}"
    if key == "usage":
        return f"{data['metric']} {data['period']} = {data['value']:g}"
    if key == "business_challenges":
        return data["description"][:80]
    if key == "contacts" and data.get("title"):
        return f"{data['name']} ({data['title']})"
    if key == "objective_kpis" and data.get("updated_at"):
        return f"{data['name']}, updated {data['updated_at']}"
    return str(data.get("name") or data.get("title") or record.id)


def record_labels(bundle: Bundle, ids: list[str]) -> dict[str, str]:
    """Map each id to "Type: name"; ids not of this account say so."""
    index = bundle.index()
    out = {}
    for rid in ids:
        if rid in index:
            key, record = index[rid]
            out[rid] = f"{TYPE_LABELS[key]}: {_name(key, record)}"
        else:
            out[rid] = "not a record of this account"
    return out
