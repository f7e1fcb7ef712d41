"""Judges for relative dates ('last month'), peaks ('peaked in October'), titles and names nobody holds."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from state.bundle import Account, Contact, Feedback, Usage
from tools.verify.context import ClaimContext
from tools.verify.dates import MONTH_NAME, find_dates, month_number
from tools.verify.findings import Finding
from tools.verify.judge_timing import lateness
from tools.verify.language import is_recommendation
from tools.verify.mentions import record_name
from tools.verify.names import GIVEN_NAMES
from tools.verify.numbers import find_numbers
from tools.verify.parse import TermMention
from tools.verify.people import _TITLE_WORDS, ABBREVIATIONS, _norm, contacts_named
from tools.verify.text import date_fields, wordset
from tools.verify.vocabulary import vstem

_RELATIVE = re.compile(
    r"(?:just\s+)?(?P<which>last|this|next|a)\s+(?P<unit>week|month|quarter|year)(?:\s+ago)?|"
    r"(?P<day>yesterday|today|recently)",
    re.IGNORECASE,
)
PEAKS = frozenset({"peak", "peaked", "peaks", "highest", "lowest"})
_PROPER = re.compile(r"\b([A-Z][a-z]+(?:\s+[A-Z][a-z]+)+)\b")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s+|\(\s*)$")
# Words of the recap itself a claim may name ('See Immediate Actions').
_RECAP_WORDS = wordset(
    "key stakeholders executive summary achievements risks blockers expansion opportunities "
    "strategic next steps immediate actions value recap "
    # calendar words: the dates rule judges them ('On 19 October Harold asked' names Harold, not 'October Harold')
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday "
    "mon tue tues wed thu thur thurs fri sat sun"
)


def _window(term: TermMention, as_of: dt.date) -> tuple[dt.date, dt.date] | None:
    """Return the days a relative date expression covers as of `as_of` (None for the future)."""
    match = _RELATIVE.search(term.text)
    if match is None:
        return None
    if match.group("day"):
        day = match.group("day").lower()
        back = {"yesterday": 1, "today": 0}.get(day)
        return (
            (as_of - dt.timedelta(days=back), as_of - dt.timedelta(days=back))
            if back is not None
            else (as_of - dt.timedelta(days=45), as_of)
        )
    which, unit = match.group("which").lower(), match.group("unit").lower()
    if which == "next":
        return None
    if unit == "week":
        start = as_of - dt.timedelta(days=as_of.weekday() + (7 if which in {"last", "a"} else 0))
        return start - dt.timedelta(days=3), start + dt.timedelta(days=9)
    if unit == "month":
        first = as_of.replace(day=1)
        if which in {"last", "a"}:
            prev = (first - dt.timedelta(days=1)).replace(day=1)
            return prev, first - dt.timedelta(days=1)
        return first, as_of
    if unit == "quarter":
        q_start = dt.date(as_of.year, 3 * ((as_of.month - 1) // 3) + 1, 1)
        if which in {"last", "a"}:
            prev_end = q_start - dt.timedelta(days=1)
            return dt.date(prev_end.year, 3 * ((prev_end.month - 1) // 3) + 1, 1), prev_end
        return q_start, as_of
    year = as_of.year - (1 if which in {"last", "a"} else 0)
    return dt.date(year, 1, 1), min(dt.date(year, 12, 31), as_of)


_DUE_BEFORE = re.compile(r"\bdue\s+(?:by\s+|in\s+|for\s+)?$", re.IGNORECASE)


def _overdue(ctx: ClaimContext, as_of: dt.date) -> str | None:
    """Describe the cited open work already past its due date ('due next week' cannot be said of it), if any."""
    for cited in ctx.cited:
        late = lateness(cited.record, as_of)
        if late is not None and not late[1] and late[0] > 0:
            due = getattr(cited.record, "due_date", None)
            return f"{record_name(cited.record)} ({cited.id}) was due {due} and is still open, {late[0]} days overdue"
    return None


def judge_relative_date(ctx: ClaimContext, term: TermMention, as_of: dt.date | None) -> Finding | None:
    """Return a finding when 'last month', 'this year'... does not fit the dates of the cited records."""
    ahead = re.match(r"(?:this|next)\s", term.text, re.IGNORECASE)  # 'due next week' for work overdue since the 15th
    if (
        as_of
        and ahead
        and _DUE_BEFORE.search(ctx.text[max(0, term.start - 30) : term.start])
        and (past := _overdue(ctx, as_of))
    ):
        return Finding("contradicted", f"'due {term.text}': {past}")
    if as_of and is_recommendation(ctx) and ahead:
        return None  # 'agree a finish date this week': when to act, proposed like a recommendation's due date
    window = _window(term, as_of) if as_of else None
    if window is None:
        return Finding("unverifiable", f"'{term.text}' is a relative date the verifier cannot place")
    dates = [d for c in ctx.cited for name, d in date_fields(c.record) if name not in {"due_date", "target_date"}]
    if any(window[0] <= d <= window[1] for d in dates):
        return None
    if not dates:
        return Finding("unverifiable", f"'{term.text}': the cited records carry no date")
    shown = ", ".join(sorted({d.isoformat() for d in dates})[:4])
    return Finding("contradicted", f"'{term.text}' does not match the cited records' dates ({shown})")


_SEASON_BEFORE = re.compile(
    rf"\b(?:{MONTH_NAME}|winter|summer|spring|autumn|fall|holiday|christmas|seasonal|year-end|festive)\s+"
    r"(?:[\w-]+\s+){0,2}$",  # 'the December order peak'
    re.IGNORECASE,
)


def judge_peak(ctx: ClaimContext, term: TermMention) -> Finding | None:
    """Return a finding when a peak, highest or lowest value is not the extreme of the cited series."""
    if term.text.lower() == "peak" and _SEASON_BEFORE.search(ctx.text[max(0, term.start - 20) : term.start]):
        return None  # 'before the Dec peak', 'the holiday peak': a busy season, not a record value
    rows = [(u.period, u.value) for u in ctx.of_kind("usage") if isinstance(u, Usage)]
    rows += [
        (f.date.isoformat(), f.score)
        for f in ctx.of_kind("feedback")
        if isinstance(f, Feedback) and f.score is not None
    ]
    if len(rows) < 2:
        return Finding("unverifiable", f"'{term.text}' needs a series of values, and the claim cites fewer than two")
    low = term.text.lower() == "lowest"
    period, value = (min if low else max)(rows, key=lambda r: r[1])
    stated = {m.value for m in find_numbers(ctx.text)}
    months = {d.month for d in find_dates(ctx.text) if d.month}
    if value in stated or (len(period) >= 7 and int(period[5:7]) in months):
        return None
    if not stated and not months:
        return Finding("unverifiable", f"'{term.text}' does not say which value or when")
    return Finding(
        "contradicted", f"'{term.text}': the {'lowest' if low else 'highest'} cited value is {value:g} ({period})"
    )


def judge_titles(ctx: ClaimContext, masked: str) -> list[Finding]:
    """Return a finding for a title word (CEO, Head of...) that no cited or named contact holds."""
    people = [c.record for c in ctx.cited if isinstance(c.record, Contact)]
    people += [c for c, _ in contacts_named(ctx)]
    own = " ".join(f"{c.title or ''} {c.role or ''} {_norm(c.title or '')}" for c in people).lower()
    cited = " ".join(text for _, _, text in ctx.cited_texts).lower()
    found = []
    for match in _TITLE_WORDS.finditer(masked):
        word = match.group().lower()
        pattern = re.compile(rf"\b(?:{re.escape(word)}|{re.escape(_norm(word))})\b")
        if word in _ROLE_WORDS or pattern.search(own) or pattern.search(cited):
            continue
        if word == "vp" and "vice president" in own:
            continue
        found.append(Finding("unverifiable", f"'{match.group()}' is a title no cited or named contact holds"))
    return found[:1]


_ROLE_WORDS = frozenset({"executive", "lead", "sponsor", "champion", "decision maker", "user"})


def judge_unknown_names(ctx: ClaimContext, masked: str) -> list[Finding]:
    """Return a finding for a capitalised name (a person, a place, a product) that no record of the account holds."""
    found = []
    for match in _PROPER.finditer(masked):
        name = match.group(1)
        first = name.split()[0]
        if _SENTENCE_START.search(masked[: match.start()]) and first not in GIVEN_NAMES:
            name = name.removeprefix(first).strip()  # a capital at a sentence start marks no name
            if " " not in name and _all_in(name, _near_words(ctx)):
                continue
        if not _all_in(name, _near_words(ctx)):
            found.append(Finding("unverifiable", f"'{name}' is named, but no record of the account holds it"))
    return found[:1]


# One capitalised word inside a sentence ('acquiring in the Algarve'): a proper name
_SINGLE_PROPER = re.compile(r"(?<=[a-z0-9,;)] )([A-Z][a-z]{2,})\b(?![\s-]+[A-Z])")


def judge_unknown_proper_word(ctx: ClaimContext, masked: str, covered: list[tuple[int, int]]) -> list[Finding]:
    """Return a finding for a capitalised word inside a sentence that no judge reads and that neither the cited
    records nor the account's names hold (a place, a product): the records cannot back what it names."""
    words = [m for m in _SINGLE_PROPER.finditer(masked) if not any(s <= m.start() < e for s, e in covered)]
    known: set[str] = (_near_words(ctx) | _account_fields(ctx)) if words else set()
    for match in words:
        word = match.group(1)
        if not _all_in(word, known):
            return [Finding("unverifiable", f"'{word}' is named, but no record of the account holds it")]
    return []


