"""Mutations of who, what status, which records and what outcome a claim states, with benign twins."""

from __future__ import annotations

import datetime as dt
import re
from random import Random

from evals.handwritten import fmt
from evals.mutate_text import Account, Pair, Rec, edit, splice
from state.bundle import Contact, ObjectiveKpi, PlaybookTask, Record, Risk

STATUS = re.compile(
    r"\b(On Track|Off Track|Completed|Blocked|Not Started|In Progress|Open|Cancelled|Mitigating|"
    r"Resolved)\b"
)
KPI_FLIPS = {
    "On Track": "Off Track",
    "Off Track": "On Track",
    "Completed": "Off Track",
    "Blocked": "Completed",
    "Not Started": "Completed",
}
TASK_FLIPS = {
    "Completed": "Blocked",
    "Blocked": "Completed",
    "In Progress": "Completed",
    "Open": "Completed",
    "Cancelled": "Completed",
}
RISK_FLIPS = {"Open": "Resolved", "Mitigating": "Resolved", "Resolved": "Open"}


def _statuses(records: list[Record]) -> set[str]:
    return {s for r in records if isinstance(s := getattr(r, "status", None), str)}


def _flip(claim: Rec, acc: Account, kinds: tuple[type, ...], flips: dict[str, str], rng: Random) -> Pair:
    cited = acc.cited(claim)
    held = _statuses(cited)
    own = _statuses([r for r in cited if isinstance(r, kinds)])
    matches = [
        m
        for m in STATUS.finditer(claim["text"])
        if m.group() in own and m.group() in flips and flips[m.group()] not in held
    ]
    if not matches:
        return None
    m = rng.choice(matches)
    text, new = claim["text"], flips[m.group()]
    return (
        edit(claim, f"{m.group()} -> {new}", text=splice(text, *m.span(), new)),
        edit(claim, f"{m.group()} -> {m.group().lower()}", text=splice(text, *m.span(), m.group().lower())),
    )


def status_flip(claim: Rec, acc: Account, rng: Random) -> Pair:
    """Flip a stated KPI or task status to one no cited record has; twin: the same status in lower case."""
    kpi = _flip(claim, acc, (ObjectiveKpi,), KPI_FLIPS, rng)
    return kpi or _flip(claim, acc, (PlaybookTask,), TASK_FLIPS, rng)


def risk_status_flip(claim: Rec, acc: Account, rng: Random) -> Pair:
    """Flip a stated risk status (Open -> Resolved); the contract's status rule names KPIs only."""
    return _flip(claim, acc, (Risk,), RISK_FLIPS, rng)


def _contacts(acc: Account, claim: Rec) -> tuple[list[Contact], list[Contact]]:
    cited = [c for c in acc.bundle.contacts if c.id in claim["citations"]]
    return cited, [c for c in acc.bundle.contacts if c.id not in claim["citations"]]


def _first_name_unique(contact: Contact, acc: Account) -> bool:
    first = contact.name.split()[0]
    return sum(c.name.split()[0] == first for c in acc.bundle.contacts) == 1


def wrong_person_or_title(claim: Rec, acc: Account, rng: Random) -> Pair:
    """Name another contact, or give a cited contact another's title; twin: first name only, or title in lower case."""
    cited, others = _contacts(acc, claim)
    text = claim["text"]
    named = [c for c in cited if c.name in text and " " in c.name and _first_name_unique(c, acc)]
    titled = [c for c in cited if c.title and c.title in text]
    held_titles = {c.title for c in cited}
    titles = [o.title for o in others if o.title and o.title not in held_titles and o.title not in text]
    if titled and titles and (not named or rng.random() < 0.5):
        c, title = rng.choice(titled), rng.choice(titles)
        held = c.title or ""
        start = text.index(held)
        return (
            edit(claim, f"title {held} -> {title}", text=splice(text, start, start + len(held), title)),
            edit(claim, "title in lower case", text=splice(text, start, start + len(held), held.lower())),
        )
    outsiders = [o for o in others if o.name not in text and o.name.split()[0] not in text]
    if not named or not outsiders:
        return None
    c, other = rng.choice(named), rng.choice(outsiders)
    return (
        edit(claim, f"{c.name} -> {other.name}", text=text.replace(c.name, other.name)),
        edit(claim, f"{c.name} -> {c.name.split()[0]}", text=text.replace(c.name, c.name.split()[0])),
    )


def _twin_citations(claim: Rec, acc: Account, variant: int) -> tuple[list[str], str]:
    """Return citations rearranged without changing what is cited: reversed, repeated or plus the account."""
    cites = list(claim["citations"])
    account_id = acc.bundle.account.id
    if variant == 0 and len(cites) > 1:
        return cites[::-1], "citations reversed"
    if variant == 1 or account_id in cites:
        return [*cites, cites[0]], "first citation repeated"
    return [*cites, account_id], "account cited as well"


def citation_missing(claim: Rec, acc: Account, rng: Random) -> Pair:
    """Drop every citation; twin: the citations reversed."""
    cites, note = _twin_citations(claim, acc, 0)
    return edit(claim, "no citations", citations=[]), edit(claim, note, citations=cites)


