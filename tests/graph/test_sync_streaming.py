"""A big store syncs in small steps: the caller's event loop runs between slices of rows and
between batches, and no full garbage collection runs while a sync is postponing it."""

from __future__ import annotations

import asyncio
import gc
import itertools
from collections.abc import Iterator
from typing import Any

import pytest

from qrpin_gui.core.models import FetchKind
from qrpin_gui.graph import directory
from qrpin_gui.graph.sync import (
    ROW_CHUNK,
    StatusArrived,
    Store,
    SyncFinished,
    UsersListed,
    UsersPageArrived,
    sync_roster,
)
from qrpin_gui.ui.gc_pause import full_collections_postponed

from .conftest import ClientFactory, account

STORE_SIZE = 1300


@pytest.fixture
def big_store(demo: Any) -> Iterator[Any]:
    demo.reset(users=STORE_SIZE + 40, store_size=STORE_SIZE, seed=4)
    yield demo
    demo.reset()


@pytest.mark.asyncio
async def test_a_big_store_streams_in_slices_with_the_loop_running_between_them(
    big_store: Any, make_client: ClientFactory
) -> None:
    manager = account(big_store, "storeManager")
    client = make_client(manager["upn"])
    context = await directory.load_manage_context(client)

    loop_turns = 0

    async def ticker() -> None:
        nonlocal loop_turns
        while True:
            loop_turns += 1
            await asyncio.sleep(0)

    ticking = asyncio.create_task(ticker())
    events: list[tuple[int, Any]] = []
    try:
        async for event in sync_roster(client, Store(manager["stores"][0]), context):
            events.append((loop_turns, event))
    finally:
        ticking.cancel()

    slices = [(turn, e) for turn, e in events if isinstance(e, UsersPageArrived)]
    # 1300 members come in pages of 999 and 301; every slice is small, none is lost.
    assert all(0 < len(e.rows) <= ROW_CHUNK for _, e in slices)
    assert sum(len(e.rows) for _, e in slices) == STORE_SIZE
    assert [e.listed for _, e in slices] == sorted({e.listed for _, e in slices})
    assert len(slices) >= STORE_SIZE // ROW_CHUNK
    # The loop ran (other tasks, the window's timers) between one slice and the next.
    turns = [turn for turn, _ in slices]
    assert all(b > a for a, b in itertools.pairwise(turns))

    listed = next(e for _, e in events if isinstance(e, UsersListed))
    report = next(e for _, e in events if isinstance(e, SyncFinished)).report
    judged = sum(1 for r in report.rows if r.fetch.kind is FetchKind.NOT_MANAGEABLE)
    assert listed.total == STORE_SIZE and listed.status_total == STORE_SIZE - judged
    assert judged >= 1  # the helpdesk admin works in this store
    # Status arrives batch by batch (20 to a $batch), the loop running between batches.
    statuses = [(turn, e) for turn, e in events if isinstance(e, StatusArrived)]
    assert all(len(e.rows) <= 20 for _, e in statuses)
    assert statuses[-1][1].done == listed.status_total
    assert len({turn for turn, _ in statuses}) == len(statuses)
    assert report.synced == listed.status_total and report.failed == 0
    assert len({r.id for r in report.rows}) == STORE_SIZE


def test_no_full_collection_runs_while_postponed_and_thresholds_come_back() -> None:
    before = gc.get_threshold()
    generations: list[int] = []

    def watch(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            generations.append(info["generation"])

    gc.callbacks.append(watch)
    try:
        with full_collections_postponed():
            with full_collections_postponed():  # re-entrant
                pass
            assert gc.get_threshold()[:2] == before[:2]
            assert gc.get_threshold()[2] > 10**6
            kept = []
            for i in range(300_000):  # survivors enough to trigger several full collections
                node: list[Any] = [i]
                node.append(node)  # a cycle: tracked by the collector
                kept.append(node)
            inside = list(generations)
        assert gc.get_threshold() == before
        assert gc.get_freeze_count() >= len(kept)  # the survivors are frozen
    finally:
        gc.callbacks.remove(watch)
        gc.unfreeze()
    assert inside and 2 not in inside  # young collections ran, no full one
