"""Small phrase builders shared by the offline drafter: numbers, KPI values, names, claims."""

from __future__ import annotations

from datetime import date, timedelta

from state.bundle import Bundle, Contact, ObjectiveKpi, Record
from state.evidence import EvidencePack
from state.recap import Claim
from tools.kpis import measured_progress
from tools.signals import looks_like_instruction, sentences

INFLUENCE_RANK = {"high": 0, "medium": 1, "low": 2}
ROLE_RANK = {"Executive Sponsor": 0, "Decision Maker": 1, "Champion": 2}
SEVERITY_RANK = {"Critical": 0, "High": 1, "Medium": 2, "Low": 3}
OFF_TRACK = ("Off Track", "Blocked")


def num(value: float) -> str:
    """Format a number as the records give it: no trailing .0, thousands separated."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def quantity(value: float, unit: str | None) -> str:
    """Format a value with its unit: `36%`, `5 hours`, `1 hour`, `850`."""
    if not unit:
        return num(value)
    if unit.strip() == "%":
        return f"{num(value)}%"
    if value == 1 and unit.endswith("s") and len(unit) > 2:
        unit = unit[:-1]
    return f"{num(value)} {unit}"


def kpi_values(kpi: ObjectiveKpi, arrow: bool = True) -> str:
    """Describe baseline, current and target: `12 hours → 5 hours against a target of 4 hours`."""
    parts = []
    if kpi.current is not None:
        now = quantity(kpi.current, kpi.unit)
        if kpi.baseline is not None:
            percent = (kpi.unit or "").strip() == "%"
            base = quantity(kpi.baseline, kpi.unit) if percent else num(kpi.baseline)
            now = f"{base} → {now}" if arrow else f"from {base} to {now}"
        parts.append(now)
    elif kpi.baseline is not None:
        parts.append(f"baseline {quantity(kpi.baseline, kpi.unit)}, no current value yet")
    if kpi.target is not None:
        parts.append(f"against a target of {quantity(kpi.target, kpi.unit)}")
    return " ".join(parts)


def kpi_state(kpi: ObjectiveKpi) -> str:
    """Say a KPI's status and values in prose: `X is On Track, from 12 to 5 hours against a target of 4 hours`."""
    values = kpi_values(kpi, arrow=False)
    return f"{kpi.name} is {kpi.status}" + (f", {values}" if values else "")


def progress_pct(kpi: ObjectiveKpi) -> str | None:
    """Return the measured progress toward target as a whole percent (`88%`), or None."""
    progress = measured_progress(kpi)
    return None if progress is None else f"{round(progress * 100)}%"


def gap_to_target(kpi: ObjectiveKpi) -> str | None:
    """Return how far the current value is from target (`1 hour`), or None when met or unknown."""
    if kpi.current is None or kpi.target is None:
        return None
    behind = kpi.target - kpi.current if kpi.direction == "increase" else kpi.current - kpi.target
    if behind <= 0:
        return None
    unit = (kpi.unit or "").strip()
    if unit == "%":
        return f"{num(behind)} percentage point" + ("" if behind == 1 else "s")
    # A compound unit ("USD per quarter", "stock-outs") reads as the bare number, the unit on the target.
    return quantity(behind, unit) if unit.isalpha() else num(behind)


def person(contact: Contact) -> str:
    """Name a contact with the title the records give: `Dana Ruiz, VP Patient Operations`."""
    return f"{contact.name}, {contact.title}" if contact.title else contact.name


def join_words(words: list[str]) -> str:
    """Join words as prose: `a`, `a and b`, `a, b and c`."""
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def quoted(text: str) -> str:
    """Wrap text in straight double quotes."""
    return f'"{text}"'


def safe_text(text: str | None, record_id: str, pack: EvidencePack) -> str | None:
    """Return the first sentence of a record's text if it may be shown, else None."""
    if not text or record_id in pack.personal_data_ids or looks_like_instruction(text):
        return None
    first = sentences(text)
    return first[0] if first and len(first[0]) <= 200 else None


def due_in(pack: EvidencePack, days: int) -> str:
    """Propose a due date `days` after the run's as-of date."""
    return (date.fromisoformat(pack.as_of) + timedelta(days=days)).isoformat()


def make_claim(text: str, citations: list[str], section: str, **fields: object) -> Claim:
    """Build an unnumbered claim with de-duplicated citations."""
    return Claim(id="", text=text, citations=list(dict.fromkeys(citations)), section=section, **fields)


def by_influence(contacts: list[Contact]) -> list[Contact]:
    """Order contacts most influential first (influence, then role, then name)."""
    return sorted(
        contacts, key=lambda c: (INFLUENCE_RANK.get(c.influence or "", 3), ROLE_RANK.get(c.role or "", 9), c.name)
    )


def lookup(bundle: Bundle) -> dict[str, Record]:
    """Map every record id of the bundle to its record."""
    return {rid: record for rid, (_, record) in bundle.index().items()}


def sponsor(bundle: Bundle) -> Contact | None:
    """Return the most influential contact, or None."""
    ranked = by_influence(list(bundle.contacts))
    return ranked[0] if ranked else None


def sentence(text: str) -> str:
    """Capitalise the first letter and end with a full stop unless a quote or stop already ends it."""
    text = text.strip()
    text = text[0].upper() + text[1:] if text else text
    return text if text.endswith((".", "!", "?", '."', '!"', '?"')) else text + "."


def who(contact: Contact) -> str:
    """Name a contact inside a list: `Dana Ruiz (VP Patient Operations)`."""
    return f"{contact.name} ({contact.title})" if contact.title else contact.name


def stalest(contacts: list[Contact]) -> Contact | None:
    """Return the contact with the oldest last engagement when at least two have one, else None."""
    dated = [c for c in contacts if c.last_engaged is not None]
    return min(dated, key=lambda c: (c.last_engaged, c.id)) if len(dated) > 1 else None


def achievement_claim(kpi: ObjectiveKpi) -> Claim:
    """State one eligible KPI as an achievement: status, progress, baseline → current vs target.

    The offline drafter writes achievements this way, and the KPI filter refills the section with it.
    """
    text = f"{kpi.name}: {kpi.status}"
    pct = progress_pct(kpi)
    if pct is not None:
        text += f", progress {pct} toward target"
    values = kpi_values(kpi)
    text += f" ({values})." if values else "."
    return make_claim(text, [kpi.id], "key_achievements", kind="proven_outcome")