_WITH_STATUS = ("success_plans", "objectives", "objective_kpis", "playbooks", "playbook_tasks", "risks")


def _account_fields(ctx: ClaimContext) -> frozenset[str]:
    """Return the words of the account's own fields (industry, segment, currency) and its records' statuses."""

    def gather() -> frozenset[str]:
        account = ctx.bundle.account
        texts = [str(v) for v in account.__dict__.values()]
        texts += [str(getattr(r, "status", "")) for key in _WITH_STATUS for r in ctx.bundle.records(key)]
        return frozenset(re.findall(r"[a-z0-9]+", " ".join(texts).lower()))

    return ctx.facts.memo("account_fields", "", gather)


def _all_in(name: str, known: frozenset[str] | set[str]) -> bool:
    """Tell whether every word of a name is known, abbreviations written out ('Mgmt' for 'Management')."""
    return all(
        w.lower() in known or w.lower().rstrip("s") in known or ABBREVIATIONS.get(w.lower(), "") in known
        for w in name.split()
    )


def _near_words(ctx: ClaimContext) -> set[str]:
    """Return the words of the cited records, the contacts, the account and the recap (cheap to gather)."""
    texts = [t for _, _, t in ctx.cited_texts]
    return set(re.findall(r"[a-z0-9]+", " ".join(texts).lower())) | _RECAP_WORDS | _account_words(ctx)


