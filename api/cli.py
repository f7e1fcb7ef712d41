"""The `recap` command: a thin layer over the library; errors become one line on stderr."""

from __future__ import annotations

import sqlite3
import sys
from typing import Annotated

import typer

from state.errors import RecapError
from state.text import clean_text, is_clean

app = typer.Typer(
    name="recap",
    help="Evidence-backed account value recaps, never final without the owner's approval.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

DbOption = Annotated[
    str | None,
    typer.Option("--db", envvar="RECAP_DB", help="SQLite store (default ./recap.db)."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON on stdout.")]


@app.callback()
def root() -> None:
    """Evidence-backed account value recaps, never final without the owner's approval."""


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print one clean error line on stderr and return the Exit to raise."""
    typer.echo(f"error: {clean_text(message)}", err=True)
    return typer.Exit(code)


COMMAND_MODULES = (
    "api.cli_ingest",
    "api.cli_runs",
    "api.cli_serve",
    "api.cli_eval",
    "api.cli_outcomes",
    "api.cli_batch",
    "api.cli_worker",
    "api.cli_csv",
    "api.cli_inbox",
)


# Read-only commands register only the module that defines them, so they start without the others' imports.
FAST_COMMANDS = {"show": "api.cli_runs", "history": "api.cli_runs", "runs": "api.cli_inbox"}


def _register(argv: list[str] | None = None) -> None:
    """Import the command modules (only the command's own for a read-only one); each registers its commands."""
    import importlib

    args = sys.argv[1:] if argv is None else argv
    home = FAST_COMMANDS.get(args[0]) if args else None
    for module in (home,) if home else COMMAND_MODULES:
        importlib.import_module(module)


def main() -> None:
    """Run the CLI; domain errors become one line on stderr and a non-zero exit."""
    _register()
    bad = [i for i, arg in enumerate(sys.argv[1:], 1) if not is_clean(arg)]
    if bad:  # undecodable bytes arrive as lone surrogates, which nothing downstream can store or print
        typer.echo(f"error: argument {bad[0]} ('{clean_text(sys.argv[bad[0]])}') is not valid UTF-8 text", err=True)
        sys.exit(2)
    try:
        app()
    except RecapError as exc:
        typer.echo(f"error: {clean_text(exc.message)}", err=True)
        sys.exit(1)
    except Exception as exc:  # a storage failure no domain error named yet (SQLite's, psycopg's): one line
        line = storage_failure_line(exc)
        if line is None:
            raise
        typer.echo(f"error: {line}", err=True)
        sys.exit(1)


def storage_failure_line(exc: Exception) -> str | None:
    """Return the one line for a store's failure (SQLite or PostgreSQL), or None when it is no storage failure."""
    is_sqlite = isinstance(exc, sqlite3.OperationalError)
    if not is_sqlite and type(exc).__module__.split(".")[0] not in ("psycopg", "psycopg_pool"):
        return None
    from tools.db import storage_error  # here: read-only commands start without sqlite-utils

    mapped = storage_error(exc)
    if mapped is not None:
        return mapped.message
    first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
    return "the store failed: " + clean_text(first)
