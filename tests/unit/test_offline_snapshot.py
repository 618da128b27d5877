"""The roster snapshot: round trip, no secrets on disk, every unusable-file case, atomicity."""

from __future__ import annotations

import dataclasses
import json
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from qrpin_gui.core.models import (
    AdministrativeUnit,
    FailureReason,
    FetchState,
    ManageGrant,
    ManageVerdict,
    NotManageableReason,
    Policy,
    PolicyState,
    PolicyTarget,
    QrCode,
    QrImage,
    QrMethod,
    QrPin,
    RosterRow,
    User,
)
from qrpin_gui.offline import codec
from qrpin_gui.offline.protect import (
    AesGcmProtector,
    KeyringAesProtector,
    MemoryKeyStore,
    PlaintextProtector,
    Protector,
)
from qrpin_gui.offline.snapshot import (
    MAGIC,
    LoadProblem,
    Snapshot,
    SnapshotSaveError,
    SnapshotStore,
    expected_tenant_for,
    header_prefix,
    remove_snapshot_files,
)
from qrpin_gui.paths import AppPaths
from qrpin_gui.settings import Settings

TENANT = "7f3c2a10-1b2c-4d5e-8f90-a1b2c3d4e5f6"
OTHER_TENANT = "00000000-1111-2222-3333-444444444444"
NOW = datetime(2025, 6, 2, 9, 30, tzinfo=UTC)
SYNCED = NOW - timedelta(minutes=5)
STORE = "au-store-042"
PIN_SECRET = "73920184"
RAW_SECRET = b"ms-qrpin:v1|anna@contoso.com|code-1|S3CRETPAYLOAD"
SVG_SECRET = b"<svg>SVGSECRETMARKUP</svg>"
KEY = bytes(range(32))


def sample_rows() -> list[RosterRow]:
    code = QrCode(
        id="code-1",
        created=SYNCED - timedelta(days=30),
        start=SYNCED - timedelta(days=30),
        expire=SYNCED + timedelta(days=335),
        last_used=SYNCED - timedelta(hours=3),
    )
    temp = QrCode(id="temp-1", start=SYNCED, expire=SYNCED + timedelta(hours=8))
    method = QrMethod(
        id="method-1",
        created=SYNCED - timedelta(days=30),
        standard=code,
        temporary=temp,
        pin=QrPin(force_change_next_sign_in=True, updated=SYNCED - timedelta(days=1), id="pin"),
    )
    anna = RosterRow(
        user=User(
            id="u-anna",
            upn="anna@contoso.com",
            display_name="Anna Bäcker",
            department="Bakery",
            job_title="Baker",
            account_enabled=True,
            employee_id="E042",
            office_location="Store 42",
        ),
        method=method,
        fetch=FetchState.loaded(),
        stores=frozenset({STORE}),
        manage=ManageVerdict(grant=ManageGrant.STORE_SCOPED, can_read=True),
        fetched_at=SYNCED,
    )
    boss = RosterRow(
        user=User(id="u-boss", upn="boss@contoso.com", display_name="Boss"),
        fetch=FetchState.not_manageable_because(NotManageableReason.ADMIN_ROLE_HOLDER),
        admin_roles=frozenset({"c4e39bd9-1100-46d3-8c65-fb160da0071f"}),
        stores=frozenset({STORE}),
        manage=ManageVerdict(denial=NotManageableReason.ADMIN_ROLE_HOLDER),
    )
    failed = RosterRow(
        user=User(id="u-carl", upn="carl@contoso.com", display_name="=Carl"),
        method=QrMethod(id="m-carl", children_loaded=False),
        fetch=FetchState.failed(FailureReason.THROTTLED, "TooManyRequests"),
    )
    unknown = RosterRow(user=User(id="u-dora"))
    return [anna, boss, failed, unknown]


