"""The run list, stale-decision refusal and browser sessions behave the same on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from graph.service import RecapService
from state.errors import StaleRun
from state.run import Decision
from tests.conftest import AS_OF
from tests.http.support import copy_bundle
from tools.keys import KeyStore
from tools.sessions import SessionStore
from tools.settings import Settings


def test_run_list_stale_refusal_and_sessions(any_db: str, example_bundle: dict) -> None:
    service = RecapService(Settings(db=any_db, as_of=AS_OF, llm="offline"))
    service.load_bundle(example_bundle)
    service.load_bundle(copy_bundle(example_bundle, "other", owner="u-omar"))
    mine = service.start_run("acc-northwind", "u-maria")
    theirs = service.start_run("acc-other", "u-omar")

    assert [r.run_id for r in service.list_runs(owner="u-maria").runs] == [mine.run_id]
    newest = service.list_runs(limit=1)
    assert [r.run_id for r in newest.runs] == [theirs.run_id] and newest.next_offset == 1
    assert [r.run_id for r in service.list_runs(offset=1).runs] == [mine.run_id]

    with pytest.raises(StaleRun):
        service.resume(mine.run_id, Decision(decision="reject"), "u-maria", seen_updated_at="2000-01-01T00:00:00")
    decided = service.resume(mine.run_id, Decision(decision="reject"), "u-maria", seen_updated_at=mine.updated_at)
    assert decided.status == "rejected"
    assert [r.run_id for r in service.list_runs(["rejected"]).runs] == [mine.run_id]

    keys = KeyStore(any_db)
    sessions = SessionStore(any_db, keys)
    opened = sessions.open(keys.create("u-maria"))
    assert opened is not None and sessions.open("rk_unknown") is None
    token, session = opened
    assert sessions.find(token) == session and session.user.user_id == "u-maria"
    sessions.close(token)
    assert sessions.find(token) is None
