"""Protection of data at rest (the roster snapshot): DPAPI, an OS-keyring key, or plaintext.

- :class:`WindowsDpapiProtector`: Windows DPAPI (msal-extensions'
  ``WindowsDataProtectionAgent``) bound to the signed-in Windows user.
- :class:`KeyringAesProtector`: AES-256-GCM with a random 32-byte key kept in the OS keyring
  (macOS Keychain through msal-extensions' ``KeychainPersistence``, Linux Secret Service
  through ``LibsecretPersistence``).
- :class:`AesGcmProtector`: the AES-256-GCM engine itself, with a key held in memory (used by
  the keyring protector, and by tests).
- :class:`PlaintextProtector`: no encryption (an integrity checksum only), used only when the
  user consented to plaintext storage (the same consent as the token cache).

:func:`choose_protector` picks one for this computer and says why (:class:`ProtectorChoice`),
so the window can tell the user whether their snapshot is encrypted, or not kept at all.

Every protector binds ``associated_data`` (the snapshot file header) to the blob: a blob moved
under another header does not open. Errors never carry key material or plaintext.
"""

from __future__ import annotations

import abc
import base64
import hashlib
import hmac
import logging
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Any, Protocol

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

if TYPE_CHECKING:
    from ..paths import AppPaths
    from ..settings import Settings

logger = logging.getLogger(__name__)

KEY_BYTES = 32
NONCE_BYTES = 12
KEY_ID_BYTES = 8
TAG_BYTES = 16
_AES_BLOB_VERSION = 1
_KEY_ID_LABEL = b"qrpin-gui snapshot key id v1"
_DPAPI_ENTROPY = "QR PIN Manager roster snapshot"
KEYRING_SCHEMA = "com.qrpinmanager.RosterSnapshotKey"
KEYCHAIN_SERVICE = "QR PIN Manager roster snapshot key"


# Errors -------------------------------------------------------------------------------------
class ProtectError(Exception):
    """Base class: the blob could not be protected or opened. Messages never hold secrets."""


class ProtectorUnavailableError(ProtectError):
    """The protection backend cannot be used right now (no DPAPI, keyring missing or locked)."""


class CannotDecryptError(ProtectError):
    """The blob is intact as far as can be told, but this key/user cannot open it (the key
    changed, or another Windows user or computer wrote it)."""


class KeyMissingError(CannotDecryptError):
    """The key that protected the blob is no longer in the keyring."""


class TamperedError(ProtectError):
    """The blob fails its integrity check: damaged or modified."""


# The abstraction ----------------------------------------------------------------------------
class Protector(abc.ABC):
    """Turns bytes into a protected blob and back."""

    protector_id: str
    """Stable short ASCII id written into file headers (e.g. ``"dpapi"``)."""
    encrypted: bool
    """False only for :class:`PlaintextProtector`."""

    @abc.abstractmethod
    def protect(self, data: bytes, associated_data: bytes = b"") -> bytes:
        """Return the protected blob. Raises :class:`ProtectError` subclasses."""

    @abc.abstractmethod
    def unprotect(self, blob: bytes, associated_data: bytes = b"") -> bytes:
        """Return the original bytes. Raises :class:`TamperedError`,
        :class:`CannotDecryptError` (or :class:`KeyMissingError`) or
        :class:`ProtectorUnavailableError`."""


