"""The `recap` command: a thin layer over the library; errors become one line on stderr."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from state.errors import RecapError

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
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)


COMMAND_MODULES = ("api.cli_ingest", "api.cli_runs", "api.cli_serve", "api.cli_eval", "api.cli_outcomes",
                   "api.cli_batch", "api.cli_worker", "api.cli_csv")


def _register() -> None:
    """Import the command modules; each registers its commands on `app`."""
    import importlib

    for module in COMMAND_MODULES:
        importlib.import_module(module)


def main() -> None:
    """Run the CLI; domain errors become one line on stderr and a non-zero exit."""
    _register()
    try:
        app()
    except RecapError as exc:
        typer.echo(f"error: {exc.message}", err=True)
        sys.exit(1)
