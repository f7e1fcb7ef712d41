"""`recap log | report`: what happened after an approved recap, and whether recaps helped renewals."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Annotated, Literal

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.table import Table

from api.cli import DbOption, JsonOption, app
from api.cli_runs import cli_actor, service
from state.errors import InputInvalid
from state.outcomes import OUTCOME_KINDS, OutcomeInput
from state.validation import format_loc
from tools.report import Report, Summary

Text = Annotated[str | None, typer.Option("--text", help="The question, the decision's note, or what the action was.")]
Contact = Annotated[str | None, typer.Option("--contact", help="Who asked or decided: a contact id of the account.")]
Kind = Annotated[
    str | None, typer.Option("--kind", help="customer_decision: renewed, expanded, reduced, paused, churned or other.")
]
Amount = Annotated[float | None, typer.Option("--amount", help="expansion_action: its amount.")]
Key = Annotated[str | None, typer.Option("--key", help="Idempotency key: the same key logs once.")]
Audience = Annotated[str | None, typer.Option("--audience", help="recap_shared: internal or customer.")]
Channel = Annotated[str | None, typer.Option("--channel", help="recap_shared: email, QBR deck, call, ...")]
Date = Annotated[str | None, typer.Option("--date", help="When it happened (ISO date; default today).")]


@app.command("log")
def log_event(
    run_id: str,
    event: Annotated[str, typer.Argument(help=", ".join(OUTCOME_KINDS))],
    text: Text = None,
    contact: Contact = None,
    kind: Kind = None,
    amount: Amount = None,
    key: Key = None,
    audience: Audience = None,
    channel: Channel = None,
    date: Date = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Log what happened after an approved recap was used (once per --key)."""
    from graph.outcomes import log_outcome

    fields = {
        "event": event,
        "text": text,
        "contact_id": contact,
        "decision": kind,
        "amount": amount,
        "key": key,
        "audience": audience,
        "channel": channel,
        "date": date,
    }
    try:
        item = OutcomeInput.model_validate({k: v for k, v in fields.items() if v is not None})
    except ValidationError as exc:
        raise InputInvalid("; ".join(f"{format_loc(e['loc']) or 'event'}: {e['msg']}" for e in exc.errors())) from None
    outcome = log_outcome(service(db), run_id, item, cli_actor())
    if as_json:
        typer.echo(outcome.model_dump_json(indent=2, exclude_none=True))
        return
    what = "logged" if outcome.created else "already logged (same key): nothing changed"
    typer.echo(f"{outcome.event} on {outcome.run_id} {what}")


ROWS: tuple[tuple[str, str], ...] = (
    ("recaps_created", "recaps created"),
    ("recaps_approved", "approved"),
    ("recaps_rejected", "rejected"),
    ("claims_approved", "claims approved"),
    ("claims_edited", "claims edited"),
    ("claims_removed", "claims removed"),
    ("claims_attested", "claims attested"),
    ("caveats_added", "caveats added"),
    ("share_edited_or_removed", "share edited or removed"),
    ("hours_to_decision_median", "hours to decision (median)"),
    ("hours_to_decision_p90", "hours to decision (p90)"),
    ("recaps_shared", "recaps shared"),
    ("customer_questions", "customer questions"),
    ("renewals_supported", "renewals supported"),
    ("expansion_actions", "expansion actions"),
    ("expansion_amount", "expansion amount"),
)


def _cells(s: Summary) -> list[str]:
    values = [getattr(s, field) for field, _ in ROWS]
    values += [s.customer_decisions[k] for k in s.customer_decisions]
    return ["-" if v is None else str(v) for v in values]


def _labels(r: Report) -> list[str]:
    return [label for _, label in ROWS] + [f"decided: {k}" for k in r.overall.customer_decisions]


def _csv(r: Report) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["owner", *[field for field, _ in ROWS], *[f"decided_{k}" for k in r.overall.customer_decisions]])
    for who, s in [("(all)", r.overall), *r.by_owner.items()]:
        writer.writerow([who, *["" if c == "-" else c for c in _cells(s)]])
    return out.getvalue()


def _table(r: Report) -> None:
    console = Console()
    table = Table(title="Recaps and what followed" + (f" since {r.since}" if r.since else ""))
    table.add_column("measure")
    owners = list(r.by_owner)
    for who in ["all", *owners]:
        table.add_column(who, justify="right")
    columns = [_cells(r.overall), *[_cells(r.by_owner[o]) for o in owners]]
    for i, label in enumerate(_labels(r)):
        table.add_row(label, *[col[i] for col in columns])
    console.print(table)
    for a in r.renewed_or_expanded:
        console.print(f"{a.account_id} {a.decision} on {a.date} after approved recap {a.run_id}")
    for c in r.case_study_candidates:
        console.print(
            f"case-study candidate: {c.account_id} ({len(c.proven_outcomes)} proven outcome(s), "
            f"quotable feedback {', '.join(c.quotable_feedback)}; for the owner to consider)"
        )


@app.command("report")
def report_cmd(
    owner: Annotated[str | None, typer.Option("--owner", help="One owner's accounts.")] = None,
    since: Annotated[str | None, typer.Option("--since", help="ISO date.")] = None,
    fmt: Annotated[Literal["table", "json", "csv"], typer.Option("--format")] = "table",
    db: DbOption = None,
) -> None:
    """Report recaps created and decided, owners' edits, and what customers asked and decided afterwards."""
    from graph.outcomes import report

    if since is not None:
        try:
            dt.date.fromisoformat(since)
        except ValueError:
            raise InputInvalid(f"--since: must be an ISO date such as 2026-12-01, not {since!r}") from None
    result = report(service(db), owner=owner, since=since)
    if fmt == "json":
        typer.echo(result.model_dump_json(indent=2))
    elif fmt == "csv":
        typer.echo(_csv(result), nl=False)
    else:
        _table(result)