def _account_words(ctx: ClaimContext) -> frozenset[str]:
    """Return the words of the account's name, its contacts and the names of its plans, goals, KPIs, tasks, risks.

    Activities, feedback and usage are left out: a name only their prose holds must come from a cited one.
    """

    def gather() -> frozenset[str]:
        texts = [ctx.bundle.account.name]
        texts += [f"{c.name} {c.title or ''} {c.role or ''}" for c in ctx.bundle.contacts]
        for kind in (
            "success_plans",
            "business_challenges",
            "objectives",
            "objective_kpis",
            "playbooks",
            "playbook_tasks",
            "risks",
        ):
            texts += [record_name(r) or str(getattr(r, "description", "")) for r in ctx.bundle.records(kind)]
        return frozenset(re.findall(r"[a-z0-9]+", " ".join(texts).lower()))

    return ctx.facts.memo("account_words", "", gather)


# 'accepted the audit trail in March': an event and the month it happened in, up to six words apart
_EVENT_MONTH = re.compile(
    rf"\b(?P<verb>[a-z]+ed)\s+(?:[\w'’-]+\s+){{0,6}}?(?:in|on|during|by|since)\s+(?:early\s+|mid[\s-]|late\s+)?"
    rf"(?P<month>{MONTH_NAME})\b",
    re.IGNORECASE,
)


