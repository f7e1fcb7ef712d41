"""Judge counts and universals over records: 'three of the four KPIs are On Track', 'no High risks open'.

A count binds a number to a kind of record (a noun of the lexicon) and to the properties stated after
it in the same clause; the count must equal how many cited records of that kind have them. Phrases of
the same kind are alternatives ('Off Track or Blocked'); of different kinds, all must hold.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from typing import get_args

from state.bundle import KpiStatus, Record, RiskStatus, TaskStatus
from tools.verify.context import ClaimContext
from tools.verify.findings import Finding
from tools.verify.judge_extra import ENGAGEMENT_EXTREMES
from tools.verify.judge_listed import judge_listed, listed_records
from tools.verify.mentions import clause_of, record_name
from tools.verify.numbers import Mention
from tools.verify.numwords import SMALL, TENS
from tools.verify.parse import NEGATION, TermMention
from tools.verify.predicates import PREDICATE_KINDS, holds_by_kind
from tools.verify.text import fmt_number, wordset

_OF = re.compile(
    r"\s+(?:out\s+)?of\s+(?:the\s+|its\s+|their\s+|these\s+|those\s+|our\s+)?(?:[\w-]+['’]s\s+)?(?:(?P<m>\d+|"
    + "|".join([*SMALL, *TENS])
    + r")\s+)?",
    re.IGNORECASE,
)
_THEM = re.compile(r"\s+(?:out\s+)?of\s+(?:them|those|these)\b", re.IGNORECASE)
_ONE_OF = re.compile(r"\b(one)\s+of\s+(?=(?:the|its|their|these|our)\s)", re.IGNORECASE)
_ONLY_ONE = re.compile(r"\bonly\s+(one)\b(?!\s+of\b)", re.IGNORECASE)  # 'only one High risk': a count of one
# 'four risks logged; one resolved': a bare 'one' opening a clause after a count counts the same records
_ONE_AFTER_COUNT = re.compile(r"(?:[;,]\s*|\b(?:and|but|while)\s+)(one)\b(?!\s+of\b)", re.IGNORECASE)
# 'the second of them', 'and the third', 'the other one': a member of the counted set, said of separately
_ONE_OF_THEM = re.compile(
    r"[,;]\s*(?:and\s+|but\s+|while\s+)?the\s+(?:first|second|third|fourth|other|last|remaining|latter|former)\b",
    re.IGNORECASE,
)
_ONE = re.compile(r"\b(?:one|none)\b", re.IGNORECASE)
_BRACKET = re.compile(r"\s\((?!\s*\d)")
_BREAK = re.compile(r"\b(?:on|in|at|by|for|from|with|is|are|was|were|has|have|gave|to|per)\b", re.IGNORECASE)
_UNIVERSAL = {"all": "all", "every": "all", "each": "all", "both": "all", "none": "none", "no": "none", "any": "any"}
_PARENTS = {"playbooks": "playbook_id", "objectives": "objective_id", "success_plans": "success_plan_id"}


@dataclass
class CountResult:
    """What the count judge found, and which spans it took (other judges leave them alone)."""

    findings: list[Finding] = field(default_factory=list)
    taken: list[tuple[int, int]] = field(default_factory=list)


def _word_number(text: str) -> float | None:
    text = text.lower()
    return (
        float(text)
        if text.isdigit()
        else float(SMALL.get(text, TENS.get(text, -1)))
        if text in SMALL or text in TENS
        else None
    )


def pool_of(ctx: ClaimContext, kind: str) -> list[Record] | list[str]:
    """Return the cited records of a kind; else the records of that kind linked to cited records ('KPIs of this
    goal'); else the distinct ids of that kind the cited records point to ('across the three playbooks')."""
    records = ctx.of_kind(kind)
    if records or kind == "account":
        return records
    cited = ctx.cited_ids
    linked = [r for r in ctx.bundle.records(kind) if any(getattr(r, f, None) in cited for f in _LINKS)]
    if linked or kind not in _PARENTS:
        return linked
    return sorted({pid for c in ctx.cited if (pid := getattr(c.record, _PARENTS[kind], None))})


def _noun_after(terms: list[TermMention], position: int, masked: str, gap: int) -> TermMention | None:
    """Return the record noun within `gap` words after `position`, with no preposition or verb between."""
    for t in terms:
        if t.kind == "noun" and position <= t.start:
            between = masked[position : t.start]
            if (
                len(between.split()) <= gap
                and not _BREAK.search(between)
                and not re.search(r"[.;:!?,]", between)
                and t.term.meaning != "account"
            ):
                return t
            return None
    return None


def _predicates(terms: list[TermMention], start: int, end: int, masked: str = "") -> list[TermMention]:
    """Return the properties stated between `start` and `end`, negated only by a 'not' after `start`."""
    found = [t for t in terms if t.kind in PREDICATE_KINDS and start <= t.start < end and not t.conditional]
    return [replace(t, negated=bool(NEGATION.search(masked[start : t.start]))) if masked else t for t in found]


def _matching(pool: list, preds: list[TermMention], as_of: dt.date | None) -> int | None:
    """Return how many records of the pool have every stated property (None when a record is silent)."""
    count = 0
    for record in pool:
        if isinstance(record, str):
            return None
        results = holds_by_kind(record, preds, as_of)
        if None in results:
            return None
        count += all(results)
    return count


def judge_counts(
    ctx: ClaimContext, masked: str, terms: list[TermMention], numbers: list[Mention], as_of: dt.date | None
) -> CountResult:
    """Check every count and universal over records; return the findings and the spans taken."""
    out = CountResult()
    numbers = [n for n in numbers if not n.percent and (n.unit is None or n.unit[0] == "noun")]
    numbers = sorted(
        numbers
        + [Mention(m.group(1), 1.0, m.start(1), m.end(1)) for m in _ONE_OF.finditer(masked)]
        + [Mention(m.group(1), 1.0, m.start(1), m.end(1)) for m in _ONLY_ONE.finditer(masked)]
        + [Mention(m.group(1), 1.0, m.start(1), m.end(1)) for m in _ONE_AFTER_COUNT.finditer(masked)],
        key=lambda n: n.start,
    )
    stops = sorted(
        [n.start for n in numbers]
        + [m.start() for m in _ONE.finditer(masked)]
        + [m.start() for m in re.finditer(r":", masked)]
    )
    last_kind: str | None = None
    for n in numbers:
        if any(s <= n.start < e for s, e in out.taken):
            continue
        # 'seven points of the 95% goal': a number with its own noun counts that noun, not what follows 'of'
        of = None if n.unit and n.unit[0] == "noun" else _OF.match(masked, n.end)
        member = False
        them = _THEM.match(masked, n.end)
        noun = None if them else _noun_after(terms, of.end(), masked, 5) if of else _noun_at(terms, n, masked)
        role = None if noun or them else _role_after(terms, n, masked)
        kind = (
            str(noun.term.meaning)
            if noun
            else "contacts"
            if role
            else (last_kind if them or _bare_count(n, terms) else None)
        )
        if kind is None:
            continue
        last_kind = kind
        total = _word_number(of.group("m")) if of and of.group("m") else None
        begin = noun.end if noun and noun.end > n.end else n.end
        if noun is None and not them and not role:
            begin = n.start + 1  # 'two finished late': the property may be read as the number's unit
        end = min([clause_of(masked, n.start)[1], *(s for s in stops if s >= begin and s > n.start)])
        end = min([end, *(m.start() for m in _ONE_OF_THEM.finditer(masked, begin, end))])
        # '2 of the 8 KPIs are off track (online share + truck fill)': a list in brackets after the property
        end = min(
            [end, *(p.start() for p in _BRACKET.finditer(masked, begin, end) if _predicates(terms, begin, p.start()))]
        )
        preds = [role] if role else _predicates(terms, begin, end, masked)
        if noun is not None and noun.start > n.end:  # 'three high-severity risks open': a property before the noun
            lead = (of.end() if of else n.end, noun.start)
            whole = _predicates(terms, *lead, masked)
            if total is not None and whole:  # 'one of the two High-priority challenges': both must be High
                out.findings += _check(ctx, kind, total, None, whole, as_of, of.group("m") if of else n.raw)
                total = None  # the whole is the records with that property, not all the cited ones
                if not preds and n.value == 1:
                    member = True  # 'X is one of the two High risks' says X is a member: the whole was checked
            preds = whole + preds
            said = f"{n.raw} {masked[lead[0] : noun.end].strip()}"
            out.findings += _unread_modifiers(ctx, masked, lead, preds, said)
        out.taken += [(n.start, n.end), *((p.start, p.end) for p in preds)]
        if only := _ONLY_BEFORE.search(masked, max(0, n.start - 12), n.start):
            out.taken.append(only.span())  # 'only one High risk': the count is exact, as every count is
        if noun is not None:
            out.taken.append((noun.start, noun.end))
        if of and of.group("m"):
            out.taken.append((of.start("m"), of.end("m")))
        if not member:
            out.findings += _check(ctx, kind, n.value, total, preds, as_of, n.raw)
        records = [r for r in pool_of(ctx, kind) if not isinstance(r, str)]
        out.findings += judge_listed(ctx, records, preds, end, as_of)
        if _matching(records, preds, as_of) != n.value and _named_status_count(records, preds) == n.value:
            out.findings += _listed_without_named_status(ctx, records, preds, end)
    for t in terms:
        if t.kind == "unchecked" and t.text.lower() == "only" and not any(s <= t.start < e for s, e in out.taken):
            out.findings += _only(ctx, t, terms, masked, as_of, out)
        if t.kind in {"unchecked", "quantifier"} and t.text.lower() in _UNIVERSAL:
            noun = _noun_after(terms, t.end, masked, 5)
            while noun is not None and masked[noun.end : noun.end + 2] in ("'s", "’s"):
                noun = _noun_after(terms, noun.end + 2, masked, 3)  # 'both of the objective's KPIs': KPIs
            if noun is not None:
                end = clause_of(masked, t.start)[1]
                # 'none of the tasks are outstanding, both done': the next quantifier starts its own statement,
                # and so does 'the second of them' / 'and the third'
                end = min([end, *(u.start for u in terms if u.start > noun.end and u.text.lower() in _UNIVERSAL)])
                end = min([end, *(m.start() for m in _ONE_OF_THEM.finditer(masked, noun.end, end))])
                preds = _predicates(terms, noun.end, end, masked)
                out.taken += [(t.start, t.end), *((p.start, p.end) for p in preds)]
                if exception := _EXCEPTION.search(masked, t.end, end):  # 'all tasks but two were on time'
                    said = f"'{t.text} ... {exception.group()}'"
                    out.findings.append(Finding("unverifiable", f"{said}: a universal with exceptions is not checked"))
                    continue
                if not preds and noun.term.meaning == "contacts" and _engagement_extreme(terms, masked, t.start):
                    continue  # 'the longest gap of any stakeholder': the set the extreme is taken over
                if not preds and _UNIVERSAL[t.text.lower()] == "none":
                    out.taken.append((t.start, end))  # 'no KPI value, delivered work or activity': one denial
                    out.findings += _none_linked(ctx, terms, t.end, end)
                    continue
                found = _universal(ctx, str(noun.term.meaning), _UNIVERSAL[t.text.lower()], preds, as_of, t.text)
                said = f"{t.text} {masked[t.end : noun.end].strip()}"
                if narrowed := _unread_modifiers(ctx, masked, _universal_lead(masked, t.end, noun.start), preds, said):
                    found = [*narrowed, *(f for f in found if f.verdict != "contradicted")]
                if t.text.lower() == "both" and any(f.verdict != "contradicted" for f in found):
                    del out.taken[-1 - len(preds) :]  # 'both KPIs beat their targets': the other judges decide
                    continue
                out.findings += found
    return out


def _universal_lead(masked: str, start: int, noun_start: int) -> tuple[int, int]:
    """Return the span of the words a universal puts before its noun: after 'of the', a number ('all three') and a
    possessive ('the first objective's'), which say which records are meant (the citations pick them)."""
    lead = _OF_THE.match(masked, start)  # every part optional: it always matches
    start = lead.end() if lead else start
    owner = list(re.finditer(r"['’]s\b", masked[start:noun_start]))
    start = start + owner[-1].end() if owner else start
    number = _LEAD_NUMBER.match(masked, start)
    return (number.end() if number else start), noun_start


_LEAD_NUMBER = re.compile(rf"\s*(?:\d+|{'|'.join([*SMALL, *TENS])})\b", re.IGNORECASE)
_OF_THE = re.compile(r"(?:\s+of)?(?:\s+(?:the|its|their|our|these|those))?", re.IGNORECASE)
_ONLY_BEFORE = re.compile(r"\bonly\s+$", re.IGNORECASE)
_EXCEPTION = re.compile(
    r"\b(?:except(?:ing)?|but\s+(?:one|two|three|four|five|a\s+few|\d+)|other\s+than|apart\s+from|aside\s+from|"
    r"besides|excluding|save\s+for|with\s+the\s+exception\s+of)\b",
    re.IGNORECASE,
)
# Words that may stand between a count and its noun without narrowing what is counted.
_PLAIN_MODIFIERS = wordset(
    "the of our their its these those cited recorded tracked listed named current separate distinct "
    "individual key main total account's customer's"
)
# The account itself, named by what it is ('the club's eight KPIs', 'the district's four risks'): all of its records.
_ACCOUNT_POSSESSIVE = re.compile(
    r"(?:club|company|district|firm|group|business|organi[sz]ation|org|client|customer|account|team|chain|network|"
    r"cooperative|co-op|council|authority|agency|university|bank|union|hospital|resort|operator|practice)['’]s",
    re.IGNORECASE,
)


def _unread_modifiers(
    ctx: ClaimContext, masked: str, lead: tuple[int, int], preds: list[TermMention], said: str
) -> list[Finding]:
    """Return a finding when words between a count and its noun narrow what is counted and no judge reads them.

    Words of the account's own names ('the four maintenance and inspection tasks', after a playbook's name) say
    which records are meant; the citations pick them.
    """
    spans = [(p.start, p.end) for p in preds]
    named = ctx.facts.entity_names.lower()
    words = [
        m.group()
        for m in re.finditer(r"[A-Za-z][\w'-]*", masked[lead[0] : lead[1]])
        if m.group().lower() not in _PLAIN_MODIFIERS
        and not _ACCOUNT_POSSESSIVE.fullmatch(m.group())
        and not any(s <= lead[0] + m.start() < e for s, e in spans)
        and not _in_one_name(m.group().lower(), named)
    ]
    if not words:
        return []
    return [Finding("unverifiable", f"'{said}': '{' '.join(words)}' narrows what is counted and is not checked")]


def _in_one_name(word: str, named: str) -> bool:
    """Tell whether a word, or every part of a hyphenated one ('renewal-campaign'), starts words of one name."""
    parts = [p for p in word.split("-") if p]
    return any(all(re.search(rf"\b{re.escape(p)}", name) for p in parts) for name in named.split("\x00"))


def _role_after(terms: list[TermMention], n: Mention, masked: str) -> TermMention | None:
    """Return the role a count is written with ('2 Decision Makers')."""
    for t in terms:
        if t.kind == "role" and n.start <= t.start and len(masked[n.end : t.start].split()) <= 1:
            return t
    return None


def _engagement_extreme(terms: list[TermMention], masked: str, position: int) -> bool:
    """Tell whether the clause at `position` says who was engaged longest ago or last ('longest gap')."""
    start, end = clause_of(masked, position)
    return any(t.text.lower() in ENGAGEMENT_EXTREMES and start <= t.start < end for t in terms)


def _noun_at(terms: list[TermMention], n: Mention, masked: str) -> TermMention | None:
    """Return the record noun a count is written with: its own unit word, or at most two words after it."""
    for t in terms:
        if t.kind == "noun" and n.start <= t.start < n.end:
            return t
    noun = _noun_after(terms, n.end, masked, 2)
    if noun is not None and n.value != 1 and not noun.text.lower().endswith("s"):
        return None  # 'the 600 goal' is a value of the goal, not a count of goals
    return noun


def _bare_count(n: Mention, terms: list[TermMention]) -> bool:
    """'two finished late': a bare number followed directly by a stated property counts the last kind."""
    return any(t.kind in PREDICATE_KINDS and n.start < t.start and t.start - n.end <= 12 for t in terms)


def _check(
    ctx: ClaimContext,
    kind: str,
    said: float,
    total: float | None,
    preds: list[TermMention],
    as_of: dt.date | None,
    raw: str,
) -> list[Finding]:
    pool = pool_of(ctx, kind)
    name = kind.replace("_", " ").replace("objective kpis", "KPIs")
    found = []
    if total is not None and total != len(pool):
        found.append(Finding("unverifiable", f"'of {fmt_number(total)}': the claim cites {len(pool)} {name}"))
    have = len(pool) if not preds else _matching(pool, preds, as_of)
    if have is None:
        return [
            *found,
            Finding("unverifiable", f"'{raw}': the cited {name} do not all record {' / '.join(p.text for p in preds)}"),
        ]
    if have != said and _named_status_count(pool, preds) == said:
        return found  # 'two open risks' for two Open and one Mitigating: the status as recorded, read exactly
    if have != said:
        stated = " / ".join(p.text for p in preds) or "cited"
        reason = f"'{raw}' {name} {stated}: the cited records give {have}"
        found.append(Finding("contradicted", reason) if pool and _exact(preds) else Finding("unverifiable", reason))
    return found


# Recorded status names as the records write them: a count of these is read exactly. A count of a looser
# property ('open', 'overdue', 'done') or of words the parser did not bind ('two are rated High') may count
# something other than what the writer meant, so a mismatch is unverifiable rather than contradicted.
RECORDED_STATUSES = frozenset(get_args(KpiStatus) + get_args(TaskStatus) + get_args(RiskStatus))


def _named_status_count(pool: list, preds: list[TermMention]) -> int | None:
    """Count the records whose recorded status is one of the statuses the phrases name word for word."""
    named = {p.text.lower() for p in preds if p.kind == "status" and not p.negated}
    if not preds or len(named) != len(preds) or not named <= {s.lower() for s in RECORDED_STATUSES}:
        return None
    return sum(str(getattr(r, "status", "")).lower() in named for r in pool if not isinstance(r, str))


def _listed_without_named_status(ctx: ClaimContext, pool: list, preds: list[TermMention], end: int) -> list[Finding]:
    """When a count holds only read as the recorded status ('two open risks': two Open), each record it lists must
    have that status: a Mitigating risk is open in the looser sense the count was not read in."""
    named = {p.text.lower() for p in preds}
    return [
        Finding(
            "unverifiable",
            f"{record_name(r)} ({r.id}) is listed as '{' / '.join(sorted(named))}', but its "
            f"recorded status is {getattr(r, 'status', '')}",
        )
        for r in listed_records(ctx.text, end, pool)
        if str(getattr(r, "status", "")).lower() not in named
    ][:1]


def _exact(preds: list[TermMention]) -> bool:
    return bool(preds) and all(p.text in RECORDED_STATUSES for p in preds)


def _universal(
    ctx: ClaimContext, kind: str, quantifier: str, preds: list[TermMention], as_of: dt.date | None, raw: str
) -> list[Finding]:
    pool = pool_of(ctx, kind)
    name = kind.replace("_", " ").replace("objective kpis", "KPIs")
    if quantifier == "none" and not pool:
        return []  # nothing of that kind is cited or linked: 'no KPI of this goal ...' holds
    if not preds or not pool:
        return [Finding("unverifiable", f"'{raw} {name}' cannot be checked against the cited records")]
    have = _matching(pool, preds, as_of)
    if have is None:
        return [
            Finding(
                "unverifiable",
                f"'{raw} {name}': the cited {name} do not all record {' / '.join(p.text for p in preds)}",
            )
        ]
    ok = {"all": have == len(pool), "none": have == 0, "any": have > 0}[quantifier]
    if ok:
        return []
    wanted = quantifier != "none"  # the records that break the universal: those without (or with) the property
    odd = [r.id for r in pool if not isinstance(r, str) and all(holds_by_kind(r, preds, as_of)) != wanted]
    said = f"'{raw} {name} {' / '.join(p.text for p in preds)}': {have} of the {len(pool)} cited {name} are"
    return [Finding("contradicted", f"{said} ({'not so' if wanted else 'so'}: {', '.join(odd[:5])})")]


_ONLY_KIND = {"role": "contacts"}


def _only(
    ctx: ClaimContext, only: TermMention, terms: list[TermMention], masked: str, as_of: dt.date | None, out: CountResult
) -> list[Finding]:
    """'the only Champion', 'only cancelled task': exactly one cited record of the kind has the property."""
    after = [t for t in terms if t.start > only.end and len(masked[only.end : t.start].split()) <= 3]
    if any(only.end <= s <= only.end + 6 for s, _ in out.taken):
        out.taken.append((only.start, only.end))
        return []  # 'only one of the eight': the count judge reads it
    pred = next((t for t in after if t.kind in PREDICATE_KINDS), None)
    if pred is None:
        return []
    noun = next((t for t in after if t.kind == "noun"), None)
    kind = str(noun.term.meaning) if noun else _ONLY_KIND.get(pred.kind)
    if kind is None:
        return []
    out.taken += [(only.start, only.end), (pred.start, pred.end)]
    pool = pool_of(ctx, kind)
    have = _matching(pool, [pred], as_of)
    name = kind.replace("_", " ").replace("objective kpis", "KPIs")
    if have == 1:
        return []
    if have is None or not pool:
        return [Finding("unverifiable", f"'only {pred.text}': the cited {name} cannot show it")]
    return [Finding("contradicted", f"'only {pred.text}': {have} of the {len(pool)} cited {name} are {pred.text}")]


_LINKS = ("objective_id", "playbook_id", "success_plan_id", "parent_id", "business_challenge_id")


def _none_linked(ctx: ClaimContext, terms: list[TermMention], start: int, end: int) -> list[Finding]:
    """'no KPI or activity (of this goal)': no record of the named kinds is linked to a cited record."""
    cited = ctx.cited_ids
    kinds = {str(t.term.meaning) for t in terms if t.kind == "noun" and start <= t.start < end}
    found = []
    for kind in sorted(kinds - {"account"}):
        linked = [r for r in ctx.bundle.records(kind) if any(getattr(r, f, None) in cited for f in _LINKS)]
        if linked:
            ids = ", ".join(r.id for r in linked[:3])
            found.append(
                Finding("contradicted", f"'no {kind.replace('_', ' ')}': the records link {ids} to the cited records")
            )
    return found if kinds else [Finding("unverifiable", "a denial the cited records cannot check")]
