"""Adaptive pacing for bulk status reads: AIMD on operations per second.

Before the service ever throttles, only the number of batches in flight limits the pace.
On the first 429 the pacer takes the success rate it actually saw over the last second as the
service's budget and goes slightly under it; afterwards every throttled answer (at most once
per round trip) multiplies the rate down, and every clean batch adds a little
(additive increase, multiplicative decrease). A ``Retry-After`` pauses all sending until it
has passed. Batch sizes follow the rate so that one batch never asks for much more than the
service refills in about half a second.
"""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SyncBudget:
    """The default budget of a roster sync (all of it configurable).

    - ``max_in_flight``: ``$batch`` requests outstanding at once.
    - ``batch_size``: requests per ``$batch`` (Graph allows at most 20).
    - ``initial_rate``: operations per second before any throttling (None: only
      ``max_in_flight`` limits the pace).
    - ``max_rate`` / ``min_rate``: bounds of the adaptive rate (operations per second).
    - ``decrease``: factor applied to the rate on throttling; ``increase_fraction``: the
      additive step per clean batch, as a fraction of the rate (at least 1 op/s).
    - ``batch_seconds``: a batch holds at most ``rate * batch_seconds`` operations.
    - ``max_item_attempts``: attempts per user while throttled (then "failed: throttled").
    - ``max_transient_attempts``: attempts per user after a 5xx, timeout or unreadable answer.
    """

    max_in_flight: int = 6
    batch_size: int = 20
    initial_rate: float | None = None
    max_rate: float | None = None
    min_rate: float = 0.5
    decrease: float = 0.85
    increase_fraction: float = 0.04
    batch_seconds: float = 0.5
    max_item_attempts: int = 10
    max_transient_attempts: int = 3


class AdaptivePacer:
    """Token bucket whose rate adapts to the service's 429s."""

    MEASURE_WINDOW = 1.0
    MIN_SPAN = 0.25

    def __init__(self, budget: SyncBudget, clock: Callable[[], float] = time.monotonic) -> None:
        self.budget = budget
        self._clock = clock
        self.rate: float | None = (
            budget.initial_rate if budget.initial_rate is not None else budget.max_rate
        )
        self._tokens = float(budget.batch_size)
        self._last = clock()
        self._started = self._last
        self.pause_until = 0.0
        self._last_decrease = -math.inf
        self._successes: deque[tuple[float, int]] = deque()
        self.throttle_events = 0

    # ------------------------------------------------------------------ sending

    def batch_size(self) -> int:
        """How many operations the next batch may hold."""
        size = self.budget.batch_size
        if self.rate is not None:
            size = min(size, max(1, int(self.rate * self.budget.batch_seconds)))
        return size

    def _refill(self, now: float) -> None:
        if self.rate is None:
            return
        capacity = max(float(self.batch_size()), self.rate * self.budget.batch_seconds)
        self._tokens = min(capacity, self._tokens + (now - self._last) * self.rate)
        self._last = now

    def wait_time(self, n: int) -> float:
        """Seconds until ``n`` operations may be sent (0: now)."""
        now = self._clock()
        pause = max(0.0, self.pause_until - now)
        if self.rate is None:
            return pause
        self._refill(now)
        missing = n - self._tokens
        return max(pause, missing / self.rate if missing > 0 else 0.0)

    def consume(self, n: int) -> float:
        """Take ``n`` operations; returns the send time to hand back with the answer."""
        now = self._clock()
        self._refill(now)
        if self.rate is not None:
            self._tokens -= n
        return now

    # ------------------------------------------------------------------ feedback

    def _measured_rate(self, now: float) -> float:
        """Operations answered per second over the last second (or since the start, when
        younger; at least a quarter second so that one early answer is no "rate")."""
        while self._successes and self._successes[0][0] < now - self.MEASURE_WINDOW:
            self._successes.popleft()
        span = max(self.MIN_SPAN, min(self.MEASURE_WINDOW, now - self._started))
        return sum(n for _, n in self._successes) / span

    def on_answer(self, sent_at: float, ok: int, throttled: int, retry_after: float | None) -> None:
        """Feedback from one answered batch sent at ``sent_at``: ``ok`` operations answered,
        ``throttled`` answered 429/503 with the longest ``retry_after`` among them."""
        now = self._clock()
        if ok:
            self._successes.append((now, ok))
        if throttled:
            self.throttle_events += 1
            if retry_after is not None:
                self.pause_until = max(self.pause_until, now + retry_after)
            if sent_at >= self._last_decrease:
                measured = self._measured_rate(now)
                if self.rate is None and measured <= 0:
                    # Nothing answered yet: no evidence of a budget, only of a pause.
                    return
                if self.rate is None:
                    base = measured
                else:
                    base = min(self.rate, measured) if measured > 0 else self.rate
                self.rate = max(self.budget.min_rate, base * self.budget.decrease)
                self._tokens = min(self._tokens, 0.0)
                self._last = now
                self._last_decrease = now
            return
        if self.rate is not None and ok:
            step = max(1.0, self.rate * self.budget.increase_fraction)
            self.rate += step
            if self.budget.max_rate is not None:
                self.rate = min(self.rate, self.budget.max_rate)