def judge_event_months(ctx: ClaimContext) -> list[Finding]:
    """Return a finding when a cited text dates the same event to another month ('accepted in May')."""
    found = []
    for stated in _EVENT_MONTH.finditer(ctx.text):
        verb, month = vstem(stated.group("verb")), month_number(stated.group("month"))
        recorded = [
            (record_id, month_number(m.group("month")))
            for record_id, _, text in ctx.cited_texts
            for m in _EVENT_MONTH.finditer(text)
            if vstem(m.group("verb")) == verb
        ]
        if recorded and all(r != month for _, r in recorded):
            record_id, other = recorded[0]
            said = f"{stated.group('verb')} in {calendar.month_name[other or 0]}"
            found.append(Finding("contradicted", f"'{stated.group()}': {record_id} has it {said}"))
    return found[:1]


_RELATIVE_WORD = re.compile(
    r"\b(?P<det>last|this|next|coming|past|previous)\s+(?P<unit>week|month|quarter|year|spring|summer|autumn|fall|winter)\b",
    re.IGNORECASE,
)
_SAME_DET = {"coming": "next", "past": "last", "previous": "last"}


def _relative_words(text: str) -> list[tuple[str, str]]:
    return [
        (_SAME_DET.get(m.group("det").lower(), m.group("det").lower()), m.group("unit").lower())
        for m in _RELATIVE_WORD.finditer(text)
    ]


def judge_relative_words(ctx: ClaimContext) -> list[Finding]:
    """Return a finding when the claim says 'this year' where a cited text says 'next year' of the same thing."""
    recorded = [(det, unit, rid) for rid, _, text in ctx.cited_texts for det, unit in _relative_words(text)]
    for det, unit in _relative_words(ctx.text):
        same_unit = [(d, rid) for d, u, rid in recorded if u == unit]
        if same_unit and all(d != det for d, _ in same_unit):
            other, rid = same_unit[0]
            return [Finding("contradicted", f"'{det} {unit}': {rid} says '{other} {unit}'")]
    return []


ENGAGEMENT_EXTREMES = frozenset({"longest", "oldest", "stalest", "earliest", "least recently", "most recently"})
_ENGAGEMENT_WORDS = re.compile(
    r"\b(?:engaged|engagement|touch(?:ed)?|last[\s-]touch|contact(?:ed)?|spoken|spoke|talked|heard|gap|reached)\b",
    re.IGNORECASE,
)


_OF_ALL_CONTACTS = re.compile(
    r"\b(?:all|any|every)\s+(?:[\w'’-]+\s+){0,3}?(?:contacts?|stakeholders?|people)\b", re.IGNORECASE
)


