"""`recap keys create`: the key is printed once and only its SHA-256 is stored."""

from __future__ import annotations

import hashlib
import json

import pytest
from typer.testing import CliRunner

import api.cli_serve  # noqa: F401 - registers `serve` and `keys` on the root app
from api.cli import app
from state.errors import InputInvalid
from tools.db import open_db
from tools.keys import KeyStore


def test_keys_create_json_prints_the_key_once_and_stores_its_hash(db_path: str) -> None:
    result = CliRunner().invoke(app, ["keys", "create", "u-maria", "--admin", "--json", "--db", db_path])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert set(payload) == {"user_id", "key"} and payload["user_id"] == "u-maria"
    user = KeyStore(db_path).lookup(payload["key"])
    assert user is not None and user.user_id == "u-maria" and user.admin
    with open_db(db_path) as db:
        rows = [tuple(r) for r in db.execute("SELECT key_hash, user_id, admin FROM api_keys").fetchall()]
    assert rows == [(hashlib.sha256(payload["key"].encode()).hexdigest(), "u-maria", 1)]


def test_keys_create_plain_prints_only_the_key_on_stdout(db_path: str) -> None:
    result = CliRunner().invoke(app, ["keys", "create", "u-omar", "--db", db_path])
    assert result.exit_code == 0
    key = result.stdout.strip()
    assert key.startswith("rk_") and "\n" not in key
    user = KeyStore(db_path).lookup(key)
    assert user is not None and not user.admin


def test_unknown_and_empty_keys(db_path: str) -> None:
    store = KeyStore(db_path)
    assert store.lookup("rk_nope") is None
    with pytest.raises(InputInvalid, match="user_id"):
        store.create("  ")
