"""One bound on model calls for the whole process: calls in flight, calls per minute, and a pause after a 429.

A batch runs many recaps at once; OpenAI-compatible servers rate-limit, so every LLM call, whichever run makes
it, takes a slot here first. The graph's RetryPolicy retries the call that got the 429.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager

MAX_PAUSE = 60.0


class CallLimiter:
    """A semaphore for concurrency, a sliding one-minute window for the rate, and a shared cool-down."""

    def __init__(
        self,
        concurrency: int = 8,
        per_minute: int = 0,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.concurrency, self.per_minute = concurrency, per_minute
        self._slots = threading.BoundedSemaphore(concurrency)
        self._lock = threading.Lock()
        self._starts: deque[float] = deque()
        self._paused_until = 0.0
        self._clock, self._sleep = clock, sleep

    @contextmanager
    def slot(self) -> Iterator[None]:
        """Hold one call slot: wait for a free slot, the rate window and any cool-down first."""
        with self._slots:
            while (wait := self._wait()) > 0:
                self._sleep(wait)
            yield

    def _wait(self) -> float:
        """Return how long to wait before starting a call; 0 means go (and the start is counted)."""
        with self._lock:
            now = self._clock()
            if now < self._paused_until:
                return self._paused_until - now
            while self._starts and self._starts[0] <= now - 60.0:
                self._starts.popleft()
            if self.per_minute and len(self._starts) >= self.per_minute:
                return self._starts[0] + 60.0 - now
            self._starts.append(now)
            return 0.0

    def back_off(self, seconds: float | None, attempt: int = 1) -> float:
        """Pause every caller after a 429: `Retry-After` when the server gave one, else 1, 2, 4 ... seconds."""
        pause = min(MAX_PAUSE, seconds if seconds and seconds > 0 else 2.0 ** max(0, attempt - 1))
        with self._lock:
            self._paused_until = max(self._paused_until, self._clock() + pause)
        return pause


_limiter = CallLimiter()
_config_lock = threading.Lock()


def configure(concurrency: int, per_minute: int) -> CallLimiter:
    """Set the process-wide bounds (a new limiter when they change); return it."""
    global _limiter
    with _config_lock:
        if (_limiter.concurrency, _limiter.per_minute) != (concurrency, per_minute):
            _limiter = CallLimiter(concurrency, per_minute)
        return _limiter


def limiter() -> CallLimiter:
    """Return the process-wide limiter."""
    return _limiter