def sample_snapshot(**changes: Any) -> Snapshot:
    snap = Snapshot(
        tenant_id=TENANT,
        account_username="mia@contoso.com",
        synced_at=SYNCED,
        rows=tuple(sample_rows()),
        policy=Policy(
            state=PolicyState.ENABLED,
            pin_length=10,
            standard_lifetime_days=200,
            include_targets=(PolicyTarget("all_users", "group", False),),
            exclude_targets=(PolicyTarget("g-excluded"),),
        ),
        stores=(AdministrativeUnit(STORE, "Store 42", "Main street"), AdministrativeUnit("au-7")),
        chosen_store=STORE,
        app_version="9.9.9",
    )
    return dataclasses.replace(snap, **changes)


def store_for(tmp_path: Path, protector: Protector | None = None) -> SnapshotStore:
    return SnapshotStore(
        AppPaths.for_profile(tmp_path), protector or AesGcmProtector(KEY), clock=lambda: NOW
    )


def set_aside_files(store: SnapshotStore) -> list[Path]:
    return sorted(store.path.parent.glob(store.path.name + ".bad-*"))


# Round trip ---------------------------------------------------------------------------------
@pytest.mark.parametrize("protector", [AesGcmProtector(KEY), PlaintextProtector()])
def test_round_trip_keeps_everything_the_window_shows(tmp_path: Path, protector: Protector) -> None:
    store = store_for(tmp_path, protector)
    original = sample_snapshot()
    store.save(original)
    result = store.load(TENANT)
    assert result.ok and result.problem is None
    assert result.snapshot is not None
    assert result.snapshot == dataclasses.replace(original, rows=tuple(original.rows))
    assert result.age == timedelta(minutes=5)


def test_saving_again_replaces_the_snapshot(tmp_path: Path) -> None:
    store = store_for(tmp_path)
    store.save(sample_snapshot())
    store.save(sample_snapshot(chosen_store="*", rows=()))
    result = store.load(TENANT)
    assert result.snapshot is not None
    assert result.snapshot.chosen_store == "*" and result.snapshot.rows == ()


def test_encrypted_file_does_not_show_personal_data(tmp_path: Path) -> None:
    store = store_for(tmp_path)
    store.save(sample_snapshot())
    data = store.path.read_bytes()
    assert data.startswith(MAGIC)
    for clear in (b"anna@contoso.com", b"Bakery", TENANT.encode(), b"mia@contoso.com"):
        assert clear not in data


def test_file_is_private_to_the_user(tmp_path: Path) -> None:
    if os.name == "nt":
        pytest.skip("POSIX permissions")
    store = store_for(tmp_path)
    store.save(sample_snapshot())
    assert store.path.stat().st_mode & 0o077 == 0


def test_secrets_never_reach_the_file(tmp_path: Path) -> None:
    """Even rows that somehow still carry a PIN and a QR image are written without them."""
    image = QrImage(binary_value=SVG_SECRET, raw_content=RAW_SECRET, error_correction_level="m")
    rows = sample_rows()
    anna = rows[0]
    assert anna.method is not None and anna.method.standard is not None
    leaky_method = dataclasses.replace(
        anna.method,
        standard=dataclasses.replace(anna.method.standard, image=image),
        temporary=QrCode(id="temp-2", image=image),
        pin=QrPin(code=PIN_SECRET, force_change_next_sign_in=True),
    )
    # RosterRow strips secrets itself; force them back in to test the snapshot's own guard.
    object.__setattr__(anna, "method", leaky_method)
    assert anna.method is not None and anna.method.pin is not None
    assert anna.method.pin.code == PIN_SECRET

    store = store_for(tmp_path, PlaintextProtector())
    store.save(sample_snapshot(rows=tuple(rows)))
    data = store.path.read_bytes()
    assert b"anna@contoso.com" in data  # plaintext: the search below is meaningful
    for secret in (PIN_SECRET.encode(), RAW_SECRET, b"S3CRETPAYLOAD", SVG_SECRET, b"SVGSECRET"):
        assert secret not in data
    loaded = store.load(TENANT).snapshot
    assert loaded is not None
    method = loaded.rows[0].method
    assert method is not None and method.pin is not None and method.standard is not None
    assert method.pin.code is None and method.standard.image is None
    assert method.pin.force_change_next_sign_in is True


