"""`recap worker`: take queued runs from PostgreSQL and run them (several processes, on several machines)."""

from __future__ import annotations

from typing import Annotated

import typer

from api.cli import DbOption, app
from api.wiring import settings
from state.errors import InputInvalid
from tools.db import is_postgres


@app.command()
def worker(
    concurrency: Annotated[
        int | None, typer.Option("--concurrency", help="Runs at once (RECAP_WORKER_CONCURRENCY).", min=1, max=64)
    ] = None,
    db: DbOption = None,
) -> None:
    """Run queued recaps until stopped; a run left by a killed worker is picked up from its last checkpoint."""
    s = settings(db)
    if not is_postgres(s.db):
        raise InputInvalid("recap worker needs RECAP_DATABASE_URL=postgresql://...: workers share runs through it")
    from graph.workers import run_worker

    run_worker(s, concurrency or s.worker_concurrency)
