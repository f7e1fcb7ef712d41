"""Run-scoped dependencies, passed to the graph as its context (never read from globals)."""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass, field
from typing import Any, Protocol

from state.bundle import Bundle
from state.evidence import EvidencePack
from state.recap import Claim
from tools.drafting.base import Drafter
from tools.drafting.factory import make_drafter
from tools.evidence import build_evidence
from tools.settings import load_settings
from tools.store import AccountStore


class Judge(Protocol):
    """Looks at one claim and its cited records; may only add doubt."""

    def judge(self, claim: Claim, cited_records: list[dict]) -> str | None:
        """Return a reason to doubt the claim, or None."""
        ...


@dataclass
class BundleCache:
    """Reads each account's records (and builds its evidence pack) once per graph invocation."""

    store: AccountStore
    _bundles: dict[str, tuple[Bundle, int]] = field(default_factory=dict)
    _packs: dict[tuple[str, str, float], EvidencePack] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def get(self, account_id: str) -> Bundle:
        """Return the account's records, loading them on first use."""
        return self._snapshot(account_id)[0]

    def version(self, account_id: str) -> int:
        """Return the data version of the records `get` returns (read in the same snapshot)."""
        return self._snapshot(account_id)[1]

    def _snapshot(self, account_id: str) -> tuple[Bundle, int]:
        with self._lock:
            if account_id not in self._bundles:
                self._bundles[account_id] = self.store.snapshot(account_id)
            return self._bundles[account_id]

    def pack(self, account_id: str, as_of: str, threshold: float) -> EvidencePack:
        """Return the evidence pack, built once per invocation (it is a pure function of the records)."""
        key = (account_id, as_of, threshold)
        bundle = self.get(account_id)
        with self._lock:
            if key not in self._packs:
                self._packs[key] = build_evidence(bundle, dt.date.fromisoformat(as_of), threshold)
            return self._packs[key]


DRAFT_ATTEMPTS = 3  # tries of one part before the offline fallback; the graph's RetryPolicy allows as many


def default_records() -> BundleCache:
    """Return a record cache over the store the settings name (RECAP_DB, else ./recap.db)."""
    return BundleCache(AccountStore(load_settings().db))


def default_drafter() -> Drafter:
    """Return the drafter the settings name (RECAP_LLM; the offline drafter by default)."""
    return make_drafter(load_settings())


def _threshold() -> float:
    return load_settings().progress_threshold


def _max_achievements() -> int:
    return load_settings().max_achievements


@dataclass(frozen=True)
class RecapContext:
    """What the nodes need: records, drafter, optional judge and the rule thresholds.

    The service always passes one built from its settings. Every field also has a working default
    read from the settings when the context is built, so `langgraph dev` (which builds the context
    from whatever the caller sent, often nothing) runs the graph too.
    """

    records: BundleCache = field(default_factory=default_records)
    drafter: Drafter = field(default_factory=default_drafter)
    judge: Judge | None = None
    progress_threshold: float = field(default_factory=_threshold)
    max_achievements: int = field(default_factory=_max_achievements)
    claim_limits: dict[str, int] | None = None  # None: the defaults of tools.drafting.bound
    draft_attempts: int = DRAFT_ATTEMPTS


def context_of(runtime: Any) -> RecapContext:
    """Return the run's context, or one with the defaults when the caller supplied none."""
    ctx = runtime.context
    return ctx if isinstance(ctx, RecapContext) else RecapContext()
