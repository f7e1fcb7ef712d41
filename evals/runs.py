"""Run each eval account through the real service (graph, checkpointer, verifier) up to the owner's review."""

from __future__ import annotations

import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from evals.accounts import EvalAccount
from evals.config import AS_OF, MAX_ACHIEVEMENTS, PROGRESS_THRESHOLD
from state.errors import RecapError
from state.run import RunView

os.environ.setdefault("LANGGRAPH_STRICT_MSGPACK", "true")  # before langgraph is imported below


@dataclass
class RunResult:
    """One account's run: the view the owner would see, or why it could not start."""

    account: EvalAccount
    view: RunView | None
    refusal: str | None
    seconds: float


def service_for(db: Path, llm: str):  # noqa: ANN201 - RecapService, imported late (it pulls in langgraph)
    """Return a RecapService on `db` writing recaps as of the eval date with the given drafter."""
    from graph.service import RecapService
    from tools.settings import Settings

    settings = Settings(
        db=str(db),
        as_of=AS_OF.isoformat(),
        llm=llm,
        progress_threshold=PROGRESS_THRESHOLD,
        max_achievements=MAX_ACHIEVEMENTS,
    )
    return RecapService(settings)


def run_one(service, account: EvalAccount) -> RunResult:  # noqa: ANN001 - RecapService
    """Load the account and start a run as its owner; a refusal (no records) is a result, not an error."""
    started = time.perf_counter()
    service.load_bundle(account.bundle)
    try:
        view = service.start_run(account.id, actor=account.bundle["account"]["owner"])
    except RecapError as exc:
        return RunResult(account, None, exc.message, time.perf_counter() - started)
    return RunResult(account, view, None, time.perf_counter() - started)


def run_accounts(accounts: list[EvalAccount], llm: str = "offline", workdir: Path | None = None) -> list[RunResult]:
    """Run every account in a fresh store and return the results in order."""
    with tempfile.TemporaryDirectory(prefix="recap-evals-", dir=workdir) as tmp:
        service = service_for(Path(tmp) / "evals.db", llm)
        return [run_one(service, account) for account in accounts]
