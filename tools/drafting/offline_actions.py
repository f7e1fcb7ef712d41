"""Offline drafting of what comes next: expansion opportunities, strategic next steps, immediate actions."""

from __future__ import annotations

from datetime import date, timedelta

from state.bundle import Activity, Bundle, Contact, ObjectiveKpi, PlaybookTask, Record, Risk
from state.evidence import EvidencePack, GoalEvidence, Signal
from state.recap import FLAG_OWNER_REVIEW, FLAG_UNRESOLVED_ISSUE, Claim
from tools.drafting import phrases as p
from tools.drafting.offline_risks import escalation_phrase, is_low
from tools.signals import SIGNAL_LABELS

MAX_EXPANSION = 3
MAX_STEPS = 4
MAX_ACTIONS = 5
STALE_DAYS = 60
ASK_KINDS = frozenset({"seats", "pricing", "upgrade"})


def hold_clause(pack: EvidencePack, bundle: Bundle) -> tuple[str, list[str]]:
    """Say which unresolved customer issue an expansion must wait for, and the records that show it."""
    index = p.lookup(bundle)
    names: list[str] = []
    cites: list[str] = []
    for issue in pack.unresolved_issues[:3]:
        record = index.get(issue.record_id)
        if isinstance(record, Risk):
            names.append(f"the {record.severity} risk {p.quoted(record.title)}")
            cites.append(record.id)
        elif isinstance(record, Activity) and not record.confidential:
            names.append(f"the escalation of {record.date}")
            cites.append(record.id)
        elif "an open escalation" not in names:
            names.append("an open escalation")
    if not names:
        return "", []
    return f"hold until {p.join_words(names)} {'is' if len(names) == 1 else 'are'} resolved", cites


def where(activity: Activity, pack: EvidencePack) -> str:
    """Name an activity by type, subject (when it may be shown) and date."""
    subject = p.safe_text(activity.subject, activity.id, pack)
    named = f" {p.quoted(subject)}" if subject else ""
    return f"the {activity.type.lower()}{named} on {activity.date}"


def _people(ids: list[str], index: dict[str, Record]) -> list[Contact]:
    return [c for i in ids if isinstance(c := index.get(i), Contact)]


def _signal_claim(activity: Activity, signals: list[Signal], pack: EvidencePack, bundle: Bundle) -> Claim:
    index = p.lookup(bundle)
    people = _people(activity.contact_ids, index)
    hold, hold_cites = hold_clause(pack, bundle)
    label = p.join_words(list(dict.fromkeys(SIGNAL_LABELS.get(s.kind, s.kind) for s in signals)))
    with_people = f" with {p.join_words([p.who(c) for c in people])}" if people else ""
    subject = " ".join((activity.subject or "").split())
    excerpts = " ".join(p.quoted(s.excerpt) for s in signals[:2] if s.excerpt != subject)
    caveat = "likely benefit: not yet measured" + (f"; {hold}" if hold else "")
    said = f": {excerpts}" if excerpts else ""
    text = f"Expansion signal ({label}) from {where(activity, pack)}{with_people}{said} ({caveat})."
    return p.make_claim(
        text,
        [activity.id, *(c.id for c in people), *hold_cites],
        "expansion_opportunities",
        kind="likely_benefit",
        flags=[FLAG_UNRESOLVED_ISSUE] if hold else [],
    )


def _signal_activities(pack: EvidencePack, bundle: Bundle) -> list[tuple[Activity, list[Signal]]]:
    index = p.lookup(bundle)
    found: dict[str, list[Signal]] = {}
    for signal in pack.expansion_signals:
        found.setdefault(signal.activity_id, []).append(signal)
    pairs = [
        (a, sigs)
        for aid, sigs in found.items()
        if isinstance(a := index.get(aid), Activity) and not (a.confidential or a.disputed)
    ]
    return pairs[:MAX_EXPANSION]


def expansion_opportunities(pack: EvidencePack, bundle: Bundle) -> list[Claim]:
    """Turn expansion signals into likely-benefit claims, held while a customer issue is unresolved."""
    return [_signal_claim(a, sigs, pack, bundle) for a, sigs in _signal_activities(pack, bundle)]


def _recommend(text: str, cites: list[str], section: str, owner: str, due: str, review: bool = False) -> Claim:
    return p.make_claim(
        p.sentence(text),
        cites,
        section,
        kind="recommendation",
        owner=owner,
        due=due,
        flags=[FLAG_OWNER_REVIEW] if review else [],
    )


def goal_blockers(goal: GoalEvidence, bundle: Bundle) -> tuple[list[ObjectiveKpi], list[PlaybookTask]]:
    """Return a goal's off-track or blocked KPIs and its blocked tasks."""
    kpis = [k for k in bundle.objective_kpis if k.id in goal.kpi_ids and k.status in p.OFF_TRACK and not k.disputed]
    tasks = [t for t in bundle.playbook_tasks if t.id in goal.open_task_ids and t.status == "Blocked"]
    return kpis, tasks


def goal_contact(goal: GoalEvidence, bundle: Bundle) -> tuple[Contact | None, list[str]]:
    """Return the contact most recently engaged on a goal and the records that show it."""
    index = p.lookup(bundle)
    for aid in goal.activity_ids:
        activity = index.get(aid)
        if isinstance(activity, Activity) and not activity.confidential:
            people = _people(activity.contact_ids, index)
            if people:
                return people[0], [activity.id, people[0].id]
    return None, []


