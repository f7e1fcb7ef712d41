"""Hand-written correct sentences, instantiated over an account's records (true by construction)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

from evals.config import AS_OF
from state.bundle import Activity, Bundle, ObjectiveKpi

Rec = dict[str, Any]
ASK = re.compile(r"\b(?:asked (?:about|for|whether)|wants|would like|requested|is exploring)\b")
INSTRUCTION = re.compile(r"\b(?:ignore|disregard|system|approve|ROI)\b", re.I)
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def fmt(value: float) -> str:
    """Write a number the way the records do (240,000; 0.6; 12)."""
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def with_unit(value: float, unit: str | None) -> str:
    """Return `value` with its unit: 36% or 5 hours."""
    if unit == "%":
        return f"{fmt(value)}%"
    return f"{fmt(value)} {unit}" if unit else fmt(value)


def claim(text: str, citations: list[str], section: str, template: str, **extra: Any) -> Rec:
    """Return one labelled-correct claim."""
    return {"text": text, "citations": citations, "section": section, "template": template, **extra}


def kpi_sentences(kpi: ObjectiveKpi) -> Iterator[Rec]:
    """Yield sentences on a KPI: its values, status, percent change, point change and progress."""
    b, c, t, u = kpi.baseline, kpi.current, kpi.target, kpi.unit
    cite = [kpi.id]
    if kpi.status == "Not Started":
        yield claim(f"{kpi.name} has not started yet.", cite, "risks_and_blockers", "kpi_status")
    else:
        yield claim(f"{kpi.name} is {kpi.status}.", cite, "executive_summary", "kpi_status")
    if b is None or c is None:
        return
    if t is not None:
        yield claim(
            f"{kpi.name} moved from {with_unit(b, u)} to {with_unit(c, u)} against a target of {with_unit(t, u)}.",
            cite,
            "executive_summary",
            "kpi_values",
        )
        if t != b and 0 <= (c - b) / (t - b) <= 1.5:
            progress = (c - b) / (t - b) * 100
            yield claim(
                f"{kpi.name} is {progress:.0f}% of the way to its target of {with_unit(t, u)}.",
                cite,
                "executive_summary",
                "kpi_progress",
            )
    if c == b:
        return
    verb = "rose" if c > b else "fell"
    if b != 0:
        change = abs(c - b) / abs(b) * 100
        yield claim(
            f"{kpi.name} {verb} {change:.0f}% from {with_unit(b, u)} to {with_unit(c, u)}.",
            cite,
            "executive_summary",
            "kpi_change",
        )
    if u == "%":
        yield claim(
            f"{kpi.name} {verb} {fmt(abs(c - b))} percentage points, from {fmt(b)}% to {fmt(c)}%.",
            cite,
            "executive_summary",
            "kpi_points",
        )


def contact_sentences(bundle: Bundle) -> Iterator[Rec]:
    """Yield sentences on each contact's title, role and last engagement."""
    for c in bundle.contacts:
        if c.title and c.role:
            yield claim(f"{c.name} is the {c.title} ({c.role}).", [c.id], "key_stakeholders", "contact_title")
        if c.last_engaged:
            yield claim(
                f"{c.name} was last engaged on {c.last_engaged.isoformat()}.",
                [c.id],
                "key_stakeholders",
                "contact_engaged",
            )


def record_sentences(bundle: Bundle) -> Iterator[Rec]:
    """Yield sentences on risks, tasks, feedback scores, usage and the account's ARR."""
    for r in bundle.risks:
        if r.opened:
            yield claim(
                f'The {r.severity} risk "{r.title}" was opened on {r.opened.isoformat()} and is {r.status}.',
                [r.id],
                "risks_and_blockers",
                "risk",
            )
    for t in bundle.playbook_tasks:
        if t.status == "Completed" and t.completed_date:
            yield claim(
                f'The task "{t.title}" was completed on {t.completed_date.isoformat()}.',
                [t.id],
                "value_recap",
                "task_done",
            )
        elif t.status == "Blocked":
            yield claim(f'The task "{t.title}" is Blocked.', [t.id], "risks_and_blockers", "task_blocked")
    contacts = {c.id: c for c in bundle.contacts}
    for f in bundle.feedback:
        if f.score is not None and f.contact_id in contacts and f.source:
            yield claim(
                f"{contacts[f.contact_id].name} gave a {f.source} score of {fmt(f.score)} on {f.date.isoformat()}.",
                [f.id, f.contact_id],
                "executive_summary",
                "feedback_score",
            )
    yield from _usage_sentences(bundle)
    a = bundle.account
    if a.arr is not None and a.currency and a.renewal_date:
        yield claim(
            f"ARR is {fmt(a.arr)} {a.currency}, with renewal due on {a.renewal_date.isoformat()}.",
            [a.id],
            "executive_summary",
            "account_arr",
        )


def _usage_sentences(bundle: Bundle) -> Iterator[Rec]:
    by_metric: dict[str, list[Any]] = {}
    for u in bundle.usage:
        by_metric.setdefault(u.metric, []).append(u)
    for metric, rows in by_metric.items():
        rows.sort(key=lambda u: u.period)
        first, last = rows[0], rows[-1]
        label = metric.replace("_", " ")
        if first.id == last.id:
            yield claim(
                f"Usage of {label} was {fmt(last.value)} in {last.period}.",
                [last.id],
                "executive_summary",
                "usage_value",
            )
        else:
            yield claim(
                f"Usage of {label} went from {fmt(first.value)} in {first.period} to {fmt(last.value)} in "
                f"{last.period}.",
                [first.id, last.id],
                "executive_summary",
                "usage_change",
            )


def _usable(activity: Activity) -> bool:
    return not (activity.confidential or activity.disputed) and bool(activity.notes)


def ask_sentences(bundle: Bundle) -> Iterator[Rec]:
    """Yield what a customer asked for, lifted from activity notes and attributed to the meeting."""
    for a in bundle.activities:
        if not _usable(a):
            continue
        for sentence in SENTENCE_END.split(" ".join((a.notes or "").split())):
            if ASK.search(sentence) and not INSTRUCTION.search(sentence):
                text = f"In the {a.type.lower()} on {a.date.isoformat()}, {_lower_pronoun(sentence)}"
                yield claim(text, [a.id, *a.contact_ids], "expansion_opportunities", "activity_ask")


def recommendation_sentences(bundle: Bundle) -> Iterator[Rec]:
    """Yield recommendations that name a KPI and a contact, with a proposed due date in the text."""
    due = (AS_OF + dt.timedelta(days=21)).isoformat()
    contacts = [c for c in bundle.contacts if c.title]
    for i, kpi in enumerate(bundle.objective_kpis[:3]):
        if not contacts:
            return
        c = contacts[i % len(contacts)]
        yield claim(
            f"Review {kpi.name} with {c.name} ({c.title}) by {due}.",
            [kpi.id, c.id],
            "strategic_next_steps",
            "recommendation",
            kind="recommendation",
            owner=bundle.account.owner,
            due=due,
        )


def handwritten_claims(bundle: Bundle) -> list[Rec]:
    """Return every hand-written correct sentence for the account, in a fixed order."""
    out: list[Rec] = []
    for kpi in bundle.objective_kpis:
        out += kpi_sentences(kpi)
    out += contact_sentences(bundle)
    out += record_sentences(bundle)
    out += ask_sentences(bundle)
    out += recommendation_sentences(bundle)
    return out


def _lower_pronoun(sentence: str) -> str:
    first, _, rest = sentence.partition(" ")
    return f"{first.lower()} {rest}" if first in ("She", "He", "They", "We") else sentence