def test_codec_layouts_cover_every_core_field() -> None:
    """Fails when the core grows a field the snapshot format does not store yet."""
    for cls, layout in codec.LAYOUTS.items():
        fields = {f.name for f in dataclasses.fields(cls)}
        secrets = codec.SECRET_FIELDS.get(cls, frozenset())
        assert set(layout) | secrets == fields, cls.__name__
        assert not set(layout) & secrets


def test_saving_a_naive_sync_time_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        store_for(tmp_path).save(sample_snapshot(synced_at=datetime(2025, 1, 1)))


def test_age_is_never_negative() -> None:
    assert sample_snapshot().age(SYNCED - timedelta(hours=1)) == timedelta(0)


# Unusable files -----------------------------------------------------------------------------
def test_missing_snapshot(tmp_path: Path) -> None:
    result = store_for(tmp_path).load(TENANT)
    assert result.problem is LoadProblem.MISSING and result.snapshot is None
    assert result.set_aside_as is None


def _assert_set_aside(
    store: SnapshotStore, result_problem: LoadProblem | None, expected: LoadProblem, before: bytes
) -> None:
    assert result_problem is expected
    assert not store.path.exists()
    [aside] = set_aside_files(store)
    assert aside.read_bytes() == before
    # the app keeps working: the next save and load are fine
    store.save(sample_snapshot())
    assert store.load(TENANT).ok


@pytest.mark.parametrize("keep", [0, 3, 8, 12, 20, 40, -1])
def test_truncated_file_is_set_aside(tmp_path: Path, keep: int) -> None:
    store = store_for(tmp_path)
    store.save(sample_snapshot())
    full = store.path.read_bytes()
    cut = full[:keep] if keep >= 0 else full[:-1]
    store.path.write_bytes(cut)
    result = store.load(TENANT)
    assert result.set_aside_as is not None and result.set_aside_as.name.startswith(
        "roster-snapshot.bin.bad-"
    )
    _assert_set_aside(store, result.problem, LoadProblem.TRUNCATED, cut)


@pytest.mark.parametrize(
    "content",
    [b"\x00" * 100, os.urandom(64), b"QRPINSN?" + b"\x00" * 40, b'{"rows": []}', b"PK\x03\x04zip"],
)
def test_garbage_or_wrong_magic_is_corrupt(tmp_path: Path, content: bytes) -> None:
    store = store_for(tmp_path)
    store.path.parent.mkdir(parents=True)
    store.path.write_bytes(content)
    result = store.load(TENANT)
    _assert_set_aside(store, result.problem, LoadProblem.CORRUPT, content)


def test_trailing_bytes_are_corrupt(tmp_path: Path) -> None:
    store = store_for(tmp_path)
    store.save(sample_snapshot())
    data = store.path.read_bytes() + b"extra"
    store.path.write_bytes(data)
    _assert_set_aside(store, store.load(TENANT).problem, LoadProblem.CORRUPT, data)


def test_container_from_a_newer_app_is_wrong_version(tmp_path: Path) -> None:
    store = store_for(tmp_path)
    store.save(sample_snapshot())
    data = bytearray(store.path.read_bytes())
    data[len(MAGIC) : len(MAGIC) + 2] = (2).to_bytes(2, "big")
    store.path.write_bytes(bytes(data))
    result = store.load(TENANT)
    assert "version 2" in result.detail
    _assert_set_aside(store, result.problem, LoadProblem.WRONG_VERSION, bytes(data))


def _write_document(store: SnapshotStore, document: dict[str, object]) -> bytes:
    """A well-formed plaintext container around an arbitrary document."""
    prefix = header_prefix("plaintext")
    blob = PlaintextProtector().protect(json.dumps(document).encode(), prefix)
    data = prefix + len(blob).to_bytes(8, "big") + blob
    store.path.parent.mkdir(parents=True, exist_ok=True)
    store.path.write_bytes(data)
    return data


def _good_document(tmp_path: Path) -> dict[str, object]:
    helper = store_for(tmp_path / "helper", PlaintextProtector())
    helper.save(sample_snapshot())
    raw = helper.path.read_bytes()
    prefix = header_prefix("plaintext")
    return json.loads(raw[len(prefix) + 8 + 32 :])  # type: ignore[no-any-return]


