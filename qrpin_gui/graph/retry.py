"""Retry policy: how often and how long the client retries, and how long it waits.

``Retry-After`` is honoured in both forms HTTP allows (delay seconds, which Graph sends with a
fraction such as ``2.128``, or an HTTP date); without it the wait is exponential with full
jitter. Every retry loop is bounded by a number of attempts and by total time.
"""

from __future__ import annotations

import email.utils
import math
import random
import time
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """Bounds for the client's retries.

    - ``max_attempts``: attempts per request while the service answers 429/503 (including
      the first attempt).
    - ``max_transient_attempts``: attempts of a read whose answer was lost, mangled or a
      500/502/504.
    - ``max_connect_attempts``: attempts while no connection can be made at all (kept small so
      "offline" shows quickly).
    - ``max_total_seconds``: no retry starts (and no wait is begun) that would end after this
      much time since the first attempt.
    - ``base_delay`` / ``max_delay``: exponential backoff with full jitter when the service gave
      no ``Retry-After``.
    - ``max_retry_after``: the longest single ``Retry-After`` the client is willing to sleep; a
      longer one gives up at once with a throttled error carrying that value.
    """

    max_attempts: int = 6
    max_transient_attempts: int = 3
    max_connect_attempts: int = 2
    max_total_seconds: float = 120.0
    base_delay: float = 0.5
    max_delay: float = 30.0
    max_retry_after: float = 300.0

    def backoff(self, attempt: int, rng: random.Random | None = None) -> float:
        """Delay before retry number ``attempt`` (1 for the first retry), full jitter."""
        ceiling = min(self.max_delay, self.base_delay * (2 ** max(0, attempt - 1)))
        return (rng or random).uniform(ceiling / 2, ceiling)


def parse_retry_after(value: str | None, *, now: float | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` value, or None when absent or unreadable.

    Accepts delay seconds (``"7"``, ``"2.128"``) and HTTP dates
    (``"Wed, 21 Oct 2026 07:28:00 GMT"``). Negative or past values give 0.
    """
    if value is None:
        return None
    text = value.strip()
    if not text:
        return None
    try:
        seconds = float(text)
    except ValueError:
        pass
    else:
        if math.isnan(seconds) or math.isinf(seconds):
            return None
        return max(0.0, seconds)
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    current = time.time() if now is None else now
    return max(0.0, when.timestamp() - current)


def retry_after_from_headers(headers: Mapping[str, str] | None) -> float | None:
    """``Retry-After`` from a header mapping matched case-insensitively (batch items use
    whatever casing the service chose)."""
    if not headers:
        return None
    for key, value in headers.items():
        if key.lower() == "retry-after":
            return parse_retry_after(str(value))
    return None
