"""Logging: one redacting filter on every handler, a rotating file, a RAM tail for crash reports.

Secrets must never reach a log line. Code is written so that it never logs them; this filter is
the safety net for what libraries print (URLs with codes, bearer headers, JWTs, token fields,
PIN fields in JSON).
"""

from __future__ import annotations

import collections
import logging
import logging.handlers
import re
import sys
from collections.abc import Iterable
from pathlib import Path

REDACTED = "***"

_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    # Authorization headers and bearer tokens.
    (re.compile(r"(?i)(bearer\s+)[A-Za-z0-9._~+/=-]+"), r"\1" + REDACTED),
    # JWT-shaped strings (header.payload.signature, signature may be empty for alg none).
    (re.compile(r"eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*"), REDACTED),
    # key=value / key: value forms in URLs, form bodies and dict reprs.
    (
        re.compile(
            r"(?i)([\"']?\b(?:access_token|refresh_token|id_token|client_secret|code|code_verifier|"
            r"client_info|assertion|sig|pin|currentPin|newPin|rawContent|binaryValue|password)"
            r"\b[\"']?\s*[:=]\s*[\"']?)([^\"'&\s,}]+)"
        ),
        r"\1" + REDACTED,
    ),
)


def redact(text: str) -> str:
    """Return ``text`` with anything secret-shaped replaced by ``***``."""
    for pattern, repl in _PATTERNS:
        text = pattern.sub(repl, text)
    return text


class RedactingFilter(logging.Filter):
    """Renders the message, redacts it, and freezes it (``args`` cleared)."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string must not kill logging
            message = f"{record.msg!r} (unformattable arguments)"
        record.msg = redact(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        elif record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True


class RamTailHandler(logging.Handler):
    """Keeps the last lines (already redacted) for the error dialog's "copy details"."""

    def __init__(self, capacity: int = 400) -> None:
        super().__init__()
        self._lines: collections.deque[str] = collections.deque(maxlen=capacity)

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self._lines.append(self.format(record))
        except Exception:
            self.handleError(record)

    def tail(self, count: int = 200) -> list[str]:
        return list(self._lines)[-count:]


_FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"
_NOISY = (
    "httpx",
    "httpcore",
    "msal",
    "urllib3",
    "uvicorn",
    "uvicorn.error",
    "uvicorn.access",
    "asyncio",
)
_ram_tail: RamTailHandler | None = None


def init_logging(
    log_file: Path | None, *, debug: bool = False, console: bool | None = None
) -> RamTailHandler:
    """Configure the root logger once. Returns the RAM tail handler for crash reports."""
    global _ram_tail
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_qrpin", False):
            root.removeHandler(handler)
            handler.close()
    root.setLevel(logging.DEBUG if debug else logging.INFO)
    formatter = logging.Formatter(_FORMAT)
    redactor = RedactingFilter()

    handlers: list[logging.Handler] = []
    if log_file is not None:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        handlers.append(
            logging.handlers.RotatingFileHandler(
                log_file, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
            )
        )
    if console if console is not None else debug:
        handlers.append(logging.StreamHandler(sys.stderr))
    tail = RamTailHandler()
    handlers.append(tail)
    for handler in handlers:
        handler.setFormatter(formatter)
        handler.addFilter(redactor)
        handler._qrpin = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    for name in _NOISY:
        logging.getLogger(name).setLevel(
            logging.DEBUG if debug and name.startswith("http") else logging.WARNING
        )
    _ram_tail = tail
    return tail


def log_tail(count: int = 200) -> list[str]:
    """The redacted last log lines, for a crash report."""
    return _ram_tail.tail(count) if _ram_tail is not None else []


def redact_lines(lines: Iterable[str]) -> list[str]:
    return [redact(line) for line in lines]
