"""Judge roles and attribution across the whole claim: who holds a role, who gave a score, who said what."""

from __future__ import annotations

import re

from state.bundle import Activity, Contact, Feedback, PlaybookTask
from tools.verify.context import ClaimContext
from tools.verify.findings import Failed, Finding
from tools.verify.lexicon import Term
from tools.verify.mentions import clause_of
from tools.verify.numbers import find_numbers
from tools.verify.parse import TermMention
from tools.verify.people import _norm, contacts_named, title_problem
from tools.verify.predicates import role_holds
from tools.verify.text import fmt_number


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


_FEEDBACK_WORDS = re.compile(
    r"\b(?:NPS|CSAT|score[ds]?|rated|rating|survey|feedback|quote|said|says|gave)\b", re.IGNORECASE
)
_OWNERSHIP = re.compile(
    r"\b(?:owns|owned\s+by|owner|owning|responsible\s+for|assigned\s+to|in\s+charge\s+of)\b", re.IGNORECASE
)


def judge_feedback_attribution(ctx: ClaimContext) -> list[Finding]:
    """Return a finding when cited feedback, or the score a claim states, is credited to someone else."""
    givers = _givers(ctx)
    named = {c.id: c for _, c in _named(ctx)} or {c.id: c for c in _titled(ctx)}
    if not givers or not named or _FEEDBACK_WORDS.search(ctx.text) is None:
        return []
    if not any(c.id in named for c in givers):
        return [
            Finding(
                "contradicted",
                f"the cited feedback was given by {', '.join(c.name for c in givers)}, "
                f"not {', '.join(c.name for c in named.values())}",
            )
        ]
    # 'Henrik gave an NPS of 6' when the cited 6 is Amara's: the stated score must be one the named person gave
    stated = {m.value for m in find_numbers(ctx.text)}
    scored = [
        f for f in ctx.of_kind("feedback") if isinstance(f, Feedback) and f.score is not None and f.score in stated
    ]
    if not scored or any(f.contact_id in named for f in scored):
        return []
    giver = next((c.name for c in ctx.bundle.contacts if c.id == scored[0].contact_id), "someone else")
    said = ", ".join(c.name for c in named.values())
    return [
        Finding(
            "contradicted", f"the cited score of {fmt_number(scored[0].score or 0)} was given by {giver}, not {said}"
        )
    ]


def _titled(ctx: ClaimContext) -> list[Contact]:
    """Return the contact a claim names by a title only that contact holds ('the resort's COO', 'our CFO')."""
    said = f" {_norm(ctx.text)} "
    titled = [c for c in ctx.bundle.contacts if c.title and len(_norm(c.title).split()) >= 2]
    found = [c for c in titled if f" {_norm(c.title or '')} " in said]
    unique = [c for c in found if sum(_norm(o.title or "") == _norm(c.title or "") for o in titled) == 1]
    return unique if len(unique) == 1 else []


def _owner_of(ctx: ClaimContext, task: PlaybookTask) -> Contact | None:
    """Return the contact a task's owner field names (by contact id or by full name), if any."""
    owner = (task.owner or "").strip()
    return next((c for c in ctx.bundle.contacts if owner in {c.id, c.name}), None) if owner else None


def judge_task_owner(ctx: ClaimContext) -> list[Finding]:
    """Return a finding when a claim gives a cited task to a contact other than the one who owns it."""
    if _OWNERSHIP.search(ctx.text) is None:
        return []
    tasks = [t for t in ctx.of_kind("playbook_tasks") if isinstance(t, PlaybookTask) and t.owner]
    owners = [_owner_of(ctx, t) for t in tasks]
    named = {c.id: c for _, c in _named(ctx)}
    if not tasks or not named or None in owners or any(o is not None and o.id in named for o in owners):
        return []
    verdict: Failed = "contradicted" if len(tasks) == 1 else "unverifiable"
    said = ", ".join(c.name for c in named.values())
    held = ", ".join(f"{t.id} is owned by {o.name}" for t, o in zip(tasks, owners, strict=True) if o is not None)
    return [Finding(verdict, f"the claim gives the task to {said}, but {held}")]


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


_QUOTE_INTRO = re.compile(r"[:–—]\s*[\"“]")
_LISTED_AFTER = frozenset({"with", "and", "by", "from", "to", "for", "of", "including"})


def judge_quote_speakers(ctx: ClaimContext) -> list[Finding]:
    """'Felix on the call: "..."': a colon before a quote attributes it like 'said' does."""
    found = []
    named = _named(ctx)
    for match in _QUOTE_INTRO.finditer(ctx.text):
        start, _ = clause_of(ctx.text, match.start())
        before = [(offset, c) for offset, c in named if start <= offset < match.start()]
        if not before:
            continue
        offset, person = before[-1]
        lead = ctx.text[start:offset].split()
        gap = ctx.text[offset + len(person.name) : match.start()].split()
        if (lead and lead[-1].lower() in _LISTED_AFTER) or len(gap) > 6:
            continue  # 'a meeting with Dana and Omar: "..."' quotes the notes, not Omar
        mention = TermMention(Term(":", "speech"), "is quoted", match.start(), match.end())
        if (finding := judge_speech(ctx, mention)) is not None:
            found.append(finding)
    return found


_SURVEYS = ("NPS", "CSAT", "CES")
_SURVEY_WORD = re.compile(r"\b(NPS|CSAT|CES)\b", re.IGNORECASE)


def judge_feedback_source(ctx: ClaimContext) -> list[Finding]:
    """Return a finding when the claim names a survey ('CSAT') and the cited feedback came from another ('NPS')."""
    said = {m.group(1).upper() for m in _SURVEY_WORD.finditer(ctx.text)}
    sources = {f.source.strip().upper() for f in ctx.of_kind("feedback") if isinstance(f, Feedback) and f.source}
    if not said or not sources or not sources <= set(_SURVEYS) or said & sources:
        return []
    return [Finding("contradicted", f"'{', '.join(sorted(said))}': the cited feedback is {', '.join(sorted(sources))}")]
