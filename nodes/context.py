"""Run-scoped dependencies, passed to the graph as its context (never read from globals)."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Protocol

from state.bundle import Bundle
from state.recap import Claim
from tools.drafting.base import Drafter
from tools.store import AccountStore


class Judge(Protocol):
    """Looks at one claim and its cited records; may only add doubt."""

    def judge(self, claim: Claim, cited_records: list[dict]) -> str | None:
        """Return a reason to doubt the claim, or None."""
        ...


@dataclass
class BundleCache:
    """Reads each account's records once per graph invocation, shared by parallel branches."""

    store: AccountStore
    _bundles: dict[str, Bundle] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def get(self, account_id: str) -> Bundle:
        """Return the account's records, loading them on first use."""
        with self._lock:
            if account_id not in self._bundles:
                self._bundles[account_id] = self.store.bundle(account_id)
            return self._bundles[account_id]


@dataclass(frozen=True)
class RecapContext:
    """What the nodes need: records, drafter, optional judge and the rule thresholds."""

    records: BundleCache
    drafter: Drafter
    judge: Judge | None = None
    progress_threshold: float = 0.5
    max_achievements: int = 5
    draft_attempts: int = 3
