"""Protection of data at rest: AES-GCM (in-memory and keyring key), plaintext, the choice."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from qrpin_gui.offline.protect import (
    AesGcmProtector,
    CannotDecryptError,
    KeyMissingError,
    KeyringAesProtector,
    MemoryKeyStore,
    PlaintextProtector,
    Protection,
    Protector,
    ProtectorUnavailableError,
    TamperedError,
    WindowsDpapiProtector,
    choose_protector,
    open_os_key_store,
)
from qrpin_gui.paths import AppPaths
from qrpin_gui.settings import Settings

KEY = bytes(range(32))
SECRET = b"roster row: Anna Berg, store 42"


def test_aes_gcm_round_trip_hides_the_plaintext() -> None:
    p = AesGcmProtector(KEY)
    blob = p.protect(SECRET, b"header")
    assert SECRET not in blob
    assert p.unprotect(blob, b"header") == SECRET
    assert p.protect(SECRET, b"header") != blob  # fresh nonce each time
    assert "00010203" not in repr(p) and "hidden" in repr(p)


def test_aes_gcm_detects_tampering_and_wrong_header() -> None:
    p = AesGcmProtector(KEY)
    blob = bytearray(p.protect(SECRET, b"header"))
    with pytest.raises(TamperedError):
        p.unprotect(bytes(blob), b"other header")
    blob[-5] ^= 0x01
    with pytest.raises(TamperedError):
        p.unprotect(bytes(blob), b"header")
    with pytest.raises(TamperedError):
        p.unprotect(bytes(blob[:20]), b"header")


def test_aes_gcm_tells_another_key_from_tampering() -> None:
    blob = AesGcmProtector(KEY).protect(SECRET)
    with pytest.raises(CannotDecryptError) as info:
        AesGcmProtector(bytes(32)).unprotect(blob)
    assert not isinstance(info.value, TamperedError)


def test_aes_key_must_be_256_bits() -> None:
    with pytest.raises(ValueError):
        AesGcmProtector(b"short")


def test_keyring_protector_creates_the_key_once_and_reuses_it() -> None:
    store = MemoryKeyStore()
    writer = KeyringAesProtector(store)
    blob = writer.protect(SECRET)
    assert store.key is not None and len(store.key) == 32
    # a later run (new protector, same keyring) reads it back
    assert KeyringAesProtector(MemoryKeyStore(store.key)).unprotect(blob) == SECRET


def test_keyring_protector_reports_a_missing_or_changed_key() -> None:
    store = MemoryKeyStore()
    blob = KeyringAesProtector(store).protect(SECRET)
    with pytest.raises(KeyMissingError):
        KeyringAesProtector(MemoryKeyStore()).unprotect(blob)
    with pytest.raises(CannotDecryptError):
        KeyringAesProtector(MemoryKeyStore(bytes(32))).unprotect(blob)


def test_keyring_that_does_not_keep_the_key_is_unavailable() -> None:
    class ForgetfulStore(MemoryKeyStore):
        def save(self, key: bytes) -> None:
            pass

    with pytest.raises(ProtectorUnavailableError):
        KeyringAesProtector(ForgetfulStore()).protect(SECRET)


def test_plaintext_protector_detects_damage() -> None:
    p = PlaintextProtector()
    blob = p.protect(SECRET, b"h")
    assert SECRET in blob and not p.encrypted
    assert p.unprotect(blob, b"h") == SECRET
    with pytest.raises(TamperedError):
        p.unprotect(blob[:-1] + b"X", b"h")
    with pytest.raises(TamperedError):
        p.unprotect(b"short", b"h")


@pytest.mark.skipif(sys.platform == "win32", reason="DPAPI exists on Windows")
def test_dpapi_is_unavailable_off_windows() -> None:
    with pytest.raises(ProtectorUnavailableError):
        WindowsDpapiProtector()


@pytest.mark.skipif(sys.platform != "win32", reason="Windows only")
def test_dpapi_round_trip_on_windows() -> None:  # pragma: no cover - Windows CI
    p = WindowsDpapiProtector()
    blob = p.protect(SECRET, b"h")
    assert SECRET not in blob
    assert p.unprotect(blob, b"h") == SECRET
    with pytest.raises(CannotDecryptError):
        p.unprotect(blob, b"other")


def _no_keyring(_paths: AppPaths) -> MemoryKeyStore:
    raise ProtectorUnavailableError("OS keyring unavailable (test)")


@pytest.mark.parametrize(
    ("consent", "protection"),
    [
        (True, Protection.PLAINTEXT),
        (False, Protection.NONE_DECLINED),
        (None, Protection.NONE_NOT_ASKED),
    ],
)
def test_without_encryption_consent_decides(
    tmp_path: Path, consent: bool | None, protection: Protection
) -> None:
    choice = choose_protector(
        Settings(allow_plaintext_token_cache=consent),
        AppPaths.for_profile(tmp_path),
        platform="linux",
        key_store_factory=_no_keyring,
    )
    assert choice.protection is protection
    assert choice.keeps_snapshot is (consent is True)
    assert not choice.encrypted
    assert "unavailable" in choice.reason


def test_keyring_wins_over_plaintext_consent(tmp_path: Path) -> None:
    choice = choose_protector(
        Settings(allow_plaintext_token_cache=True),
        AppPaths.for_profile(tmp_path),
        platform="darwin",
        key_store_factory=lambda _p: MemoryKeyStore(),
    )
    assert choice.protection is Protection.OS_KEYRING
    assert isinstance(choice.protector, KeyringAesProtector)
    assert choice.encrypted


def test_windows_uses_dpapi_and_falls_back_when_it_fails(tmp_path: Path) -> None:
    paths = AppPaths.for_profile(tmp_path)
    fake: Protector = PlaintextProtector()  # stands in for the DPAPI agent off Windows
    choice = choose_protector(Settings(), paths, platform="win32", dpapi_factory=lambda: fake)
    assert choice.protection is Protection.DPAPI and choice.protector is fake

    def broken() -> Protector:
        raise ProtectorUnavailableError("DPAPI unavailable (test)")

    choice = choose_protector(
        Settings(allow_plaintext_token_cache=False), paths, platform="win32", dpapi_factory=broken
    )
    assert choice.protection is Protection.NONE_DECLINED
    assert "DPAPI unavailable" in choice.reason


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux keyring probe")
def test_real_os_keyring_probe_never_crashes(tmp_path: Path) -> None:
    """On a Linux box without PyGObject/libsecret the keyring must be reported unavailable,
    and choose_protector must still decide (here: plaintext with consent)."""
    paths = AppPaths.for_profile(tmp_path)
    try:
        open_os_key_store(paths)
    except ProtectorUnavailableError as exc:
        assert "keyring" in str(exc).lower()
        choice = choose_protector(Settings(allow_plaintext_token_cache=True), paths)
        assert choice.protection is Protection.PLAINTEXT
    else:  # pragma: no cover - a desktop with a working Secret Service
        choice = choose_protector(Settings(), paths)
        assert choice.protection is Protection.OS_KEYRING


def test_unsupported_platform_is_unavailable(tmp_path: Path) -> None:
    with pytest.raises(ProtectorUnavailableError):
        open_os_key_store(AppPaths.for_profile(tmp_path), platform="sunos5")
