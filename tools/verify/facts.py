"""What every claim of one account is checked against, worked out once per bundle and reused across claims."""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable
from functools import cached_property
from typing import Any, TypeVar

from state.bundle import Bundle, Feedback, Record
from tools.verify.text import normalise, text_fields

T = TypeVar("T")
_ENTITY_FIELDS = ("name", "title", "subject")
_CACHE_SIZE = 8
_SEP = "\x00"  # joins texts; no name a claim can state contains it, so a name never spans two texts


class AccountFacts:
    """Per-bundle lookups: the id index, names of things, every record's prose, feedback by permission."""

    def __init__(self, bundle: Bundle) -> None:
        self.index: dict[str, tuple[str, Record]] = bundle.index()
        self.id_set: frozenset[str] = frozenset(self.index)
        self._texts: dict[str, tuple[tuple[str, str], ...]] = {}
        self._normalised: dict[str, tuple[str, ...]] = {}
        self._memo: dict[tuple[str, str], Any] = {}
        # (feedback, normalised comment) for every feedback record with a comment, in bundle order
        self.feedback_comments: tuple[tuple[Feedback, str], ...] = tuple(
            (f, normalise(f.comment)) for f in bundle.feedback if f.comment
        )

    def texts(self, record_id: str) -> tuple[tuple[str, str], ...]:
        """Return (field, text) for every prose field of one record of the index."""
        found = self._texts.get(record_id)
        if found is None:
            found = self._texts[record_id] = tuple(text_fields(self.index[record_id][1]))
        return found

    def normalised_texts(self, record_id: str) -> tuple[str, ...]:
        """Return every prose field of one record, normalised for quote matching."""
        found = self._normalised.get(record_id)
        if found is None:
            found = self._normalised[record_id] = tuple(normalise(text) for _, text in self.texts(record_id))
        return found

    def memo(self, rule: str, record_id: str, compute: Callable[[], T]) -> T:
        """Return what `compute` gives for one record under a rule's name, computing it once per bundle."""
        key = (rule, record_id)
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    @cached_property
    def entity_names(self) -> str:
        """Return the names of things, not people (account, plans, objectives, tasks, risks), joined by _SEP."""
        names = []
        for kind, record in self.index.values():
            if kind == "contacts":
                continue
            extra = record.__pydantic_extra__ or {}
            for field in _ENTITY_FIELDS:
                value = record.__dict__.get(field, extra.get(field))  # a declared field, else an extra one
                if isinstance(value, str) and value.strip():
                    names.append(value)
        return _SEP.join(names)

    @cached_property
    def all_text(self) -> str:
        """Return the prose of every record of the account, fields joined by _SEP."""
        return _SEP.join(text for record_id in self.index for _, text in self.texts(record_id))


_cache: OrderedDict[int, tuple[weakref.ref[Bundle], AccountFacts]] = OrderedDict()
_collected: list[int] = []  # ids of bundles garbage-collected since the last call (appending is GC-safe)
_lock = threading.Lock()


def account_facts(bundle: Bundle) -> AccountFacts:
    """Return the facts of this bundle object, built on first use and kept while it is among the latest few."""
    key = id(bundle)
    with _lock:
        _drop_collected()
        entry = _cache.get(key)
        if entry is not None and entry[0]() is bundle:
            _cache.move_to_end(key)
            return entry[1]
    facts = AccountFacts(bundle)  # built outside the lock; two threads may both build it, harmlessly
    with _lock:
        _cache[key] = (weakref.ref(bundle, lambda _ref: _collected.append(key)), facts)
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return facts


def _drop_collected() -> None:
    """Forget the facts of bundles that no longer exist (an id may since belong to a new bundle)."""
    while _collected:
        key = _collected.pop()
        entry = _cache.get(key)
        if entry is not None and entry[0]() is None:
            del _cache[key]
