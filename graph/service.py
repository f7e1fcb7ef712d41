"""The recap service: start runs, take the owner's decisions, replay, verify, count events.

The CLI and the HTTP API are thin layers over this class. It keeps each run's status in its own
table (never inferred from the graph), serialises decisions per run with a compare-and-set, and
logs measurement events with keys that make each one count once.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from langgraph.types import Command

from graph.decisions import check_decision, reverify
from graph.fast_reads import read_run, read_run_page
from graph.freshness import run_view
from graph.invoke import guarded, invoke
from graph.listing import run_page
from graph.runtime import graph_for, readable_state, thread_config
from graph.views import ParsedValues, parse_values, status_update
from nodes.context import BundleCache, Judge, RecapContext
from nodes.gather_inputs import require_records
from state.errors import RecapError, RunStateUnreadable, StaleRun, StorageError, UnknownAccount, WrongRunState
from state.inbox import RunPage
from state.recap import Claim, Recap
from state.records import RunRecord, Versions, versions
from state.run import ClaimInput, Decision, RunView, VerifyResult
from tools.db import db_errors, is_postgres, pool_size, read_snapshot, thread_connection
from tools.drafting.base import Drafter
from tools.drafting.factory import make_drafter, make_judge
from tools.events import created_events, decision_events
from tools.run_views import create_views, save_view
from tools.runs import RunStore, new_run_id, now
from tools.settings import Settings
from tools.snapshots import SnapshotStore, kpi_values
from tools.store import AccountStore, LoadResult
from tools.verify import verify_claim

log = logging.getLogger("recap")


class RecapService:
    """Everything users can do with runs, over one SQLite file."""

    def __init__(self, settings: Settings, drafter: Drafter | None = None, judge: Judge | None = None) -> None:
        self.settings = settings
        pool_size(settings.pg_pool_size)
        self.store = AccountStore(settings.db)
        self.runs = RunStore(settings.db)
        create_views(settings.db)
        self.snapshots = SnapshotStore(settings.db)
        self._drafter = drafter
        self.judge = judge if judge is not None else make_judge(settings)

    @property
    def drafter(self) -> Drafter:
        """Build the configured drafter on first use (not at start-up)."""
        if self._drafter is None:
            self._drafter = make_drafter(self.settings)
        return self._drafter

    def _context(self) -> RecapContext:
        return RecapContext(
            records=BundleCache(self.store),
            drafter=self.drafter,
            judge=self.judge,
            progress_threshold=self.settings.progress_threshold,
            max_achievements=self.settings.max_achievements,
            claim_limits=self.settings.claim_limits,
        )

    def graph(self):  # noqa: ANN202 - a compiled graph
        """Return this thread's compiled graph over the run store."""
        return graph_for(self.settings.db)

    def as_of(self) -> str:
        """Return the date recaps are written as of."""
        return self.settings.as_of or dt.date.today().isoformat()

    # --- accounts -------------------------------------------------------------------------
    def load_bundle(self, raw: Any, where: str = "") -> LoadResult:
        """Validate and load one bundle (an upsert of the whole account)."""
        return self.store.load(raw, where)

    def verify(self, account_id: str, claims: list[ClaimInput]) -> list[VerifyResult]:
        """Verify claims against an account's records without a run."""
        bundle = self.store.bundle(account_id)
        out = []
        for item in claims:
            claim = verify_claim(Claim(**item.model_dump()), bundle, threshold=self.settings.progress_threshold)
            out.append(
                VerifyResult(
                    id=claim.id,
                    verdict=claim.verdict,
                    supported=claim.supported,
                    reasons=claim.reasons,
                    flags=claim.flags,
                )
            )
        return out

    # --- runs ------------------------------------------------------------------------------
    def start_run(self, account_id: str, actor: str, idempotency_key: str | None = None) -> RunView:
        """Start a run and take it to the owner-review pause (or a refusal)."""
        owner = self.store.owner(account_id)
        require_records(account_id, self.store.record_count(account_id))
        if idempotency_key:
            held = self.runs.idempotent_run(actor, idempotency_key)
            if held is not None:
                return self.get_run(held[1])
        self.drafter.preflight()
        key = (actor, idempotency_key) if idempotency_key else None
        fresh, as_of = new_run_id(), self.as_of()
        run_id = self.runs.create(
            fresh, account_id, owner, actor, as_of, key=key, data_version=self.store.data_version(account_id)
        )
        if run_id != fresh:
            return self.get_run(run_id)  # a repeated key raced us: the run the first request started
        payload = {"run_id": run_id, "account_id": account_id, "as_of": as_of}
        try:
            self.snapshots.save_kpis(run_id, kpi_values(self.store.kpis(account_id)))
            if self.settings.run_in_workers:
                from graph.workers import enqueue  # a worker process takes it from the queue

                enqueue(self.settings, run_id)
                return self.get_run(run_id)
            return self.advance(run_id, payload)
        except StorageError:
            self._forget(run_id)
            raise

    def advance(
        self, run_id: str, payload: Any, checkpoint_id: str | None = None, restore: str | None = None
    ) -> RunView:
        """Run the graph forward from `payload` until it pauses or ends, then record the outcome.

        A storage failure (read-only, disk full, I/O error) does not fail the run: it is put back in
        `restore` (when given) and the storage error is raised, so the caller can retry later.
        """
        db = self.settings.db

        def step() -> None:  # the context too is built inside the guard: a drafter that fails to build fails the run
            invoke(self.graph, db, run_id, payload, checkpoint_id, self._context())

        guarded(self.runs, db, run_id, step, restore)
        return self._record(run_id)

    def _forget(self, run_id: str) -> None:
        """Best effort: remove a new run that storage never let us save whole (recovery finishes it otherwise)."""
        with contextlib.suppress(RecapError, sqlite3.Error, *db_errors()):
            self.runs.delete(run_id)
        with contextlib.suppress(RecapError, sqlite3.Error, *db_errors()):
            self.graph().checkpointer.delete_thread(run_id)

    def _state(self, run_id: str) -> Any:
        """Return the run's latest graph snapshot; RunStateUnreadable when its checkpoint cannot be read."""
        with readable_state(run_id):
            return self.graph().get_state(thread_config(run_id))

    def _record(self, run_id: str) -> RunView:
        """Write path: bring the run's status and events up to date with its latest checkpoint."""
        run = self.runs.get(run_id)
        snapshot = self._state(run_id)
        values = snapshot.values or {}
        update = status_update(snapshot, values) if run.status == "running" else {}
        parsed = parse_values(run_id, values)  # once: the events and the view read the same draft
        # The events first: whoever sees the run paused or decided also sees them (they are keyed, so a retry
        # after a failure between the two writes logs nothing twice).
        if update.get("status", run.status) in ("awaiting_review", "approved", "rejected"):
            self.runs.log_events(created_events(run, parsed.recap) + decision_events(run, values, parsed.recap))
        if update:
            self.runs.update(run_id, **update)
            run = self.runs.get(run_id)  # re-read: the store also stamped updated_at
        save_view(self.settings.db, run_id, run.updated_at, values)  # reads then need no graph
        return self._view(run, values, parsed)

    def _view(self, run: RunRecord, values: dict[str, Any], parsed: ParsedValues | None = None) -> RunView:
        parsed = parsed or parse_values(run.run_id, values)
        current = self._current_version(run.account_id)
        return run_view(run, values, parsed, current, self.store, self.settings.progress_threshold)

    def _current_version(self, account_id: str) -> int | None:
        try:
            return self.store.data_version(account_id)
        except UnknownAccount:
            return None

    def get_run(self, run_id: str) -> RunView:
        """Return the run with its current draft or final recap (UnknownRun when there is none); writes nothing.

        The run's row, its latest checkpoint and its account's data version are read in one snapshot.
        """
        fast = read_run(self.settings.db, run_id)  # the view its last write recorded, when it is current
        if fast is not None:
            return fast
        self.graph()  # before the snapshot: the first use on a thread may set up the checkpoint tables
        with self._one_snapshot():
            run = self.runs.get(run_id)
            return self._view(run, self._state(run_id).values or {})

    def _one_snapshot(self) -> contextlib.AbstractContextManager[Any]:
        """Read in one transaction on SQLite (stores and checkpoints share this thread's connection).

        On PostgreSQL the checkpoints come from their own pool: each store read is its own snapshot there.
        """
        if is_postgres(self.settings.db):
            return contextlib.nullcontext()
        return read_snapshot(thread_connection(self.settings.db))

    def run_account(self, run_id: str) -> str:
        """Return the account a run belongs to (UnknownRun when there is no such run)."""
        return self.runs.get(run_id).account_id

    def resume(self, run_id: str, decision: Decision, actor: str, seen_updated_at: str | None = None) -> RunView:
        """Apply the owner's decision; only one decision per paused run proceeds at a time.

        On an outdated run (its account was reloaded since the draft was verified) the draft is first
        verified again against the current records, and approval is refused while claims are unsupported.
        With `seen_updated_at` (the run's `updated_at` when the caller loaded it), a run that changed
        since is refused with StaleRun instead of being decided on a draft the caller never saw.
        """
        run = self.runs.get(run_id)
        if run.status != "awaiting_review":
            raise WrongRunState(f"run '{run_id}' is {run.status}, not awaiting review")
        if seen_updated_at is not None and run.updated_at != seen_updated_at:
            raise StaleRun()
        if not self._unverified(run).unverified:
            self._check_decision(run, decision)  # refuse a bad decision before touching the run
        if not self.runs.claim_for_decision(run_id, seen_updated_at):
            if seen_updated_at is not None:
                raise StaleRun()
            raise WrongRunState(f"run '{run_id}' is no longer awaiting review: another decision came first")
        try:  # again, now that the run is ours: the draft or the account may have changed since
            stale = self._unverified(run)
            if stale.unverified:
                reverify(self.graph(), run, self._state(run_id).values or {}, self._context())
            self._check_decision(run, decision, stale if stale.unverified else None)
        except Exception:
            with contextlib.suppress(RecapError):
                self.runs.update(run_id, status="awaiting_review")
            raise
        resume = {"decision": decision.model_dump(mode="json"), "actor": actor, "at": now()}
        return self.advance(run_id, Command(resume=resume), restore="awaiting_review")

    def _unverified(self, run: RunRecord) -> Versions:
        values = self._state(run.run_id).values or {}
        return versions(run, values, self._current_version(run.account_id))

    def _check_decision(self, run: RunRecord, decision: Decision, stale: Versions | None = None) -> None:
        recap = Recap.model_validate(self._state(run.run_id).values["recap"])
        check_decision(recap, decision, run.account_id, stale)

    def list_runs(
        self,
        statuses: list[str] | None = None,
        account_id: str | None = None,
        owner: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> RunPage:
        """Return runs newest first, filtered by status, account and the account's owner, one page at a time."""
        fast = read_run_page(self.settings.db, statuses, account_id, owner, limit, offset)
        if fast is not None:  # every listed run's last write recorded its view
            return fast
        rows = self.runs.list_runs(statuses, account_id, owner, limit + 1, offset)
        return run_page(self.graph(), rows, limit, offset)

    def metrics(self, account_ids: list[str] | None) -> dict[str, dict[str, int]]:
        """Return event counts over the given accounts (None: every account)."""
        return {"counts": self.runs.counts(account_ids)}

    def recover(self, before: str | None = None) -> Recovery:
        """Carry runs left `running` by a dead process to their next pause, or mark them failed.

        With `before`, only runs last updated before then: later ones belong to live server processes.

        A run whose saved state cannot be read is reported and left as it is; recovery goes on.
        """
        report = Recovery()
        for run_id in self.runs.in_status("running", before=before):
            try:
                self._recover_one(run_id)
            except RunStateUnreadable as exc:
                log.error("recovery skipped run %s: %s", run_id, exc.message)
                report.unreadable.append(run_id)
                continue
            except StorageError as exc:  # e.g. a read-only store: serve reads, recover when writable
                log.error("recovery deferred run %s: %s", run_id, exc.message)
                report.deferred.append(run_id)
                continue
            report.recovered.append(run_id)
        return report

    def _recover_one(self, run_id: str) -> None:
        run = self.runs.get(run_id)
        snapshot = self._state(run_id)
        if snapshot.interrupts or snapshot.values.get("status") in ("approved", "rejected"):
            self._record(run_id)
        elif not snapshot.values:
            self.advance(run_id, {"run_id": run_id, "account_id": run.account_id, "as_of": run.as_of})
        else:
            self.advance(run_id, None)


@dataclass
class Recovery:
    """What start-up recovery did: runs carried on, runs with unreadable state, runs it could not write."""

    recovered: list[str] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)
    deferred: list[str] = field(default_factory=list)
