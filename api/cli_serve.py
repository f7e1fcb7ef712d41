"""`recap serve` (the HTTP API under uvicorn) and `recap keys create | list | revoke` (API keys)."""

from __future__ import annotations

import json
import os
import uuid
from typing import Annotated

import typer

from api.cli import DbOption, JsonOption, app
from api.wiring import settings
from tools.keys import KeyStore, hash_key, key_id_of

keys_app = typer.Typer(help="Manage API keys (only a hash of each key is stored).", no_args_is_help=True)
app.add_typer(keys_app, name="keys")


@app.command()
def serve(
    host: Annotated[str | None, typer.Option("--host", help="Interface to bind (default 127.0.0.1).")] = None,
    port: Annotated[int | None, typer.Option("--port", help="TCP port (default 8000).", min=1, max=65535)] = None,
    workers: Annotated[
        int | None, typer.Option("--workers", help="Server processes (default 1, RECAP_WORKERS).", min=1, max=64)
    ] = None,
    db: DbOption = None,
) -> None:
    """Start the HTTP API, first recovering runs that a crashed server left mid-flight."""
    import uvicorn

    s = settings(db)
    s = s.model_copy(
        update={
            "host": host or s.host,
            "port": port or s.port,
            "workers": workers or s.workers,
            "server_id": f"serve-{uuid.uuid4().hex[:12]}",
        }
    )
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
    expires_in: Annotated[
        int | None, typer.Option("--expires-in", min=1, metavar="DAYS", help="Let the key expire after this many days.")
    ] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Create an API key for a user and print it once (it cannot be shown again)."""
    key = KeyStore(settings(db).db).create(user_id, admin=admin, expires_in_days=expires_in)
    if as_json:
        typer.echo(json.dumps({"user_id": user_id.strip(), "key": key}))
        return
    typer.echo(key)
    expiry = f", expiring in {expires_in} day(s)" if expires_in else ""
    typer.echo(
        f"created {'an admin' if admin else 'a'} key (id {key_id_of(hash_key(key))}) for {user_id.strip()}"
        f"{expiry}; it is shown only this once",
        err=True,
    )


@keys_app.command("list")
def list_keys(db: DbOption = None, as_json: JsonOption = False) -> None:
    """List API keys, oldest first: id, user, admin, created, expires, revoked, status (never the key)."""
    keys = KeyStore(settings(db).db).list_keys()
    if as_json:
        typer.echo(json.dumps([k.model_dump() for k in keys], indent=2))
        return
    rows = [("KEY ID", "USER", "ADMIN", "CREATED", "EXPIRES", "REVOKED", "STATUS")]
    rows += [
        (
            k.key_id,
            k.user_id,
            "yes" if k.admin else "no",
            _minute(k.created_at),
            _minute(k.expires_at),
            _minute(k.revoked_at),
            k.status,
        )
        for k in keys
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:  # plain columns: never truncated, whatever the terminal's width
        typer.echo("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())


def _minute(at: str | None) -> str:
    return at[:16].replace("T", " ") if at else "-"


@keys_app.command("revoke")
def revoke_key(
    key_id: Annotated[str, typer.Argument(help="The key id from `recap keys list` (or the key itself).")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Revoke an API key: its next request gets 401."""
    info = KeyStore(settings(db).db).revoke(key_id)
    if as_json:
        typer.echo(info.model_dump_json(indent=2))
        return
    typer.echo(f"revoked key {info.key_id} of {info.user_id} (at {info.revoked_at})")
