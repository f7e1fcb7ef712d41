"""Rule 4: every person a claim names is cited (or on a cited record), with the title the records give."""

from __future__ import annotations

import re

from state.bundle import Activity, Contact, Feedback
from tools.verify.context import ClaimContext
from tools.verify.findings import Finding
from tools.verify.names import GIVEN_NAMES

_TITLE_WORDS = re.compile(
    r"\b(?:CEO|CFO|CTO|COO|CIO|CISO|CMO|CRO|CPO|VP|SVP|EVP|AVP|Vice\s+President|President|Director|Manager|"
    r"Head|Chief|Officer|Lead|Engineer|Analyst|Administrator|Admin|Coordinator|Specialist|Supervisor|"
    r"Architect|Consultant|Founder|Sponsor|Champion|Decision\s+Maker|Buyer|Controller|Treasurer|"
    r"Executive)\b",
    re.IGNORECASE,
)
_HONORIFIC = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Dr|Prof)\.?\s+([A-Z][a-z'’-]+)")
_CAPITALISED = re.compile(r"\b[A-Z][a-z]+\b")
_NEXT_CAPITALISED = re.compile(r"\s+([A-Z][a-z'’-]+)")
_LEADING_ARTICLE = re.compile(r"^\s*(?:the|our|their|its|his|her|a|an)\s+", re.IGNORECASE)
ABBREVIATIONS = {
    "vp": "vice president",
    "svp": "senior vice president",
    "it": "it",
    "cfo": "chief financial officer",
    "ceo": "chief executive officer",
    "cto": "chief technology officer",
    "coo": "chief operating officer",
    "cio": "chief information officer",
    "mgr": "manager",
    "dir": "director",
    "exec": "executive",
    "mgmt": "management",
    "dept": "department",
    "ops": "operations",
    "eng": "engineering",
    "svcs": "services",
    "asst": "assistant",
}


def _norm(text: str) -> str:
    words = re.findall(r"[a-z0-9]+", _LEADING_ARTICLE.sub("", text).lower())
    return " ".join(ABBREVIATIONS.get(w, w) for w in words)


_PLACE_OR_TIME = re.compile(r"(?:At|In|On|During|After|Before|For|From|With|By|Since|Until|When|Last|This|Next)\b")
_FILLERS = frozenset({"in", "at", "of", "for", "the", "and", "based"})


def _fits(phrase: str, own: list[str]) -> bool:
    """Tell whether a stated title reads as the recorded title or role, whole or in parts ('Provost - Sponsor')."""
    said = _norm(phrase)
    if any(said in t or said.startswith(t) or (len(t) > 3 and t in said) for t in own):
        return True
    # 'Plant Manager in Eindhoven' for 'Plant Manager, Eindhoven': every word of the stated title is recorded
    words = set(said.split()) - _FILLERS
    if words and any(words <= set(t.split()) for t in own):
        return True
    parts = [_norm(p) for p in re.split(r"\s+(?:and|[-–—])\s+|\s*/\s*", phrase) if _norm(p)]
    return len(parts) > 1 and all(any(p in t or t in p for t in own) for p in parts)


def named_contacts(text: str, contacts: list[Contact]) -> list[tuple[Contact, list[re.Match[str]]]]:
    """Return each contact named in `text` (full name, first name, or honorific + surname) with its matches."""
    found = []
    for contact in contacts:
        parts = contact.name.split()
        options = [re.escape(contact.name)]
        if len(parts) > 1:
            options += [re.escape(parts[0]) + r"(?!\s+[A-Z])", rf"(?:Mr|Mrs|Ms|Dr)\.?\s+{re.escape(parts[-1])}"]
        matches = list(re.finditer(rf"\b(?:{'|'.join(options)})\b", text))
        if matches:
            found.append((contact, matches))
    return found


def contacts_named(ctx: ClaimContext) -> list[tuple[Contact, list[re.Match[str]]]]:
    """Return the contacts the claim names, worked out once per claim text and account."""
    return ctx.facts.memo("named_contacts", ctx.text, lambda: named_contacts(ctx.text, ctx.bundle.contacts))


def on_cited_record(ctx: ClaimContext, contact: Contact) -> bool:
    """Tell whether a contact is cited, linked from a cited record, or named in a cited record's text."""
    first = contact.name.split()[0]
    for cited in ctx.cited:
        record = cited.record
        if record.id == contact.id:
            return True
        if isinstance(record, Activity) and contact.id in record.contact_ids:
            return True
        if isinstance(record, Feedback) and record.contact_id == contact.id:
            return True
    return any(re.search(rf"\b{re.escape(first)}\b", text) for _, _, text in ctx.cited_texts)


_CLAUSE_OPENER = re.compile(
    r"\s*(?:who|whom|whose|which|that|when|where|since|after|before|because|while|if|and|but|so|then|who's)\b",
    re.IGNORECASE,
)


def title_problem(text: str, contact: Contact, match: re.Match[str], titles: set[str]) -> str | None:
    """Return a reason if a title written right next to the contact's name is not the recorded one.

    `titles` holds every title and role of the account's contacts as written, so 'Scheduler' reads as a title.
    """
    after = re.match(
        r"(?:\s*(?:,|\(|–|—|-)|\s+(?:is|was|as|serves\s+as)\s+(?=(?:the|our|their|a|an)\s))"
        r"\s*([^,()\.;:]+)(?:\s*\(([^)]*)\))?",
        text[match.end() :],
    )
    before = re.search(r"(?:^|[,(]\s*|\b(?:our|their|the)\s+)([A-Z][\w&/ -]{1,40}?),?\s*$", text[: match.start()])
    if before and _PLACE_OR_TIME.match(before.group(1)):
        before = None  # 'At the Q4 executive business review, Ingrid said': a setting, not a title
    phrases = []
    if after and not _CLAUSE_OPENER.match(after.group(1)):  # ', who raised it at the executive review': no title
        phrases += [after.group(1), *(after.group(2) or "").split(",")]
    if before:
        phrases.append(before.group(1))
    own = [_norm(t) for t in (contact.title, contact.role) if t]
    for phrase in phrases:
        influence = re.search(r"\b(high|medium|low)[\s-]+influence\b", phrase, re.IGNORECASE)
        if influence and contact.influence and influence.group(1).lower() != contact.influence:
            return f"'{influence.group()}': the records give {contact.name} {contact.influence} influence"
        said = _norm(phrase)
        if not said or _fits(phrase, own):
            continue
        if _TITLE_WORDS.search(phrase) or any(re.search(rf"\b{re.escape(t)}\b", phrase) for t in titles):
            said = phrase.strip()
            return (
                f"'{contact.name}, {said}': the records give {contact.name} as "
                f"{contact.title or 'no title'}{f' ({contact.role})' if contact.role else ''}"
            )
    return None


def unknown_people(ctx: ClaimContext) -> list[str]:
    """Return person-like names in the claim that are not contacts of this account."""
    text = ctx.text
    known = {w for c in ctx.bundle.contacts for w in c.name.split()} | _user_names(ctx)
    found = []
    for match in _CAPITALISED.finditer(text):
        if match.group() in GIVEN_NAMES and match.group() not in known:
            last = _NEXT_CAPITALISED.match(text, match.end())
            found.append(f"{match.group()} {last.group(1)}" if last else match.group())
    for match in _HONORIFIC.finditer(text):
        if match.group(1) not in known:
            found.append(match.group())
    cited = [t for _, _, t in ctx.cited_texts]
    # Names of things, not people (the account, plans, objectives, tasks, risks), read only when needed.
    return [
        name
        for name in dict.fromkeys(found)
        if not any(name in t for t in cited) and name not in ctx.facts.entity_names
    ]


def _user_names(ctx: ClaimContext) -> set[str]:
    """Return name parts of users (owner ids like 'u-maria', task owners) a claim may name."""
    users = [ctx.bundle.account.owner, ctx.claim.owner or "", *(t.owner or "" for t in ctx.bundle.playbook_tasks)]
    return {part.capitalize() for user in users for part in re.split(r"[-_.@\s]+", user) if len(part) > 2}


def check_people(ctx: ClaimContext) -> list[Finding]:
    """Return a finding for each person named who is not backed by the cited records, or given a wrong title."""
    found = []
    titles = {t for c in ctx.bundle.contacts for t in (c.title, c.role) if t}
    for contact, matches in contacts_named(ctx):
        if not on_cited_record(ctx, contact):
            found.append(
                Finding(
                    "unverifiable",
                    f"'{matches[0].group()}' ({contact.id}) is named but is not a "
                    "cited contact and is not on any cited record",
                )
            )
            continue
        problems = [p for m in matches if (p := title_problem(ctx.text, contact, m, titles))]
        found.extend(Finding("contradicted", p) for p in problems[:1])
    for name in unknown_people(ctx):
        found.append(Finding("unverifiable", _unknown_reason(ctx, name)))
    return found


def _unknown_reason(ctx: ClaimContext, name: str) -> str:
    """Explain a named person who is not a contact: on an uncited record, or nowhere in the account."""
    if name in ctx.facts.all_text:
        return f"'{name}' is named but appears on no cited record"
    return f"'{name}' is named but appears nowhere in this account's records"
