"""`recap run | resume | show | history | trace | replay | verify`: runs from the command line."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from pydantic import TypeAdapter, ValidationError
from rich.console import Console
from rich.table import Table

from api.cli import DbOption, JsonOption, app
from api.render import check_choice, export, render_markdown
from api.wiring import account_store, settings
from state.errors import InputInvalid
from state.fields import problem_message
from state.run import ClaimInput, Decision, Edits, RunView
from state.text import clean_text
from state.validation import format_loc
from tools.diff import diff_markdown

if TYPE_CHECKING:
    from graph.service import RecapService
    from state.bundle import Bundle


def service(db: str | None) -> RecapService:
    """Build the service for `--db` / RECAP_DB (imported here: langgraph is slow to import)."""
    from graph.service import RecapService

    return RecapService(settings(db))


def cli_actor() -> str:
    """Return who is acting from the command line: RECAP_USER, else the login name."""
    return os.environ.get("RECAP_USER") or os.environ.get("USER") or "cli"


def _read_json(path: Path, what: str) -> Any:
    if not path.is_file():
        raise InputInvalid(f"{path}: no such file")
    try:
        return json.loads(path.read_bytes())
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise InputInvalid(f"{path}: {what} must be valid JSON") from None


def _parse(model: Any, data: Any, path: Path) -> Any:
    try:
        return TypeAdapter(model).validate_python(data)
    except ValidationError as exc:
        problems = [f"{format_loc(e['loc'])}: {problem_message(model, e)}" for e in exc.errors()]
        raise InputInvalid(clean_text(f"{path}: " + "; ".join(problems))) from None


def note_freshness(run: RunView) -> None:
    """Say on stderr (never inside the document) what a reload of the account changed for this run."""
    if run.freshness is not None:
        state = "OUTDATED" if run.freshness.outdated else "re-verified"
        typer.echo(f"note: run {run.run_id} is {state}: {run.freshness.message}", err=True)


def print_run(run: RunView, svc: RecapService, as_json: bool) -> None:
    """Print the run: JSON for machines, or a short summary and the Markdown recap."""
    if as_json:
        typer.echo(run.model_dump_json(indent=2))
        return
    note_freshness(run)
    typer.echo(render_markdown(run, svc.store.bundle(run.account_id)))
    if run.status == "failed":
        raise InputInvalid(f"run {run.run_id} failed: {run.failure}")


@app.command()
def run(account_id: str, db: DbOption = None, as_json: JsonOption = False) -> None:
    """Start a run for an account; it goes until the owner-review pause."""
    svc = service(db)
    result = svc.start_run(account_id, cli_actor())
    print_run(result, svc, as_json)
    if result.status == "failed":
        raise typer.Exit(1)


@app.command()
def resume(
    run_id: str,
    approve: Annotated[bool, typer.Option("--approve", help="Approve the draft.")] = False,
    reject: Annotated[bool, typer.Option("--reject", help="Reject the draft.")] = False,
    edit: Annotated[Path | None, typer.Option("--edit", help="EDITS.json to apply.")] = None,
    comment: Annotated[str | None, typer.Option("--comment", help="A comment kept with the decision.")] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Give the owner's decision on a paused run: --approve, --reject or --edit EDITS.json."""
    chosen = [name for name, on in (("approve", approve), ("reject", reject), ("edit", edit is not None)) if on]
    if len(chosen) != 1:
        raise InputInvalid("give exactly one of --approve, --reject or --edit EDITS.json")
    edits = _parse(Edits, _read_json(edit, "EDITS.json"), edit) if edit is not None else None
    decision = Decision(decision=chosen[0], edits=edits, comment=comment)
    svc = service(db)
    print_run(svc.resume(run_id, decision, cli_actor()), svc, as_json)


@app.command()
def show(
    run_id: str,
    fmt: Annotated[str, typer.Option("--format", help="md, json, html, pdf or email.")] = "md",
    audience: Annotated[
        str, typer.Option("--audience", help="internal (the owner's full view) or customer (approved runs only).")
    ] = "internal",
    diff: Annotated[bool, typer.Option("--diff", help="What changed since the last approved recap.")] = False,
    output: Annotated[Path | None, typer.Option("--output", help="Write to this file instead of stdout.")] = None,
    db: DbOption = None,
) -> None:
    """Show the run's current draft or final recap, for the owner or (approved) for the customer."""
    check_choice(audience, fmt)
    if diff:
        from graph.diff import since_last_approved

        if audience != "internal" or fmt not in ("md", "json"):
            raise InputInvalid("--diff is the owner's view of what changed: use it with --format md or json")
        changes = since_last_approved(service(db), run_id)
        typer.echo(changes.model_dump_json(indent=2) if fmt == "json" else diff_markdown(changes))
        return
    result = read_view(db, run_id)
    if fmt != "json":
        note_freshness(result)
    rendered = export(result, read_records(db, result.account_id), audience, fmt)
    if output is not None:
        write_export(output, rendered.content)
        typer.echo(f"wrote {output} ({len(rendered.content):,} bytes, {audience} {fmt})", err=True)
    elif fmt == "pdf":
        stdout = getattr(sys.stdout, "buffer", None)
        if stdout is None or sys.stdout.isatty():
            raise InputInvalid("--format pdf writes binary: give --output FILE or redirect stdout to a file")
        stdout.write(rendered.content)
        stdout.flush()
    else:
        text = rendered.content.decode("utf-8")
        typer.echo(text, nl=not text.endswith("\n"))  # end with exactly one newline


