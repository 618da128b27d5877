"""Where MSAL's token cache lives: encrypted on disk, plaintext only with consent, or memory.

1. ``msal_extensions.build_encrypted_persistence`` (DPAPI on Windows, Keychain on macOS,
   libsecret on Linux). On Windows and macOS encryption problems show up only on load/save, so
   the persistence is probed once.
2. Where that is unavailable: a plaintext file (mode 0600) only if the user said yes
   (``Settings.allow_plaintext_token_cache is True``).
3. Otherwise (declined, or not asked yet) an in-memory cache: nothing is written, the user
   signs in again next time. A plaintext file left from an earlier "yes" is deleted.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

import msal
from msal_extensions import (
    FilePersistence,
    PersistedTokenCache,
    build_encrypted_persistence,
)
from msal_extensions.persistence import BasePersistence, PersistenceNotFound

logger = logging.getLogger(__name__)


class CacheMode(StrEnum):
    ENCRYPTED = "encrypted"
    PLAINTEXT = "plaintext"
    MEMORY = "memory"


@dataclass(slots=True)
class TokenCacheChoice:
    """The cache MSAL uses, how it is kept, and whether the user must be asked."""

    cache: msal.SerializableTokenCache
    mode: CacheMode
    path: Path | None
    encryption_problem: str = ""  # why encryption is unavailable (developer text, for logs)
    consent_asked: bool = False  # the user already answered the plaintext question

    @property
    def needs_consent(self) -> bool:
        """Encryption is unavailable and the user has not been asked about plaintext yet."""
        return (
            self.mode is CacheMode.MEMORY
            and bool(self.encryption_problem)
            and not self.consent_asked
        )


def _lock_file(path: Path) -> Path:
    return path.with_name(path.name + ".lockfile")


def _probe(persistence: BasePersistence) -> None:
    """Load once so that a platform that cannot decrypt fails here, not at first sign-in."""
    try:
        persistence.load()
    except PersistenceNotFound:
        pass


def try_encrypted(path: Path) -> tuple[BasePersistence | None, str]:
    """The platform's encrypted persistence at ``path``, or ``(None, reason)``."""
    try:
        persistence = build_encrypted_persistence(str(path))
        _probe(persistence)
    except Exception as exc:  # ImportError (no libsecret/gi), OSError, PersistenceError ...
        return None, f"{type(exc).__name__}: {exc}"
    return persistence, ""


def remove_cache_files(path: Path) -> None:
    """Delete the cache file and its lock file (sign-out of a plaintext cache, or consent
    withdrawn)."""
    for p in (path, _lock_file(path)):
        try:
            p.unlink()
        except FileNotFoundError:
            pass
        except OSError as exc:
            logger.warning("Could not delete %s: %s", p.name, type(exc).__name__)


def open_token_cache(
    path: Path | None,
    *,
    allow_plaintext: bool | None,
    encrypted: Any = try_encrypted,
) -> TokenCacheChoice:
    """Open the best cache this computer and the user allow.

    ``path`` None means memory only (``--temp-profile`` style runs and tests).
    ``encrypted`` is the function that tries encrypted persistence (tests pass one that fails,
    as it does on a Linux without libsecret).
    """
    if path is None:
        return TokenCacheChoice(msal.SerializableTokenCache(), CacheMode.MEMORY, None)
    persistence, problem = encrypted(path)
    if persistence is not None:
        logger.info("Token cache: encrypted (%s)", type(persistence).__name__)
        return TokenCacheChoice(PersistedTokenCache(persistence), CacheMode.ENCRYPTED, path)
    logger.info("Token cache: encryption unavailable (%s)", problem)
    if allow_plaintext:
        path.parent.mkdir(parents=True, exist_ok=True)
        logger.warning("Token cache: plaintext file, as the user allowed")
        cache = PersistedTokenCache(FilePersistence(str(path)))
        if path.exists():
            os.chmod(path, 0o600)
        return TokenCacheChoice(cache, CacheMode.PLAINTEXT, path, problem)
    if allow_plaintext is False:
        remove_cache_files(path)
    logger.info(
        "Token cache: memory only (%s)",
        "plaintext declined" if allow_plaintext is False else "not asked yet",
    )
    return TokenCacheChoice(
        msal.SerializableTokenCache(),
        CacheMode.MEMORY,
        path,
        problem,
        consent_asked=allow_plaintext is not None,
    )