class AesGcmProtector(Protector):
    """AES-256-GCM with a key held in memory.

    Blob layout: version (1 byte) | key id (8 bytes, HMAC of the key: tells "other key" from
    "tampered") | nonce (12 random bytes) | ciphertext + 16-byte tag.
    """

    encrypted = True

    def __init__(self, key: bytes, *, protector_id: str = "aes-gcm") -> None:
        if len(key) != KEY_BYTES:
            raise ValueError("an AES-256 key is 32 bytes")
        self._aead = AESGCM(key)
        self._key_id = key_id(key)
        self.protector_id = protector_id

    def __repr__(self) -> str:
        return f"AesGcmProtector(protector_id={self.protector_id!r}, key=<hidden>)"

    def protect(self, data: bytes, associated_data: bytes = b"") -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        head = bytes([_AES_BLOB_VERSION]) + self._key_id
        return head + nonce + self._aead.encrypt(nonce, data, head + associated_data)

    def unprotect(self, blob: bytes, associated_data: bytes = b"") -> bytes:
        if len(blob) < 1 + KEY_ID_BYTES + NONCE_BYTES + TAG_BYTES:
            raise TamperedError("encrypted blob too short")
        if blob[0] != _AES_BLOB_VERSION:
            raise TamperedError("unknown encrypted blob version")
        head = blob[: 1 + KEY_ID_BYTES]
        if not hmac.compare_digest(head[1:], self._key_id):
            raise CannotDecryptError("the blob was encrypted with another key")
        nonce = blob[len(head) : len(head) + NONCE_BYTES]
        try:
            return self._aead.decrypt(
                nonce, blob[len(head) + NONCE_BYTES :], head + associated_data
            )
        except InvalidTag:
            raise TamperedError("encrypted blob failed its integrity check") from None


def key_id(key: bytes) -> bytes:
    """A short, non-secret fingerprint of ``key``."""
    return hmac.new(key, _KEY_ID_LABEL, hashlib.sha256).digest()[:KEY_ID_BYTES]


# Key stores ---------------------------------------------------------------------------------
class KeyStore(Protocol):
    """Where the AES key lives. ``load`` returns None when there is no key (never stored, or
    deleted); both raise :class:`ProtectorUnavailableError` when the store cannot be used."""

    def load(self) -> bytes | None: ...

    def save(self, key: bytes) -> None: ...


class MemoryKeyStore:
    """A key store in memory (tests; a session that must not touch the OS keyring)."""

    def __init__(self, key: bytes | None = None) -> None:
        self.key = key

    def load(self) -> bytes | None:
        return self.key

    def save(self, key: bytes) -> None:
        self.key = key


class PersistenceKeyStore:
    """A key kept through an msal-extensions persistence (Keychain or libsecret), base64."""

    def __init__(self, persistence: Any, description: str) -> None:
        self._persistence = persistence
        self.description = description

    def load(self) -> bytes | None:
        from msal_extensions.persistence import PersistenceNotFound

        try:
            text = self._persistence.load()
        except PersistenceNotFound:
            return None
        except Exception as exc:
            raise ProtectorUnavailableError(
                f"{self.description}: reading the key failed ({type(exc).__name__})"
            ) from None
        if not isinstance(text, str):
            return None
        try:
            key = base64.b64decode(text.encode("ascii"), validate=True)
        except (ValueError, UnicodeEncodeError):
            logger.warning(
                "The snapshot key in the %s is malformed; treated as missing", self.description
            )
            return None
        return key if len(key) == KEY_BYTES else None

    def save(self, key: bytes) -> None:
        try:
            self._persistence.save(base64.b64encode(key).decode("ascii"))
        except Exception as exc:
            raise ProtectorUnavailableError(
                f"{self.description}: storing the key failed ({type(exc).__name__})"
            ) from None


def _profile_tag(paths: AppPaths) -> str:
    """Different profiles (``--profile-dir``) get different keyring entries."""
    return hashlib.sha256(str(paths.data_dir).encode("utf-8")).hexdigest()[:32]


