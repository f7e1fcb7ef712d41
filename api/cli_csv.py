"""`recap ingest --from csv`, `recap schema` and `recap template --csv DIR`: getting CRM data in."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from api.cli import JsonOption, app, fail
from api.cli_ingest import MB, loaded_table
from api.wiring import account_store, settings
from demo import DEMO_RUN_ACCOUNT, demo_bundles
from state.csv_mapping import CsvMapping, parse_mapping
from state.errors import InputInvalid
from state.schema import bundle_json_schema
from state.validation import validate_bundle
from tools.csv_export import bundle_tables, template_bundle, write_tables
from tools.csv_import import ImportReport, import_csv
from tools.csv_read import sources_from_paths


def read_mapping(path: Path | None) -> CsvMapping:
    """Return the mapping file's mapping (the empty mapping when none is given)."""
    if path is None:
        return CsvMapping()
    if not path.is_file():
        raise InputInvalid(f"{path}: no such mapping file")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise InputInvalid(f"{path}: not UTF-8 text") from None
    return parse_mapping(text, path.name)


def print_report(report: ImportReport, as_json: bool) -> None:
    """Print what an import stored (stdout) and each refusal and problem (stderr, one line each)."""
    if as_json:
        typer.echo(json.dumps(report.as_dict(), indent=2))
    else:
        if report.loaded:
            Console().print(loaded_table(report.loaded))
        files: dict[str, list[str]] = {}
        for entry in report.ignored_columns:
            name, column = entry.split(": ", 1)
            files.setdefault(column, []).append(name)
        for column, names in files.items():
            typer.echo(f'ignored column "{column}" (the mapping says so) in: ' + ", ".join(names))
    for refusal in report.refused:
        typer.echo(
            f"error: account '{refusal.account_id}' refused, nothing of it stored "
            f"({len(refusal.problems)} problem(s)):",
            err=True,
        )
        for problem in refusal.problems:
            typer.echo(f"error: {problem}", err=True)
    for problem in report.problems:
        typer.echo(f"error: {problem}", err=True)


def ingest_csv(paths: list[Path], mapping: Path | None, db: str | None, as_json: bool) -> None:
    """Import CSV exports (files, or folders of them); exit 1 when any account or row was refused."""
    try:
        sources = sources_from_paths(paths, settings(db).max_bundle_mb * MB)
        report = import_csv(account_store(db), sources, read_mapping(mapping))
    except InputInvalid as exc:
        if not as_json:
            raise
        report = ImportReport(problems=[exc.message])  # --json: stdout stays one report, nothing stored
    print_report(report, as_json)
    if report.errors():
        raise typer.Exit(1)


@app.command()
def schema() -> None:
    """Print the bundle file's JSON Schema (for editors to check a bundle while it is written)."""
    typer.echo(json.dumps(bundle_json_schema(), indent=2))


@app.command()
def template(
    csv_dir: Annotated[Path | None, typer.Option("--csv", help="Folder to write one CSV per record type into.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite CSV files already in the folder.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Write empty CSV files with the right headers and one example row each, ready for `ingest --from csv`."""
    if csv_dir is None:
        raise fail("give the folder to write the CSV templates into: recap template --csv DIR")
    example = next(b for b in demo_bundles() if b["account"]["id"] == DEMO_RUN_ACCOUNT)
    tables = bundle_tables([template_bundle(validate_bundle(example))])
    existing = [str(csv_dir / f"{key}.csv") for key in tables if (csv_dir / f"{key}.csv").exists()]
    if existing and not force:
        raise fail(f"{existing[0]}: already exists (use --force to overwrite)")
    paths = write_tables(csv_dir, tables)
    if as_json:
        typer.echo(json.dumps({"written": [str(p) for p in paths]}, indent=2))
    else:
        typer.echo("\n".join(f"wrote {p}" for p in paths))
