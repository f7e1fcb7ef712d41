"""Portfolio batches over a real store and graph: selection, idempotency, resuming, and the diff since approval."""

from __future__ import annotations

import copy
import threading

import pytest

from graph.batch import open_batch, view, work
from graph.diff import since_last_approved
from graph.service import RecapService
from state.batch import BatchRequest
from state.errors import UnknownAccount
from state.run import Decision
from tests.conftest import AS_OF
from tests.http.support import copy_bundle
from tools.settings import Settings


@pytest.fixture
def db_path(any_db: str) -> str:
    """Every test here runs on both backends: a SQLite file and a PostgreSQL schema."""
    return any_db


@pytest.fixture
def service(db_path: str, example_bundle: dict) -> RecapService:
    """Four accounts of u-maria (one renewing soon, one with no records) and one of u-omar."""
    svc = RecapService(Settings(db=db_path, as_of=AS_OF))
    svc.load_bundle(example_bundle)  # renews 2027-03-31
    for tag, renewal in (("b", "2026-12-15"), ("c", "2028-01-01")):
        bundle = copy_bundle(example_bundle, tag)
        bundle["account"]["renewal_date"] = renewal
        svc.load_bundle(bundle)
    svc.load_bundle({"account": {"id": "acc-empty", "name": "Empty", "owner": "u-maria"}})
    svc.load_bundle(copy_bundle(example_bundle, "o", owner="u-omar"))
    return svc


def run_batch(service: RecapService, request: BatchRequest) -> tuple[str, int]:
    batch_id, _ = open_batch(service, request, "u-maria")
    return batch_id, work(service, batch_id, "u-maria", request.concurrency)


def test_a_batch_runs_each_selected_account_once_and_skips_empty_ones(service: RecapService) -> None:
    batch_id, started = run_batch(service, BatchRequest(owner="u-maria", concurrency=2))
    batch = view(service, batch_id)
    assert started == 3 and batch.finished and batch.skipped == ["acc-empty"]
    assert sorted(i.account_id for i in batch.items) == ["acc-b", "acc-c", "acc-northwind"]
    assert {i.state for i in batch.items} == {"awaiting_review"}
    assert all(i.run_id and "unresolved_customer_issue" in i.stop_reasons for i in batch.items)
    assert service.runs.counts(None)["batch_created"] == 1


def test_a_second_identical_batch_starts_nothing_and_says_so(service: RecapService) -> None:
    first_id, _ = run_batch(service, BatchRequest(all=True))
    first = {i.account_id: i.run_id for i in view(service, first_id).items}
    again_id, started = run_batch(service, BatchRequest(all=True))
    again = view(service, again_id, started_now=started)
    assert started == 0 and again.started_now == 0
    assert {i.account_id: i.run_id for i in again.items} == first
    assert {i.state for i in again.items} == {"existing"}


def test_a_reload_makes_the_next_batch_draft_that_account_again(service: RecapService, example_bundle: dict) -> None:
    run_batch(service, BatchRequest(account_ids=["acc-northwind", "acc-b"]))
    service.load_bundle(example_bundle)  # a new data version of acc-northwind only
    batch_id, started = run_batch(service, BatchRequest(account_ids=["acc-northwind", "acc-b"]))
    states = {i.account_id: i.state for i in view(service, batch_id).items}
    assert started == 1 and states == {"acc-northwind": "awaiting_review", "acc-b": "existing"}


def test_renewing_within_selects_by_renewal_date(service: RecapService) -> None:
    batch_id, _ = run_batch(service, BatchRequest(renewing_within_days=150))  # as of 2026-11-23
    assert sorted(i.account_id for i in view(service, batch_id).items) == ["acc-b", "acc-northwind", "acc-o"]


def test_an_interrupted_batch_continues_where_it_stopped(service: RecapService) -> None:
    request = BatchRequest(owner="u-maria", concurrency=1)
    batch_id, created = open_batch(service, request, "u-maria")
    stop = threading.Event()
    assert created and work(service, batch_id, "u-maria", 1, stop, progress=lambda item: stop.set()) == 1
    halfway = view(service, batch_id)
    assert not halfway.finished and halfway.counts == {"awaiting_review": 1, "queued": 2}
    again, created = open_batch(service, request, "u-maria")
    assert again == batch_id and not created
    assert work(service, batch_id, "u-maria", 1) == 2 and view(service, batch_id).finished


def test_unknown_accounts_are_named(service: RecapService) -> None:
    with pytest.raises(UnknownAccount, match="acc-nope"):
        open_batch(service, BatchRequest(account_ids=["acc-b", "acc-nope"]), "u-maria")


def test_the_diff_shows_changed_claims_and_moved_kpis(service: RecapService, example_bundle: dict) -> None:
    first = service.start_run("acc-northwind", "u-maria")
    assert service.resume(first.run_id, Decision(decision="approve"), "u-maria").status == "approved"
    assert since_last_approved(service, first.run_id).previous_run_id is None
    moved = copy.deepcopy(example_bundle)
    kpi = next(k for k in moved["objective_kpis"] if k["id"] == "kpi-nw-3")
    kpi.update(current=400, status="On Track")
    service.load_bundle(moved)
    second = service.start_run("acc-northwind", "u-maria")
    diff = since_last_approved(service, second.run_id)
    assert diff.previous_run_id == first.run_id
    assert [(k.kpi_id, k.previous_current, k.current, k.status) for k in diff.kpis] == [
        ("kpi-nw-3", 850, 400, "On Track")
    ]
    changed = [c for changes in diff.sections.values() for c in changes]
    assert changed and all(c.change in ("new", "changed", "gone") for c in changed)
    assert any("400" in c.text for c in changed if c.change in ("new", "changed"))
