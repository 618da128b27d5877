"""Readiness "not in the policy's target groups" through the real window against the demo
tenant: with a group-targeted QR policy, a worker outside the group is "not ready" (details
pane and the "Not ready" filter) and one inside is ready; a policy for all users sends no
membership request; offline (membership unknown) gives no verdict."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qrpin_gui.core.models import FetchKind, Policy, PolicyState, PolicyTarget, RosterRow, User
from qrpin_gui.core.readiness import Blocker
from qrpin_gui.graph.policy import POLICY_PATH
from qrpin_gui.ui import policy_targets
from qrpin_gui.ui.roster_model import RowRole
from qrpin_gui.ui.roster_present import FactsContext, QuickFilter, derive, filter_mask, row_facts
from tests.gui.conftest import demo_account
from tests.gui.factories import NOW, method
from tests.gui.test_row_facts import USER_ID, rows
from tests.helpers import wait_until

GROUP_POLICIES = st.sampled_from(
    [
        Policy(state=PolicyState.ENABLED, include_targets=(PolicyTarget("G1", "group"),)),
        Policy(
            state=PolicyState.ENABLED,
            include_targets=(PolicyTarget("g1", "group"), PolicyTarget(USER_ID, "user")),
        ),
        Policy(
            state=PolicyState.ENABLED,
            include_targets=(PolicyTarget("all_users", "group"),),
            exclude_targets=(PolicyTarget("g2", "group"),),
        ),
        Policy(state=PolicyState.DISABLED, include_targets=(PolicyTarget("g1", "group"),)),
        Policy(include_targets=(PolicyTarget("g1", "group"),), assumed=True),
    ]
)
GROUPS = st.sampled_from(
    [None, frozenset(), frozenset({"g1"}), frozenset({"G2"}), frozenset({"g1", "g2"})]
)


PERSON = User(id=USER_ID, upn="a@x", display_name="A")
SIMPLE_ROWS = st.sampled_from(
    [
        RosterRow(user=PERSON).with_method(method(), NOW),  # ready unless targets say no
        RosterRow(user=PERSON).with_method(method(temporary_hours=2), NOW),
        RosterRow(user=PERSON).with_method(method(expires_in_days=-1), NOW),
        RosterRow(user=PERSON).with_method(replace(method(), children_loaded=False), NOW),
        RosterRow(user=PERSON).with_method(None, NOW),
        RosterRow(user=PERSON),
    ]
)


@settings(max_examples=300, deadline=None)
@given(row=st.one_of(SIMPLE_ROWS, rows()), policy=GROUP_POLICIES, groups=GROUPS)
def test_row_facts_agree_with_derive_on_target_groups(
    row: Any, policy: Policy, groups: frozenset[str] | None
) -> None:
    """The model's cheap facts give the core's verdict for group-targeted policies."""
    mask, primary, _temporary, _until = row_facts(row, FactsContext(NOW, 14, policy), False, groups)
    truth = derive(row, NOW, 14, policy, groups=groups)
    assert mask == filter_mask(truth.filters)
    assert primary is truth.primary
    assert truth.groups == groups


NOT_IN_TARGETS = "This person is not among the people QR sign-in is enabled for."
FIX = "Ask IT to add this person to the QR sign-in groups."


def shown_ids(window: Any) -> set[str]:
    model = window.model
    return {model.index(r, 0).data(RowRole).id for r in range(model.rowCount())}


def not_ready_ids(rig: Any) -> set[str]:
    """The oracle for the "Not ready" filter: the core's verdict with the known membership."""
    model = rig.window.model
    return {
        r.id
        for r in rig.controller.rows
        if QuickFilter.NOT_READY
        in derive(r, model.now, policy=model._policy, groups=model.target_groups_of(r.id)).filters
    }


def select(window: Any, user_id: str) -> None:
    window.table.setCurrentIndex(window.model.index_of(user_id))
    assert window.details.title.text() == window.model.row_by_id(user_id).user.display_name


def spy_batches(graph: Any) -> list[str]:
    """The url of every ``$batch`` item the app sends from now on."""
    urls: list[str] = []
    original = graph.send_batch

    async def send_batch(requests: Any, **kwargs: Any) -> Any:
        urls.extend(r.url for r in requests)
        return await original(requests, **kwargs)

    graph.send_batch = send_batch
    return urls


def control(demo: Any, method: str, path: str, body: Any) -> Any:
    with httpx.Client(verify=demo.ssl_context(), trust_env=False, timeout=10) as client:
        response = client.request(method, demo.control_url + path, json=body)
        response.raise_for_status()
        return response.json()


