"""Start the demo tenant in its own process for a benchmark (shared by bench/ui.py,
bench/bulk.py and bench/demo_tenant.py)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def start_demo(
    users: int | None,
    *,
    store_size: int | None = None,
    timeout: float = 120.0,
    python: str = sys.executable,
) -> tuple[subprocess.Popen[str], dict[str, str]]:
    """``python -m qrpin_gui.demo`` on a free port; returns the process and its announced
    ``graph``, ``authority``, ``ca`` and ``control`` URLs. ``store_size``: the first store
    gets exactly that many people (``--store-size``; needs ``users``); ``python``: the
    interpreter that runs the server."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    args = [python, "-m", "qrpin_gui.demo", "--host", "127.0.0.1", "--port", "0"]
    if users is not None:
        args += ["--users", str(users)]
    if store_size is not None:
        args += ["--store-size", str(store_size)]
    proc = subprocess.Popen(
        args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=ROOT, env=env
    )
    info: dict[str, str] = {}
    ready = threading.Event()

    def read() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:  # keep draining so the server never blocks on stdout
            key, sep, value = line.strip().partition(": ")
            if line.strip() == "ready":
                ready.set()
            elif sep and not ready.is_set():
                info[key] = value
        ready.set()

    threading.Thread(target=read, daemon=True).start()
    if not ready.wait(timeout) or not {"graph", "ca", "control"} <= set(info):
        proc.kill()
        raise SystemExit(f"demo tenant did not start (got {info})")
    return proc, info


def stop_demo(proc: subprocess.Popen[str]) -> None:
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
