"""``bench/demo_tenant.py``: a small run prints its JSON figures last, and ``--check`` turns a
missed target into a failing exit status."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import time
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "demo_tenant.py"
KEYS = {"seed_seconds", "page_ms_p50", "page_ms_max", "pages", "users_seen", "meets_targets"}


def load_bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_demo_tenant", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_missed_targets_names_each_miss() -> None:
    bench = load_bench()
    assert bench.missed_targets({"seed_seconds": 1.0, "page_ms_p50": 5.0}) == []
    missed = bench.missed_targets({"seed_seconds": 6.0, "page_ms_p50": 51.0})
    assert len(missed) == 2
    assert "seed" in missed[0] and "p50" in missed[1]


@pytest.mark.slow
def test_small_run_prints_its_figures_and_passes_check() -> None:
    started = time.monotonic()
    proc = subprocess.run(
        [sys.executable, str(BENCH), "--users", "2000", "--check"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=BENCH.parents[1],
    )
    assert time.monotonic() - started < 15, "the smoke run should stay short"
    assert proc.returncode == 0, proc.stderr[-2000:]
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert set(result) >= KEYS
    assert result["users_seen"] == 2000 and result["pages"] == 3
    assert result["meets_targets"] is True
