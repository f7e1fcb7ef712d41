"""`recap serve` (the HTTP API under uvicorn) and `recap keys create` (API keys)."""

from __future__ import annotations

import json
import os
import uuid
from typing import Annotated

import typer

from api.cli import DbOption, JsonOption, app
from api.wiring import settings
from tools.keys import KeyStore

keys_app = typer.Typer(help="Manage API keys (only a hash of each key is stored).", no_args_is_help=True)
app.add_typer(keys_app, name="keys")


@app.command()
def serve(
    host: Annotated[str | None, typer.Option("--host", help="Interface to bind (default 127.0.0.1).")] = None,
    port: Annotated[int | None, typer.Option("--port", help="TCP port (default 8000).", min=1, max=65535)] = None,
    workers: Annotated[int | None, typer.Option("--workers", help="Server processes (default 1, RECAP_WORKERS).",
                                                min=1, max=64)] = None,
    db: DbOption = None,
) -> None:
    """Start the HTTP API, first recovering runs that a crashed server left mid-flight."""
    import uvicorn

    s = settings(db)
    s = s.model_copy(update={"host": host or s.host, "port": port or s.port, "workers": workers or s.workers,
                             "server_id": f"serve-{uuid.uuid4().hex[:12]}"})
    if s.workers == 1:
        from api.app import create_app

        uvicorn.run(create_app(s), host=s.host, port=s.port, log_level="info")
        return
    # Worker processes build their own app from the environment: hand them these settings that way.
    os.environ.update({"RECAP_DB": s.db, "RECAP_SERVER_ID": str(s.server_id)})
    uvicorn.run("api.app:create_app", factory=True, host=s.host, port=s.port, workers=s.workers, log_level="info")


@keys_app.command("create")
def create_key(
    user_id: Annotated[str, typer.Argument(help="The user id the key acts as (an account's `owner`).")],
    admin: Annotated[bool, typer.Option("--admin", help="Let the key do everything.")] = False,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Create an API key for a user and print it once (it cannot be shown again)."""
    key = KeyStore(settings(db).db).create(user_id, admin=admin)
    if as_json:
        typer.echo(json.dumps({"user_id": user_id.strip(), "key": key}))
        return
    typer.echo(key)
    typer.echo(f"created {'an admin' if admin else 'a'} key for {user_id.strip()}; it is shown only this once",
               err=True)
