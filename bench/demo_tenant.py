"""Benchmark the demo tenant: seed a large tenant, then page through every user.

Starts ``python -m qrpin_gui.demo --port 0`` as a separate process, reads its ``graph:``,
``authority:``, ``ca:``, ``control:`` and ``ready`` lines, seeds ``--users`` users through
``POST /_demo/reset`` (timed on its own, apart from CA generation and server start), then
reads ``/users?$top=999&$select=...`` page by page over HTTPS with httpx, following
``@odata.nextLink``. The last line printed is JSON::

    {"seed_seconds": ..., "page_ms_p50": ..., "page_ms_max": ..., ...}

Targets on the dev machine: seed <= 5 s, p50 <= 50 ms. With ``--check`` the exit status
is 1 when a target is missed (the missed targets are named on stderr), so CI can gate on it.

Usage: ``.venv/bin/python bench/demo_tenant.py --users 100000 [--check]``
"""

from __future__ import annotations

import argparse
import json
import ssl
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._demo_process import start_demo, stop_demo

SELECT = "id,displayName,userPrincipalName,accountEnabled,department"
SEED_TARGET_S = 5.0
P50_TARGET_MS = 50.0


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


def run(users: int, seed: int, python: str) -> dict[str, Any]:
    started = time.perf_counter()
    proc, info = start_demo(None, timeout=60, python=python)
    startup_s = time.perf_counter() - started
    try:
        ctx = ssl.create_default_context(cafile=info["ca"])
        with httpx.Client(verify=ctx, trust_env=False, timeout=300) as client:
            t0 = time.perf_counter()
            reset = client.post(f"{info['control']}/reset", json={"users": users, "seed": seed})
            seed_seconds = time.perf_counter() - t0
            reset.raise_for_status()

            admin = client.get(f"{info['control']}/accounts", params={"role": "itAdmin"}).json()[0]
            token = client.post(
                f"{info['control']}/token",
                json={"user": admin["upn"], "scopes": ["User.Read.All"]},
            ).json()["access_token"]
            headers = {"Authorization": f"Bearer {token}"}

            url: str | None = f"{info['graph']}/users?$top=999&$select={SELECT}"
            page_ms: list[float] = []
            seen = 0
            while url:
                t = time.perf_counter()
                response = client.get(url, headers=headers)
                body = response.json()
                page_ms.append((time.perf_counter() - t) * 1000)
                response.raise_for_status()
                seen += len(body["value"])
                url = body.get("@odata.nextLink")
    finally:
        stop_demo(proc)
    result: dict[str, Any] = {
        "seed_seconds": round(seed_seconds, 3),
        "page_ms_p50": round(statistics.median(page_ms), 2),
        "page_ms_max": round(max(page_ms), 2),
        "page_ms_p95": round(percentile(page_ms, 0.95), 2),
        "pages": len(page_ms),
        "users_seen": seen,
        "users_requested": users,
        "server_start_seconds": round(startup_s, 3),
    }
    result["meets_targets"] = not missed_targets(result)
    return result


def missed_targets(
    result: dict[str, Any],
    seed_target_s: float = SEED_TARGET_S,
    p50_target_ms: float = P50_TARGET_MS,
) -> list[str]:
    """The targets ``result`` misses, as short sentences (empty when all are met)."""
    missed = []
    if result["seed_seconds"] > seed_target_s:
        missed.append(f"seed took {result['seed_seconds']} s (target <= {seed_target_s} s)")
    if result["page_ms_p50"] > p50_target_ms:
        missed.append(f"page p50 was {result['page_ms_p50']} ms (target <= {p50_target_ms} ms)")
    return missed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--python", default=sys.executable, help="interpreter for the server")
    parser.add_argument(
        "--check", action="store_true", help="exit with status 1 when a target is missed"
    )
    args = parser.parse_args(argv)
    if args.users < 7:
        parser.error("--users must be at least 7 (the demo tenant's smallest size)")
    result = run(args.users, args.seed, args.python)
    print(
        f"seeded {args.users} users in {result['seed_seconds']} s; "
        f"{result['pages']} pages, p50 {result['page_ms_p50']} ms, max {result['page_ms_max']} ms",
        file=sys.stderr,
    )
    print(json.dumps(result))
    missed = missed_targets(result)
    for line in missed:
        print(f"target missed: {line}", file=sys.stderr)
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