def test_document_schema_from_a_newer_app_is_wrong_version(tmp_path: Path) -> None:
    store = store_for(tmp_path, PlaintextProtector())
    document = _good_document(tmp_path)
    document["schema"] = 2
    data = _write_document(store, document)
    _assert_set_aside(store, store.load(TENANT).problem, LoadProblem.WRONG_VERSION, data)


def test_changed_field_layout_is_wrong_version(tmp_path: Path) -> None:
    store = store_for(tmp_path, PlaintextProtector())
    document = _good_document(tmp_path)
    layout = document["layout"]
    assert isinstance(layout, dict)
    layout["User"] = [*layout["User"], "new_field"]
    data = _write_document(store, document)
    _assert_set_aside(store, store.load(TENANT).problem, LoadProblem.WRONG_VERSION, data)


@pytest.mark.parametrize(
    "damage",
    [
        lambda d: d["rows"][0].__setitem__(0, "not a user"),
        lambda d: d["rows"][1][0].__setitem__(0, ""),  # empty user id
        lambda d: d["rows"][0][2].__setitem__(0, "no-such-kind"),
        lambda d: d["rows"][0][1][3].__setitem__(3, "not a date"),
        lambda d: d.__setitem__("policy", None),
        lambda d: d.__setitem__("synced_at", 12),
        lambda d: d.__setitem__("rows", {}),
        lambda d: d.__setitem__("kind", "something-else"),
        lambda d: d["rows"][0].__setitem__(3, [1, 2]),
    ],
)
def test_bad_document_fields_are_corrupt(tmp_path: Path, damage: object) -> None:
    store = store_for(tmp_path, PlaintextProtector())
    document = _good_document(tmp_path)
    damage(document)  # type: ignore[operator]
    data = _write_document(store, document)
    _assert_set_aside(store, store.load(TENANT).problem, LoadProblem.CORRUPT, data)


def test_other_tenant_is_set_aside(tmp_path: Path) -> None:
    store = store_for(tmp_path)
    store.save(sample_snapshot())
    before = store.path.read_bytes()
    result = store.load(OTHER_TENANT)
    assert result.snapshot is None
    _assert_set_aside(store, result.problem, LoadProblem.OTHER_TENANT, before)


def test_tenant_match_ignores_case_and_none_accepts_any(tmp_path: Path) -> None:
    store = store_for(tmp_path)
    store.save(sample_snapshot())
    assert store.load(TENANT.upper()).ok
    assert store.load(None).ok


def test_tampered_ciphertext_is_corrupt(tmp_path: Path) -> None:
    store = store_for(tmp_path)
    store.save(sample_snapshot())
    data = bytearray(store.path.read_bytes())
    data[-40] ^= 0x20
    store.path.write_bytes(bytes(data))
    result = store.load(TENANT)
    _assert_set_aside(store, result.problem, LoadProblem.CORRUPT, bytes(data))


def test_tampered_plaintext_is_corrupt(tmp_path: Path) -> None:
    store = store_for(tmp_path, PlaintextProtector())
    store.save(sample_snapshot())
    data = store.path.read_bytes().replace(b"Anna", b"Hans")
    store.path.write_bytes(data)
    _assert_set_aside(store, store.load(TENANT).problem, LoadProblem.CORRUPT, data)


def test_missing_key_cannot_decrypt(tmp_path: Path) -> None:
    keyring = MemoryKeyStore()
    store = store_for(tmp_path, KeyringAesProtector(keyring))
    store.save(sample_snapshot())
    before = store.path.read_bytes()
    # next start: the keyring entry is gone (user reset their keyring, other machine...)
    later = store_for(tmp_path, KeyringAesProtector(MemoryKeyStore()))
    result = later.load(TENANT)
    assert "key missing" in result.detail
    _assert_set_aside(later, result.problem, LoadProblem.CANNOT_DECRYPT, before)


def test_changed_key_cannot_decrypt(tmp_path: Path) -> None:
    store = store_for(tmp_path, KeyringAesProtector(MemoryKeyStore()))
    store.save(sample_snapshot())
    before = store.path.read_bytes()
    later = store_for(tmp_path, KeyringAesProtector(MemoryKeyStore(os.urandom(32))))
    result = later.load(TENANT)
    _assert_set_aside(later, result.problem, LoadProblem.CANNOT_DECRYPT, before)


