"""Group membership for the QR policy's target groups against the demo tenant: many users
through paced ``$batch`` requests, more than 20 groups, throttling, unreadable answers, and no
request at all for a policy that targets everyone."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from qrpin_gui.core.models import Policy, PolicyState, PolicyTarget
from qrpin_gui.graph import users
from qrpin_gui.graph.directory import check_member_groups, policy_group_membership

from .conftest import ClientFactory, DemoTokens, _control, account, faults

pytestmark = pytest.mark.asyncio


def create_group(demo: Any, name: str, members: list[str]) -> str:
    body = _control(demo, "POST", "/groups", {"displayName": name, "members": members})
    return str(body["id"])


def group_policy(*include: str, exclude: tuple[str, ...] = ()) -> Policy:
    return Policy(
        state=PolicyState.ENABLED,
        include_targets=tuple(PolicyTarget(g, "group") for g in include),
        exclude_targets=tuple(PolicyTarget(g, "group") for g in exclude),
    )


async def first_user_ids(client: Any, n: int) -> list[str]:
    ids: list[str] = []
    async for page in users.list_users(client):
        ids += [u.id for u in page.users]
        if len(ids) >= n:
            break
    return ids[:n]


async def test_membership_of_many_users_under_throttling(
    demo_clean: Any, make_client: ClientFactory
) -> None:
    client = make_client(account(demo_clean, "itAdmin")["upn"])
    ids = await first_user_ids(client, 45)
    pilots = create_group(demo_clean, "Pilots", ids[:10])
    floor = create_group(demo_clean, "Floor", ids[5:30])
    excluded = create_group(demo_clean, "Leavers", [ids[40]])
    # Every $batch item is one operation against a small budget: some come back 429.
    faults(demo_clean, rate_per_s=40, burst=20)
    before = client.stats.requests
    try:
        membership = await policy_group_membership(
            client, group_policy(pilots, floor, exclude=(excluded,)), ids
        )
    finally:
        _control(demo_clean, "DELETE", "/faults")
    assert membership is not None and set(membership) == set(ids)
    for index, user_id in enumerate(ids):
        expected = {pilots} if index < 5 else set()
        expected |= {pilots, floor} if 5 <= index < 10 else set()
        expected |= {floor} if 10 <= index < 30 else set()
        expected |= {excluded} if index == 40 else set()
        assert membership[user_id] == expected, index
    sent = client.stats.requests - before
    assert 3 <= sent < 45  # batched (20 to a $batch), not one request per user
    assert client.stats.throttled_items > 0  # the budget spoke, and nobody was lost


async def test_more_than_twenty_groups_are_split_per_user(
    demo_clean: Any, make_client: ClientFactory
) -> None:
    client = make_client(account(demo_clean, "itAdmin")["upn"])
    ids = await first_user_ids(client, 3)
    decoys = [str(uuid.uuid4()) for _ in range(24)]
    last = create_group(demo_clean, "The 25th group", [ids[1]])
    membership = await check_member_groups(client, ids, [*decoys, last.upper()])
    # Answers use the caller's spelling of the group id.
    assert membership == {ids[0]: frozenset(), ids[1]: frozenset({last.upper()}), ids[2]: set()}


async def test_unreadable_membership_is_left_out_not_empty(
    demo_clean: Any, make_client: ClientFactory
) -> None:
    it = account(demo_clean, "itAdmin")["upn"]
    scoped = DemoTokens(demo_clean, it)
    # A token without any group scope (the app asks for its scopes at sign-in).
    scoped.get_token = _fixed_scopes(scoped, ["User.Read.All"])  # type: ignore[method-assign]
    client = make_client(tokens=scoped)
    ids = await first_user_ids(make_client(it), 2)
    group = create_group(demo_clean, "Pilots", ids)
    assert await check_member_groups(client, [*ids, "no-such-user"], [group]) == {}
    full = make_client(it)
    assert await check_member_groups(full, [*ids, "no-such-user"], [group]) == {
        ids[0]: frozenset({group}),
        ids[1]: frozenset({group}),
    }


async def test_no_request_when_the_policy_targets_everyone_or_was_not_read(
    demo_clean: Any, make_client: ClientFactory
) -> None:
    client = make_client(account(demo_clean, "itAdmin")["upn"])
    ids = await first_user_ids(client, 5)
    before = client.stats.requests
    everyone = Policy(
        state=PolicyState.ENABLED, include_targets=(PolicyTarget("all_users", "group"),)
    )
    person = Policy(state=PolicyState.ENABLED, include_targets=(PolicyTarget(ids[0], "user"),))
    group = str(uuid.uuid4())
    disabled = Policy(state=PolicyState.DISABLED, include_targets=(PolicyTarget(group, "group"),))
    for policy in (None, everyone, person, disabled, Policy.default()):
        assert await policy_group_membership(client, policy, ids) is None
    assumed = Policy(include_targets=(PolicyTarget(group, "group"),), assumed=True)
    assert await policy_group_membership(client, assumed, ids) is None
    assert client.stats.requests == before


def _fixed_scopes(tokens: DemoTokens, scopes: list[str]) -> Any:
    async def get_token(_scopes: Any, **_kw: Any) -> str:
        return str(tokens.demo.token(tokens.user, scopes))

    return get_token
