"""Typed operations against the demo tenant: users, stores, roles, the QR method, policy."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from qrpin_gui.core.capability import (
    ROLE_AUTHENTICATION_ADMINISTRATOR,
    ROLE_PRIVILEGED_AUTHENTICATION_ADMINISTRATOR,
    NotManageableReason,
)
from qrpin_gui.core.models import PolicyState
from qrpin_gui.graph import directory, policy, qr_methods, users
from qrpin_gui.graph.errors import BadRequestError, ForbiddenError, NotFoundError
from qrpin_gui.graph.explain import ExplainContext, Target, explain

from .conftest import ClientFactory, account, add_rules, fault_snapshot

pytestmark = pytest.mark.asyncio


def person(demo: Any, role: str, *, with_method: bool = False) -> dict[str, Any]:
    for entry in demo.accounts(role):
        if not with_method or entry["pin"] is not None:
            return entry
    raise AssertionError(f"no {role} with a method")


async def test_listing_users_follows_next_links_over_several_pages(
    demo_clean: Any, make_client: ClientFactory
) -> None:
    client = make_client()
    big = [p async for p in users.list_users(client, top=999)]
    small = [p async for p in users.list_users(client, top=7)]
    all_ids = [u.id for p in big for u in p.users]
    paged_ids = [u.id for p in small for u in p.users]
    assert len(small) >= 3
    assert paged_ids == all_ids and len(set(paged_ids)) == len(paged_ids)
    assert all(u.upn and u.display_name for p in small for u in p.users)


async def test_search_needs_consistency_level_which_is_resent_on_every_page(
    demo_clean: Any, make_client: ClientFactory
) -> None:
    client = make_client()
    found = [u async for p in users.search_users(client, "manager", top=2) for u in p.users]
    upns = {u.upn for u in found}
    managers = {
        a["upn"] for a in demo_clean.accounts("storeManager") if a["upn"].startswith("manager")
    }
    assert len(managers) >= 3
    assert managers <= upns  # over several pages of 2, each carrying ConsistencyLevel
    with pytest.raises(BadRequestError) as caught:
        async for _ in users.search_users(client, "manager", consistency_level=False):
            pass
    assert caught.value.code == "Request_UnsupportedQuery"


async def test_get_user_by_id_and_upn_and_unknown(
    demo_clean: Any, make_client: ClientFactory
) -> None:
    client = make_client()
    worker = person(demo_clean, "worker")
    by_upn = await users.get_user(client, worker["upn"])
    by_id = await users.get_user(client, worker["id"])
    assert by_upn == by_id and by_id.display_name == worker["displayName"]
    with pytest.raises(NotFoundError):
        await users.get_user(client, "nobody@contoso-retail.example")
    me = await users.get_me(client)
    assert me.upn == account(demo_clean, "itAdmin")["upn"]


async def test_stores_members_and_the_managers_roles(
    demo_clean: Any, make_client: ClientFactory
) -> None:
    manager = account(demo_clean, "storeManager", 3)  # the area manager: two stores
    client = make_client(manager["upn"])
    capability = await directory.load_capability(client)
    assert capability.managed_unit_ids == frozenset(manager["stores"])
    assert not capability.is_tenant_wide
    assert capability.admin_id == manager["id"]
    stores = await directory.my_stores(client, capability)
    assert {s.id for s in stores} == set(manager["stores"])
    assert all(s.display_name for s in stores)
    units = await directory.list_administrative_units(client)
    assert set(manager["stores"]) <= {u.id for u in units}
    members = [u async for p in users.list_unit_members(client, stores[0].id) for u in p.users]
    in_store = {a["id"] for a in demo_clean.accounts() if stores[0].id in a["stores"]}
    assert in_store <= {u.id for u in members}


async def test_it_admin_is_tenant_wide_and_admin_holders_include_scoped_managers(
    demo_clean: Any, make_client: ClientFactory
) -> None:
    client = make_client()
    capability = await directory.load_capability(client)
    assert capability.is_tenant_wide
    assert capability.tenant_roles & {
        ROLE_PRIVILEGED_AUTHENTICATION_ADMINISTRATOR,
        ROLE_AUTHENTICATION_ADMINISTRATOR,
    }
    holders = await directory.admin_role_holders(client)
    for entry in demo_clean.accounts():
        if entry["role"] in ("itAdmin", "globalReader", "policyAdmin", "adminUser"):
            assert entry["id"] in holders, entry["role"]
        if entry["role"] == "storeManager":
            assert ROLE_AUTHENTICATION_ADMINISTRATOR in holders[entry["id"]]
        if entry["role"] == "worker":
            assert entry["id"] not in holders


async def test_manage_context_judges_without_graph_calls(
    demo_clean: Any, make_client: ClientFactory
) -> None:
    manager = account(demo_clean, "storeManager")
    client = make_client(manager["upn"])
    context = await directory.load_manage_context(client)
    store = manager["stores"][0]
    helpdesk = next(a for a in demo_clean.accounts("adminUser") if store in a["stores"])
    worker = next(a for a in demo_clean.accounts("worker") if store in a["stores"])
    other = next(a for a in demo_clean.accounts("worker") if store not in a["stores"])
    assert context.verdict(helpdesk["id"], {store}).denial is NotManageableReason.ADMIN_ROLE_HOLDER
    assert context.verdict(worker["id"]).allowed  # unit membership known from the context
    assert context.verdict(other["id"]).denial is NotManageableReason.OUTSIDE_STORES


async def test_method_children_inline_expand_and_child_gets(
    demo_clean: Any, make_client: ClientFactory
) -> None:
    worker = person(demo_clean, "worker", with_method=True)
    client = make_client()
    inline = await qr_methods.get_method(client, worker["id"])
    assert inline is not None and inline.children_loaded and inline.pin is not None
    assert client.stats.requests == 1

    demo_clean.settings(method_children="expand")
    before = client.stats.requests
    expanded = await qr_methods.get_method(client, worker["id"])
    assert client.stats.requests - before == 2  # plain, then $expand
    assert expanded == inline

    # a service that refuses $expand: the plain GET passes, the expanded one gets a 400
    add_rules(
        demo_clean,
        {"method": "GET", "path_regex": r"/qrCodePinMethod$", "count": 1},
        {"method": "GET", "path_regex": r"/qrCodePinMethod$", "count": 1, "status": 400},
    )
    before = client.stats.requests
    by_children = await qr_methods.get_method(client, worker["id"])
    assert client.stats.requests - before == 5  # plain, $expand, three child GETs
    assert by_children == inline


async def test_no_method_is_none_and_a_404_explains_itself(
    demo_clean: Any, make_client: ClientFactory
) -> None:
    worker = person(demo_clean, "worker", with_method=True)
    client = make_client()
    await qr_methods.delete_method(client, worker["id"])
    assert await qr_methods.get_method(client, worker["id"]) is None
    with pytest.raises(NotFoundError) as caught:
        await client.request("GET", qr_methods.method_path(worker["id"]))
    text = explain(caught.value, ExplainContext(Target.METHOD_READ, worker["displayName"])).text
    assert text == f"{worker['displayName']} has no QR sign-in yet."


async def test_method_lifecycle_create_codes_reset_delete(
    demo_clean: Any, make_client: ClientFactory
) -> None:
    worker = person(demo_clean, "worker", with_method=True)
    uid = worker["id"]
    client = make_client()
    await qr_methods.delete_method(client, uid)
    now = datetime.now(UTC).replace(microsecond=0)
    created = await qr_methods.create_method(
        client, uid, start=now, expire=now + timedelta(days=30), pin="40718352"
    )
    assert created.standard is not None and created.standard.image is not None
    assert created.standard.image.raw_content.startswith(b"ms-qrpin:v1|")
    assert created.pin is not None and created.pin.code == "40718352"
    code = await qr_methods.get_code(client, uid, qr_methods.CodeKind.STANDARD)
    assert code is not None and code.image is None and code.id == created.standard.id

    moved = await qr_methods.set_standard_code(client, uid, expire=now + timedelta(days=60))
    assert moved.image is None and moved.expire == now + timedelta(days=60)

    temp = await qr_methods.create_temporary_code(
        client, uid, start=now, expire=now + timedelta(hours=8)
    )
    assert temp.image is not None
    assert await qr_methods.get_code(client, uid, qr_methods.CodeKind.TEMPORARY) is not None
    await qr_methods.delete_code(client, uid, qr_methods.CodeKind.TEMPORARY)
    assert await qr_methods.get_code(client, uid, qr_methods.CodeKind.TEMPORARY) is None

    await qr_methods.delete_code(client, uid, qr_methods.CodeKind.STANDARD)
    assert await qr_methods.get_code(client, uid, qr_methods.CodeKind.STANDARD) is None
    fresh = await qr_methods.set_standard_code(
        client, uid, start=now, expire=now + timedelta(days=10)
    )
    assert fresh.image is not None  # created again: the one-time image

    pin = await qr_methods.reset_pin(client, uid)
    assert pin.code and pin.code != "40718352" and pin.force_change_next_sign_in
    state = await qr_methods.get_pin(client, uid)
    assert state is not None and state.code is None and state.force_change_next_sign_in

    await qr_methods.delete_method(client, uid)
    assert await qr_methods.get_method(client, uid) is None


@pytest.mark.parametrize(("verbs", "requests"), [("POST", 1), ("PATCH", 2), ("both", 1)])
async def test_update_own_pin_by_post_or_patch(
    demo_clean: Any, make_client: ClientFactory, verbs: str, requests: int
) -> None:
    worker = person(demo_clean, "worker", with_method=True)
    demo_clean.settings(update_pin_verbs=verbs)
    client = make_client(worker["upn"])
    await qr_methods.update_own_pin(client, worker["pin"], "59173028")
    assert client.stats.requests == requests
    after = next(a for a in demo_clean.accounts("worker") if a["id"] == worker["id"])
    assert after["pin"] == "59173028"


async def test_update_own_pin_falls_back_to_patch_on_a_400_segment_not_found(
    demo_clean: Any, make_client: ClientFactory
) -> None:
    """Some service builds answer the POST with an OData route miss (400) instead of 405."""
    worker = person(demo_clean, "worker", with_method=True)
    demo_clean.settings(update_pin_verbs="both")
    add_rules(
        demo_clean,
        {
            "method": "POST",
            "path_regex": r"/pin/updatePin$",
            "count": 1,
            "status": 400,
            "body": {
                "error": {
                    "code": "BadRequest",
                    "message": "Resource not found for the segment 'updatePin'.",
                }
            },
        },
    )
    client = make_client(worker["upn"])
    await qr_methods.update_own_pin(client, worker["pin"], "59173028")
    assert client.stats.requests == 2  # the refused POST, then the PATCH
    assert fault_snapshot(demo_clean)["scripts"][0]["fired"] == 1
    after = next(a for a in demo_clean.accounts("worker") if a["id"] == worker["id"])
    assert after["pin"] == "59173028"


async def test_update_own_pin_with_a_wrong_current_pin_is_not_retried_by_patch(
    demo_clean: Any, make_client: ClientFactory
) -> None:
    worker = person(demo_clean, "worker", with_method=True)
    client = make_client(worker["upn"])
    wrong = "38472910" if worker["pin"] != "38472910" else "49583021"
    with pytest.raises(BadRequestError):
        await qr_methods.update_own_pin(client, wrong, "59173028")
    assert client.stats.requests == 1


async def test_a_user_outside_the_managers_stores_is_forbidden_and_explained(
    demo_clean: Any, make_client: ClientFactory
) -> None:
    manager = account(demo_clean, "storeManager")
    other = next(
        a for a in demo_clean.accounts("worker") if manager["stores"][0] not in a["stores"]
    )
    client = make_client(manager["upn"])
    with pytest.raises(ForbiddenError) as read:
        await qr_methods.get_method(client, other["id"])
    with pytest.raises(ForbiddenError) as write:
        await qr_methods.reset_pin(client, other["id"])
    assert write.value.code == "Authorization_RequestDenied" and write.value.request_id
    text = explain(
        read.value,
        ExplainContext(
            Target.USER, person=other["displayName"], action="reset the PIN", in_my_stores=False
        ),
    ).text
    assert "not a member of any store you manage" in text


async def test_policy_read_or_defaults_assumed(demo_clean: Any, make_client: ClientFactory) -> None:
    admin = make_client(account(demo_clean, "policyAdmin")["upn"])
    real = await policy.get_policy(admin)
    assert not real.assumed and real.state is PolicyState.ENABLED and real.pin_length >= 8
    manager = make_client(account(demo_clean, "storeManager")["upn"])
    assumed = await policy.get_policy(manager)
    if assumed.assumed:  # the demo denies store managers the policy
        assert assumed.pin_length == 8 and assumed.standard_lifetime_days == 365
    add_rules(demo_clean, {"method": "GET", "path_regex": "qrCodePin$", "count": 1, "status": 403})
    denied = await policy.get_policy(admin)
    assert denied.assumed and denied.state is PolicyState.UNKNOWN