def open_os_key_store(paths: AppPaths, *, platform: str | None = None) -> PersistenceKeyStore:
    """The OS keyring's key store for this profile. Raises :class:`ProtectorUnavailableError`
    (with the reason) when the platform has no usable keyring: never anything else."""
    platform = platform or sys.platform
    signal = str(paths.snapshot_key_file)  # touched on save; holds no secret
    tag = _profile_tag(paths)
    try:
        if platform == "darwin":
            from msal_extensions.persistence import KeychainPersistence

            store = PersistenceKeyStore(
                KeychainPersistence(signal, service_name=KEYCHAIN_SERVICE, account_name=tag),
                "macOS Keychain",
            )
        elif platform.startswith("linux"):
            from msal_extensions.persistence import LibsecretPersistence

            store = PersistenceKeyStore(
                LibsecretPersistence(
                    signal,
                    schema_name=KEYRING_SCHEMA,
                    attributes={"profile": tag},
                    label="QR PIN Manager roster snapshot key",
                ),
                "Secret Service (libsecret)",
            )
        else:
            raise ProtectorUnavailableError(f"no OS keyring support for platform {platform!r}")
    except ProtectorUnavailableError:
        raise
    except Exception as exc:  # ImportError (no PyGObject), RuntimeError (no secret service)...
        raise ProtectorUnavailableError(
            f"OS keyring unavailable ({type(exc).__name__}: {_short(exc)})"
        ) from None
    store.load()  # probe: raises ProtectorUnavailableError when it does not really work
    return store


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:160] if text else ""


class KeyringAesProtector(Protector):
    """AES-256-GCM with a random key from a :class:`KeyStore` (the OS keyring in the app).

    The key is created on the first :meth:`protect` and cached in memory. :meth:`unprotect`
    never creates one: a missing key raises :class:`KeyMissingError`.
    """

    protector_id = "aes-gcm-keyring"
    encrypted = True

    def __init__(self, key_store: KeyStore) -> None:
        self._store = key_store
        self._engine: AesGcmProtector | None = None

    def _open_engine(self, *, create: bool) -> AesGcmProtector:
        if self._engine is not None:
            return self._engine
        key = self._store.load()
        if key is None:
            if not create:
                raise KeyMissingError("the snapshot key is not in the keyring")
            new_key = AESGCM.generate_key(bit_length=256)
            self._store.save(new_key)
            key = self._store.load()
            if key != new_key:
                raise ProtectorUnavailableError("the keyring did not keep the snapshot key")
            logger.info("Created a new snapshot key in the keyring")
        self._engine = AesGcmProtector(key, protector_id=self.protector_id)
        return self._engine

    def protect(self, data: bytes, associated_data: bytes = b"") -> bytes:
        return self._open_engine(create=True).protect(data, associated_data)

    def unprotect(self, blob: bytes, associated_data: bytes = b"") -> bytes:
        return self._open_engine(create=False).unprotect(blob, associated_data)


class WindowsDpapiProtector(Protector):
    """Windows DPAPI for the current user (msal-extensions' ``WindowsDataProtectionAgent``).

    The agent takes text, so the bytes travel base64-encoded; the associated data is bound
    through DPAPI's optional entropy.
    """

    protector_id = "dpapi"
    encrypted = True

    def __init__(self) -> None:
        try:
            from msal_extensions.windows import WindowsDataProtectionAgent
        except Exception as exc:  # not Windows: ctypes.windll is missing
            raise ProtectorUnavailableError(
                f"Windows DPAPI unavailable ({type(exc).__name__})"
            ) from None
        self._agent_class: Callable[..., Any] = WindowsDataProtectionAgent

    def _agent(self, associated_data: bytes) -> Any:
        return self._agent_class(entropy=f"{_DPAPI_ENTROPY}|{associated_data.hex()}")

    def protect(self, data: bytes, associated_data: bytes = b"") -> bytes:
        try:
            blob = self._agent(associated_data).protect(base64.b64encode(data).decode("ascii"))
        except OSError as exc:
            raise ProtectorUnavailableError(
                f"DPAPI encryption failed (error {getattr(exc, 'winerror', None)})"
            ) from None
        return bytes(blob)

    def unprotect(self, blob: bytes, associated_data: bytes = b"") -> bytes:
        try:
            text = self._agent(associated_data).unprotect(blob)
        except OSError as exc:
            raise CannotDecryptError(
                "DPAPI could not decrypt (another Windows user or computer, or damaged; "
                f"error {getattr(exc, 'winerror', None)})"
            ) from None
        try:
            return base64.b64decode(text.encode("ascii"), validate=True)
        except (ValueError, UnicodeEncodeError):
            raise TamperedError("DPAPI blob held unexpected content") from None


