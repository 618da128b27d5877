"""Bulk PIN reset through the bulk path, against the demo tenant in its own process.

    python bench/bulk.py --users 1000 --rate 20

Starts ``python -m qrpin_gui.demo --port 0`` (seeded with enough people that ``--users`` of
them have a QR method), syncs the roster as the IT admin (no throttle yet), then sets the
throttle (R operations per second, each ``$batch`` item counted) and resets the PIN of
``--users`` people the way the wizard does: the dry run (``qrpin_gui.bulk.build_plan``, the
roster rows are fresh so nothing is re-read), then the paced run (``BulkRun``) with the
journal, the results file and the secret vault in a temporary profile.

The last line is JSON: seconds (the run), ok, failed, lost (rows without a final outcome,
or reported unknown), allowed_rate, achieved_rate (ok / seconds), plus details. Targets:
lost 0, achieved_rate >= 80% of allowed_rate.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench._demo_process import start_demo, stop_demo  # noqa: E402
from qrpin_gui.bulk import (  # noqa: E402
    BulkAction,
    BulkRun,
    PlanContext,
    ResultsWriter,
    RowOutcome,
    RunFinished,
    SecretVault,
    build_plan,
    requests_for_rows,
)
from qrpin_gui.core.models import RosterRow  # noqa: E402
from qrpin_gui.graph.client import GraphClient, GraphClientConfig  # noqa: E402
from qrpin_gui.graph.directory import load_manage_context  # noqa: E402
from qrpin_gui.graph.sync import AllUsers, SyncFinished, sync_roster  # noqa: E402
from qrpin_gui.offline.journal import Journal, Person  # noqa: E402

IT_ADMIN = "it.admin@contoso-retail.example"


class ControlTokens:
    """Tokens from the demo's control API."""

    def __init__(self, control: str, ca: str, user: str) -> None:
        self._http = httpx.Client(verify=ca, trust_env=False, timeout=60)
        self._url = control + "/token"
        self._user = user
        self._token: str | None = None

    async def get_token(
        self, scopes: Sequence[str], *, force_refresh: bool = False, claims: str | None = None
    ) -> str:
        if self._token is None or force_refresh:
            response = await asyncio.to_thread(
                self._http.post, self._url, json={"user": self._user}
            )
            response.raise_for_status()
            self._token = str(response.json()["access_token"])
        return self._token


async def bench(info: dict[str, str], users: int, rate: float) -> dict[str, Any]:
    graph = GraphClient(
        ControlTokens(info["control"], info["ca"], IT_ADMIN),
        GraphClientConfig(base_url=info["graph"], verify=info["ca"], proxy="none"),
    )
    try:
        manage = await load_manage_context(graph)
        rows: list[RosterRow] = []
        async for event in sync_roster(graph, AllUsers(), manage):
            if isinstance(event, SyncFinished):
                rows = list(event.report.rows)
        chosen = [
            r for r in rows if r.method is not None and r.manage is not None and r.manage.allowed
        ][:users]
        if len(chosen) < users:
            raise SystemExit(f"only {len(chosen)} people with a QR method; seed more")
        async with httpx.AsyncClient(verify=info["ca"], trust_env=False, timeout=30) as http:
            response = await http.post(info["control"] + "/faults", json={"rate_per_s": rate})
            response.raise_for_status()
        with tempfile.TemporaryDirectory() as profile:
            journal = Journal(Path(profile) / "journal.jsonl")
            actor = Person("it-admin", IT_ADMIN)
            started = time.monotonic()
            plan = await build_plan(
                requests_for_rows(chosen, BulkAction.RESET_PIN),
                PlanContext(graph=graph, manage=manage, known_rows=rows),
            )
            plan_seconds = time.monotonic() - started
            run = BulkRun(
                graph,
                plan.items,
                journal=journal,
                actor=actor,
                vault=SecretVault(journal, actor),
                results=ResultsWriter(Path(profile) / "bench.results.csv"),
            )
            summary = None
            async for event in run.events():
                if isinstance(event, RunFinished):
                    summary = event.summary
            assert summary is not None
            accounted = {r.index for r in summary.results}
            unknown = summary.counts[RowOutcome.UNKNOWN]
            lost = (len(plan.items) - len(accounted)) + unknown
            ok = summary.ok
            return {
                "seconds": round(summary.seconds, 2),
                "ok": ok,
                "failed": summary.counts[RowOutcome.FAILED],
                "lost": lost,
                "allowed_rate": rate,
                "achieved_rate": round(ok / summary.seconds, 2) if summary.seconds else 0.0,
                "users": users,
                "plan_seconds": round(plan_seconds, 2),
                "writes_sent": summary.writes_sent,
                "throttled_items": summary.throttled_items,
                "pins_in_vault": run.vault.pin_count,
                "unknown": unknown,
                "not_sent": summary.counts[RowOutcome.NOT_SENT],
            }
    finally:
        await graph.aclose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--users", type=int, default=1000, help="PINs to reset")
    parser.add_argument("--rate", type=float, default=20.0, help="allowed operations per second")
    args = parser.parse_args(argv)
    # about 80% of seeded workers hold a method; leave room for admins and managers
    proc, info = start_demo(int(args.users * 1.45) + 60)
    try:
        result = asyncio.run(bench(info, args.users, args.rate))
    finally:
        stop_demo(proc)
    target = result["lost"] == 0 and result["achieved_rate"] >= 0.8 * result["allowed_rate"]
    print(f"bulk reset of {result['ok']} PINs in {result['seconds']} s; targets met: {target}")
    print(json.dumps(result))
    return 0 if target else 1


if __name__ == "__main__":
    sys.exit(main())
