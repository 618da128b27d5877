"""Small helpers shared by the test suites."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Iterator
from pathlib import Path

from qrpin_gui.log import init_logging


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


class LogCapture(logging.Handler):
    """Every record, rendered with its traceback, from any logger."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []
        self.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


@contextlib.contextmanager
def app_logging_captured(log_file: Path) -> Iterator[LogCapture]:
    """The app's DEBUG logging into ``log_file``, plus a capture of every line from the root
    and uvicorn loggers (which do not propagate); undone afterwards."""
    init_logging(log_file, debug=True, console=False)
    capture = LogCapture()
    root = logging.getLogger()
    loggers = [
        root,
        *(logging.getLogger(n) for n in ("uvicorn", "uvicorn.error", "uvicorn.access")),
    ]
    for logger in loggers:
        logger.addHandler(capture)
    try:
        yield capture
    finally:
        for logger in loggers:
            logger.removeHandler(capture)
        for handler in list(root.handlers):
            if getattr(handler, "_qrpin", False):
                root.removeHandler(handler)
                handler.close()
        root.setLevel(logging.WARNING)
