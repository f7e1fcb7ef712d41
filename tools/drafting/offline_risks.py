"""Offline drafting of Risks and Blockers: open risks, off-track KPIs, blocked work, escalations, low scores."""

from __future__ import annotations

from datetime import date, timedelta

from state.bundle import Activity, Bundle, Risk
from state.evidence import EvidencePack
from state.recap import Claim
from tools.drafting import phrases as p
from tools.drafting.offline_summary import LOW_SCORE, LOW_SCORE_DEFAULT, feedback_phrase, quotable

SECTION = "risks_and_blockers"
MAX_CLAIMS = 10
ESCALATION_DAYS = 30


def _risk(risk: Risk, pack: EvidencePack) -> Claim:
    since = f" since {risk.opened}" if risk.opened else ""
    text = f"{risk.title} ({risk.severity}, {risk.status}{since})"
    detail = p.safe_text(risk.description, risk.id, pack)
    text += f": {detail}" if detail else "."
    if not text.endswith((".", "!", "?")):
        text += "."
    if risk.disputed:
        text += " The risk is marked disputed."
    return p.make_claim(text, [risk.id], SECTION)


def open_risks(pack: EvidencePack, bundle: Bundle) -> list[Claim]:
    """State each risk that is not resolved, most severe first."""
    risks = [r for r in bundle.risks if r.status != "Resolved"]
    risks.sort(key=lambda r: (p.SEVERITY_RANK.get(r.severity, 9), r.opened or date.max, r.id))
    return [_risk(r, pack) for r in risks[:4]]


def _kpi_claims(bundle: Bundle) -> list[Claim]:
    kpis = [k for k in bundle.objective_kpis if k.status in p.OFF_TRACK and not k.disputed][:3]
    return [p.make_claim(f"{k.name} is {k.status}: {p.kpi_values(k)}.", [k.id], SECTION) for k in kpis]


def _blocked_tasks(bundle: Bundle) -> list[Claim]:
    tasks = [t for t in bundle.playbook_tasks if t.status == "Blocked"][:3]
    due = {t.id: f", due {t.due_date}." if t.due_date else "." for t in tasks}
    return [p.make_claim(f"The task {p.quoted(t.title)} is Blocked{due[t.id]}", [t.id], SECTION) for t in tasks]


def recent_escalations(pack: EvidencePack, bundle: Bundle) -> list[Activity]:
    """Return the escalations of the last 30 days that may be shown (not confidential), newest first."""
    as_of = date.fromisoformat(pack.as_of)
    since = as_of - timedelta(days=ESCALATION_DAYS)
    found = [a for a in bundle.activities if a.type == "Escalation" and since <= a.date <= as_of and not a.confidential]
    return sorted(found, key=lambda a: (a.date, a.id), reverse=True)


def escalation_phrase(activity: Activity, pack: EvidencePack) -> str:
    """Name an escalation by date and, when it may be shown, its subject."""
    subject = p.safe_text(activity.subject, activity.id, pack)
    return f"the escalation of {activity.date}" + (f" ({p.quoted(subject)})" if subject else "")


def _escalations(pack: EvidencePack, bundle: Bundle) -> list[Claim]:
    contacts = {c.id: c for c in bundle.contacts}
    claims = []
    for activity in recent_escalations(pack, bundle)[:2]:
        people = [contacts[c] for c in activity.contact_ids if c in contacts]
        text = f"Escalation on {activity.date}"
        text += f" with {p.join_words([p.who(c) for c in people])}" if people else ""
        subject = p.safe_text(activity.subject, activity.id, pack)
        text += f": {p.quoted(subject)}" if subject else ""
        claims.append(p.make_claim(p.sentence(text), [activity.id, *(c.id for c in people)], SECTION))
    return claims


def is_low(score: float | None, source: str | None) -> bool:
    """Return True when a feedback score is low for its source."""
    return score is not None and score <= LOW_SCORE.get(source or "", LOW_SCORE_DEFAULT)


def _low_scores(pack: EvidencePack, bundle: Bundle) -> list[Claim]:
    contacts = {c.id: c for c in bundle.contacts}
    low = sorted((f for f in bundle.feedback if is_low(f.score, f.source)), key=lambda f: f.date, reverse=True)
    claims = []
    for fb in low[:2]:
        contact = contacts.get(fb.contact_id or "")
        text = feedback_phrase(fb, contact, quote=quotable(fb, pack))
        if fb.comment and not fb.permission_to_quote:
            text += " (comment not quoted: no permission to quote)"
        claims.append(p.make_claim(p.sentence(text), [fb.id, *([contact.id] if contact else [])], SECTION))
    return claims


def _disputed(pack: EvidencePack, bundle: Bundle) -> list[Claim]:
    claims = [
        p.make_claim(
            f"The KPI {p.quoted(k.name)} is marked disputed, so it stays out of the achievements "
            "until its values are confirmed.",
            [k.id],
            SECTION,
        )
        for k in bundle.objective_kpis
        if k.disputed
    ]
    for activity in (a for a in bundle.activities if a.disputed and not a.confidential):
        subject = p.safe_text(activity.subject, activity.id, pack)
        name = f"{activity.type} {p.quoted(subject)}" if subject else activity.type
        claims.append(
            p.make_claim(
                f"The {name} of {activity.date} is marked disputed; its notes are not used.", [activity.id], SECTION
            )
        )
    return claims[:3]


def risks_and_blockers(pack: EvidencePack, bundle: Bundle) -> list[Claim]:
    """List what threatens the account's goals; never quote unquotable or confidential text."""
    claims = [
        *open_risks(pack, bundle),
        *_kpi_claims(bundle),
        *_blocked_tasks(bundle),
        *_escalations(pack, bundle),
        *_low_scores(pack, bundle),
        *_disputed(pack, bundle),
    ]
    return claims[:MAX_CLAIMS]