def read_view(db: str | None, run_id: str) -> RunView:
    """Return the run from the view its last write recorded (no graph); through the service when there is none."""
    from graph.fast_reads import read_run

    return read_run(settings(db).db, run_id) or service(db).get_run(run_id)


def read_records(db: str | None, account_id: str) -> Bundle:
    """Return the account's records with plain sqlite3; through the account store when that cannot."""
    from graph.fast_reads import read_bundle

    return read_bundle(settings(db).db, account_id) or account_store(db).bundle(account_id)


def write_export(path: Path, content: bytes) -> None:
    """Write an export whole (a temporary file renamed into place), or say in one line why not."""
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        tmp.write_bytes(content)
        tmp.replace(path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise InputInvalid(f"cannot write {path}: {exc.strerror or exc}") from None


@app.command()
def history(run_id: str, db: DbOption = None, as_json: JsonOption = False) -> None:
    """List the run's checkpoints, oldest first: id, step, node, what it wrote, time."""
    from graph.timeline import history as run_history

    views = run_history(service(db), run_id)
    if as_json:
        typer.echo(json.dumps([v.model_dump() for v in views], indent=2))
        return
    table = Table(title=f"Checkpoints of {run_id}")
    for col in ("checkpoint", "step", "node", "wrote", "next", "time"):
        table.add_column(col)
    for v in views:
        table.add_row(v.checkpoint_id, str(v.step), v.node or "", ", ".join(v.writes), ", ".join(v.next), v.time)
    Console(width=200).print(table)


@app.command()
def trace(run_id: str, claim_id: str, db: DbOption = None, as_json: JsonOption = False) -> None:
    """Trace one claim through the run: the step that wrote it and every step that changed it."""
    from graph.timeline import trace as run_trace

    steps = run_trace(service(db), run_id, claim_id)
    if not steps:
        raise InputInvalid(f"run '{run_id}' has no claim '{claim_id}'")
    if as_json:
        typer.echo(json.dumps(steps, indent=2))
        return
    for s in steps:
        verdict = trace_verdict(s)
        typer.echo(
            f"step {s['step']} ({s['node']}, {s['checkpoint_id']}): {s['text']} "
            f"[{', '.join(s['citations'])}] -> {verdict}"
        )


def trace_verdict(step: dict[str, Any]) -> str:
    """Say what a trace step's verdict is: not verified yet, or the verdict with its reasons and attestation."""
    if not step.get("verified", True):
        return "not verified yet"
    verdict = str(step["verdict"]) + ("" if step["supported"] else ": " + ("; ".join(step["reasons"]) or "no reason"))
    if step.get("attested_by"):
        verdict += f" (attested by {step['attested_by']})"
    return verdict


@app.command()
def replay(
    run_id: str,
    checkpoint: Annotated[str, typer.Option("--checkpoint", help="Checkpoint id from `recap history`.")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Fork the run from a checkpoint into a new run and run it forward to the review pause."""
    from graph.timeline import replay as run_replay

    svc = service(db)
    print_run(run_replay(svc, run_id, checkpoint, cli_actor()), svc, as_json)


@app.command()
def verify(account_id: str, claims_file: Path, db: DbOption = None, as_json: JsonOption = False) -> None:
    """Verify claims (CLAIMS.json) against an account's records without a run."""
    claims = _parse(list[ClaimInput], _read_json(claims_file, "CLAIMS.json"), claims_file)
    results = service(db).verify(account_id, claims)
    if as_json:
        typer.echo(
            json.dumps([r.model_dump(include={"id", "verdict", "supported", "reasons"}) for r in results], indent=2)
        )
        return
    for r in results:
        extra = f" ({'; '.join(r.reasons)})" if r.reasons else ""
        typer.echo(f"{r.id}: {r.verdict}{extra}")


def demo_run(db: str | None, account_id: str, as_json: bool) -> None:
    """Run one recap of a demo account to the review pause and print it (used by `recap demo`)."""
    svc = service(db)
    print_run(svc.start_run(account_id, "demo"), svc, as_json)