class PlaintextProtector(Protector):
    """No encryption; a SHA-256 checksum detects damage. Only with the user's consent."""

    protector_id = "plaintext"
    encrypted = False

    def protect(self, data: bytes, associated_data: bytes = b"") -> bytes:
        return hashlib.sha256(associated_data + data).digest() + data

    def unprotect(self, blob: bytes, associated_data: bytes = b"") -> bytes:
        digest, data = blob[:32], blob[32:]
        if len(digest) < 32 or not hmac.compare_digest(
            digest, hashlib.sha256(associated_data + data).digest()
        ):
            raise TamperedError("checksum mismatch")
        return data


# Choosing -----------------------------------------------------------------------------------
class Protection(Enum):
    """How the snapshot is kept on this computer (the window words a message for each)."""

    DPAPI = "dpapi"
    """Encrypted for the Windows user account."""
    OS_KEYRING = "os-keyring"
    """Encrypted with a key in the OS keyring (Keychain / Secret Service)."""
    PLAINTEXT = "plaintext"
    """Not encrypted: no encryption available and the user agreed to plaintext storage."""
    NONE_DECLINED = "none-declined"
    """No snapshot kept: encryption unavailable and the user declined plaintext."""
    NONE_NOT_ASKED = "none-not-asked"
    """No snapshot kept (yet): encryption unavailable and the user was not asked."""


@dataclass(frozen=True, slots=True)
class ProtectorChoice:
    """The protector for this computer, or None, with the reason (English, for the log and
    "copy details"; the window shows its own translated text per :attr:`protection`)."""

    protection: Protection
    protector: Protector | None
    reason: str

    @property
    def encrypted(self) -> bool:
        return self.protector is not None and self.protector.encrypted

    @property
    def keeps_snapshot(self) -> bool:
        return self.protector is not None


def choose_protector(
    settings: Settings,
    paths: AppPaths,
    *,
    platform: str | None = None,
    dpapi_factory: Callable[[], Protector] | None = None,
    key_store_factory: Callable[[AppPaths], KeyStore] | None = None,
) -> ProtectorChoice:
    """Pick the strongest protection available here.

    Windows: DPAPI. macOS/Linux: AES-GCM with a key in the OS keyring. Otherwise plaintext,
    only if ``settings.allow_plaintext_token_cache is True``. Never raises. The factories are
    for tests (they default to the real DPAPI agent and OS keyring).
    """
    platform = platform or sys.platform
    problems: list[str] = []
    if platform == "win32":
        try:
            protector = (dpapi_factory or WindowsDpapiProtector)()
            return ProtectorChoice(Protection.DPAPI, protector, "Windows DPAPI (current user)")
        except Exception as exc:
            problems.append(str(exc) or type(exc).__name__)
    else:
        factory = key_store_factory or (lambda p: open_os_key_store(p, platform=platform))
        try:
            store = factory(paths)
            return ProtectorChoice(
                Protection.OS_KEYRING,
                KeyringAesProtector(store),
                f"AES-256-GCM, key in the {getattr(store, 'description', 'OS keyring')}",
            )
        except Exception as exc:
            problems.append(str(exc) or type(exc).__name__)
    why = "; ".join(problems) or "no encryption available"
    consent = settings.allow_plaintext_token_cache
    if consent is True:
        logger.warning("Snapshot kept unencrypted (user consented): %s", why)
        return ProtectorChoice(
            Protection.PLAINTEXT, PlaintextProtector(), f"not encrypted (user consented): {why}"
        )
    if consent is False:
        logger.info("No snapshot kept: %s; plaintext declined", why)
        return ProtectorChoice(
            Protection.NONE_DECLINED, None, f"no snapshot: {why}; plaintext declined"
        )
    logger.info("No snapshot kept: %s; plaintext consent not asked yet", why)
    return ProtectorChoice(
        Protection.NONE_NOT_ASKED, None, f"no snapshot: {why}; plaintext consent not asked yet"
    )