def citation_foreign(claim: Rec, acc: Account, rng: Random) -> Pair:
    """Replace one citation with a record id of another account; twin: the first citation repeated."""
    i = rng.randrange(len(claim["citations"]))
    prefix = claim["citations"][i].split("-")[0]
    pool = [f for f in acc.foreign_ids if f.startswith(prefix + "-")] or list(acc.foreign_ids)
    foreign = rng.choice(pool)
    cites = list(claim["citations"])
    cites[i] = foreign
    twin, note = _twin_citations(claim, acc, 1)
    return edit(claim, f"{claim['citations'][i]} -> {foreign}", citations=cites), edit(claim, note, citations=twin)


def citation_nonexistent(claim: Rec, acc: Account, rng: Random) -> Pair:
    """Add a citation to a record id that exists nowhere; twin: the account cited as well."""
    ghost = f"{claim['citations'][0]}9x"
    twin, note = _twin_citations(claim, acc, 2)
    return edit(claim, f"+ {ghost}", citations=[*claim["citations"], ghost]), edit(claim, note, citations=twin)


def _facts(record: Record) -> set[str]:
    """Return the numbers and dates a record holds, written as a claim would write them."""
    out = set()
    for value in record.model_dump().values():
        if isinstance(value, dt.date):
            out.add(value.isoformat())
        elif isinstance(value, int | float) and not isinstance(value, bool):
            out.add(fmt(value))
    return out


def _names_only_here(record: Record, claim: Rec, acc: Account) -> bool:
    """Tell whether a contact is named only through its own citation (no other cited record points at it)."""
    others = [r for r in acc.cited(claim) if r.id != record.id]
    return (
        isinstance(record, Contact)
        and record.name in claim["text"]
        and not any(record.id in str(r.model_dump()) for r in others)
    )


def _swaps(rid: str, claim: Rec, acc: Account) -> list[Record]:
    """Return records of the same type that cannot back what the text says about `rid`."""
    kind, record = acc.index.get(rid, (None, None))
    if kind in (None, "account") or record is None:
        return []
    text = claim["text"]
    pool = [r for r in acc.bundle.records(kind) if r.id not in claim["citations"]]
    if isinstance(record, Contact):
        return [r for r in pool if getattr(r, "name", "") not in text] if _names_only_here(record, claim, acc) else []
    stated = {f for f in _facts(record) if re.search(rf"(?<![\w.,-]){re.escape(f)}(?![\w-]|[.,]\d)", text)}
    return [r for r in pool if stated - _facts(r)]


def wrong_record(claim: Rec, acc: Account, rng: Random) -> Pair:
    """Cite another record of the same type in place of the one whose facts the text states; twin: reordered."""
    for i, rid in enumerate(claim["citations"]):
        swaps = _swaps(rid, claim, acc)
        if not swaps:
            continue
        other = rng.choice(swaps)
        cites = list(claim["citations"])
        cites[i] = other.id
        twin, note = _twin_citations(claim, acc, 0 if len(cites) > 1 else 2)
        return edit(claim, f"{rid} -> {other.id}", citations=cites), edit(claim, note, citations=twin)
    return None


MONEY_LINES = (
    " This saved the customer {amount} USD a year.",
    " That is a {times}x return on investment.",
    " The rollout paid for itself, with an ROI of {times}00%.",
)


def unevidenced_money(claim: Rec, acc: Account, rng: Random) -> Pair:
    """Add a money-saved or ROI figure no record states; twin: add the account's ARR, citing the account."""
    account = acc.bundle.account
    if account.arr is None or not account.currency or not claim["text"].endswith("."):
        return None
    line = rng.choice(MONEY_LINES).format(amount=fmt(rng.choice([37_500, 120_000, 64_000])), times=rng.choice([3, 4]))
    arr = f" ARR is {fmt(account.arr)} {account.currency}."
    cites = claim["citations"] if account.id in claim["citations"] else [*claim["citations"], account.id]
    return (
        edit(claim, line.strip(), text=claim["text"] + line),
        edit(claim, arr.strip(), text=claim["text"] + arr, citations=cites),
    )


# (pattern, fabricated outcome, benign paraphrase)
OUTCOMES = (
    (r"\basked about\b", "signed a contract for", "enquired about"),
    (r"\basked for pricing on\b", "bought", "requested pricing on"),
    (r"\basked for\b", "purchased", "requested"),
    (r"\basked whether we could support\b", "has already rolled out", "enquired whether we could support"),
    (r"\bwants pricing for\b", "has bought", "would like pricing for"),
    (r"\bwants to start using\b", "has started using", "would like to start using"),
    (r"\bwants\b", "has signed for", "would like"),
    (r"\bis exploring\b", "has rolled out", "is looking into"),
    (r"\brequested\b", "signed for", "asked for"),
)


def fabricated_outcome(claim: Rec, acc: Account, rng: Random) -> Pair:
    """Turn an ask into a done deal ("asked about" -> "signed a contract for"); twin: a paraphrase of the ask."""
    for pattern, fabricated, benign in OUTCOMES:
        m = re.search(pattern, claim["text"])
        if m:
            text = claim["text"]
            return (
                edit(claim, f"{m.group()} -> {fabricated}", text=splice(text, *m.span(), fabricated)),
                edit(claim, f"{m.group()} -> {benign}", text=splice(text, *m.span(), benign)),
            )
    return None
