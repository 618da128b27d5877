"""The whole app, as a process, against its built-in demo tenant: the script flags, the real
MSAL sign-in path, the snapshot written after a sync and the offline start from it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from qrpin_gui.paths import AppPaths
from qrpin_gui.settings import Settings

ROOT = Path(__file__).resolve().parents[2]


def run_app(*args: str, timeout: float = 90) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return subprocess.run(
        [sys.executable, "-m", "qrpin_gui", "--no-err-windows", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=timeout,
        check=False,
    )


def consenting_profile(folder: Path) -> AppPaths:
    """A profile that agreed to plaintext storage (this machine has no OS keyring), so the
    snapshot is kept."""
    paths = AppPaths.for_profile(folder)
    paths.ensure()
    Settings(allow_plaintext_token_cache=True).save(paths.settings_file)
    return paths


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def test_self_test_passes_with_the_demo_tenant() -> None:
    result = run_app("--demo", "--temp-profile", "--self-test")
    assert result.returncode == 0, result.stderr[-2000:]
    lines = result.stdout.strip().splitlines()
    assert lines[-2] == "self-test: ok"
    timings = json.loads(lines[-1])
    assert timings["self_test"] == "ok" and timings["failed"] == []
    assert timings["steps_ms"]["start_to_roster"] > 0


def test_self_test_reports_the_failing_step() -> None:
    result = run_app(
        "--demo", "--temp-profile", "--self-test", "--demo-user", "nobody@nowhere.example"
    )
    assert result.returncode != 0
    lines = result.stdout.strip().splitlines()
    assert lines[-2].startswith("self-test: FAIL ")
    assert json.loads(lines[-1])["self_test"] == "fail"


def test_screenshot_then_offline_start_from_the_snapshot(tmp_path: Path) -> None:
    paths = consenting_profile(tmp_path / "profile")
    online = tmp_path / "online.png"
    result = run_app(
        "--demo", "--profile-dir", str(tmp_path / "profile"), "--screenshot", str(online)
    )
    assert result.returncode == 0, result.stderr[-2000:]
    width, height = png_size(online)
    assert width >= 800 and height >= 500
    assert paths.snapshot_file.exists()
    snapshot_bytes = paths.snapshot_file.read_bytes()
    assert b"manager.s101" not in snapshot_bytes or b"QRPINSNP" in snapshot_bytes[:8]

    # Offline: the window opens on the snapshot (timed), and a screenshot shows it.
    shown = run_app(
        "--demo", "--offline", "--profile-dir", str(tmp_path / "profile"), "--exit-when-shown"
    )
    assert shown.returncode == 0, shown.stderr[-2000:]
    timing = json.loads(shown.stdout.strip().splitlines()[-1])
    assert timing["rows"] > 5
    assert timing["window_ms"] > 0
    offline = tmp_path / "offline.png"
    result = run_app(
        "--demo",
        "--offline",
        "--profile-dir",
        str(tmp_path / "profile"),
        "--screenshot",
        str(offline),
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert png_size(offline) == png_size(online)


def test_corrupt_snapshot_is_set_aside_and_the_app_starts(tmp_path: Path) -> None:
    paths = consenting_profile(tmp_path)
    paths.snapshot_file.write_bytes(b"QRPINSNP" + os.urandom(300))
    result = run_app("--demo", "--offline", "--profile-dir", str(tmp_path), "--exit-when-shown")
    assert result.returncode == 0, result.stderr[-2000:]
    assert json.loads(result.stdout.strip().splitlines()[-1])["rows"] == 0
    assert not paths.snapshot_file.exists()
    assert list(paths.data_dir.glob("roster-snapshot.bin.bad-*"))
    log = paths.log_file.read_text(encoding="utf-8")
    assert "Snapshot unusable" in log


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshot_in_each_colour_scheme_as_it_admin(tmp_path: Path, scheme: str) -> None:
    shot = tmp_path / f"{scheme}.png"
    result = run_app(
        "--demo",
        "--temp-profile",
        "--demo-user",
        "it.admin@contoso-retail.example",
        "--color-scheme",
        scheme,
        "--screenshot",
        str(shot),
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert png_size(shot)[0] >= 800


def test_screenshot_without_a_tenant_ends_with_a_failure(tmp_path: Path) -> None:
    """Nothing configured and no --demo: nothing can load, so the picture shows the empty
    window and the exit code says so (instead of waiting for a sync forever)."""
    shot = tmp_path / "empty.png"
    result = run_app("--temp-profile", "--screenshot", str(shot), timeout=60)
    assert result.returncode == 1, result.stderr[-2000:]
    assert png_size(shot)[0] > 0
