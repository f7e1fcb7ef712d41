"""`recap eval`: run the accuracy evals (`python -m evals`) and pass on its exit status.

The evals sit beside the API (imports point state <- tools <- nodes <- graph <- api, evals), so this
command starts them as their own process rather than importing them.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Annotated

import typer

from api.cli import app

ROOT = Path(__file__).resolve().parent.parent


@app.command("eval")
def eval_command(
    check: Annotated[bool, typer.Option("--check", help="Exit non-zero when a metric misses its threshold.")] = False,
    llm: Annotated[str | None, typer.Option("--llm", help="Also draft with an LLM: openai:MODEL.")] = None,
    skip_large: Annotated[bool, typer.Option("--skip-large", help="Leave out the very large account.")] = False,
    no_write: Annotated[bool, typer.Option("--no-write", help="Do not write evals/results/latest.*.")] = False,
) -> None:
    """Run the accuracy evals: verifier, KPI rule, drafts, stop rules and injection resistance."""
    args = [sys.executable, "-m", "evals"]
    args += ["--check"] if check else []
    args += ["--llm", llm] if llm else []
    args += ["--skip-large"] if skip_large else []
    args += ["--no-write"] if no_write else []
    code = subprocess.call(args, cwd=ROOT)
    if code:
        raise typer.Exit(code)
