"""``python -m qrpin_gui.demo``: run the demo tenant in the foreground."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from types import FrameType

from qrpin_gui.demo.control import MAX_RESET_USERS
from qrpin_gui.demo.seed import HQ_USERS, MIN_STORE_SIZE, MIN_USERS
from qrpin_gui.demo.tenant import DemoTenant


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m qrpin_gui.demo", description="Run the QR PIN Manager demo tenant."
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument(
        "--users",
        type=int,
        default=None,
        help=f"tenant size, {MIN_USERS}..{MAX_RESET_USERS} (default: the default company)",
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--store-size",
        type=int,
        default=None,
        metavar="M",
        help="with --users: the first store gets exactly M user members (its manager included)",
    )
    args = parser.parse_args(argv)
    if not 0 <= args.port <= 65535:
        parser.error("--port must be between 0 and 65535")
    if args.users is not None and not MIN_USERS <= args.users <= MAX_RESET_USERS:
        parser.error(f"--users must be between {MIN_USERS} and {MAX_RESET_USERS}")
    if args.store_size is not None:
        if args.users is None:
            parser.error("--store-size needs --users")
        most = args.users - HQ_USERS
        if not MIN_STORE_SIZE <= args.store_size <= most:
            parser.error(f"--store-size must be between {MIN_STORE_SIZE} and {most}")

    stop = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    tenant = DemoTenant(
        host=args.host,
        port=args.port,
        users=args.users,
        seed=args.seed,
        store_size=args.store_size,
    )
    try:
        tenant.start()
    except OSError as exc:  # the port is taken, the host is not this machine's, ...
        tenant.stop()  # removes the CA files made before the bind failed
        parser.error(f"cannot listen on {args.host}:{args.port}: {exc.strerror or exc}")
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
