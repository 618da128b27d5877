"""Atomic file replacement: a crash or a failed write never leaves a half-written file.

The data goes to a temporary file in the same folder, is flushed and fsynced, then moved over
the target with :func:`os.replace` (atomic on POSIX and on NTFS). The folder is fsynced too on
POSIX so the rename itself survives a power cut. If anything fails, the temporary file is
removed and the previous file is untouched.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import tempfile
import time
from pathlib import Path

logger = logging.getLogger(__name__)


def write_bytes_atomic(path: Path, data: bytes, *, mode: int = 0o600) -> None:
    """Replace ``path`` with ``data`` atomically. ``mode`` applies on POSIX (default: owner
    only, for files that hold personal data)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if sys.platform != "win32":
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    fsync_directory(path.parent)


def fsync_directory(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX only; a no-op on Windows)."""
    if sys.platform == "win32":
        return
    try:
        dir_fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


def set_aside(path: Path, *, keep: int = 3, now: float | None = None) -> Path | None:
    """Rename an unusable file to ``<name>.bad-<YYYYmmdd-HHMMSS>`` so it is never read again but
    can still be inspected. Only the ``keep`` newest set-aside copies are kept (they may hold
    personal data). Returns the new path, or None when the rename failed (the file is then
    deleted if possible, so it does not come back at the next start)."""
    stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(now))
    aside = path.with_name(f"{path.name}.bad-{stamp}")
    taken = [_age_key(path, p)[1] for p in path.parent.glob(f"{aside.name}*")]
    if taken:  # several in the same second: "<stamp>-2", "<stamp>-3"... after the newest
        aside = path.with_name(f"{aside.name}-{max(taken) + 1}")
    try:
        os.replace(path, aside)
    except OSError as exc:
        logger.warning("Could not set aside %s (%s); deleting it", path.name, type(exc).__name__)
        with contextlib.suppress(OSError):
            path.unlink()
        return None
    _prune_set_aside(path, keep)
    return aside


def _age_key(path: Path, copy: Path) -> tuple[str, int]:
    """Sort key of a set-aside copy: (time stamp, counter within that second)."""
    parts = copy.name[len(path.name) + len(".bad-") :].split("-")
    counter = parts[2] if len(parts) > 2 else "1"
    return "".join(parts[:2]), int(counter) if counter.isdigit() else 0


def _prune_set_aside(path: Path, keep: int) -> None:
    try:
        copies = sorted(
            path.parent.glob(f"{path.name}.bad-*"),
            key=lambda p: _age_key(path, p),
            reverse=True,
        )
    except OSError:
        return
    for old in copies[keep:]:
        with contextlib.suppress(OSError):
            old.unlink()