def judge_engagement_extreme(ctx: ClaimContext, term: TermMention) -> Finding | None:
    """'Priya is the least recently engaged contact': the named contact's last engagement must be the extreme of
    the cited contacts' (of all the account's contacts when one is cited); the oldest for 'longest gap', the newest
    for 'most recently'."""
    if not _ENGAGEMENT_WORDS.search(ctx.text):
        return Finding(
            "unverifiable", f"'{term.text}' (superlative) asserts something the cited records cannot confirm"
        )
    cited = [c for c in ctx.of_kind("contacts") if isinstance(c, Contact) and c.last_engaged]
    if len(cited) < 2 or _OF_ALL_CONTACTS.search(ctx.text):  # 'of any stakeholder', or one contact cited: all
        cited = [c for c in ctx.bundle.contacts if c.last_engaged]
    named = [c for c, _ in contacts_named(ctx) if c.last_engaged]
    if len(cited) < 2 or len(named) != 1:
        return Finding("unverifiable", f"'{term.text}' does not say which contact, or has no one to compare with")
    newest = term.text.lower() == "most recently"
    extreme = (max if newest else min)(cited, key=lambda c: c.last_engaged or dt.date.min)
    if named[0].last_engaged == extreme.last_engaged:
        return None
    return Finding(
        "contradicted",
        f"'{term.text}': of the cited contacts, {extreme.name} was engaged {'last' if newest else 'longest ago'} "
        f"({extreme.last_engaged}), not {named[0].name} ({named[0].last_engaged})",
    )


_SEGMENT = re.compile(
    r"\b(?P<seg>enterprise|mid[\s-]?market|smb|small[\s-]business|strategic|commercial)[\s-]+"
    r"(?:tier|segment|account|customer|client|logo)s?\b|\bsegment\s*(?::|is|of)?\s*(?P<seg2>enterprise|mid[\s-]?market|"
    r"smb|small[\s-]business|strategic|commercial)\b",
    re.IGNORECASE,
)


_OFFERED = re.compile(
    r"\b(?:upgrad\w*|mov\w*|upsell\w*|propos\w*|pitch\w*|offer\w*|sell\w*|pric\w*)(?:\s+(?:the\s+)?[\w'’]+)?"
    r"\s+(?:(?:up\s+)?to|into|on|onto|for)?\s*(?:the\s+|an?\s+)?$",
    re.IGNORECASE,
)


def judge_segment(ctx: ClaimContext) -> list[Finding]:
    """Return a finding when the claim puts a cited account in another segment ('an Enterprise account')."""
    accounts = [c.record for c in ctx.cited if isinstance(c.record, Account) and c.record.segment]
    for stated in _SEGMENT.finditer(ctx.text):
        if _OFFERED.search(ctx.text[max(0, stated.start() - 40) : stated.start()]):
            continue  # 'upgrade them to the Enterprise tier' proposes a plan, it does not say what they are
        said = _segment_key(stated.group("seg") or stated.group("seg2"))
        for account in accounts:
            if _segment_key(str(account.segment)) != said:
                return [
                    Finding("contradicted", f"'{stated.group()}': {account.id} is in the {account.segment} segment")
                ]
    return []


def _segment_key(segment: str) -> str:
    return re.sub(r"[^a-z]", "", segment.lower()).replace("smallbusiness", "smb")


_FINISH_WORK = re.compile(
    r"^\s*(?:please\s+|let['’]s\s+)?(?:finish|complete|wrap\s+up|close\s+out|get\s+(?:\w+\s+){0,4}?done|"
    r"push\s+(?:\w+\s+){0,4}?over\s+the\s+line)\b",
    re.IGNORECASE,
)


def judge_finishing_done_work(ctx: ClaimContext) -> list[Finding]:
    """Return a finding when a recommendation asks to finish work every cited task records as Completed."""
    if not is_recommendation(ctx) or not _FINISH_WORK.match(ctx.text):
        return []
    tasks = [c.record for c in ctx.cited if c.kind == "playbook_tasks"]
    if not tasks or any(getattr(t, "status", None) != "Completed" for t in tasks):
        return []
    task = tasks[0]
    done = getattr(task, "completed_date", None)
    return [
        Finding(
            "contradicted",
            f"{record_name(task)} ({task.id}) is already Completed{f' (on {done.isoformat()})' if done else ''}",
        )
    ]
