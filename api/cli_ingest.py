"""`recap ingest` and `recap demo`: validate and load bundle files, or the built-in demo accounts."""

from __future__ import annotations

import contextlib
import importlib
import io
import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from api.cli import DbOption, JsonOption, app
from api.wiring import account_store, settings
from demo import DEMO_ACCOUNTS, DEMO_RUN_ACCOUNT, demo_bundles
from state.errors import BundleInvalid, InputInvalid
from tools.store import AccountStore, LoadResult

MB = 1024 * 1024


def read_bundles(path: Path, max_bytes: int) -> list[tuple[str, Any]]:
    """Return the file's bundles, each with the name its problems are reported under.

    A file holds one bundle (an object) or a list of them; InputInvalid when it is missing, too large,
    empty or not JSON.
    """
    if not path.is_file():
        raise InputInvalid(f"{path}: no such file")
    size = path.stat().st_size
    if size > max_bytes:
        raise InputInvalid(
            f"{path}: the file is {size / MB:.1f} MB, over the {max_bytes / MB:g} MB limit "
            "(set RECAP_MAX_BUNDLE_MB to raise it)"
        )
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
        return [(str(path), parsed)]
    if isinstance(parsed, list):
        return [(f"{path}[{i}]", raw) for i, raw in enumerate(parsed)]
    raise InputInvalid(f"{path}: must hold a bundle object or a list of bundles")


def load_files(store: AccountStore, paths: list[Path], max_bytes: int) -> tuple[list[LoadResult], list[str]]:
    """Load every bundle of every file; each bundle is atomic, a bad one does not stop the rest."""
    loaded: list[LoadResult] = []
    problems: list[str] = []
    for path in paths:
        try:
            bundles = read_bundles(path, max_bytes)
        except InputInvalid as exc:
            problems.append(exc.message)
            continue
        for where, raw in bundles:
            try:
                loaded.append(store.load(raw, where))
            except BundleInvalid as exc:
                problems.extend(exc.problems)
    return loaded, problems


def loaded_table(loaded: list[LoadResult], shapes: dict[str, str] | None = None) -> Table:
    """Render what was loaded: one row per account with its record counts (demo: its shape, not its name)."""
    table = Table(title="Loaded accounts")
    table.add_column("account", no_wrap=True)
    table.add_column("shape" if shapes else "name")
    table.add_column("owner", no_wrap=True)
    for name in ("records", "activities", "KPIs"):
        table.add_column(name, justify="right", no_wrap=True)
    table.add_column("", no_wrap=True)
    for r in loaded:
        table.add_row(
            r.account_id,
            shapes.get(r.account_id, "") if shapes else r.name,
            r.owner,
            str(sum(r.counts.values())),
            str(r.counts["activities"]),
            str(r.counts["objective_kpis"]),
            "replaced" if r.replaced else "new",
        )
    return table


@app.command()
def ingest(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="Bundle files: one bundle or a list of bundles each (with --from csv: CSV files or folders of them)."
        ),
    ],
    db: DbOption = None,
    as_json: JsonOption = False,
    source: Annotated[
        str,
        typer.Option(
            "--from", help="Input format: json (bundle files) or csv (one CSV per record type, e.g. a CRM export)."
        ),
    ] = "json",
    mapping: Annotated[
        Path | None,
        typer.Option("--mapping", help="With --from csv: a TOML file renaming the export's files, columns and values."),
    ] = None,
) -> None:
    """Validate and load account bundles; a refused bundle stores nothing."""
    if source not in ("json", "csv"):
        raise InputInvalid(f"--from: '{source}' is not a known format (json or csv)")
    if source == "csv":
        from api.cli_csv import ingest_csv  # the CSV commands import this module's table

        return ingest_csv(files, mapping, db, as_json)
    if mapping is not None:
        raise InputInvalid("--mapping: only with --from csv")
    store = account_store(db)
    loaded, problems = load_files(store, files, settings(db).max_bundle_mb * MB)
    if as_json:
        typer.echo(json.dumps({"loaded": [r.as_dict() for r in loaded], "errors": problems}, indent=2))
    elif loaded:
        Console().print(loaded_table(loaded))
    for problem in problems:
        typer.echo(f"error: {problem}", err=True)
    if problems:
        raise typer.Exit(1)


def _demo_run(db: str | None, as_json: bool) -> Any:
    """Run the demo recap to the review pause when the run commands are installed; JSON mode returns it."""
    try:
        runs = importlib.import_module("api.cli_runs")
    except ModuleNotFoundError as exc:
        if exc.name != "api.cli_runs":
            raise
        return None
    demo_run = getattr(runs, "demo_run", None)
    if demo_run is None:
        return None
    if not as_json:
        demo_run(db, DEMO_RUN_ACCOUNT, False)
        return None
    # demo_run prints its own JSON; capture it so stdout stays one JSON document.
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        demo_run(db, DEMO_RUN_ACCOUNT, True)
    try:
        return json.loads(out.getvalue())
    except json.JSONDecodeError:
        raise InputInvalid("the demo run did not print JSON") from None


@app.command()
def demo(db: DbOption = None, as_json: JsonOption = False) -> None:
    """Load the demo accounts, then draft one recap (acc-northwind) to the owner-review pause."""
    store = account_store(db)
    loaded = [store.load(raw, f"demo {raw['account']['id']}") for raw in demo_bundles()]
    if not as_json:
        Console().print(loaded_table(loaded, {a.account_id: a.shape for a in DEMO_ACCOUNTS}))
    run = _demo_run(db, as_json)
    if as_json:
        typer.echo(
            json.dumps(
                {"loaded": [r.as_dict() for r in loaded], "errors": [], "run_account_id": DEMO_RUN_ACCOUNT, "run": run},
                indent=2,
            )
        )
