"""Whether one record has the property a parsed phrase states: a status, an outcome, timing, a role, a level."""

from __future__ import annotations

import datetime as dt
import re

from state.bundle import BusinessChallenge, Contact, Record, Risk
from tools.verify.judge_timing import lateness, timing_agrees
from tools.verify.parse import TermMention
from tools.verify.states import outcome_holds, status_holds

PREDICATE_KINDS = frozenset({"status", "outcome", "timing", "role", "level"})


def level_of(mention: TermMention) -> str | None:
    """Return the level a phrase names ('High-severity', 'rated Medium'), or None for 'top priority'."""
    words = re.split(r"[\s-]+", mention.text.lower())
    return next((w for w in words if w in {"low", "medium", "high", "critical"}), None)


def level_holds(record: Record, mention: TermMention) -> bool | None:
    """Tell whether a risk's severity, a challenge's priority or a contact's influence is the level stated."""
    level = level_of(mention)
    if isinstance(record, Contact) != ("influence" in mention.text.lower()):
        return None  # 'high influence' is said of contacts only, and only influence is said of them
    recorded = (
        record.severity
        if isinstance(record, Risk)
        else record.priority
        if isinstance(record, BusinessChallenge)
        else record.influence
        if isinstance(record, Contact)
        else None
    )
    if recorded is None or level is None:
        return None
    return recorded.strip().lower() == level


def role_holds(record: Record, mention: TermMention) -> bool | None:
    """Tell whether a contact's role or title includes the role stated."""
    if not isinstance(record, Contact):
        return None
    said = str(mention.term.meaning)
    own = " ".join(t for t in (record.role, record.title) if t).lower()
    return said in own or (said == "executive sponsor" and "sponsor" in own)


def holds(record: Record, mention: TermMention, as_of: dt.date | None) -> bool | None:
    """Tell whether `record` has the property `mention` states (None when the record is silent about it)."""
    kind, meaning = mention.kind, str(mention.term.meaning)
    if kind == "status":
        return status_holds(record, meaning, mention.text)
    if kind == "outcome":
        return outcome_holds(record, meaning)
    if kind == "timing":
        late = lateness(record, as_of)
        return None if late is None else timing_agrees(meaning, late, None)
    if kind == "role":
        return role_holds(record, mention)
    if kind == "level":
        return level_holds(record, mention)
    return None


def holds_by_kind(record: Record, preds: list[TermMention], as_of: dt.date | None) -> list[bool | None]:
    """Return, per kind of stated property, whether the record has it: phrases of one kind are alternatives
    ('Off Track or Blocked'), so a kind holds when one of them does, fails only when all of them do."""
    by_kind: dict[str, list[bool | None]] = {}
    for p in preds:
        held = holds(record, p, as_of)
        by_kind.setdefault(p.kind, []).append(None if held is None else held != p.negated)
    return [True if any(v is True for v in vs) else None if None in vs else False for vs in by_kind.values()]
