"""Offline drafting of the value recap: one entry per customer goal, plus proof and caveats."""

from __future__ import annotations

from state.bundle import Activity, Bundle, ObjectiveKpi, PlaybookTask
from state.evidence import EvidencePack, GoalEvidence
from state.recap import FLAG_MISSING_PROOF, VALUE_RECAP, Claim, ValueRecapEntry
from tools.drafting import phrases as p
from tools.drafting.offline_actions import goal_blockers
from tools.kpis import measured_progress

MAX_ITEMS = 4


def _claim(text: str, cites: list[str], **fields: object) -> Claim:
    return p.make_claim(p.sentence(text), cites, VALUE_RECAP, **fields)


def _goal(goal: GoalEvidence, bundle: Bundle, pack: EvidencePack) -> Claim:
    objective = next(o for o in bundle.objectives if o.id == goal.objective_id)
    challenge = next((c for c in bundle.business_challenges if c.id == goal.challenge_id), None)
    text, cites = objective.name, [objective.id]
    if objective.target_date:
        text += f" (target date {objective.target_date})"
    why = p.safe_text(challenge.description, challenge.id, pack) if challenge else None
    if challenge and why:
        text = p.sentence(text) + f" Challenge: {p.sentence(why)}"
        cites.append(challenge.id)
    return _claim(text, cites)


def _task_text(task: PlaybookTask) -> str:
    if task.status == "Completed":
        return f"{task.title}: Completed" + (f" on {task.completed_date}" if task.completed_date else "")
    return f"{task.title}: {task.status}" + (f", due {task.due_date}" if task.due_date else "")


def _delivered(goal: GoalEvidence, bundle: Bundle) -> list[Claim]:
    tasks = {t.id: t for t in bundle.playbook_tasks}
    ids = [*goal.delivered_task_ids, *goal.open_task_ids][:MAX_ITEMS]
    return [_claim(_task_text(tasks[i]), [i]) for i in ids if i in tasks]


def _kpi_evidence(kpi: ObjectiveKpi) -> Claim:
    updated = f", updated {kpi.updated_at}" if kpi.updated_at else ""
    values = p.kpi_values(kpi)
    text = f"{kpi.name}: {values} ({kpi.status}{updated})" if values else f"{kpi.name}: {kpi.status}{updated}"
    measured = kpi.current is not None or kpi.status == "Completed"
    return _claim(text, [kpi.id], kind="proven_outcome" if measured else None)


def _goal_kpis(goal: GoalEvidence, bundle: Bundle) -> list[ObjectiveKpi]:
    """Return the goal's KPIs that are not disputed."""
    return [k for k in bundle.objective_kpis if k.id in goal.kpi_ids and not k.disputed]


def _evidence(goal: GoalEvidence, bundle: Bundle, pack: EvidencePack) -> list[Claim]:
    claims = [_kpi_evidence(k) for k in _goal_kpis(goal, bundle)[:MAX_ITEMS]]
    index = p.lookup(bundle)
    for aid in goal.activity_ids:
        activity = index.get(aid)
        if (
            isinstance(activity, Activity)
            and activity.type != "Escalation"
            and not (activity.confidential or activity.disputed)
        ):
            subject = p.safe_text(activity.subject, activity.id, pack)
            named = f" {p.quoted(subject)}" if subject else ""
            claims.append(_claim(f"{activity.type}{named} on {activity.date}", [activity.id]))
            break
    return claims


def _outcome(goal: GoalEvidence, bundle: Bundle, pack: EvidencePack) -> Claim:
    kpis = {k.id: k for k in bundle.objective_kpis}
    proven = [kpis[i] for i in pack.eligible_kpi_ids if i in goal.kpi_ids]
    if proven:
        parts = [
            f"{k.name} is {k.status}" + (f", progress {pct} toward target" if (pct := p.progress_pct(k)) else "")
            for k in proven[:3]
        ]
        return _claim("Proven: " + "; ".join(parts), [k.id for k in proven[:3]], kind="proven_outcome")
    if goal.delivered_task_ids:
        return _claim(
            "Not yet measured: the delivered work is likely to help, but no KPI shows significant "
            "progress yet (likely benefit: not yet measured)",
            [*goal.delivered_task_ids[:3], goal.objective_id],
            kind="likely_benefit",
        )
    if goal.has_evidence:
        return _claim(
            "Not proven yet: no KPI of this goal shows significant progress",
            [goal.objective_id, *(k.id for k in _goal_kpis(goal, bundle)[:3])],
        )
    return _claim(
        "No evidence yet: no KPI value, delivered work or activity is recorded (missing proof)",
        [goal.objective_id],
        flags=[FLAG_MISSING_PROOF],
    )


