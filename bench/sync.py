"""Roster sync vs the naive per-user loop, against the demo tenant in its own process.

    python bench/sync.py --users 2000 --latency-ms 50
    python bench/sync.py --users 1000 --latency-ms 20 --rate 20

Starts ``python -m qrpin_gui.demo --port 0``, reseeds it with N users, sets the latency (per
HTTP request) and the throttle (R operations per second, each $batch item counted), then runs

(a) the roster sync (``qrpin_gui.graph.sync.sync_roster`` over all users, as the IT admin),
(b) the naive loop a script writer would use: list the users, then one GET of the QR method
    per user, sequentially, with plain httpx (a 429 is waited out per its Retry-After, as a
    careful script would; nothing else is retried).

The last line is JSON: users, requests_sync, requests_naive, seconds_sync, seconds_naive,
speedup, lost, throttled, allowed_rate, achieved_rate (operations per second during the
status phase), plus a few details. ``lost``: users that the sync's final report does not
account for (missing, or still without a final state).

``requests_sync`` and ``seconds_sync`` are the whole app path: the set-up the app needs before
it can judge anyone (the admin's roles and stores, ``load_manage_context``) plus the roster
sync; ``speedup`` and ``request_ratio`` use them. The set-up alone is ``context_requests`` /
``context_seconds``; the roster sync alone ``requests_roster`` / ``seconds_roster``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from qrpin_gui.core.models import FetchKind  # noqa: E402
from qrpin_gui.graph.client import GraphClient, GraphClientConfig  # noqa: E402
from qrpin_gui.graph.directory import load_manage_context  # noqa: E402
from qrpin_gui.graph.retry import parse_retry_after  # noqa: E402
from qrpin_gui.graph.sync import (  # noqa: E402
    AllUsers,
    SyncBudget,
    SyncFinished,
    UsersListed,
    sync_roster,
)
from qrpin_gui.graph.tokens import CallbackTokenProvider  # noqa: E402


class Demo:
    """The demo tenant as a child process."""

    def __init__(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "qrpin_gui.demo", "--port", "0"],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        self.info: dict[str, str] = {}
        assert self.proc.stdout is not None
        deadline = time.monotonic() + 60
        for line in self.proc.stdout:
            line = line.strip()
            if line == "ready":
                break
            key, sep, value = line.partition(":")
            if sep:
                self.info[key.strip()] = value.strip()
            if time.monotonic() > deadline:
                raise RuntimeError("the demo tenant did not start")
        missing = {"graph", "ca", "control"} - set(self.info)
        if missing:
            self.stop()
            raise RuntimeError(f"the demo tenant did not print {sorted(missing)}")
        self.http = httpx.Client(verify=self.ca, trust_env=False, timeout=300)

    @property
    def graph(self) -> str:
        return self.info["graph"]

    @property
    def ca(self) -> str:
        return self.info["ca"]

    def control(self, method: str, path: str, body: Any = None) -> Any:
        response = self.http.request(method, self.info["control"] + path, json=body)
        response.raise_for_status()
        return response.json()

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


async def run_sync(demo: Demo, token: str, budget: SyncBudget) -> dict[str, Any]:
    async def fetch(scopes: Any, force: bool, claims: str | None) -> str:
        return token

    config = GraphClientConfig(base_url=demo.graph, verify=demo.ca, proxy="none")
    client = GraphClient(CallbackTokenProvider(fetch), config)
    try:
        started = time.monotonic()
        context = await load_manage_context(client)
        context_seconds = time.monotonic() - started
        context_requests = client.stats.requests
        report = None
        listed = 0
        async for event in sync_roster(client, AllUsers(), context, budget=budget):
            if isinstance(event, UsersListed):
                listed = event.total
            elif isinstance(event, SyncFinished):
                report = event.report
        assert report is not None
        loaded_ok = sum(1 for r in report.rows if r.fetch.kind is FetchKind.LOADED)
        return {
            "report": report,
            "listed": listed,
            "loaded": loaded_ok,
            "context_seconds": context_seconds,
            "context_requests": context_requests,
        }
    finally:
        await client.aclose()


def run_naive(demo: Demo, token: str) -> dict[str, Any]:
    headers = {"Authorization": f"Bearer {token}"}
    requests = 0
    throttled = 0
    failed = 0
    started = time.monotonic()
    with httpx.Client(verify=demo.ca, trust_env=False, timeout=120, headers=headers) as http:
        ids: list[str] = []
        url: str | None = demo.graph + "/users?$select=id,displayName,userPrincipalName&$top=999"
        while url:
            response = http.get(url)
            requests += 1
            if response.status_code == 429:
                throttled += 1
                time.sleep(parse_retry_after(response.headers.get("retry-after")) or 1.0)
                continue
            response.raise_for_status()
            body = response.json()
            ids += [item["id"] for item in body["value"]]
            url = body.get("@odata.nextLink")
        for user_id in ids:
            while True:
                response = http.get(f"{demo.graph}/users/{user_id}/authentication/qrCodePinMethod")
                requests += 1
                if response.status_code == 429:
                    throttled += 1
                    time.sleep(parse_retry_after(response.headers.get("retry-after")) or 1.0)
                    continue
                if response.status_code not in (200, 404):
                    failed += 1
                break
    return {
        "ids": ids,
        "requests": requests,
        "seconds": time.monotonic() - started,
        "throttled": throttled,
        "failed": failed,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=2000)
    parser.add_argument("--latency-ms", type=float, default=50.0)
    parser.add_argument("--rate", type=float, default=None, help="operations per second")
    parser.add_argument("--skip-naive", action="store_true", help="run only the sync")
    parser.add_argument(
        "--in-flight", type=int, default=None, help="override SyncBudget.max_in_flight"
    )
    args = parser.parse_args()

    demo = Demo()
    try:
        demo.control("POST", "/reset", {"users": args.users})
        admin = demo.control("GET", "/accounts?role=itAdmin")[0]["upn"]
        token = demo.control("POST", "/token", {"user": admin})["access_token"]
        faults: dict[str, Any] = {"latency_ms": args.latency_ms}
        if args.rate:
            faults["rate_per_s"] = args.rate
        demo.control("POST", "/faults", faults)

        budget = SyncBudget()
        if args.in_flight:
            budget = SyncBudget(max_in_flight=args.in_flight)
        sync = asyncio.run(run_sync(demo, token, budget))
        report = sync["report"]
        if args.skip_naive:
            naive = {"ids": [r.id for r in report.rows], "requests": 0, "seconds": 0.0,
                     "throttled": 0, "failed": 0}  # fmt: skip
        else:
            demo.control("POST", "/faults", faults)  # a fresh token bucket for the naive loop
            naive = run_naive(demo, token)
    finally:
        demo.stop()

    expected = set(naive["ids"])
    accounted = {r.id for r in report.rows if r.fetch.kind is not FetchKind.UNKNOWN}
    lost = len(expected - accounted)
    status_ops = sync["loaded"] + sum(
        1 for r in report.rows if r.fetch.kind is FetchKind.NOT_MANAGEABLE and r.fetch.error_code
    )
    achieved = status_ops / report.status_seconds if report.status_seconds else None
    requests_sync = sync["context_requests"] + report.requests  # set-up included
    seconds_sync = sync["context_seconds"] + report.seconds
    result = {
        "users": len(expected),
        "requests_sync": requests_sync,
        "requests_naive": naive["requests"],
        "seconds_sync": round(seconds_sync, 3),
        "seconds_naive": round(naive["seconds"], 3),
        "speedup": round(naive["seconds"] / seconds_sync, 1) if naive["seconds"] else None,
        "request_ratio": round(naive["requests"] / requests_sync, 1) if naive["requests"] else None,
        "requests_roster": report.requests,
        "seconds_roster": round(report.seconds, 3),
        "lost": lost,
        "failed": report.failed,
        "not_manageable": report.not_manageable,
        "throttled": report.throttled,
        "throttled_naive": naive["throttled"],
        "failed_naive": naive["failed"],
        "allowed_rate": args.rate,
        "achieved_rate": round(achieved, 2) if achieved is not None else None,
        "status_seconds": round(report.status_seconds, 3),
        "context_requests": sync["context_requests"],
        "context_seconds": round(sync["context_seconds"], 3),
        "latency_ms": args.latency_ms,
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