def target_policy_at(demo: Any, group_id: str) -> None:
    """The policy administrator makes QR sign-in available to one group only."""
    admin = demo_account(demo, "policyAdmin")["upn"]
    with httpx.Client(verify=demo.ssl_context(), trust_env=False, timeout=10) as client:
        response = client.patch(
            demo.graph_url + POLICY_PATH,
            headers={"Authorization": f"Bearer {demo.token(admin)}"},
            json={
                "@odata.type": "#microsoft.graph.qrCodePinAuthenticationMethodConfiguration",
                "includeTargets": [
                    {"targetType": "group", "id": group_id, "isRegistrationRequired": False}
                ],
            },
        )
        assert response.status_code in (200, 204), response.text


async def synced(rig: Any) -> None:
    finished: list[str] = []
    rig.controller.sync_finished.connect(finished.append)
    await rig.controller.sign_in_and_sync()
    await wait_until(lambda: finished and not rig.controller.is_syncing, 20)


@pytest.mark.asyncio
async def test_group_targeted_policy_readiness_end_to_end(demo_clean: Any, make_rig: Any) -> None:
    # A global reader reads the policy and the QR status of a store's people.
    reader = demo_account(demo_clean, "globalReader")["upn"]
    store = demo_account(demo_clean, "storeManager")["stores"][0]
    rig = make_rig(demo_clean, reader)
    rig.settings.last_store = store
    targets = policy_targets.install(rig.window, rig.controller, lambda: rig.graph, rig.tasks)
    urls = spy_batches(rig.graph)
    window, details = rig.window, rig.window.details

    # The default policy targets all users: no membership is asked for.
    await synced(rig)
    assert rig.controller.policy.includes_all_users and not rig.controller.policy.assumed
    assert urls and not any("checkMemberGroups" in u for u in urls)
    assert targets.target_groups == frozenset() and not targets.busy
    ready = [
        r
        for r in rig.controller.rows
        if r.fetch.kind is FetchKind.LOADED
        and r.method is not None
        and r.id not in not_ready_ids(rig)
    ]
    assert len(ready) >= 2
    inside, outside = ready[0], ready[1]

    # Now QR sign-in is for one group, with only the first worker in it.
    group = control(
        demo_clean, "POST", "/groups", {"displayName": "QR pilots", "members": [inside.id]}
    )
    target_policy_at(demo_clean, group["id"])
    urls.clear()
    await synced(rig)
    assert targets.target_groups == {group["id"]}
    await wait_until(lambda: not targets.busy and outside.id in targets.membership, 20)
    asked = [u for u in urls if u.endswith("/checkMemberGroups")]
    loaded = [r for r in rig.controller.rows if r.fetch.kind is FetchKind.LOADED]
    assert len(asked) == len(loaded)  # once per person whose status is known
    assert targets.membership[inside.id] == {group["id"]}
    assert targets.membership[outside.id] == frozenset()

    select(window, outside.id)
    readiness = details.readiness.readiness
    assert readiness is not None and readiness.has(Blocker.NOT_IN_POLICY_TARGETS)
    assert details.readiness.summary.text() == "Not ready: QR sign-in would fail today."
    assert NOT_IN_TARGETS in details.readiness.details.text()
    assert FIX in details.readiness.details.text()
    select(window, inside.id)
    readiness = details.readiness.readiness
    assert readiness is not None and readiness.ready
    assert not readiness.has(Blocker.NOT_IN_POLICY_TARGETS)
    assert details.readiness.summary.text().startswith("✔ Ready")

    window.filter_bar.buttons[QuickFilter.NOT_READY].setChecked(True)
    shown = shown_ids(window)
    assert outside.id in shown and inside.id not in shown
    assert shown == not_ready_ids(rig)
    window.filter_bar.buttons[QuickFilter.NOT_READY].setChecked(False)

    # Offline on the saved roster the membership is unknown: no verdict, not "not ready".
    offline = make_rig(forced_offline=True, tenant_key=demo_clean.tenant_id)
    offline_targets = policy_targets.install(
        offline.window, offline.controller, lambda: offline.graph, offline.tasks
    )
    await offline.controller.start()
    assert offline.controller.offline_reason
    assert offline_targets.target_groups == {group["id"]}
    assert offline_targets.membership == {} and not offline_targets.busy
    select(offline.window, outside.id)
    readiness = offline.window.details.readiness.readiness
    assert readiness is not None and readiness.policy_checked
    assert not readiness.has(Blocker.NOT_IN_POLICY_TARGETS) and readiness.ready
    offline.window.filter_bar.buttons[QuickFilter.NOT_READY].setChecked(True)
    assert outside.id not in shown_ids(offline.window)
    assert not rig.errors and not offline.errors
