"""`recap runs`: the run list (the owner's inbox) from the command line."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from api.cli import DbOption, JsonOption, app
from api.wiring import settings
from state.errors import InputInvalid
from state.inbox import RunPage
from state.run import RunStatus

if TYPE_CHECKING:
    from rich.table import Table

STATUSES: tuple[str, ...] = RunStatus.__args__  # type: ignore[attr-defined]


def _table(page: RunPage) -> Table:
    from rich.table import Table  # here: `recap runs --json` starts without rich

    table = Table(title="Runs, newest first")
    for col in ("run", "account", "owner", "status", "stop reasons", "attention", "created", "decided by"):
        table.add_column(col)
    for r in page.runs:
        table.add_row(
            r.run_id,
            f"{r.account_name} ({r.account_id})",
            r.owner,
            r.status + (" (outdated)" * r.outdated),
            ", ".join(r.stop_reasons),
            str(r.needs_attention),
            r.created_at[:16],
            r.decided_by or "",
        )
    return table


def read_page(
    statuses: list[str] | None, account: str | None, owner: str | None, limit: int, offset: int, db: str | None
) -> RunPage:
    """Return the page from the views the runs' last writes recorded (no graph); through the service otherwise."""
    from graph.fast_reads import read_run_page

    found = read_run_page(settings(db).db, statuses, account, owner, limit, offset)
    if found is not None:
        return found
    from api.cli_runs import service  # the graph's way: LangGraph and the other run commands load only now

    return service(db).list_runs(statuses, account, owner, limit, offset)


@app.command("runs")
def list_runs(
    status: Annotated[
        str | None, typer.Option("--status", help=f"Only runs in this status: {', '.join(STATUSES)}.")
    ] = None,
    account: Annotated[str | None, typer.Option("--account", help="Only runs of this account.")] = None,
    owner: Annotated[str | None, typer.Option("--owner", help="Only runs of accounts this user owns.")] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, max=1000, help="Runs to list.")] = 50,
    offset: Annotated[int, typer.Option("--offset", min=0, max=2**63 - 1, help="Runs to skip.")] = 0,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """List runs newest first (the owner's inbox), filtered by status, account or owner."""
    if status is not None and status not in STATUSES:
        raise InputInvalid(f"--status must be one of {', '.join(STATUSES)}, not '{status}'")
    page = read_page([status] if status else None, account, owner, limit, offset, db)
    if as_json:
        typer.echo(page.model_dump_json(indent=2))
        return
    if not page.runs:
        typer.echo("no runs match")
        return
    from rich.console import Console

    Console(width=200).print(_table(page))
    if page.next_offset is not None:
        typer.echo(f"more: --offset {page.next_offset}")
