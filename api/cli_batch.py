"""`recap batch`: one run per selected account, with progress; interrupted, the same command continues."""

from __future__ import annotations

import threading
from typing import Annotated

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from api.cli import DbOption, JsonOption, app
from api.cli_runs import cli_actor, service
from state.batch import BatchItem, BatchRequest, BatchView
from state.errors import InputInvalid
from state.validation import format_loc

TALLY = ("awaiting_review", "existing", "refused", "failed")


def _request(
    owner: str | None, renewing: int | None, accounts: list[str], every: bool, concurrency: int
) -> BatchRequest:
    try:
        return BatchRequest(
            owner=owner, renewing_within_days=renewing, account_ids=accounts, all=every, concurrency=concurrency
        )
    except ValidationError as exc:
        raise InputInvalid(
            "; ".join(f"{format_loc(e['loc']) or 'selection'}: {e['msg']}" for e in exc.errors())
        ) from None


def _summary(batch: BatchView) -> None:
    console = Console()
    table = Table(title=f"Batch {batch.batch_id}")
    for column in ("account", "status", "run", "stop reasons", "needs attention"):
        table.add_column(column)
    for item in batch.items:
        table.add_row(
            item.account_id,
            item.state,
            item.run_id or "-",
            ", ".join(item.stop_reasons) or "-",
            str(item.needs_attention) if item.run_id else "-",
        )
    console.print(table)
    if batch.skipped:
        console.print(f"skipped (no associated records): {', '.join(batch.skipped)}")
    if batch.started_now == 0:
        console.print("nothing new started: every selected account already has its run")


@app.command("batch")
def batch(
    owner: Annotated[str | None, typer.Option("--owner", help="Accounts this user owns.")] = None,
    renewing_within: Annotated[int | None, typer.Option("--renewing-within", help="Renewing within DAYS.")] = None,
    account: Annotated[list[str] | None, typer.Option("--account", help="An account id (repeatable).")] = None,
    every: Annotated[bool, typer.Option("--all", help="Every account.")] = False,
    concurrency: Annotated[int, typer.Option("--concurrency", help="Runs in flight at once.")] = 2,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Start one run per selected account (idempotent); Ctrl-C stops cleanly and the same command continues."""
    from graph.batch import open_batch, view, work

    request = _request(owner, renewing_within, account or [], every, concurrency)
    svc, actor = service(db), cli_actor()
    batch_id, _ = open_batch(svc, request, actor)
    queued = sum(1 for i in view(svc, batch_id).items if i.state == "queued")
    stop = threading.Event()
    tally = dict.fromkeys(TALLY, 0)
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        TextColumn("{task.fields[tally]}"),
        console=Console(stderr=True),
        disable=as_json,
    ) as bar:
        task = bar.add_task(batch_id, total=queued, tally="")

        def progress(item: BatchItem) -> None:
            tally[item.state] = tally.get(item.state, 0) + 1
            bar.update(task, advance=1, tally=" ".join(f"{k.replace('_', ' ')} {v}" for k, v in tally.items()))

        started = _work_interruptibly(lambda: work(svc, batch_id, actor, request.concurrency, stop, progress), stop)
    result = view(svc, batch_id, started_now=started)
    typer.echo(result.model_dump_json(indent=2)) if as_json else _summary(result)
    if not result.finished:
        typer.echo(f"interrupted: run the same command to continue batch {batch_id}", err=True)
        raise typer.Exit(130)


def _work_interruptibly(job, stop: threading.Event) -> int:  # noqa: ANN001 - a zero-argument callable
    """Run the job in a thread; on Ctrl-C stop claiming new accounts and let runs in flight finish."""
    result: list[int] = [0]
    thread = threading.Thread(target=lambda: result.__setitem__(0, job()), name="batch-main")
    thread.start()
    try:
        while thread.is_alive():
            thread.join(0.2)
    except KeyboardInterrupt:
        stop.set()
        typer.echo("stopping: finishing the runs in flight (Ctrl-C again to abandon them)", err=True)
        thread.join()
    return result[0]
