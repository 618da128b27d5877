"""Keep Python's full garbage collections out of a roster sync.

A 10,000-person sync leaves some 100,000 long-lived objects (rows, users, methods). CPython
runs a full (oldest-generation) collection whenever the survivors grew by a quarter, and
that collection walks every tracked object in the process: 40-60 ms on a desktop, with the
GUI thread frozen, several times while the table fills.

:func:`full_collections_postponed` lets the young generations be collected as usual (they
catch nearly all short-lived cycles: futures, tracebacks) but postpones full collections
while a sync streams in. At the end the survivors are frozen (``gc.freeze``): the roster is
long-lived, so later full collections no longer walk it. Frozen objects are still freed by
reference counting (a roster replaced by the next sync goes away as usual); only cycles that
reached the oldest generation during the sync, a few dozen objects, are kept until exit.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

_POSTPONED = 1_000_000_000
"""Oldest-generation threshold that no sync reaches."""

_depth = 0
_saved: tuple[int, int, int] | None = None


@contextlib.contextmanager
def full_collections_postponed() -> Iterator[None]:
    """Within the block no full collection runs; on leaving the outermost block the objects
    that survived are frozen and the previous thresholds are back. Re-entrant."""
    global _depth, _saved
    if _depth == 0:
        _saved = gc.get_threshold()
        young, middle, _oldest = _saved
        if young:  # a threshold of 0 means automatic collection is off: leave it so
            gc.set_threshold(young, middle, _POSTPONED)
    _depth += 1
    try:
        yield
    finally:
        _depth -= 1
        if _depth == 0 and _saved is not None:
            gc.freeze()
            gc.set_threshold(*_saved)
            _saved = None
