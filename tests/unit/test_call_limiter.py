"""The process-wide bound on model calls: concurrency, calls per minute, and the pause after a 429."""

from __future__ import annotations

import threading

from tools.drafting.limits import MAX_PAUSE, CallLimiter


class FakeClock:
    """A clock that moves only when the limiter sleeps; records the sleeps."""

    def __init__(self) -> None:
        self.now, self.sleeps = 1000.0, []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(round(seconds, 3))
        self.now += seconds


def test_the_rate_window_makes_the_fourth_call_wait_for_the_first_to_age_out() -> None:
    clock = FakeClock()
    limiter = CallLimiter(concurrency=4, per_minute=3, clock=clock, sleep=clock.sleep)
    for _ in range(3):
        with limiter.slot():
            clock.now += 1.0
    with limiter.slot():
        pass
    assert clock.sleeps == [57.0]  # the first call started at t=1000, the fourth may start at t=1060


def test_a_429_pauses_every_caller_for_retry_after_or_exponentially() -> None:
    clock = FakeClock()
    limiter = CallLimiter(clock=clock, sleep=clock.sleep)
    assert limiter.back_off(7.0) == 7.0
    with limiter.slot():
        pass
    assert clock.sleeps == [7.0]
    assert limiter.back_off(None, attempt=3) == 4.0 and limiter.back_off(900.0) == MAX_PAUSE


def test_no_more_calls_than_the_concurrency_are_in_flight() -> None:
    limiter = CallLimiter(concurrency=2)
    inside, peak, lock, gate = [0], [0], threading.Lock(), threading.Event()

    def call() -> None:
        with limiter.slot():
            with lock:
                inside[0] += 1
                peak[0] = max(peak[0], inside[0])
            gate.wait(0.2)
            with lock:
                inside[0] -= 1

    threads = [threading.Thread(target=call) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert peak[0] == 2
