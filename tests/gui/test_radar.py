"""The expiry radar: what expires within N days, temporary codes ending today, and "extend
without reprinting" for a selection through the bulk dry run, checked on the demo tenant."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio

from qrpin_gui.bulk import RowOutcome, Verdict
from qrpin_gui.core.models import QrCode, QrMethod, RosterRow, User
from qrpin_gui.graph.client import GraphClient, GraphClientConfig
from qrpin_gui.graph.directory import load_manage_context
from qrpin_gui.graph.sync import AllUsers, SyncFinished, sync_roster
from qrpin_gui.offline.journal import Journal
from qrpin_gui.ui.bulk_dialog import BulkDialog, BulkServices
from qrpin_gui.ui.expiry_radar import ExpiryRadar, RadarKind, radar_entries
from tests.bulk.conftest import FAST_RETRY, IT_ADMIN, DemoTokens
from tests.helpers import wait_until

NOW = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)


def row(
    i: int, *, expires_in: timedelta | None, temporary_until: timedelta | None = None
) -> RosterRow:
    standard = (
        QrCode(f"s{i}", start=NOW - timedelta(days=300), expire=NOW + expires_in)
        if expires_in is not None
        else None
    )
    temporary = (
        QrCode(f"t{i}", start=NOW - timedelta(hours=2), expire=NOW + temporary_until)
        if temporary_until is not None
        else None
    )
    method = QrMethod(f"m{i}", standard=standard, temporary=temporary)
    return RosterRow(User(id=f"u{i}", upn=f"p{i}@x.example")).with_method(method, NOW)


def grab(widget: Any, name: str) -> None:
    """Screenshots for the docs, only when ``QRPIN_SHOTS_DIR`` names a folder for them."""
    folder = os.environ.get("QRPIN_SHOTS_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(folder) / name))


def test_radar_entries_pick_badges_within_n_days_and_temporary_codes_ending_today() -> None:
    rows = [
        row(1, expires_in=timedelta(days=3)),
        row(2, expires_in=timedelta(days=29)),
        row(3, expires_in=timedelta(days=31)),
        row(4, expires_in=-timedelta(days=1)),  # already expired: not extendable, not listed
        row(5, expires_in=timedelta(days=200), temporary_until=timedelta(hours=3)),
        row(6, expires_in=None),
    ]
    entries = radar_entries(rows, NOW, 30)
    assert [(e.row.id, e.kind) for e in entries] == [
        ("u5", RadarKind.TEMPORARY_ENDS_TODAY),
        ("u1", RadarKind.BADGE_EXPIRING),
        ("u2", RadarKind.BADGE_EXPIRING),
    ]
    assert not entries[0].extendable and entries[1].extendable
    assert [e.row.id for e in radar_entries(rows, NOW, 60)][-1] == "u3"


@pytest_asyncio.fixture
async def graph(demo_clean: Any) -> AsyncIterator[GraphClient]:
    client = GraphClient(
        DemoTokens(demo_clean, IT_ADMIN),
        GraphClientConfig(
            base_url=demo_clean.graph_url, verify=demo_clean.ssl_context(), proxy="none",
            retry=FAST_RETRY,
        ),
    )  # fmt: skip
    yield client
    await client.aclose()


@pytest.mark.asyncio
async def test_extend_without_reprinting_from_the_radar(
    qtbot: Any, demo_clean: Any, graph: GraphClient, tmp_path: Path
) -> None:
    manage = await load_manage_context(graph)
    rows: list[RosterRow] = []
    async for event in sync_roster(graph, AllUsers(), manage):
        if isinstance(event, SyncFinished):
            rows = list(event.report.rows)
    services = BulkServices(
        graph=lambda: graph,
        results_dir=tmp_path,
        journal=Journal(tmp_path / "journal.jsonl"),
        manage=lambda: manage,
        rows=lambda: rows,
    )
    radar = ExpiryRadar(services)
    qtbot.addWidget(radar)
    radar.show()
    badges = [e for e in radar.model.entries if e.kind is RadarKind.BADGE_EXPIRING]
    assert badges, "the seeded company has badges expiring within 30 days"
    manageable = [e for e in badges if e.row.manage is not None and e.row.manage.allowed]
    assert len(manageable) >= 3
    radar.select_badges()
    assert len(radar.selected_entries()) == len(badges)
    assert radar.extend_button.isEnabled()
    grab(radar, "radar_1.png")
    before = {e.row.id: demo_clean.state.directory.find_user(e.row.id).qr.standard for e in badges}
    dialog = radar.extend_selected()
    assert isinstance(dialog, BulkDialog)
    await wait_until(lambda: dialog.pages.currentIndex() == BulkDialog.PAGE_PLAN, timeout=15)
    assert dialog.plan is not None
    ready = [i for i in dialog.plan.items if i.will_run]  # READY, or WARNING (disabled)
    assert all(i.verdict in (Verdict.READY, Verdict.WARNING) for i in ready)
    assert {i.row.id for i in ready if i.row} == {e.row.id for e in manageable}
    grab(dialog, "radar_2_plan.png")
    dialog.run_button.click()
    await wait_until(lambda: dialog.summary is not None, timeout=30)
    assert dialog.summary is not None
    assert dialog.summary.counts[RowOutcome.DONE] == len(ready)
    assert len(dialog.vault) == 0  # extended, not reissued: nothing to print
    for item in ready:
        assert item.row is not None
        server = demo_clean.state.directory.find_user(item.row.id).qr.standard
        old = before[item.row.id]
        assert server.id == old.id  # same badge, no reprint
        assert abs(server.expire - (old.start + timedelta(days=395))) < timedelta(seconds=2)
    dialog.reject()
    await wait_until(lambda: not dialog.isVisible())
    # The same badges again (say the radar was not refreshed): the run's results file is
    # keyed by action and people, so the dry run finds them done and sends nothing.
    radar.select_badges()
    again = radar.extend_selected()
    assert again is not None
    await wait_until(lambda: again.pages.currentIndex() == BulkDialog.PAGE_PLAN, timeout=15)
    assert again.results_path == dialog.results_path
    assert again.plan is not None
    done_before = [
        i for i in again.plan.items if i.main_problem and i.main_problem.code.value == "done_before"
    ]
    assert {i.row.id for i in done_before if i.row} == {i.row.id for i in ready if i.row}
    assert not any(i.will_run for i in again.plan.items if i.row and i.row.id in before)
    assert not again.run_button.isEnabled()
    again.reject()