def _open_risk(goal: GoalEvidence, bundle: Bundle, pack: EvidencePack) -> list[Claim]:
    kpis, tasks = goal_blockers(goal, bundle)
    objective = next(o for o in bundle.objectives if o.id == goal.objective_id)
    at_risk = f"; target date {objective.target_date} at risk" if objective.target_date else ""
    claims = [_claim(f"{k.name} is {k.status}: {p.kpi_values(k)}{at_risk}", [k.id, objective.id]) for k in kpis]
    claims += [_claim(f"The task {p.quoted(t.title)} is Blocked", [t.id]) for t in tasks]
    for kpi in (k for k in _goal_kpis(goal, bundle) if k.status == "On Track"):
        gap = p.gap_to_target(kpi)
        if gap:
            side = "below" if kpi.direction == "increase" else "above"
            target = f" of {p.quantity(kpi.target, kpi.unit)}" if kpi.target is not None else ""
            claims.append(_claim(f"{kpi.name} is still {gap} {side} its target{target}", [kpi.id]))
    index = p.lookup(bundle)
    for aid in goal.activity_ids:
        activity = index.get(aid)
        if isinstance(activity, Activity) and activity.type == "Escalation" and not activity.confidential:
            subject = p.safe_text(activity.subject, activity.id, pack)
            claims.append(
                _claim(f"Escalated on {activity.date}" + (f": {p.quoted(subject)}" if subject else ""), [activity.id])
            )
            break
    return claims[:MAX_ITEMS]


def _recommendation(goal: GoalEvidence, bundle: Bundle, pack: EvidencePack) -> Claim:
    kpis, tasks = goal_blockers(goal, bundle)
    fields = {"kind": "recommendation", "owner": pack.owner}
    if tasks:
        return _claim(
            f"Clear the blocker on {p.quoted(tasks[0].title)} and agree a revised plan for this goal",
            [tasks[0].id, goal.objective_id],
            due=p.due_in(pack, 14),
            **fields,
        )
    if kpis:
        return _claim(
            f"Agree a recovery plan for {kpis[0].name}, which is {kpis[0].status}",
            [kpis[0].id, goal.objective_id],
            due=p.due_in(pack, 14),
            **fields,
        )
    proven = [i for i in pack.eligible_kpi_ids if i in goal.kpi_ids]
    if proven:
        return _claim(
            "Keep reporting the proven KPIs of this goal to the customer every month",
            [*proven[:3], goal.objective_id],
            due=p.due_in(pack, 30),
            **fields,
        )
    if not goal.has_evidence:
        return _claim(
            "Agree a measurable KPI with a baseline and a target for this goal",
            [goal.objective_id],
            due=p.due_in(pack, 30),
            **fields,
        )
    return _claim(
        "Review this goal's progress with the customer and set the next milestone",
        [goal.objective_id, *(k.id for k in _goal_kpis(goal, bundle)[:2])],
        due=p.due_in(pack, 30),
        **fields,
    )


def value_entry(goal: GoalEvidence, bundle: Bundle, pack: EvidencePack) -> ValueRecapEntry:
    """Draft the value-recap entry of one goal."""
    return ValueRecapEntry(
        objective_id=goal.objective_id,
        goal=_goal(goal, bundle, pack),
        delivered_work=_delivered(goal, bundle),
        evidence=_evidence(goal, bundle, pack),
        outcome=_outcome(goal, bundle, pack),
        open_risk=_open_risk(goal, bundle, pack),
        next_recommendation=_recommendation(goal, bundle, pack),
    )


def _caveat(text: str, cites: list[str], **fields: object) -> Claim:
    return p.make_claim(p.sentence(text), cites, "caveats", **fields)


def attribution_caveat(goal: GoalEvidence, bundle: Bundle) -> Claim | None:
    """Warn when several deliveries precede a KPI gain: no record isolates which one caused it."""
    tasks = [t for t in bundle.playbook_tasks if t.id in goal.delivered_task_ids]
    gained = [
        k for k in bundle.objective_kpis if k.id in goal.kpi_ids and not k.disputed and (measured_progress(k) or 0) > 0
    ]
    for kpi in gained:
        before = [t for t in tasks if not (kpi.updated_at and t.completed_date and t.completed_date > kpi.updated_at)]
        if len(before) >= 2:
            titles = p.join_words([p.quoted(t.title) for t in before[:3]])
            return _caveat(
                f"{kpi.name} moved {p.kpi_values(kpi, arrow=False)} while {titles} were delivered; no record "
                "separates their effects on it (caveat on attribution)",
                [*(t.id for t in before[:3]), kpi.id],
            )
    return None


def value_caveats(pack: EvidencePack, bundle: Bundle) -> list[Claim]:
    """Add the proof-and-caveat list: attribution, missing proof per goal, no ROI figure."""
    claims = [c for g in pack.goals if (c := attribution_caveat(g, bundle))]
    for gid in pack.missing_proof_goal_ids:
        goal = pack.goal(gid)
        name = p.quoted(goal.name if goal else gid)
        claims.append(
            _caveat(
                f"{name} has no evidence yet: no KPI value, delivered work or activity is recorded (missing proof)",
                [gid],
                flags=[FLAG_MISSING_PROOF],
            )
        )
    claims.append(
        _caveat("No ROI or money-saved figure is stated: no record measures one (missing proof)", [bundle.account.id])
    )
    return claims


def value_recap(pack: EvidencePack, bundle: Bundle) -> tuple[list[ValueRecapEntry], list[Claim]]:
    """Draft one entry per goal and the proof-and-caveat list."""
    known = {o.id for o in bundle.objectives}
    entries = [value_entry(g, bundle, pack) for g in pack.goals if g.objective_id in known]
    return entries, value_caveats(pack, bundle)