def test_snapshot_of_another_protection_is_kept_in_place(tmp_path: Path) -> None:
    store_for(tmp_path, PlaintextProtector()).save(sample_snapshot())
    store = store_for(tmp_path, AesGcmProtector(KEY))
    result = store.load(TENANT)
    assert result.problem is LoadProblem.PROTECTOR_UNAVAILABLE
    assert store.path.exists() and set_aside_files(store) == []
    assert "plaintext" in result.detail


def test_unreadable_file_is_kept_in_place(tmp_path: Path) -> None:
    store = store_for(tmp_path)
    store.path.mkdir(parents=True)  # a folder where the file should be: reading fails
    result = store.load(TENANT)
    assert result.problem is LoadProblem.UNREADABLE
    assert store.path.exists()


def test_a_failing_protector_never_escapes_load(tmp_path: Path) -> None:
    class Broken(AesGcmProtector):
        def unprotect(self, blob: bytes, associated_data: bytes = b"") -> bytes:
            raise RuntimeError("bug")

    store_for(tmp_path).save(sample_snapshot())
    store = store_for(tmp_path, Broken(KEY))
    result = store.load(TENANT)
    assert result.problem is LoadProblem.CORRUPT and not result.ok


def test_only_the_newest_set_aside_copies_are_kept(tmp_path: Path) -> None:
    store = store_for(tmp_path)
    store.path.parent.mkdir(parents=True)
    for i in range(5):
        store.path.write_bytes(b"garbage %d" % i)
        assert store.load(TENANT).problem is LoadProblem.CORRUPT
    kept = set_aside_files(store)
    assert len(kept) == 3
    assert {p.read_bytes() for p in kept} == {b"garbage 2", b"garbage 3", b"garbage 4"}


# Crash mid-write ----------------------------------------------------------------------------
@pytest.mark.parametrize("fail_at", ["fsync", "replace"])
def test_crash_mid_write_keeps_the_previous_snapshot(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fail_at: str
) -> None:
    store = store_for(tmp_path)
    store.save(sample_snapshot())
    before = store.path.read_bytes()
    partial_sizes: list[int] = []

    def crash(*args: object) -> None:
        temps = [p for p in store.path.parent.iterdir() if p.name.endswith(".tmp")]
        partial_sizes.extend(p.stat().st_size for p in temps)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, fail_at, crash)
    with pytest.raises(SnapshotSaveError):
        store.save(sample_snapshot(chosen_store="*", rows=()))
    monkeypatch.undo()

    assert partial_sizes and all(size > 0 for size in partial_sizes)  # the temp file was written
    assert store.path.read_bytes() == before
    assert [p.name for p in store.path.parent.iterdir()] == [store.path.name]  # temp cleaned up
    result = store.load(TENANT)
    assert result.snapshot is not None and result.snapshot.chosen_store == STORE


def test_discard_removes_the_snapshot_and_set_aside_copies(tmp_path: Path) -> None:
    store = store_for(tmp_path)
    store.path.parent.mkdir(parents=True)
    store.path.write_bytes(b"garbage")
    assert store.load(TENANT).problem is LoadProblem.CORRUPT
    store.save(sample_snapshot())
    store.discard()
    store.discard()  # twice is fine
    assert store.load(TENANT).problem is LoadProblem.MISSING
    assert list(store.path.parent.iterdir()) == []


def test_snapshot_files_removed_without_a_protector(tmp_path: Path) -> None:
    paths = AppPaths.for_profile(tmp_path)
    store_for(tmp_path, PlaintextProtector()).save(sample_snapshot())
    remove_snapshot_files(paths)
    assert not paths.snapshot_file.exists()


def test_expected_tenant_from_settings() -> None:
    assert expected_tenant_for(Settings(remembered_account=f"u-oid.{TENANT}")) == TENANT
    assert expected_tenant_for(Settings(tenant=TENANT)) == TENANT
    assert expected_tenant_for(Settings(tenant="contoso.onmicrosoft.com")) is None
    assert expected_tenant_for(Settings()) is None
