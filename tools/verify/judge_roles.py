"""Judge roles and attribution across the whole claim: who holds a role, who gave a score, who said what."""

from __future__ import annotations

import re

from state.bundle import Activity, Contact, Feedback
from tools.verify.context import ClaimContext
from tools.verify.findings import Finding
from tools.verify.mentions import clause_of
from tools.verify.parse import TermMention
from tools.verify.people import contacts_named, title_problem
from tools.verify.predicates import role_holds


def _named(ctx: ClaimContext) -> list[tuple[int, Contact]]:
    """Return (offset, contact) for every mention of a contact of the account, in reading order."""
    found = [(m.start(), c) for c, matches in contacts_named(ctx) for m in matches]
    return sorted(found, key=lambda pair: pair[0])


def _holder(named: list[tuple[int, Contact]], text: str, position: int) -> Contact | None:
    """Return the person a role word at `position` is given to: named nearest before it in its clause, else after."""
    start, end = clause_of(text, position)
    before = [c for offset, c in named if start <= offset < position]
    after = [c for offset, c in named if position < offset < end]
    return before[-1] if before else after[0] if after else None


def _told_by_people_rule(ctx: ClaimContext, contact: Contact) -> bool:
    """Tell whether the people rule already reports a wrong title written next to this contact's name."""
    titles = {t for c in ctx.bundle.contacts for t in (c.title, c.role) if t}
    return any(
        title_problem(ctx.text, c, m, titles)
        for c, matches in contacts_named(ctx)
        if c.id == contact.id
        for m in matches
    )


def _givers(ctx: ClaimContext) -> list[Contact]:
    """Return the contacts who gave the cited feedback."""
    ids = {f.contact_id for f in ctx.of_kind("feedback") if isinstance(f, Feedback) and f.contact_id}
    return [c for c in ctx.bundle.contacts if c.id in ids]


def judge_role(ctx: ClaimContext, mention: TermMention) -> Finding | None:
    """Return a finding when a role is given to someone the records do not give it to."""
    named = _named(ctx)
    holder = _holder(named, ctx.text, mention.start)
    if holder is not None:
        if role_holds(holder, mention) != mention.negated or _told_by_people_rule(ctx, holder):
            return None
        return Finding(
            "contradicted",
            f"'{mention.text}' is given to {holder.name}, but the records give "
            f"{holder.name} as {holder.title or 'no title'} ({holder.role or 'no role'})",
        )
    givers = _givers(ctx)
    if givers:
        if any(role_holds(c, mention) for c in givers):
            return None
        return Finding(
            "contradicted",
            f"the cited feedback was given by {', '.join(c.name for c in givers)}, not the {mention.text}",
        )
    cited = [c.record for c in ctx.cited if isinstance(c.record, Contact)]
    if any(role_holds(c, mention) for c in cited):
        return None
    return Finding("unverifiable", f"'{mention.text}': no cited contact holds that role")


def judge_feedback_attribution(ctx: ClaimContext) -> list[Finding]:
    """Return a finding when cited feedback is credited to someone other than the contact who gave it."""
    givers = _givers(ctx)
    named = {c.id: c for _, c in _named(ctx)}
    if not givers or not named or any(c.id in named for c in givers):
        return []
    feedback_words = re.search(
        r"\b(?:NPS|CSAT|score[ds]?|rated|rating|survey|feedback|quote|said|says|gave)\b", ctx.text, re.IGNORECASE
    )
    if feedback_words is None:
        return []
    return [
        Finding(
            "contradicted",
            f"the cited feedback was given by {', '.join(c.name for c in givers)}, "
            f"not {', '.join(c.name for c in named.values())}",
        )
    ]


def _other_speaker(ctx: ClaimContext, record_id: str, person: Contact) -> Finding | None:
    """Return a finding when the activity's notes name other contacts as the ones acting, and not this person."""
    text = " ".join(t for _, t in ctx.facts.texts(record_id))
    first = person.name.split()[0]
    if re.search(rf"\b{re.escape(first)}\b", text):
        return None
    others = [
        c.name
        for c in ctx.bundle.contacts
        if c.id != person.id and re.search(rf"\b{re.escape(c.name.split()[0])}\b", text)
    ]
    if not others:
        return None  # the notes name nobody ('She asked about...'): the attendee list decides
    return Finding("unverifiable", f"the cited notes of {record_id} name {', '.join(others[:2])}, not {person.name}")


def judge_speech(ctx: ClaimContext, mention: TermMention) -> Finding | None:
    """Return a finding when words are attributed to a person no cited activity or feedback has speaking."""
    named = _named(ctx)
    start, _ = clause_of(ctx.text, mention.start)
    speakers = [c for offset, c in named if start <= offset < mention.start]
    if not speakers:
        return None
    person = speakers[-1]
    first = person.name.split()[0]
    for cited in ctx.cited:
        record = cited.record
        if isinstance(record, Feedback) and record.contact_id == person.id:
            return None
        if isinstance(record, Activity) and (
            person.id in record.contact_ids or any(first in text for _, text in ctx.facts.texts(cited.id))
        ):
            return _other_speaker(ctx, cited.id, person)
    return Finding(
        "unverifiable",
        f"'{person.name} {mention.text}': no cited activity or feedback records {person.name} saying this",
    )
