"""The recap service: start runs, take the owner's decisions, replay, verify, count events.

The CLI and the HTTP API are thin layers over this class. It keeps each run's status in its own
table (never inferred from the graph), serialises decisions per run with a compare-and-set, and
logs measurement events with keys that make each one count once.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from langgraph.types import Command

from graph.runtime import graph_for, thread_config
from nodes.context import BundleCache, Judge, RecapContext
from nodes.gather_inputs import require_records
from state.errors import ApprovalRefused, RecapError, WrongRunState
from state.recap import Claim, Recap, StopReason
from state.run import ClaimInput, Decision, DraftingInfo, RunView, VerifyResult
from tools.attestation import blocking_claims, describe, verdict_counts
from tools.db import pool_size
from tools.drafting.base import Drafter
from tools.drafting.factory import make_drafter, make_judge
from tools.edits import check_edits
from tools.events import created_events, decision_events
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
        return RecapContext(records=BundleCache(self.store), drafter=self.drafter, judge=self.judge,
                            progress_threshold=self.settings.progress_threshold,
                            max_achievements=self.settings.max_achievements,
                            claim_limits=self.settings.claim_limits)

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
            out.append(VerifyResult(id=claim.id, verdict=claim.verdict, supported=claim.supported,
                                    reasons=claim.reasons, flags=claim.flags))
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
        run_id = self.runs.create(fresh, account_id, owner, actor, as_of, key=key,
                                  data_version=self.store.data_version(account_id))
        if run_id != fresh:
            return self.get_run(run_id)  # a repeated key raced us: the run the first request started
        self.snapshots.save_kpis(run_id, kpi_values(self.store.kpis(account_id)))
        payload = {"run_id": run_id, "account_id": account_id, "as_of": as_of}
        if self.settings.run_in_workers:
            from graph.workers import enqueue  # a worker process takes it from the queue

            enqueue(self.settings, run_id)
            return self.get_run(run_id)
        return self.advance(run_id, payload)

    def advance(self, run_id: str, payload: Any, checkpoint_id: str | None = None) -> RunView:
        """Run the graph forward from `payload` until it pauses or ends, then record the outcome."""
        try:
            self.graph().invoke(payload, thread_config(run_id, checkpoint_id), context=self._context(),
                                 durability="sync")
        except RecapError as exc:
            self.runs.update(run_id, status="failed", failure=exc.message)
            log.warning("run %s failed: %s", run_id, exc.message)
        except Exception as exc:  # an unexpected bug: the run fails with a reason, the service goes on
            log.exception("run %s failed", run_id)
            self.runs.update(run_id, status="failed", failure=f"internal error: {type(exc).__name__}: {exc}")
        return self._sync(run_id)

    def _sync(self, run_id: str) -> RunView:
        """Bring the run's status and events up to date with its latest checkpoint."""
        run = self.runs.get(run_id)
        snapshot = self.graph().get_state(thread_config(run_id))
        values = snapshot.values or {}
        if run["status"] == "running":
            update = self._status_update(snapshot, values)
            if update:
                self.runs.update(run_id, **update)
                run = self.runs.get(run_id)  # re-read: the store also stamped updated_at
        if run["status"] in ("awaiting_review", "approved", "rejected"):
            self.runs.log_events(created_events(run, values) + decision_events(run, values))
        return self._view(run, values)

    def _status_update(self, snapshot: Any, values: dict[str, Any]) -> dict[str, Any]:
        drafting = values.get("drafting") or {}
        if snapshot.interrupts:
            return {"status": "awaiting_review", "drafting": drafting}
        if values.get("status") in ("approved", "rejected"):
            return {"status": values["status"], "decided_by": values.get("decided_by"),
                    "decided_at": values.get("decided_at"), "comment": values.get("comment"), "drafting": drafting}
        return {}

    def _view(self, run: dict[str, Any], values: dict[str, Any]) -> RunView:
        recap = values.get("recap")
        return RunView(
            run_id=run["run_id"], account_id=run["account_id"], owner=run["owner"], status=run["status"],
            stop_reasons=[StopReason.model_validate(r) for r in values.get("stop_reasons", [])],
            recap=Recap.model_validate(recap) if recap else None, created_at=run["created_at"],
            updated_at=run["updated_at"], as_of=run["as_of"], decided_by=run["decided_by"],
            decided_at=run["decided_at"], comment=run["comment"], failure=run["failure"],
            replayed_from=run["replayed_from"], drafting=DraftingInfo.model_validate(run["drafting"] or {}),
            data_version=None if run["data_version"] is None else int(run["data_version"]),
            outdated=self._outdated(run),
        )

    def _outdated(self, run: dict[str, Any]) -> bool:
        """Whether the account was reloaded since the run was drafted (runs from before versions: never)."""
        if run["data_version"] is None:
            return False
        try:
            return int(run["data_version"]) != self.store.data_version(run["account_id"])
        except RecapError:
            return False

    def get_run(self, run_id: str) -> RunView:
        """Return the run with its current draft or final recap (UnknownRun when there is none)."""
        return self._sync(run_id)

    def run_account(self, run_id: str) -> str:
        """Return the account a run belongs to (UnknownRun when there is no such run)."""
        return str(self.runs.get(run_id)["account_id"])

    def resume(self, run_id: str, decision: Decision, actor: str) -> RunView:
        """Apply the owner's decision; only one decision per paused run proceeds at a time."""
        run = self.runs.get(run_id)
        if run["status"] != "awaiting_review":
            raise WrongRunState(f"run '{run_id}' is {run['status']}, not awaiting review")
        self._check_decision(run_id, decision)  # refuse a bad decision before touching the run
        if not self.runs.claim_for_decision(run_id):
            raise WrongRunState(f"run '{run_id}' is no longer awaiting review: another decision came first")
        try:
            self._check_decision(run_id, decision)  # again: the draft may have changed since the first check
        except RecapError:
            self.runs.update(run_id, status="awaiting_review")
            raise
        resume = {"decision": decision.model_dump(mode="json"), "actor": actor, "at": now()}
        return self.advance(run_id, Command(resume=resume))

    def _check_decision(self, run_id: str, decision: Decision) -> None:
        recap = Recap.model_validate(self.graph().get_state(thread_config(run_id)).values["recap"])
        if decision.decision == "approve":
            bad = blocking_claims(recap.all_claims())
            if bad:
                raise ApprovalRefused([c.id for c in bad], [describe(c) for c in bad], verdict_counts(bad))
        if decision.decision == "edit" and decision.edits is not None:
            check_edits(recap, decision.edits)

    def metrics(self, account_ids: list[str] | None) -> dict[str, dict[str, int]]:
        """Return event counts over the given accounts (None: every account)."""
        return {"counts": self.runs.counts(account_ids)}

    def recover(self) -> list[str]:
        """Carry runs left `running` by a dead process to their next pause, or mark them failed."""
        recovered = []
        for run_id in self.runs.in_status("running"):
            run = self.runs.get(run_id)
            snapshot = self.graph().get_state(thread_config(run_id))
            if snapshot.interrupts or snapshot.values.get("status") in ("approved", "rejected"):
                self._sync(run_id)
            elif not snapshot.values:
                self.advance(run_id, {"run_id": run_id, "account_id": run["account_id"], "as_of": run["as_of"]})
            else:
                self.advance(run_id, None)
            recovered.append(run_id)
        return recovered
