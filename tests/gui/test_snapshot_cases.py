"""The offline viewer's snapshot: every unusable snapshot is set aside with a clear message and
the app keeps working; a crash mid-write keeps the previous snapshot."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from qrpin_gui.offline import atomic
from qrpin_gui.offline.protect import AesGcmProtector
from qrpin_gui.offline.snapshot import Snapshot, SnapshotStore
from tests.gui.factories import mixed_rows

pytestmark = pytest.mark.asyncio


def good_snapshot(tenant: str = "t") -> Snapshot:
    return Snapshot(
        tenant_id=tenant,
        account_username="manager@contoso.example",
        synced_at=datetime(2026, 11, 20, 8, 0, tzinfo=UTC),
        rows=tuple(mixed_rows()),
        chosen_store="unit-1",
    )


def damage(path: Path, how: str, key: bytes) -> None:
    data = path.read_bytes()
    if how == "garbage":
        path.write_bytes(os.urandom(len(data)))
    elif how == "truncated":
        path.write_bytes(data[: len(data) // 2])
    elif how == "wrong_version":
        path.write_bytes(data[:8] + (999).to_bytes(2, "big") + data[10:])
    elif how == "flipped_byte":
        middle = len(data) // 2
        path.write_bytes(data[:middle] + bytes([data[middle] ^ 0xFF]) + data[middle + 1 :])
    elif how == "other_key":
        SnapshotStore(path, AesGcmProtector(os.urandom(32))).save(good_snapshot())
    elif how == "empty":
        path.write_bytes(b"")


@pytest.mark.parametrize(
    ("how", "words"),
    [
        ("garbage", "damaged"),
        ("flipped_byte", "damaged"),
        ("truncated", "incomplete"),
        ("wrong_version", "different version"),
        ("other_key", "could not be unlocked"),
        ("empty", "set aside"),
    ],
)
async def test_unusable_snapshot_is_set_aside_with_a_message(
    make_rig: Any, tmp_path: Path, snapshot_key: bytes, how: str, words: str
) -> None:
    path = tmp_path / "snapshot.bin"
    SnapshotStore(path, AesGcmProtector(snapshot_key)).save(good_snapshot())
    damage(path, how, snapshot_key)
    rig = make_rig(forced_offline=True, profile=tmp_path, tenant_key="t")
    notices: list[tuple[str, str]] = []
    rig.controller.notice.connect(lambda kind, text: notices.append((kind, text)))
    await rig.controller.start()
    assert notices and notices[0][0] == "warning"
    assert words in notices[0][1]
    assert rig.window.notice_banner.isVisible()
    assert words in rig.window.notice_banner.label.text()
    assert not path.exists()  # set aside, never read again
    assert [p for p in os.listdir(tmp_path) if p.startswith("snapshot.bin.bad-")]
    # The window keeps working: empty roster, offline banner, no crash.
    assert rig.window.model.rowCount() == 0
    assert rig.window.offline_banner.isVisible()
    assert "No roster is saved" in rig.window.offline_banner.label.text()
    assert not rig.errors


async def test_other_tenant_snapshot_is_not_shown(
    make_rig: Any, tmp_path: Path, snapshot_key: bytes
) -> None:
    path = tmp_path / "snapshot.bin"
    SnapshotStore(path, AesGcmProtector(snapshot_key)).save(good_snapshot(tenant="other-tenant"))
    rig = make_rig(forced_offline=True, profile=tmp_path, tenant_key="t")
    notices: list[str] = []
    rig.controller.notice.connect(lambda _kind, text: notices.append(text))
    await rig.controller.start()
    assert any("different organisation" in n for n in notices)
    assert rig.window.model.rowCount() == 0
    assert not path.exists()


async def test_missing_snapshot_says_nothing_alarming(make_rig: Any, tmp_path: Path) -> None:
    rig = make_rig(forced_offline=True, profile=tmp_path, tenant_key="t")
    notices: list[str] = []
    rig.controller.notice.connect(lambda _kind, text: notices.append(text))
    await rig.controller.start()
    assert notices == []
    assert not rig.window.notice_banner.isVisible()


async def test_crash_mid_write_keeps_the_previous_snapshot(
    make_rig: Any, tmp_path: Path, snapshot_key: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "snapshot.bin"
    store = SnapshotStore(path, AesGcmProtector(snapshot_key))
    store.save(good_snapshot())
    before = path.read_bytes()

    def crash(*_args: object, **_kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", crash)
    newer = Snapshot(
        tenant_id="t",
        account_username="manager@contoso.example",
        synced_at=datetime(2026, 11, 21, 8, 0, tzinfo=UTC),
        rows=(),
    )
    with pytest.raises(Exception):  # noqa: B017 - SnapshotSaveError
        store.save(newer)
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert not [p for p in os.listdir(tmp_path) if p.endswith(".tmp")]
    # The app still starts from the old snapshot.
    rig = make_rig(forced_offline=True, profile=tmp_path, tenant_key="t")
    await rig.controller.start()
    assert rig.window.model.rowCount() == len(mixed_rows())
    assert rig.controller.data_time == datetime(2026, 11, 20, 8, 0, tzinfo=UTC)
