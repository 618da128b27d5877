"""The roster's brain: start-up from the snapshot, sign-in, scope, sync, offline mode.

It owns no widget. The main window listens to its signals and calls its slots; tests drive it
directly. All network work runs as tracked tasks on the qasync loop.

Start-up: the last snapshot is shown at once (marked with its age), then sign-in (silent,
then interactive), the manager's stores and the sync of the chosen store. With the network or
Graph unreachable the window stays on the snapshot read-only and a background task retries
with growing pauses; ``--offline`` forces that mode without retrying.

"All users" (tenant-wide admins) lists the directory only; QR status is fetched for the rows
the manager asks about (:meth:`check_status`), never for the whole tenant.

Forgotten badges: :meth:`RosterController.set_badge_forgotten` notes in the local journal that
a person forgot their badge today (or withdraws it); :attr:`forgotten_badges` holds today's
reports, read back from the journal at start and again after midnight.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import date, datetime, time, timedelta
from typing import Any, Protocol

from PySide6.QtCore import QObject, QTimer, Signal

from qrpin_gui.auth.errors import AuthError, AuthErrorKind
from qrpin_gui.core.models import (
    AdministrativeUnit,
    FailureReason,
    FetchKind,
    Policy,
    RosterRow,
)
from qrpin_gui.graph.client import GraphClient
from qrpin_gui.graph.directory import (
    ManageContext,
    list_administrative_units,
    load_capability,
    load_manage_context,
    my_stores,
)
from qrpin_gui.graph.errors import ErrorKind, GraphError
from qrpin_gui.graph.policy import get_policy
from qrpin_gui.graph.sync import (
    AllUsers,
    StatusArrived,
    Store,
    SyncBudget,
    SyncFinished,
    SyncReport,
    UsersListed,
    UsersPageArrived,
    fetch_status,
    sync_roster,
)
from qrpin_gui.offline.journal import Journal, JournalValueError, Person
from qrpin_gui.offline.snapshot import Snapshot, SnapshotSaveError, SnapshotStore
from qrpin_gui.settings import Settings
from qrpin_gui.ui.async_helpers import TaskTracker
from qrpin_gui.ui.gc_pause import full_collections_postponed
from qrpin_gui.ui.messages import auth_message, graph_message, snapshot_problem_text
from qrpin_gui.ui.roster_present import failure_text, format_datetime
from qrpin_gui.ui.store_picker import ALL_USERS

logger = logging.getLogger(__name__)

_NETWORK_AUTH = frozenset({AuthErrorKind.NETWORK})
_OFFLINE_KINDS = frozenset({ErrorKind.OFFLINE, ErrorKind.TIMEOUT})


def start_of_today() -> datetime:
    """Local midnight at the start of today (a forgotten-badge report lasts the day)."""
    return datetime.combine(date.today(), time.min).astimezone()


class Account(Protocol):
    home_account_id: str
    username: str
    tenant_id: str


class SignInService(Protocol):
    """What the controller needs of :class:`qrpin_gui.auth.service.AuthService`."""

    @property
    def account(self) -> Any: ...

    async def sign_in_silent(self, home_account_id: str | None = None) -> Any: ...

    async def sign_in_interactive(self, **kwargs: Any) -> Any: ...

    async def switch_account(self) -> Any: ...

    async def sign_in_with_device_code(self, on_code: Callable[[Any], None]) -> Any: ...

    async def sign_out(self) -> None: ...


class RosterController(QObject):
    """Loads, syncs and keeps the roster; tells the window what to show."""

    account_changed = Signal(str, str)
    """(username, tenant label); empty when signed out."""
    stores_changed = Signal(list, bool, str)
    """(stores, "All users" allowed, current store id)."""
    rows_replaced = Signal(list, object, bool)
    """(rows, data time or None, rows come from the snapshot)."""
    rows_added = Signal(list)
    rows_updated = Signal(list)
    progress = Signal(int, object, int, int)
    """(users listed, users expected or None, status done, status expected)."""
    sync_started = Signal()
    sync_finished = Signal(str)
    """"completed", "cancelled" or "failed"."""
    connection_changed = Signal(bool, str)
    """(online, reason shown when offline)."""
    notice = Signal(str, str)
    """(kind "info" | "warning" | "error", text; "" clears)."""
    data_time_changed = Signal(object, bool)
    busy_changed = Signal(bool)
    policy_changed = Signal(object)
    """The tenant's QR policy (:class:`~qrpin_gui.core.models.Policy`) was read or loaded."""
    forgotten_changed = Signal(object)
    """frozenset[str]: the people whose badge is reported forgotten today."""
    roster_shown = Signal(str)
    """The first roster is on screen: "sync" (a sync completed), "snapshot" (offline, the
    snapshot is shown), "failed" (a sync started but did not complete: cancelled or an
    error) or "none" (offline with nothing saved, or sign-in failed)."""
    browser_unavailable = Signal()
    """An interactive sign-in failed because no web browser could be opened (nobody is
    signed in): the window may offer the device-code sign-in instead."""

    CHECK_LIMIT = 500
    """At most this many people per "Check status" (Graph throttles auth-method reads)."""

    def __init__(
        self,
        *,
        settings: Settings,
        graph: GraphClient | None,
        auth: SignInService | None,
        snapshots: SnapshotStore | None,
        tasks: TaskTracker,
        tenant_key: str,
        forced_offline: bool = False,
        budget: SyncBudget | None = None,
        retry_delays: Sequence[float] = (5.0, 10.0, 20.0, 30.0, 60.0),
        on_settings_changed: Callable[[], None] | None = None,
        check_limit: int | None = None,
        journal: Journal | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        if check_limit is not None:
            self.CHECK_LIMIT = check_limit
        self.settings = settings
        self._graph = graph
        self._auth = auth
        self._snapshots = snapshots
        self._tasks = tasks
        self._tenant_key = tenant_key
        self.forced_offline = forced_offline
        self._budget = budget
        self._retry_delays = tuple(retry_delays) or (5.0,)
        self._on_settings_changed = on_settings_changed
        self._rows: dict[str, RosterRow] = {}
        self._snapshot: Snapshot | None = None
        self._context: ManageContext | None = None
        self._stores: list[AdministrativeUnit] = []
        self._allow_all = False
        self._policy: Policy = Policy.default()
        self.current_store = settings.last_store
        self.offline_reason = ""
        self.account_username = ""
        self.tenant_label = ""
        self._sync_task: asyncio.Task[None] | None = None
        self._retry_task: asyncio.Task[None] | None = None
        self._busy = False
        self._roster_shown = False
        self.last_report: SyncReport | None = None
        self.data_time: datetime | None = None
        self.data_from_snapshot = False
        self._journal: Journal | None = None
        self._forgotten: frozenset[str] = frozenset()
        self._midnight = QTimer(self)
        self._midnight.setSingleShot(True)
        self._midnight.timeout.connect(self.reload_forgotten_badges)
        if journal is not None:
            self.set_journal(journal)

    # ------------------------------------------------------------------ properties
    @property
    def is_syncing(self) -> bool:
        return self._busy

    @property
    def rows(self) -> list[RosterRow]:
        return list(self._rows.values())

    @property
    def stores(self) -> list[AdministrativeUnit]:
        return list(self._stores)

    @property
    def allow_all_users(self) -> bool:
        return self._allow_all

    @property
    def context(self) -> ManageContext | None:
        return self._context

    @property
    def policy(self) -> Policy:
        return self._policy

    @property
    def sync_task(self) -> asyncio.Task[None] | None:
        return self._sync_task

    @property
    def admin_id(self) -> str | None:
        """The signed-in admin's user id, once their roles were read."""
        return self._context.capability.admin_id if self._context is not None else None

    @property
    def journal(self) -> Journal | None:
        """The local action journal (forgotten-badge reports are kept there)."""
        return self._journal

    @property
    def forgotten_badges(self) -> frozenset[str]:
        """Ids of the people whose badge is reported forgotten today."""
        return self._forgotten

    def store_names(self, row: RosterRow) -> str:
        """The names of the stores ``row`` belongs to (for slips and messages)."""
        names = {s.id: s.display_name for s in self._stores}
        return ", ".join(sorted(names[s] for s in row.stores if s in names))

    def apply_row(self, row: RosterRow) -> None:
        """A dialog changed a person (PIN reset, new code...): show the service's answer and
        keep the saved roster current."""
        self.apply_rows([row])

    def apply_rows(self, rows: Sequence[RosterRow]) -> None:
        """Many people changed at once (a bulk run): one update, one snapshot save. Rows of
        people not in the roster are ignored."""
        known = [row for row in rows if row.id in self._rows]
        if not known:
            return
        self._rows.update((row.id, row) for row in known)
        self.rows_updated.emit(known)
        if (
            self._snapshots is not None
            and self.data_time is not None
            and not self.data_from_snapshot
        ):
            self._tasks.spawn(self._save_snapshot(self.data_time), name="save-snapshot")

    # ------------------------------------------------------------------ forgotten badges
    def set_journal(self, journal: Journal | None) -> None:
        """Keep forgotten-badge reports in ``journal`` and read today's back from it."""
        self._journal = journal
        self.reload_forgotten_badges()

    def reload_forgotten_badges(self) -> None:
        """Read today's forgotten-badge reports for this tenant from the journal (at start,
        and at midnight, when yesterday's stop counting)."""
        journal = self._journal
        ids: frozenset[str] = frozenset()
        if journal is not None:
            try:
                ids = frozenset(
                    journal.forgotten_badges(start_of_today(), self._tenant_key or None)
                )
            except OSError as exc:
                logger.warning("Forgotten badges not read (%s)", type(exc).__name__)
            now = datetime.now().astimezone()
            midnight = datetime.combine(now.date() + timedelta(days=1), time.min).astimezone()
            self._midnight.start(int((midnight - now).total_seconds() * 1000) + 1000)
        else:
            self._midnight.stop()
        self._forgotten = ids
        self.forgotten_changed.emit(ids)

    def set_badge_forgotten(self, row: RosterRow, forgotten: bool) -> bool:
        """Note in the journal that ``row``'s badge is forgotten today (``False``: withdraw
        the note). Local only, so it works offline. False, with a notice, when it could not
        be written."""
        journal = self._journal
        if journal is None:
            return False
        admin_id = self.admin_id
        actor = Person(admin_id, self.account_username) if admin_id else None
        target = Person(row.id, row.user.upn, row.user.display_name)
        store = self.current_store if self.current_store in row.stores else None
        try:
            journal.report_forgotten_badge(target, actor=actor, forgotten=forgotten, store_id=store)
        except (OSError, JournalValueError) as exc:
            logger.warning("Forgotten badge not noted (%s)", type(exc).__name__)
            self.notice.emit(
                "error", self.tr("The forgotten badge could not be noted on this computer.")
            )
            return False
        ids = self._forgotten | {row.id} if forgotten else self._forgotten - {row.id}
        self._forgotten = frozenset(ids)
        self.forgotten_changed.emit(self._forgotten)
        return True

    # ------------------------------------------------------------------ start-up
    def set_services(self, graph: GraphClient | None, auth: SignInService | None) -> None:
        """Hand over the Graph client and sign-in (built after the window is up, e.g. once
        the demo tenant listens)."""
        self._graph = graph
        self._auth = auth

    def set_snapshot_store(self, snapshots: SnapshotStore | None) -> None:
        """Change how the roster is kept on disk (the user answered the plaintext question):
        ``None`` keeps no snapshot and removes the old one; a store saves the current roster
        at once when it came from a completed sync."""
        previous, self._snapshots = self._snapshots, snapshots
        if snapshots is None:
            if previous is not None:
                self._tasks.spawn(self._discard_snapshot(previous), name="discard-snapshot")
            return
        if self.data_time is not None and not self.data_from_snapshot:
            self._tasks.spawn(self._save_snapshot(self.data_time), name="save-snapshot")

    @staticmethod
    async def _discard_snapshot(store: SnapshotStore) -> None:
        await asyncio.get_running_loop().run_in_executor(None, store.discard)

    def set_tenant_key(self, tenant_key: str) -> None:
        """The tenant the snapshot must belong to (changes when the demo tenant is chosen at
        the first start)."""
        self._tenant_key = tenant_key
        if self._journal is not None:
            self._journal.tenant_id = tenant_key or None
            self.reload_forgotten_badges()

    async def start(self) -> None:
        """Show the snapshot at once (before sign-in); in forced offline mode, stay there."""
        await self.load_snapshot()
        if self.forced_offline:
            self._set_offline(self._offline_text(forced=True), retry=False)
            self._mark_shown("snapshot" if self._snapshot else "none")

    async def sign_in_and_sync(self) -> None:
        """Sign in (silent, then interactive), load the stores and sync the chosen one."""
        if self.forced_offline:
            return
        await self._sign_in_and_load(interactive=True)

    async def load_snapshot(self) -> None:
        """Show the last snapshot (if any); report a snapshot that had to be set aside."""
        if self._snapshots is None:
            return
        loop = asyncio.get_running_loop()
        result = await loop.run_in_executor(None, self._snapshots.load, self._tenant_key or None)
        message = snapshot_problem_text(result)
        if message:
            self.notice.emit("warning", message)
        snapshot = result.snapshot
        if snapshot is None:
            return
        self._snapshot = snapshot
        self._rows = {row.id: row for row in snapshot.rows}
        self._stores = list(snapshot.stores)
        self._set_policy(snapshot.policy)
        self._allow_all = snapshot.chosen_store == ALL_USERS
        self.current_store = snapshot.chosen_store or self.current_store
        if not self.account_username:
            self.account_username = snapshot.account_username
            self.tenant_label = self._tenant_label(snapshot.account_username)
            self.account_changed.emit(self.account_username, self.tenant_label)
        self.stores_changed.emit(self._stores, self._allow_all, self.current_store)
        self._emit_rows(list(snapshot.rows), snapshot.synced_at, from_snapshot=True)

    async def _sign_in_and_load(self, *, interactive: bool) -> bool:
        auth = self._auth
        if auth is None or self._graph is None:
            self._set_offline(self._offline_text(forced=True), retry=False)
            self._mark_shown("snapshot" if self._snapshot else "none")
            return False
        try:
            account = await auth.sign_in_silent(self.settings.remembered_account or None)
            if account is None and interactive:
                account = await auth.sign_in_interactive()
        except AuthError as exc:
            if exc.kind in _NETWORK_AUTH:
                self._set_offline(self._offline_text(), retry=True)
                self._mark_shown("snapshot" if self._snapshot else "none")
                return False
            logger.info("Sign-in did not complete: %s", exc.kind)
            self.notice.emit(
                "error" if exc.kind is not AuthErrorKind.CANCELLED else "info", auth_message(exc)
            )
            self._mark_shown("snapshot" if self._snapshot else "none")
            self._offer_device_code(exc)
            return False
        if account is None:
            self.notice.emit("info", self.tr("Sign in to load your staff list."))
            self._mark_shown("snapshot" if self._snapshot else "none")
            return False
        self._signed_in(account)
        return await self._load_scope_and_sync()

    def _signed_in(self, account: Any) -> None:
        self.account_username = account.username
        self.tenant_label = self._tenant_label(account)
        if self.settings.remembered_account != account.home_account_id:
            self.settings.remembered_account = account.home_account_id
            self._settings_changed()
        self.account_changed.emit(self.account_username, self.tenant_label)

    def _tenant_label(self, account: Any) -> str:
        """The organisation as people know it: the domain of the account's user name."""
        username = account if isinstance(account, str) else getattr(account, "username", "")
        if "@" in username:
            return username.split("@", 1)[1]
        return self._tenant_key or getattr(account, "tenant_id", "")

    async def _load_scope_and_sync(self) -> bool:
        graph = self._graph
        assert graph is not None
        try:
            capability = await load_capability(graph)
            context = await load_manage_context(graph, capability)
            stores = await my_stores(graph, capability)
            if capability.is_tenant_wide:
                try:
                    every = await list_administrative_units(graph)
                except GraphError as exc:
                    # Picking a store is a convenience for a tenant-wide admin: keep going.
                    logger.warning("Administrative units not listed: %s", exc)
                else:
                    stores = sorted(every, key=lambda u: u.display_name.casefold())
        except (GraphError, AuthError) as exc:
            self._handle_error(exc)
            self._mark_shown("snapshot" if self._snapshot else "none")
            return False
        try:
            self._set_policy(await get_policy(graph))
        except GraphError as exc:
            logger.info("Policy unreadable (%s); defaults assumed", exc.kind)
            self._set_policy(Policy.default())
        self._context = context
        self._stores = stores
        self._allow_all = capability.is_tenant_wide
        ids = {s.id for s in stores} | ({ALL_USERS} if self._allow_all else set())
        current = self.settings.last_store
        if current not in ids:
            # A tenant-wide admin starts on "All users" (listing only); a store manager on
            # their first store.
            current = ALL_USERS if self._allow_all else (stores[0].id if stores else "")
        self.stores_changed.emit(stores, self._allow_all, current)
        if not current:
            self.notice.emit(
                "warning",
                self.tr(
                    "Your account does not manage any store. Ask your IT department to give you "
                    "the Authentication Administrator role for your store."
                ),
            )
            self._emit_rows([], None, from_snapshot=False)
            self._mark_shown("none")
            return False
        self._set_online()
        self._select_store(current)
        await self._start_sync()
        return True

    # ------------------------------------------------------------------ public slots
    def refresh(self) -> None:
        """F5: load the current store again (or retry the connection when offline)."""
        if self.forced_offline:
            return
        if self.offline_reason or self._context is None:
            self.retry_now()
            return
        self._tasks.spawn(self._start_sync(), name="sync")

    def choose_store(self, store_id: str) -> None:
        if not store_id or (
            store_id == self.current_store and self._rows and not self.data_from_snapshot
        ):
            return
        self._select_store(store_id)
        if self.offline_reason or self._context is None:
            snapshot = self._snapshot
            if snapshot is not None and snapshot.chosen_store == store_id:
                self._emit_rows(list(snapshot.rows), snapshot.synced_at, from_snapshot=True)
            else:
                self.notice.emit(
                    "info",
                    self.tr(
                        "This store is not saved on this computer; it loads when the connection is back."
                    ),
                )
            return
        self._tasks.spawn(self._start_sync(), name="sync")

    def cancel_sync(self) -> None:
        task = self._sync_task
        if task is not None and not task.done():
            task.cancel()

    def check_status(self, user_ids: Sequence[str]) -> None:
        """Fetch QR status for these people only (capped at :attr:`CHECK_LIMIT`)."""
        if self.offline_reason or self._graph is None or self._busy:
            return
        wanted = [uid for uid in dict.fromkeys(user_ids) if uid in self._rows]
        if not wanted:
            self.notice.emit("info", self.tr("Select the people whose status you want to check."))
            return
        if len(wanted) > self.CHECK_LIMIT:
            self.notice.emit(
                "info",
                self.tr("Checking the first %1 of %2 people; check the rest afterwards.")
                .replace("%1", str(self.CHECK_LIMIT))
                .replace("%2", str(len(wanted))),
            )
            wanted = wanted[: self.CHECK_LIMIT]
        # People already judged not manageable are not asked about (Graph would answer 403).
        rows = [
            self._rows[uid]
            for uid in wanted
            if self._rows[uid].fetch.kind is not FetchKind.NOT_MANAGEABLE
        ]
        if not rows:
            return
        self._sync_task = self._tasks.spawn(self._check(rows), name="check-status")

    def retry_now(self) -> None:
        if self.forced_offline:
            return
        if self._retry_task is not None and not self._retry_task.done():
            self._retry_task.cancel()
        self._retry_task = self._tasks.spawn(self._retry_loop(immediate=True), name="reconnect")

    def sign_in(self) -> None:
        if self.forced_offline:
            return
        self._tasks.spawn(self._interactive_sign_in(), name="sign-in")

    def switch_account(self) -> None:
        if self.forced_offline or self._auth is None:
            return
        self._tasks.spawn(self._switch_account(), name="switch-account")

    def sign_out(self) -> None:
        self._tasks.spawn(self._sign_out(), name="sign-out")

    # ------------------------------------------------------------------ account flows
    async def _interactive_sign_in(self) -> None:
        if self._auth is None:
            return
        try:
            account = await self._auth.sign_in_interactive()
        except AuthError as exc:
            self._handle_error(exc)
            return
        self._signed_in(account)
        await self._load_scope_and_sync()

    async def sign_in_with_device_code(
        self,
        on_code: Callable[[Any], None],
        *,
        ended: Callable[[bool], None] | None = None,
    ) -> bool:
        """Sign in with a device code (no browser works on this PC), then continue like any
        sign-in: the manager's stores and the sync. ``on_code`` receives the
        :class:`~qrpin_gui.auth.service.DeviceCode` to show; ``ended(signed_in)`` is called
        once the sign-in itself ended (before the stores load). True when the sync started."""
        auth = self._auth
        if auth is None or self.forced_offline:
            if ended is not None:
                ended(False)
            return False
        try:
            account = await auth.sign_in_with_device_code(on_code)
        except AuthError as exc:
            if ended is not None:
                ended(False)
            logger.info("Device-code sign-in did not complete: %s", exc.kind)
            self._handle_error(exc)
            return False
        if ended is not None:
            ended(True)
        previous = self.account_username
        self._signed_in(account)
        if previous != account.username:
            self._clear_roster()
        return await self._load_scope_and_sync()

    async def _switch_account(self) -> None:
        assert self._auth is not None
        try:
            account = await self._auth.switch_account()
        except AuthError as exc:
            self._handle_error(exc)
            return
        previous = self.account_username
        self._signed_in(account)
        if previous != account.username:
            self._clear_roster()
        await self._load_scope_and_sync()

    async def _sign_out(self) -> None:
        self.cancel_sync()
        if self._auth is not None:
            try:
                await self._auth.sign_out()
            except AuthError as exc:
                logger.warning("Sign-out: %s", exc.kind)
        if self._snapshots is not None:
            await asyncio.get_running_loop().run_in_executor(None, self._snapshots.discard)
        self._snapshot = None
        self.settings.remembered_account = ""
        self._settings_changed()
        self.account_username = ""
        self.tenant_label = ""
        self._context = None
        self._clear_roster()
        self.account_changed.emit("", "")
        self.notice.emit(
            "info", self.tr("Signed out. The saved roster was removed from this computer.")
        )

    def _clear_roster(self) -> None:
        self._rows = {}
        self._stores = []
        self._allow_all = False
        self.stores_changed.emit([], False, "")
        self._emit_rows([], None, from_snapshot=False)

    # ------------------------------------------------------------------ sync
    def _select_store(self, store_id: str) -> None:
        self.current_store = store_id
        if self.settings.last_store != store_id:
            self.settings.last_store = store_id
            self._settings_changed()

    async def _start_sync(self) -> None:
        previous = self._sync_task
        if previous is not None and not previous.done():
            previous.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await previous
        task = self._tasks.spawn(self._sync(self.current_store), name="sync-roster")
        self._sync_task = task
        with contextlib.suppress(asyncio.CancelledError):
            await asyncio.shield(task)

    def _set_busy(self, busy: bool) -> None:
        if self._busy != busy:
            self._busy = busy
            self.busy_changed.emit(busy)

    async def _sync(self, store_id: str) -> None:
        graph, context = self._graph, self._context
        assert graph is not None and context is not None
        scope = AllUsers() if store_id == ALL_USERS else Store(store_id)
        with_status = store_id != ALL_USERS
        self._set_busy(True)
        self.sync_started.emit()
        self.notice.emit("", "")
        first = True
        outcome = "failed"
        # Rows stream in slices (the loop runs in between); a full garbage collection walking
        # thousands of fresh rows would still freeze the window, so none runs meanwhile.
        with full_collections_postponed():
            try:
                async for event in sync_roster(
                    graph, scope, context, budget=self._budget, with_status=with_status
                ):
                    if isinstance(event, SyncFinished):
                        outcome = await self._finish_sync(event.report, store_id)
                    else:
                        first = self._show_sync_event(event, first)
            except asyncio.CancelledError:
                outcome = "cancelled"
                self.notice.emit(
                    "info",
                    self.tr(
                        "Loading was cancelled. People whose status did not arrive show “Not checked”."
                    ),
                )
                raise
            except (GraphError, AuthError) as exc:
                self._handle_error(exc)
            finally:
                self._set_busy(False)
                self.sync_finished.emit(outcome)
                if outcome != "completed":
                    # Offline mid-sync the snapshot is back on screen; otherwise the sync that
                    # was to fill the window never completed.
                    offline_on_snapshot = self.data_from_snapshot and bool(self.offline_reason)
                    self._mark_shown("snapshot" if offline_on_snapshot else "failed")

    def _show_sync_event(
        self, event: UsersPageArrived | UsersListed | StatusArrived, first: bool
    ) -> bool:
        """Show one streamed part of a sync (a slice of rows, the end of the listing, rows
        whose status arrived); returns whether the table is still to be replaced."""
        if isinstance(event, UsersPageArrived):
            rows = list(event.rows)
            if first:
                self._rows = {r.id: r for r in rows}
                self._emit_rows(rows, None, from_snapshot=False)
            else:
                self._rows.update((r.id, r) for r in rows)
                self.rows_added.emit(rows)
            self.progress.emit(event.listed, event.total, 0, 0)
            return False
        if isinstance(event, UsersListed):
            if first:
                self._rows = {}
                self._emit_rows([], None, from_snapshot=False)
            self.progress.emit(event.total, event.total, 0, event.status_total)
            return False
        rows = list(event.rows)
        self._rows.update((r.id, r) for r in rows)
        self.rows_updated.emit(rows)
        self.progress.emit(len(self._rows), len(self._rows), event.done, event.total)
        return first

    async def _finish_sync(self, report: SyncReport, store_id: str) -> str:
        self.last_report = report
        if report.listing_error is not None:
            self._handle_error(report.listing_error, during_sync=True)
            return "failed"
        network_failures = [
            r
            for r in report.rows
            if r.fetch.kind is FetchKind.FAILED and r.fetch.failure is FailureReason.NETWORK
        ]
        if network_failures:
            self._go_offline_mid_sync()
            return "failed"
        self._set_online()
        self.data_time = report.finished_at
        self.data_from_snapshot = False
        self.data_time_changed.emit(report.finished_at, False)
        if report.failed:
            reasons = Counter(
                r.fetch.failure for r in report.rows if r.fetch.kind is FetchKind.FAILED
            )
            reason, _n = reasons.most_common(1)[0]
            self.notice.emit(
                "warning",
                self.tr("QR status could not be checked for %n people.", None, report.failed)
                + " "
                + failure_text(reason)
                + " "
                + self.tr("Press F5 to try again."),
            )
        elif store_id == ALL_USERS:
            self.notice.emit(
                "info",
                self.tr(
                    "All users are listed without their QR status (Microsoft limits how fast it "
                    "can be read). Select people, or filter the list, then press Check status."
                ),
            )
        await self._save_snapshot(report.finished_at)
        self._mark_shown("sync")
        return "completed"

    async def _check(self, rows: list[RosterRow]) -> None:
        graph = self._graph
        assert graph is not None
        self._set_busy(True)
        self.sync_started.emit()
        total = len(rows)
        self.progress.emit(total, total, 0, total)
        outcome = "failed"
        with full_collections_postponed():
            try:
                # The rows carry their roles, stores and verdict from the listing already, so no
                # context is passed: re-judging thousands of rows at once would stall the window.
                async for event in fetch_status(graph, rows, None, budget=self._budget):
                    if isinstance(event, StatusArrived):
                        updated = list(event.rows)
                        self._rows.update((r.id, r) for r in updated if r.id in self._rows)
                        self.rows_updated.emit(updated)
                        self.progress.emit(total, total, event.done, event.total)
                    elif isinstance(event, SyncFinished):
                        report = event.report
                        if any(
                            r.fetch.kind is FetchKind.FAILED
                            and r.fetch.failure is FailureReason.NETWORK
                            for r in report.rows
                        ):
                            self._go_offline_mid_sync(restore=False)
                        else:
                            outcome = "completed"
                            await self._save_snapshot(self.data_time or report.finished_at)
            except asyncio.CancelledError:
                outcome = "cancelled"
                raise
            except (GraphError, AuthError) as exc:
                self._handle_error(exc)
            finally:
                self._set_busy(False)
                self.sync_finished.emit(outcome)

    async def _save_snapshot(self, synced_at: datetime) -> None:
        if self._snapshots is None:
            return
        snapshot = Snapshot(
            tenant_id=self._tenant_key,
            account_username=self.account_username,
            synced_at=synced_at,
            rows=tuple(self._rows.values()),
            policy=self._policy,
            stores=tuple(self._stores),
            chosen_store=self.current_store,
        )
        loop = asyncio.get_running_loop()
        try:
            await loop.run_in_executor(None, self._snapshots.save, snapshot)
        except SnapshotSaveError as exc:
            logger.warning("Snapshot not saved: %s", exc)
            return
        self._snapshot = snapshot

    # ------------------------------------------------------------------ offline
    def _offline_text(self, *, forced: bool = False) -> str:
        snapshot = self._snapshot
        if snapshot is not None:
            saved = self.tr("Showing the roster saved on %1.").replace(
                "%1", format_datetime(snapshot.synced_at)
            )
        else:
            saved = self.tr("No roster is saved on this computer yet.")
        if forced:
            head = self.tr("Offline mode: nothing is sent to Microsoft.")
            tail = self.tr("Changes are disabled.")
        else:
            head = self.tr("Offline: Microsoft cannot be reached.")
            tail = self.tr(
                "Changes are disabled until the connection is back; the app keeps trying."
            )
        return f"{head} {saved} {tail}"

    def _set_offline(self, reason: str, *, retry: bool) -> None:
        self.offline_reason = reason
        logger.info("Offline (retry=%s)", retry)
        self.connection_changed.emit(False, reason)
        if (
            retry
            and not self.forced_offline
            and (self._retry_task is None or self._retry_task.done())
        ):
            self._retry_task = self._tasks.spawn(
                self._retry_loop(immediate=False), name="reconnect"
            )

    def _set_online(self) -> None:
        if self.offline_reason:
            logger.info("Back online")
        self.offline_reason = ""
        self.connection_changed.emit(True, "")

    def _go_offline_mid_sync(self, *, restore: bool = True) -> None:
        snapshot = self._snapshot
        if restore and snapshot is not None and snapshot.chosen_store == self.current_store:
            self._rows = {row.id: row for row in snapshot.rows}
            self._emit_rows(list(snapshot.rows), snapshot.synced_at, from_snapshot=True)
        self._set_offline(self._offline_text(), retry=True)

    async def _retry_loop(self, *, immediate: bool) -> None:
        attempt = 0
        while True:
            if not immediate or attempt > 0:
                delay = self._retry_delays[min(attempt, len(self._retry_delays) - 1)]
                await asyncio.sleep(delay)
            attempt += 1
            if await self._probe():
                return

    async def _probe(self) -> bool:
        """One reconnection attempt: sign in / reach Graph, then sync. True when online."""
        logger.info("Trying to reconnect")
        if self._auth is None or self._graph is None:
            return False
        if self._auth.account is None or self._context is None:
            loaded = await self._sign_in_and_load(interactive=False)
            return loaded or not self.offline_reason
        try:
            await self._graph.get_json("/me", params={"$select": "id"})
        except (GraphError, AuthError) as exc:
            if self._is_offline_error(exc):
                return False
            self._handle_error(exc)
            return True
        self._set_online()
        await self._start_sync()
        return not self.offline_reason

    # ------------------------------------------------------------------ helpers
    @staticmethod
    def _is_offline_error(exc: BaseException) -> bool:
        if isinstance(exc, GraphError):
            return exc.kind in _OFFLINE_KINDS
        if isinstance(exc, AuthError):
            return exc.kind in _NETWORK_AUTH
        return False

    def _handle_error(self, exc: BaseException, *, during_sync: bool = False) -> None:
        if self._is_offline_error(exc):
            if during_sync:
                self._go_offline_mid_sync()
            else:
                self._set_offline(self._offline_text(), retry=True)
            return
        if isinstance(exc, AuthError):
            if exc.kind is AuthErrorKind.CANCELLED:
                self.notice.emit("info", auth_message(exc))
            else:
                self.notice.emit("error", auth_message(exc))
            self._offer_device_code(exc)
            return
        if isinstance(exc, GraphError):
            logger.warning("Graph error: %s", exc)
            self.notice.emit("error", graph_message(exc))

    def _offer_device_code(self, exc: AuthError) -> None:
        """No browser could be opened and nobody is signed in: let the window offer the
        device-code sign-in (the notice already names it)."""
        auth = self._auth
        if exc.kind is AuthErrorKind.NO_BROWSER and auth is not None and auth.account is None:
            self.browser_unavailable.emit()

    def _emit_rows(
        self, rows: list[RosterRow], when: datetime | None, *, from_snapshot: bool
    ) -> None:
        self.data_time = when
        self.data_from_snapshot = from_snapshot
        self.rows_replaced.emit(rows, when, from_snapshot)

    def _set_policy(self, policy: Policy) -> None:
        self._policy = policy
        self.policy_changed.emit(policy)

    def _mark_shown(self, how: str) -> None:
        if not self._roster_shown:
            self._roster_shown = True
            self.roster_shown.emit(how)

    def _settings_changed(self) -> None:
        if self._on_settings_changed is not None:
            self._on_settings_changed()
