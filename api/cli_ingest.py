"""`recap ingest`: validate and load bundle files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from api.cli import DbOption, JsonOption, app
from api.wiring import account_store
from state.errors import BundleInvalid, InputInvalid
from tools.store import AccountStore, LoadResult


def read_bundles(path: Path) -> list[Any]:
    """Return the bundles in a file (one object or a list); InputInvalid when it is not JSON."""
    if not path.is_file():
        raise InputInvalid(f"{path}: no such file")
    data = path.read_bytes()
    if not data.strip():
        raise InputInvalid(f"{path}: the file is empty")
    try:
        parsed = json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        where = f" (line {exc.lineno}, column {exc.colno})" if isinstance(exc, json.JSONDecodeError) else ""
        raise InputInvalid(f"{path}: not valid JSON{where}") from None
    except RecursionError:
        raise InputInvalid(f"{path}: JSON nested too deeply") from None
    if isinstance(parsed, dict):
        return [parsed]
    if isinstance(parsed, list):
        return parsed
    raise InputInvalid(f"{path}: must hold a bundle object or a list of bundles")


def load_files(store: AccountStore, paths: list[Path]) -> tuple[list[LoadResult], list[str]]:
    """Load every bundle of every file; each bundle is atomic, a bad one does not stop the rest."""
    loaded: list[LoadResult] = []
    problems: list[str] = []
    for path in paths:
        try:
            bundles = read_bundles(path)
        except InputInvalid as exc:
            problems.append(exc.message)
            continue
        for i, raw in enumerate(bundles):
            where = str(path) if len(bundles) == 1 else f"{path}[{i}]"
            try:
                loaded.append(store.load(raw, where))
            except BundleInvalid as exc:
                problems.extend(exc.problems)
    return loaded, problems


def loaded_table(loaded: list[LoadResult]) -> Table:
    """Render what was loaded: one row per account with its record counts."""
    table = Table(title="Loaded accounts")
    table.add_column("account")
    table.add_column("owner")
    table.add_column("records", justify="right")
    table.add_column("activities", justify="right")
    table.add_column("KPIs", justify="right")
    table.add_column("")
    for r in loaded:
        table.add_row(f"{r.account_id} ({r.name})", r.owner, str(sum(r.counts.values())),
                      str(r.counts["activities"]), str(r.counts["objective_kpis"]),
                      "replaced" if r.replaced else "new")
    return table


@app.command()
def ingest(
    files: Annotated[list[Path], typer.Argument(help="Bundle files: one bundle or a list of bundles each.")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Validate and load account bundles; a refused bundle stores nothing."""
    store = account_store(db)
    loaded, problems = load_files(store, files)
    if as_json:
        typer.echo(json.dumps({"loaded": [r.as_dict() for r in loaded], "errors": problems}, indent=2))
    elif loaded:
        Console().print(loaded_table(loaded))
    for problem in problems:
        typer.echo(f"error: {problem}", err=True)
    if problems:
        raise typer.Exit(1)
