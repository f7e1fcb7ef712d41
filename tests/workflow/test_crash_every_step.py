"""Kill the process at every checkpoint write of a replay fork and of a decision on an outdated run.

The "kill" is an exception no handler catches (like SIGKILL, nothing runs after it), raised just before
the n-th write of the checkpointer, for every n the uninterrupted flow makes. After each, a fresh service
recovers as `recap serve` does at start-up; then no run is left running, no run is approved without an
owner's approval, every event counts once, and the run can be decided again.
"""

from __future__ import annotations

import contextlib
import copy
from collections.abc import Callable
from typing import Any

import pytest
from langgraph.checkpoint.sqlite import SqliteSaver

from graph.service import RecapService
from graph.timeline import history, replay
from state.errors import ApprovalRefused
from state.run import Decision
from tests.conftest import AS_OF
from tools.db import thread_db
from tools.settings import Settings

ACCOUNT, OWNER = "acc-northwind", "u-maria"
APPROVE = Decision(decision="approve")
WRITES = ("put", "put_writes")


class Killed(BaseException):
    """Stands for the process dying: no `except Exception` handler sees it."""


def kill_before_write(monkeypatch: pytest.MonkeyPatch, n: int | None) -> list[str]:
    """Make the checkpointer die before its n-th write (None: never); return the writes made."""
    made: list[str] = []
    for name in WRITES:
        real = getattr(SqliteSaver, name)

        def write(self: SqliteSaver, *args: Any, _real: Callable = real, _name: str = name, **kwargs: Any) -> Any:
            if n is not None and len(made) == n:
                raise Killed(f"killed before write {n} ({_name})")
            made.append(_name)
            return _real(self, *args, **kwargs)

        monkeypatch.setattr(SqliteSaver, name, write)
    return made


def approved_source(service: RecapService) -> tuple[str, str]:
    run = service.start_run(ACCOUNT, OWNER)
    service.resume(run.run_id, APPROVE, OWNER)
    final = history(service, run.run_id)[-1].checkpoint_id
    return run.run_id, final


def fork_after_approval(service: RecapService, bundle: dict) -> Callable[[], Any]:
    run_id, final = approved_source(service)
    return lambda: replay(service, run_id, final, OWNER)


def approve_after_reload(change: Callable[[dict], None]) -> Callable[[RecapService, dict], Callable[[], Any]]:
    def prepare(service: RecapService, bundle: dict) -> Callable[[], Any]:
        run = service.start_run(ACCOUNT, OWNER)
        change(bundle)
        service.load_bundle(bundle)
        return lambda: service.resume(run.run_id, APPROVE, OWNER)

    return prepare


def harmless(bundle: dict) -> None:
    bundle["contacts"][0]["phone"] = "+1 555 0100"


def breaking(bundle: dict) -> None:
    bundle["objective_kpis"][0]["current"] = 9


SCENARIOS = {
    "fork-from-final-checkpoint": fork_after_approval,
    "approve-outdated-run-still-supported": approve_after_reload(harmless),
    "approve-outdated-run-now-unsupported": approve_after_reload(breaking),
}


def fresh_service(db_path: str, bundle: dict) -> RecapService:
    svc = RecapService(Settings(db=db_path, as_of=AS_OF))
    svc.load_bundle(bundle)
    return svc


def approved_runs(service: RecapService) -> list[Any]:
    """Return the approved runs, checking that each approval and its claims counted exactly once."""
    approved = [v for v in (service.get_run(r) for r in _run_ids(service)) if v.status == "approved"]
    counts = service.metrics(None)["counts"]
    assert counts["decision_approved"] == len(approved)
    assert counts["claim_approved"] == sum(len(list(r.recap.all_claims())) for r in approved)
    return approved


def check_after_recovery(service: RecapService, scenario: str) -> None:
    report = service.recover()
    assert report.unreadable == []
    assert service.runs.in_status("running") == []
    approved = approved_runs(service)
    assert all(r.replayed_from is None for r in approved)  # a fork is never approved by replaying
    if scenario == "approve-outdated-run-now-unsupported":
        assert approved == []  # contradicted by the current records: never approved
    for run_id in service.runs.in_status("awaiting_review"):  # the interrupted decision can be made again
        try:
            assert service.resume(run_id, APPROVE, OWNER).status == "approved"
        except ApprovalRefused:
            assert scenario == "approve-outdated-run-now-unsupported"
    approved_runs(service)


def _run_ids(service: RecapService) -> list[str]:
    with thread_db(service.settings.db) as db:
        return [r[0] for r in db.execute("SELECT run_id FROM runs ORDER BY created_at")]


@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_killed_at_every_write_the_run_recovers_consistently(
    tmp_path, example_bundle: dict, monkeypatch: pytest.MonkeyPatch, scenario: str
) -> None:  # noqa: ANN001
    prepare = SCENARIOS[scenario]
    probe = fresh_service(str(tmp_path / "probe.db"), example_bundle)
    act = prepare(probe, copy.deepcopy(example_bundle))
    with monkeypatch.context() as patch:
        made = kill_before_write(patch, None)
        with contextlib.suppress(ApprovalRefused):
            act()
    assert len(made) >= 2, made

    for n in range(len(made)):
        db = str(tmp_path / f"killed-{n}.db")
        act = prepare(fresh_service(db, example_bundle), copy.deepcopy(example_bundle))
        with monkeypatch.context() as patch:
            kill_before_write(patch, n)
            with pytest.raises(Killed):
                act()
        check_after_recovery(RecapService(Settings(db=db, as_of=AS_OF)), scenario)
