"""Roster sync against the demo tenant: every user accounted for, throttling storms,
cancellation, status for a selection."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Sequence
from typing import Any

import pytest

from qrpin_gui.auth.errors import AuthError, AuthErrorKind
from qrpin_gui.core.capability import AdminCapability, NotManageableReason
from qrpin_gui.core.models import FailureReason, FetchKind, RosterRow
from qrpin_gui.graph import directory, users
from qrpin_gui.graph.directory import ManageContext
from qrpin_gui.graph.errors import ErrorKind
from qrpin_gui.graph.sync import (
    AllUsers,
    StatusArrived,
    Store,
    SyncBudget,
    SyncEvent,
    SyncFinished,
    SyncReport,
    UsersListed,
    UsersPageArrived,
    fetch_status,
    sync_roster,
)

from .conftest import ClientFactory, DemoTokens, account, add_rules, faults

pytestmark = pytest.mark.asyncio


async def collect(events: Any) -> tuple[list[SyncEvent], SyncReport]:
    seen: list[SyncEvent] = [event async for event in events]
    assert isinstance(seen[-1], SyncFinished)
    return seen, seen[-1].report


def assert_accounted(report: SyncReport, expected_ids: set[str]) -> None:
    ids = [row.id for row in report.rows]
    assert len(ids) == len(set(ids)), "a user appears twice"
    assert set(ids) == expected_ids, "a user is missing or unexpected"
    assert report.pending == 0
    assert report.synced + report.not_manageable + report.failed == report.total


async def test_store_sync_accounts_for_every_member_and_skips_admins(
    demo_clean: Any, make_client: ClientFactory
) -> None:
    manager = account(demo_clean, "storeManager")
    store = manager["stores"][0]
    client = make_client(manager["upn"])
    context = await directory.load_manage_context(client)
    members = {u.id async for p in users.list_unit_members(client, store) for u in p.users}
    before = client.stats.requests
    events, report = await collect(sync_roster(client, Store(store), context))
    assert_accounted(report, members)
    assert report.failed == 0 and report.complete

    kinds = [type(e) for e in events]
    assert kinds[0] is UsersPageArrived and UsersListed in kinds and StatusArrived in kinds
    listed = next(e for e in events if isinstance(e, UsersListed))
    assert listed.total == len(members)

    admins = {a["id"] for a in demo_clean.accounts() if a["role"] != "worker"} & members
    assert admins, "the seed puts an admin-role holder in every first store"
    for row in report.rows:
        if row.id in admins:
            assert row.fetch.kind is FetchKind.NOT_MANAGEABLE
            assert row.fetch.not_manageable is NotManageableReason.ADMIN_ROLE_HOLDER
        else:
            assert row.fetch.kind is FetchKind.LOADED
            assert store in row.stores
    with_method = [r for r in report.rows if r.method is not None]
    without = [r for r in report.rows if r.fetch.kind is FetchKind.LOADED and r.method is None]
    assert with_method and without
    assert all(r.method.children_loaded for r in with_method if r.method)
    # admins were judged without a Graph call: one listing page + one batch of the rest
    manageable = len(members) - len(admins)
    assert client.stats.requests - before == 1 + -(-manageable // 20)


async def test_a_403_inside_the_batch_marks_the_user_denied_by_the_service(
    demo_clean: Any, make_client: ClientFactory
) -> None:
    manager = account(demo_clean, "storeManager")
    store = manager["stores"][0]
    client = make_client(manager["upn"])
    capability = await directory.load_capability(client)
    blind = ManageContext(capability, admin_roles=None)  # holders unknown: Graph judges
    _, report = await collect(sync_roster(client, Store(store), blind))
    helpdesk = next(a for a in demo_clean.accounts("adminUser") if store in a["stores"])
    row = next(r for r in report.rows if r.id == helpdesk["id"])
    assert row.fetch.kind is FetchKind.NOT_MANAGEABLE
    assert row.fetch.not_manageable is NotManageableReason.DENIED_BY_SERVICE
    assert row.fetch.error_code == "Authorization_RequestDenied"
    assert report.failed == 0


async def test_children_not_inline_are_expanded_during_sync(
    demo_clean: Any, make_client: ClientFactory
) -> None:
    demo_clean.settings(method_children="expand")
    manager = account(demo_clean, "storeManager")
    client = make_client(manager["upn"])
    context = await directory.load_manage_context(client)
    _, report = await collect(sync_roster(client, Store(manager["stores"][0]), context))
    methods = [r.method for r in report.rows if r.method is not None]
    assert methods and all(m.children_loaded and m.pin is not None for m in methods)
    assert report.failed == 0


@pytest.mark.slow
async def test_a_429_storm_during_a_5000_user_sync_loses_nobody(
    demo: Any, make_client: ClientFactory
) -> None:
    demo.reset(users=5000)
    try:
        client = make_client()
        expected = {u.id async for p in users.list_users(client) for u in p.users}
        assert len(expected) >= 5000
        capability = AdminCapability(
            tenant_roles=frozenset({"7be44c8a-adaf-4e2a-84d6-ab2649e08a13"})
        )
        context = ManageContext(capability, admin_roles={})
        # items inside batches and whole requests alike
        faults(demo, rate_per_s=800, burst=100)
        add_rules(
            demo,
            {
                "method": "GET",
                "path_regex": r"/users$",
                "count": 2,
                "status": 429,
                "headers": {"Retry-After": "0.05"},
            },
            {
                "method": "POST",
                "path_regex": r"/\$batch$",
                "count": 6,
                "status": 429,
                "headers": {"Retry-After": "0.05"},
            },
            {
                "method": "POST",
                "path_regex": r"/\$batch$",
                "count": 2,
                "status": 503,
                "headers": {"Retry-After": "0.05"},
            },
        )
        started = time.monotonic()
        events, report = await collect(sync_roster(client, AllUsers(), context))
        elapsed = time.monotonic() - started
        assert_accounted(report, expected)
        assert report.failed == 0, [r.fetch for r in report.rows if r.fetch.failure][:3]
        assert report.synced == len(expected)
        assert report.throttled > 20
        done = [e.done for e in events if isinstance(e, StatusArrived)]
        assert done == sorted(done) and done[-1] == len(expected)
        assert elapsed < 45
    finally:
        demo.reset()


async def test_cancelling_a_sync_stops_all_requests(
    demo_clean: Any, make_client: ClientFactory
) -> None:
    faults(demo_clean, latency_ms=80)
    client = make_client()
    context = ManageContext(
        AdminCapability(tenant_roles=frozenset({"7be44c8a-adaf-4e2a-84d6-ab2649e08a13"})),
        admin_roles={},
    )
    got_status = asyncio.Event()
    seen: list[SyncEvent] = []

    async def consume() -> None:
        async for event in sync_roster(
            client, AllUsers(), context, budget=SyncBudget(max_in_flight=1)
        ):
            seen.append(event)
            if isinstance(event, StatusArrived):
                got_status.set()

    task = asyncio.ensure_future(consume())
    await asyncio.wait_for(got_status.wait(), 10)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    count = client.stats.requests
    await asyncio.sleep(0.4)
    assert client.stats.requests == count
    assert not any(isinstance(e, SyncFinished) for e in seen)


async def test_fetch_status_for_a_selection(demo_clean: Any, make_client: ClientFactory) -> None:
    manager = account(demo_clean, "storeManager")
    store = manager["stores"][0]
    client = make_client(manager["upn"])
    context = await directory.load_manage_context(client)
    members = [u async for p in users.list_unit_members(client, store) for u in p.users]
    helpdesk = next(a for a in demo_clean.accounts("adminUser") if store in a["stores"])
    other = next(a for a in demo_clean.accounts("worker") if store not in a["stores"])
    chosen: list[RosterRow | str] = [
        RosterRow(user=members[0]),
        members[1].id,
        helpdesk["id"],
        other["id"],
        members[0].id,  # the same person twice is one row
    ]
    events, report = await collect(fetch_status(client, chosen, context))
    assert_accounted(report, {members[0].id, members[1].id, helpdesk["id"], other["id"]})
    by_id = {r.id: r for r in report.rows}
    assert by_id[helpdesk["id"]].fetch.not_manageable is NotManageableReason.ADMIN_ROLE_HOLDER
    assert by_id[other["id"]].fetch.not_manageable is NotManageableReason.OUTSIDE_STORES
    assert by_id[members[0].id].user.display_name  # the User passed in is kept
    assert all(isinstance(e, StatusArrived | SyncFinished) for e in events)


async def test_items_that_stay_throttled_fail_with_a_reason_and_are_still_accounted(
    demo_clean: Any, make_client: ClientFactory
) -> None:
    client = make_client()
    ids = [u.id async for p in users.list_users(client, top=30) for u in p.users][:30]
    faults(demo_clean, rate_per_s=2, burst=1)
    budget = SyncBudget(max_item_attempts=2, min_rate=50)
    _, report = await collect(fetch_status(client, ids, None, budget=budget))
    assert_accounted(report, set(ids))
    failed = [r for r in report.rows if r.fetch.kind is FetchKind.FAILED]
    assert failed
    assert all(r.fetch.failure is FailureReason.THROTTLED for r in failed)
    assert all(r.fetch.error_code == "TooManyRequests" for r in failed)


async def test_offline_fails_every_row_with_network_quickly(make_client: ClientFactory) -> None:
    client = make_client(base_url="https://127.0.0.1:9/beta")
    ids = [f"00000000-0000-0000-0000-{i:012d}" for i in range(85)]
    started = time.monotonic()
    _, report = await collect(fetch_status(client, ids))
    assert time.monotonic() - started < 5
    assert_accounted(report, set(ids))
    assert report.failed == len(ids)
    assert {r.fetch.failure for r in report.rows} == {FailureReason.NETWORK}
    # the first unreachable batch stops the rest: no hammering of a dead network
    assert client.stats.requests <= SyncBudget().max_in_flight * 2


async def test_listing_that_fails_is_reported_and_rows_so_far_kept(
    demo_clean: Any, make_client: ClientFactory
) -> None:
    client = make_client()
    add_rules(demo_clean, {"method": "GET", "path_regex": r"/users$", "count": 1, "status": 403})
    context = ManageContext(AdminCapability(), admin_roles={})
    events, report = await collect(sync_roster(client, AllUsers(), context))
    assert report.listing_error is not None and report.listing_error.status == 403
    assert report.total == 0 and not report.complete
    listed = next(e for e in events if isinstance(e, UsersListed))
    assert listed.error is report.listing_error


class TokensThatStop:
    """The app's token provider raising its own ``AuthError`` after ``good`` tokens (a
    refresh token revoked mid-sync, a sign-in that expired)."""

    def __init__(self, inner: DemoTokens, good: int) -> None:
        self.inner = inner
        self.good = good
        self.calls = 0

    async def get_token(
        self, scopes: Sequence[str], *, force_refresh: bool = False, claims: str | None = None
    ) -> str:
        self.calls += 1
        if self.calls > self.good:
            raise AuthError(AuthErrorKind.INTERACTION_REQUIRED, "no token in cache")
        return await self.inner.get_token(scopes, force_refresh=force_refresh, claims=claims)


@pytest.mark.parametrize("good", [0, 1, 2])
async def test_a_sign_in_failure_during_a_sync_fails_every_row_and_loses_none(
    demo_clean: Any, make_client: ClientFactory, good: int
) -> None:
    admin = account(demo_clean, "itAdmin")["upn"]
    working = make_client(admin)
    context = await directory.load_manage_context(working)
    everyone = {u.id async for p in users.list_users(working) for u in p.users}
    tokens = TokensThatStop(DemoTokens(demo_clean, admin), good)
    client = make_client(tokens=tokens)  # type: ignore[arg-type]
    # small batches, one in flight: with good=2 one status batch succeeds before the failure
    budget = SyncBudget(max_in_flight=1, batch_size=5)

    events, report = await collect(sync_roster(client, AllUsers(), context, budget=budget))

    if good == 0:  # the listing itself could not start: no rows, the reason is reported
        assert report.total == 0 and not report.complete
        assert report.listing_error is not None
        assert report.listing_error.kind is ErrorKind.AUTH
        assert isinstance(report.listing_error.__cause__, AuthError)
        return
    assert_accounted(report, everyone)
    needing = [r for r in report.rows if r.fetch.kind is not FetchKind.NOT_MANAGEABLE]
    failed = [r for r in needing if r.fetch.kind is FetchKind.FAILED]
    assert {r.fetch.failure for r in failed} == {FailureReason.AUTHENTICATION}
    if good == 1:  # every status read needed the token that never came
        assert failed == needing
    else:
        assert report.synced == 5 and len(failed) == len(needing) - 5
    # every final row reached the window through a StatusArrived event
    arrived = {r.id for e in events if isinstance(e, StatusArrived) for r in e.rows}
    assert {r.id for r in failed} <= arrived
