"""Source notes in plain words (record type, name, date) for readers who never see record ids."""

from __future__ import annotations

from state.bundle import (
    Account,
    Activity,
    BusinessChallenge,
    Contact,
    Feedback,
    Objective,
    ObjectiveKpi,
    Playbook,
    PlaybookTask,
    Record,
    Risk,
    SuccessPlan,
    Usage,
)
from tools.render.escape import one_line


def _dated(text: str, label: str, value: object) -> str:
    return f"{text}, {label} {value}" if value else text


def plain_source(record: Record) -> str:
    """Name a record for a reader: "KPI “Median first-response time”, updated 2026-11-10"."""
    match record:
        case ObjectiveKpi():
            return _dated(f"KPI “{record.name}”", "updated", record.updated_at)
        case PlaybookTask():
            done = record.completed_date if record.status == "Completed" else None
            return _dated(f"Task “{record.title}”", "completed", done)
        case Activity():
            named = f"{record.type} “{one_line(record.subject)}”" if record.subject else record.type
            return f"{named} on {record.date}"
        case Feedback():
            score = f", score {record.score:g}" if record.score is not None else ""
            return f"{record.source or 'Customer'} feedback{score}, {record.date}"
        case Usage():
            return f"Usage: {record.metric.replace('_', ' ')}, {record.period}"
        case Objective():
            return _dated(f"Goal “{record.name}”", "target date", record.target_date)
        case BusinessChallenge():
            return f"Business challenge “{one_line(record.description)}”"
        case Contact():
            return f"Contact: {record.name}" + (f" ({record.title})" if record.title else "")
        case Playbook() | SuccessPlan():
            return f"Plan “{record.name}”"
        case Account():
            return f"Account record: {record.name}"
        case Risk():
            return f"Risk “{record.title}”"
    return "Record"


class SourceNotes:
    """Numbers cited records in order of first use; the same record always gets the same number."""

    def __init__(self, index: dict[str, Record]) -> None:
        self.index = index
        self.numbers: dict[str, int] = {}

    def refs(self, citations: list[str]) -> list[str]:
        """Return the note numbers of these citations (records not of the account are left out)."""
        out = []
        for rid in citations:
            if rid not in self.index:
                continue
            self.numbers.setdefault(rid, len(self.numbers) + 1)
            out.append(str(self.numbers[rid]))
        return list(dict.fromkeys(out))

    def notes(self) -> list[tuple[str, str]]:
        """Return (number, plain words) for every record cited so far, in number order."""
        return [(str(n), plain_source(self.index[rid])) for rid, n in self.numbers.items()]
