"""Run-scoped dependencies, passed to the graph as its context (never read from globals)."""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass, field
from typing import Protocol

from state.bundle import Bundle
from state.evidence import EvidencePack
from state.recap import Claim
from tools.drafting.base import Drafter
from tools.evidence import build_evidence
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
    _bundles: dict[str, Bundle] = field(default_factory=dict)
    _packs: dict[tuple[str, str, float], EvidencePack] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def get(self, account_id: str) -> Bundle:
        """Return the account's records, loading them on first use."""
        with self._lock:
            if account_id not in self._bundles:
                self._bundles[account_id] = self.store.bundle(account_id)
            return self._bundles[account_id]

    def pack(self, account_id: str, as_of: str, threshold: float) -> EvidencePack:
        """Return the evidence pack, built once per invocation (it is a pure function of the records)."""
        key = (account_id, as_of, threshold)
        bundle = self.get(account_id)
        with self._lock:
            if key not in self._packs:
                self._packs[key] = build_evidence(bundle, dt.date.fromisoformat(as_of), threshold)
            return self._packs[key]


@dataclass(frozen=True)
class RecapContext:
    """What the nodes need: records, drafter, optional judge and the rule thresholds."""

    records: BundleCache
    drafter: Drafter
    judge: Judge | None = None
    progress_threshold: float = 0.5
    max_achievements: int = 5
    claim_limits: dict[str, int] | None = None  # None: the defaults of tools.drafting.bound
    draft_attempts: int = 3
