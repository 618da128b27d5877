"""Who the QR policy's target groups hold, for the readiness verdict "not in the policy's
target groups".

:class:`PolicyTargets` watches the roster controller. When the tenant's QR policy was read and
its include/exclude targets name groups (other than ``all_users``), it asks Graph, after each
sync or status check, which of those groups each person with a known QR status is in
(:func:`qrpin_gui.graph.directory.policy_group_membership`: ``checkMemberGroups`` through
paced ``$batch`` requests) and hands the answer on through :attr:`membership_changed`. For a
policy that targets everyone, or that could not be read, nothing is asked. Offline, or when
Graph would not say, a person's membership stays unknown: no verdict, never "not ready".

:func:`install` wires it to the main window's roster model and details pane.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QObject, Signal

from qrpin_gui.core.models import FetchKind, Policy
from qrpin_gui.core.readiness import policy_target_groups
from qrpin_gui.graph.client import GraphClient
from qrpin_gui.graph.directory import policy_group_membership
from qrpin_gui.graph.errors import GraphError
from qrpin_gui.graph.pacing import SyncBudget
from qrpin_gui.ui.async_helpers import TaskTracker

__all__ = ["PolicyTargets", "install"]

logger = logging.getLogger(__name__)


class PolicyTargets(QObject):
    """Membership of the roster's people in the QR policy's target groups.

    ``membership`` maps user id -> their groups among the policy's target groups; a person
    missing from it is not known (not asked yet, offline, or Graph refused).
    """

    membership_changed = Signal(object)
    """Mapping[str, frozenset[str]]: the membership known now (may be empty)."""

    def __init__(
        self,
        controller: Any,
        graph: Callable[[], GraphClient | None],
        tasks: TaskTracker,
        *,
        budget: SyncBudget | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._controller = controller
        self._graph = graph
        self._tasks = tasks
        self._budget = budget
        self._groups: frozenset[str] = frozenset()
        self._membership: dict[str, frozenset[str]] = {}
        self._task: asyncio.Task[None] | None = None
        controller.policy_changed.connect(self._on_policy_changed)
        controller.rows_replaced.connect(self._on_rows_replaced)
        controller.sync_finished.connect(self._on_sync_finished)
        self._on_policy_changed(controller.policy)

    # ------------------------------------------------------------------ state
    @property
    def target_groups(self) -> frozenset[str]:
        """The group ids the policy targets (empty: membership is not needed)."""
        return self._groups

    @property
    def membership(self) -> Mapping[str, frozenset[str]]:
        return dict(self._membership)

    @property
    def busy(self) -> bool:
        return self._task is not None and not self._task.done()

    # ------------------------------------------------------------------ signals in
    def _on_policy_changed(self, policy: object) -> None:
        groups = policy_target_groups(policy if isinstance(policy, Policy) else None)
        if groups == self._groups:
            return
        self._groups = groups
        self._cancel()
        # Known among other groups says nothing about these. The policy is read at sign-in,
        # right before a sync: membership is asked for once that sync completes.
        self._set({})

    def _on_rows_replaced(self, *_args: object) -> None:
        """Another store, a snapshot or a fresh sync: what was known is for other rows (or
        from before); it is asked again once the sync completes."""
        self._cancel()
        self._set({})

    def _on_sync_finished(self, outcome: str) -> None:
        if outcome == "completed" and self._groups:
            self.refresh(only_unknown=True)

    # ------------------------------------------------------------------ fetching
    def refresh(self, *, only_unknown: bool = False) -> None:
        """Ask Graph about the people whose QR status is known (``only_unknown``: only those
        not asked yet). Nothing is asked offline or when the policy targets no group."""
        graph = self._graph()
        if not self._groups or graph is None or self._controller.offline_reason:
            return
        user_ids = [
            row.id
            for row in self._controller.rows
            if row.fetch.kind is FetchKind.LOADED
            and not (only_unknown and row.id in self._membership)
        ]
        if not user_ids:
            return
        self._cancel()
        self._task = self._tasks.spawn(
            self._fetch(graph, self._controller.policy, user_ids), name="policy-target-groups"
        )

    async def _fetch(self, graph: GraphClient, policy: Policy, user_ids: list[str]) -> None:
        groups = self._groups
        try:
            found = await policy_group_membership(graph, policy, user_ids, budget=self._budget)
        except GraphError as exc:
            logger.info("policy target groups: membership not read (%s)", exc.kind)
            return
        if found is None or groups != self._groups:
            return  # the policy changed meanwhile
        if len(found) < len(user_ids):
            logger.info(
                "policy target groups: membership unknown for %d of %d people",
                len(user_ids) - len(found),
                len(user_ids),
            )
        self._set({**self._membership, **found})

    def _cancel(self) -> None:
        if self._task is not None and not self._task.done():
            self._task.cancel()
        self._task = None

    def _set(self, membership: dict[str, frozenset[str]]) -> None:
        if membership == self._membership:
            return
        self._membership = membership
        self.membership_changed.emit(dict(membership))


def install(
    window: Any,
    controller: Any,
    graph: Callable[[], GraphClient | None],
    tasks: TaskTracker,
    *,
    budget: SyncBudget | None = None,
) -> PolicyTargets:
    """Fetch target-group membership for ``controller``'s roster and show it in ``window``:
    the roster model's "Not ready" filter and the details pane's readiness box."""
    targets = PolicyTargets(controller, graph, tasks, budget=budget, parent=window)

    def show(membership: object) -> None:
        window.model.set_target_groups(membership if isinstance(membership, Mapping) else None)
        # Re-judges the rows against the clock and shows the current person again (the
        # details pane reads the membership from the model's view of the row).
        window.refresh_time()

    targets.membership_changed.connect(show)
    return targets
