"""Issue 11 item 10: keys can be listed, revoked and expired; a revoked or expired key gets 401 at once."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from fastapi.testclient import TestClient

import api.cli_serve  # noqa: F401 - registers `keys` on the root app
import tools.keys
from tests.conftest import run_cli
from tests.http.support import Keys
from tools.db import open_db
from tools.keys import KeyStore, hash_key, key_id_of


def _id(key: str) -> str:
    return key_id_of(hash_key(key))


def test_keys_list_shows_every_key_but_never_the_key(db_path: str) -> None:
    made = [
        json.loads(run_cli("keys", "create", user, *flags, "--json", "--db", db_path).stdout)["key"]
        for user, flags in (("u-maria", ()), ("u-admin", ("--admin", "--expires-in", "30")))
    ]
    out = run_cli("keys", "list", "--json", "--db", db_path)
    assert out.returncode == 0, out.stderr
    listed = json.loads(out.stdout)
    assert [(k["key_id"], k["user_id"], k["admin"], k["status"]) for k in listed] == [
        (_id(made[0]), "u-maria", False, "active"),
        (_id(made[1]), "u-admin", True, "active"),
    ]
    assert listed[0]["expires_at"] is None and listed[1]["expires_at"] > listed[1]["created_at"]
    assert all(key not in out.stdout for key in made)
    table = run_cli("keys", "list", "--db", db_path).stdout
    assert _id(made[0]) in table and all(key not in table for key in made)


def test_keys_revoke_makes_the_next_request_401(db_path: str, client: TestClient, keys: Keys) -> None:
    headers = keys.header("owner")
    assert client.get("/metrics", headers=headers).status_code == 200
    out = run_cli("keys", "revoke", _id(keys.owner), "--db", db_path)
    assert out.returncode == 0 and f"revoked key {_id(keys.owner)} of u-maria" in out.stdout
    refused = client.get("/metrics", headers=headers)
    assert refused.status_code == 401 and refused.json() == {"detail": "missing or invalid API key"}
    listed = {k["key_id"]: k for k in json.loads(run_cli("keys", "list", "--json", "--db", db_path).stdout)}
    assert listed[_id(keys.owner)]["status"] == "revoked" and listed[_id(keys.owner)]["revoked_at"]
    assert client.get("/metrics", headers=keys.header("admin")).status_code == 200  # other keys unaffected


def test_revoking_an_unknown_key_is_one_clean_error(db_path: str) -> None:
    KeyStore(db_path)
    out = run_cli("keys", "revoke", "0123456789ab", "--db", db_path)
    assert out.returncode == 1 and out.stderr.strip() == (
        "error: unknown key id '0123456789ab' (see `recap keys list`)"
    )


def test_an_expired_key_gets_401(db_path: str, client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    store = KeyStore(db_path)
    two_days_ago = (dt.datetime.now(dt.UTC) - dt.timedelta(days=2)).isoformat(timespec="milliseconds")
    monkeypatch.setattr(tools.keys, "now", lambda: two_days_ago)
    short, long = store.create("u-maria", expires_in_days=1), store.create("u-maria", expires_in_days=3)
    monkeypatch.undo()
    assert client.get("/metrics", headers={"Authorization": f"Bearer {short}"}).status_code == 401
    assert client.get("/metrics", headers={"Authorization": f"Bearer {long}"}).status_code == 200
    statuses = {k.key_id: k.status for k in store.list_keys()}
    assert statuses == {_id(short): "expired", _id(long): "active"}


def test_admins_list_and_revoke_keys_over_http(client: TestClient, keys: Keys) -> None:
    listed = client.get("/keys", headers=keys.header("admin"))
    assert listed.status_code == 200
    assert {k["key_id"] for k in listed.json()} == {_id(keys.owner), _id(keys.other), _id(keys.admin)}
    assert all(key not in listed.text for key in (keys.owner, keys.other, keys.admin))
    revoked = client.delete(f"/keys/{_id(keys.other)}", headers=keys.header("admin"))
    assert revoked.status_code == 200 and revoked.json()["status"] == "revoked"
    assert client.get("/metrics", headers=keys.header("other_user")).status_code == 401
    again = client.delete(f"/keys/{_id(keys.other)}", headers=keys.header("admin"))
    assert again.json()["revoked_at"] == revoked.json()["revoked_at"]
    assert client.delete("/keys/0123456789ab", headers=keys.header("admin")).status_code == 404


@pytest.mark.parametrize(("method", "path"), [("GET", "/keys"), ("DELETE", "/keys/KEY")], ids=["list", "revoke"])
def test_only_admins_manage_keys(client: TestClient, keys: Keys, method: str, path: str) -> None:
    url = path.replace("KEY", _id(keys.other))
    assert client.request(method, url, headers=keys.header("owner")).status_code == 403
    assert client.request(method, url).status_code == 401
    assert client.get("/metrics", headers=keys.header("other_user")).status_code == 200  # not revoked


@pytest.mark.unmigrated
def test_a_key_table_from_before_expiry_is_migrated(db_path: str) -> None:
    with open_db(db_path) as db, db.atomic():
        db.execute("CREATE TABLE api_keys (key_hash TEXT PRIMARY KEY, user_id TEXT, admin INTEGER, created_at TEXT)")
        db.execute("INSERT INTO api_keys VALUES (?, 'u-old', 0, '2026-01-01T00:00:00.000+00:00')", [hash_key("rk_old")])
    store = KeyStore(db_path)
    user = store.lookup("rk_old")
    assert user is not None and user.user_id == "u-old"
    assert store.revoke("rk_old").status == "revoked" and store.lookup("rk_old") is None


def test_a_session_holding_only_the_hash_sees_the_revoke_too(db_path: str) -> None:
    store = KeyStore(db_path)
    key = store.create("u-maria")
    assert store.lookup_hash(hash_key(key)) is not None
    store.revoke(_id(key))
    assert store.lookup_hash(hash_key(key)) is None and store.lookup(key) is None


def test_the_key_lifecycle_on_each_backend(any_db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    store = KeyStore(any_db)
    yesterday = (dt.datetime.now(dt.UTC) - dt.timedelta(days=1)).isoformat(timespec="milliseconds")
    live, doomed = store.create("u-maria"), store.create("u-omar", admin=True)
    monkeypatch.setattr(tools.keys, "now", lambda: yesterday)
    stale = store.create("u-maria", expires_in_days=0.5)
    monkeypatch.undo()
    assert store.revoke(_id(doomed)).status == "revoked"
    assert [store.lookup(k) is not None for k in (live, doomed, stale)] == [True, False, False]
    assert {k.key_id: k.status for k in KeyStore(any_db).list_keys()} == {
        _id(live): "active",
        _id(doomed): "revoked",
        _id(stale): "expired",
    }
