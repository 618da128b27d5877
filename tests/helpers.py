"""Small helpers shared by the test suites."""

from __future__ import annotations

import asyncio
from collections.abc import Callable


async def wait_until(
    predicate: Callable[[], object],
    timeout: float = 5.0,  # noqa: ASYNC109 - a polling deadline, not an I/O timeout
    step: float = 0.01,
) -> None:
    """Poll ``predicate`` on the running loop (never qtbot's blocking waits inside async tests)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():
        if loop.time() > deadline:
            raise TimeoutError(f"condition not met within {timeout} s")
        await asyncio.sleep(step)
