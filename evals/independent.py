"""The contract's rules written again from the spec, over the raw bundle JSON, to check the project against.

Nothing here imports the project's rule code: a bug copied into both would hide itself.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

Rec = dict[str, Any]
LISTS = (
    "contacts",
    "success_plans",
    "business_challenges",
    "objectives",
    "objective_kpis",
    "playbooks",
    "playbook_tasks",
    "activities",
    "feedback",
    "usage",
    "risks",
)
EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.-]+\b")
PHONE = re.compile(r"(?<!\d)\+?\d[\d ().-]{7,}\d(?!\d)")
CARD = re.compile(r"(?<!\d)(?:\d{4}[ -]?){3}\d{1,4}(?!\d)")
SSN = re.compile(r"(?<!\d)\d{3}-\d{2}-\d{4}(?!\d)")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
EXPANSION_WORDS = re.compile(
    r"\b(?:seats?|pricing|price|departments?|use cases?|upgrade|licen[cs]es?|"
    r"new teams?|team wants)\b",
    re.I,
)
QUOTED = re.compile(r'"([^"]{8,})"|“([^”]{8,})”')


def records(bundle: Rec, key: str) -> list[Rec]:
    """Return the bundle's list under `key` (empty when absent or null)."""
    return list(bundle.get(key) or [])


def all_ids(bundle: Rec) -> set[str]:
    """Return every record id of the bundle, the account's included."""
    return {bundle["account"]["id"]} | {r["id"] for key in LISTS for r in records(bundle, key)}


def eligible(kpi: Rec, threshold: float = 0.5) -> bool:
    """Apply the key-achievements rule of spec section 3 to one raw KPI."""
    if kpi.get("status") not in ("On Track", "Completed") or kpi.get("disputed") is True:
        return False
    if kpi["status"] == "Completed":
        return True
    b, t, c = kpi.get("baseline"), kpi.get("target"), kpi.get("current")
    if b is None or t is None or c is None or t == b:
        return False
    return (c - b) / (t - b) >= threshold


def progress(kpi: Rec) -> float:
    """Return the sort key of an achievement: 1.0 for Completed, else the progress toward target."""
    if kpi["status"] == "Completed":
        return 1.0
    return (kpi["current"] - kpi["baseline"]) / (kpi["target"] - kpi["baseline"])


def has_personal_data(text: str) -> bool:
    """Tell whether text shows an email, a phone, card or national id number."""
    phones = [m.group() for m in PHONE.finditer(text) if not ISO_DATE.match(m.group().strip())]
    return bool(
        EMAIL.search(text)
        or SSN.search(text)
        or CARD.search(text)
        or any(len(re.sub(r"\D", "", p)) >= 9 for p in phones)
    )


def _goal_has_evidence(bundle: Rec, objective_id: str) -> bool:
    kpis = [k for k in records(bundle, "objective_kpis") if k["objective_id"] == objective_id]
    books = {p["id"] for p in records(bundle, "playbooks") if p.get("objective_id") == objective_id}
    tasks = [t for t in records(bundle, "playbook_tasks") if t["playbook_id"] in books]
    parents = {objective_id} | {k["id"] for k in kpis} | books | {t["id"] for t in tasks}
    return (
        any(k.get("current") is not None or k["status"] == "Completed" for k in kpis)
        or any(t["status"] == "Completed" for t in tasks)
        or any(a["parent_id"] in parents for a in records(bundle, "activities"))
    )


def unresolved_issue(bundle: Rec, as_of: dt.date) -> bool:
    """Tell whether an Open High/Critical risk or an Escalation in the last 30 days exists."""
    if any(r["status"] == "Open" and r["severity"] in ("High", "Critical") for r in records(bundle, "risks")):
        return True
    since = as_of - dt.timedelta(days=30)
    return any(
        a["type"] == "Escalation" and since <= dt.date.fromisoformat(a["date"][:10]) <= as_of
        for a in records(bundle, "activities")
    )


def quotes_unquotable(claim: Rec, bundle: Rec) -> bool:
    """Tell whether a claim cites feedback lacking permission to quote and quotes it (in quotation marks, or whole)."""
    comments = [
        f["comment"]
        for f in records(bundle, "feedback")
        if f["id"] in claim["citations"] and f.get("comment") and f.get("permission_to_quote") is not True
    ]
    quoted = [a or b for a, b in QUOTED.findall(claim["text"])]
    return any(c.strip() in claim["text"] or any(q.strip() in c for q in quoted) for c in comments)


def expected_stop_codes(bundle: Rec, claims: list[Rec], as_of: dt.date) -> set[str]:
    """Return the stop codes the contract requires for this bundle and these drafted claims."""
    by_id = {r["id"]: r for key in LISTS for r in records(bundle, key)}
    cited = {c for claim in claims for c in claim["citations"]}
    codes = set()
    if any(not claim["supported"] for claim in claims):
        codes.add("unsupported_claims")
    if any(by_id.get(c, {}).get("disputed") is True for c in cited):
        codes.add("disputed_data")
    if any(not _goal_has_evidence(bundle, o["id"]) for o in records(bundle, "objectives")):
        codes.add("incomplete_data")
    if unresolved_issue(bundle, as_of):
        codes.add("unresolved_customer_issue")
    confidential = {a["id"] for a in records(bundle, "activities") if a.get("confidential") is True}
    if cited & confidential or any(has_personal_data(claim["text"]) for claim in claims):
        codes.add("sensitive_details")
    if any(quotes_unquotable(claim, bundle) for claim in claims):
        codes.add("permission_missing")
    return codes


def expected_sections(bundle: Rec, as_of: dt.date, threshold: float = 0.5) -> set[str]:
    """Return the sections the records give something to say in."""
    kpis, risks = records(bundle, "objective_kpis"), records(bundle, "risks")
    tasks, acts = records(bundle, "playbook_tasks"), records(bundle, "activities")
    open_risks = [r for r in risks if r["status"] != "Resolved"]
    usable = [a for a in acts if not (a.get("confidential") or a.get("disputed"))]
    out = {"executive_summary"}
    if records(bundle, "contacts"):
        out |= {"key_stakeholders", "immediate_actions"}
    if any(eligible(k, threshold) for k in kpis):
        out.add("key_achievements")
    troubled = any(k["status"] in ("Off Track", "Blocked") for k in kpis) or any(
        t["status"] == "Blocked" for t in tasks
    )
    if open_risks or troubled or unresolved_issue(bundle, as_of):
        out |= {"risks_and_blockers", "immediate_actions"}
    if any(EXPANSION_WORDS.search(a.get("notes") or "") for a in usable):
        out.add("expansion_opportunities")
    if records(bundle, "objectives") or open_risks:
        out.add("strategic_next_steps")
    return out