def _recovery_steps(pack: EvidencePack, bundle: Bundle) -> list[Claim]:
    claims = []
    for goal in pack.goals:
        kpis, tasks = goal_blockers(goal, bundle)
        if not (kpis or tasks):
            continue
        contact, contact_cites = goal_contact(goal, bundle)
        text = f"Agree a recovery plan and a revised target date for {p.quoted(goal.name)}"
        text += f" with {p.who(contact)}" if contact else ""
        text += f" once the task {p.quoted(tasks[0].title)} is unblocked" if tasks else ""
        cites = [goal.objective_id, *(k.id for k in kpis), *(t.id for t in tasks[:1]), *contact_cites]
        claims.append(_recommend(text, cites, "strategic_next_steps", pack.owner, p.due_in(pack, 21), True))
    return claims


def strategic_next_steps(pack: EvidencePack, bundle: Bundle) -> list[Claim]:
    """Recommend the few moves that shape the account: recovery plans, proposals, proof of value."""
    section, owner = "strategic_next_steps", pack.owner
    claims = _recovery_steps(pack, bundle)
    renewal = bundle.account.renewal_date
    for activity, _ in _signal_activities(pack, bundle)[:1]:
        text = f"Prepare a proposal on the expansion raised in {where(activity, pack)}"
        text += f" for the renewal conversation (renewal due {renewal})" if renewal else ""
        claims.append(
            _recommend(
                text, [activity.id, *([bundle.account.id] if renewal else [])], section, owner, p.due_in(pack, 30), True
            )
        )
    kpis = {k.id: k for k in bundle.objective_kpis}
    lead = p.sponsor(bundle)
    for kid in pack.eligible_kpi_ids[:1]:
        text = f"Report {kpis[kid].name} every month" + (f" to {p.who(lead)}" if lead else "")
        text += " to keep the proven result in view"
        claims.append(_recommend(text, [kid, *([lead.id] if lead else [])], section, owner, p.due_in(pack, 30), True))
    for gid in pack.missing_proof_goal_ids[:2]:
        goal = pack.goal(gid)
        text = f"Agree a measurable KPI with a baseline and a target for {p.quoted(goal.name if goal else gid)}"
        claims.append(_recommend(text, [gid], section, owner, p.due_in(pack, 30), True))
    return claims[:MAX_STEPS]


def _issue_actions(pack: EvidencePack, bundle: Bundle) -> list[Claim]:
    index, claims = p.lookup(bundle), []
    for issue in pack.unresolved_issues[:3]:
        record = index.get(issue.record_id)
        if isinstance(record, Risk):
            text = f"Name a mitigation owner and a date for the {record.severity} risk {p.quoted(record.title)}"
            claims.append(_recommend(text, [record.id], "immediate_actions", pack.owner, p.due_in(pack, 7)))
        elif isinstance(record, Activity) and not record.confidential:
            people = _people(record.contact_ids, index)
            text = f"Follow up on {escalation_phrase(record, pack)}"
            text += f" with {p.join_words([p.who(c) for c in people])}" if people else ""
            text += " and get a committed date for the fix"
            claims.append(
                _recommend(
                    text, [record.id, *(c.id for c in people)], "immediate_actions", pack.owner, p.due_in(pack, 7)
                )
            )
    return claims


def _follow_ups(pack: EvidencePack, bundle: Bundle) -> list[Claim]:
    section, claims = "immediate_actions", []
    for task in (t for t in bundle.playbook_tasks if t.status == "Blocked"):
        claims.append(
            _recommend(
                f"Unblock the task {p.quoted(task.title)} and confirm a new due date",
                [task.id],
                section,
                task.owner or pack.owner,
                p.due_in(pack, 10),
            )
        )
    for activity, signals in _signal_activities(pack, bundle)[:1]:
        if any(s.kind in ASK_KINDS for s in signals):
            claims.append(
                _recommend(
                    f"Send the pricing asked for in {where(activity, pack)}",
                    [activity.id],
                    section,
                    pack.owner,
                    p.due_in(pack, 14),
                )
            )
    return claims


def _feedback_follow_up(pack: EvidencePack, bundle: Bundle) -> list[Claim]:
    section, claims = "immediate_actions", []
    contacts = {c.id: c for c in bundle.contacts}
    for fb in [f for f in bundle.feedback if is_low(f.score, f.source) and f.contact_id in contacts][:1]:
        assert fb.score is not None  # is_low holds only for a score
        contact = contacts[fb.contact_id or ""]
        source = fb.source or "feedback"
        text = f"Follow up with {p.who(contact)} on the {source} score of {p.num(fb.score)} from {fb.date}"
        claims.append(_recommend(text, [fb.id, contact.id], section, pack.owner, p.due_in(pack, 14)))
    return claims


def _re_engage(pack: EvidencePack, bundle: Bundle) -> list[Claim]:
    stale = p.stalest(list(bundle.contacts))
    cutoff = date.fromisoformat(pack.as_of) - timedelta(days=STALE_DAYS)
    if stale is None or stale.last_engaged is None or stale.last_engaged > cutoff:
        return []
    text = f"Re-engage {p.who(stale)}, last engaged {stale.last_engaged}"
    return [_recommend(text, [stale.id], "immediate_actions", pack.owner, p.due_in(pack, 14))]


def immediate_actions(pack: EvidencePack, bundle: Bundle) -> list[Claim]:
    """List the concrete next actions, each with an owner and a proposed due date."""
    claims = [
        *_issue_actions(pack, bundle),
        *_follow_ups(pack, bundle),
        *_re_engage(pack, bundle),
        *_feedback_follow_up(pack, bundle),
    ]
    return claims[:MAX_ACTIONS]
