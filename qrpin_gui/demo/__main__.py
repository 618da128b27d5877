"""``python -m qrpin_gui.demo``: run the demo tenant in the foreground."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from types import FrameType

from qrpin_gui.demo.tenant import DemoTenant


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m qrpin_gui.demo", description="Run the QR PIN Manager demo tenant."
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--users", type=int, default=None, help="tenant size (default company)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)

    stop = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    tenant = DemoTenant(host=args.host, port=args.port, users=args.users, seed=args.seed)
    tenant.start()
    try:
        out = sys.stdout
        out.write(f"graph: {tenant.graph_url}\n")
        out.write(f"authority: {tenant.authority}\n")
        out.write(f"ca: {tenant.ca_path}\n")
        out.write(f"control: {tenant.control_url}\n")
        out.write("ready\n")
        out.flush()
        while not stop.wait(0.5):
            pass
    finally:
        tenant.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
