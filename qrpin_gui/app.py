"""The composition root: builds every service, hands them to the window, owns start-up and
shutdown. Nothing else in the app constructs services or reaches for globals.

Start-up order:
  1. QApplication, qasync loop, Qt messages into logging, translations, colour scheme, the
     unexpected-error hook;
  2. the snapshot store and the roster controller; the last snapshot is loaded and the main
     window shown with it at once (marked with its age);
  3. ``--demo``: the demo tenant starts in a background thread;
  4. the Graph client and the sign-in service; sign-in (silent, then interactive) and the sync
     of the chosen store.

Shutdown order: cancel tracked tasks, close the httpx client, save settings, stop the MSAL
executor (signing out first when the shared-PC option says so), stop the demo tenant.

Flags for scripts: ``--screenshot PATH``, ``--self-test``, ``--exit-when-shown``. With
``--demo`` they sign in without interaction as the first ``storeManager`` of the demo
tenant's account list, or as ``--demo-user``.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import sys
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_API", "pyside6")

import qasync
from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication

from qrpin_gui.cli import Options
from qrpin_gui.paths import AppPaths
from qrpin_gui.settings import Settings
from qrpin_gui.ui.async_helpers import TaskTracker, install_qt_message_handler, open_question
from qrpin_gui.ui.error_dialog import ErrorReporter
from qrpin_gui.ui.i18n import choose_language, install_translators
from qrpin_gui.ui.theme import ThemeController

logger = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_FAILED = 1


def _write_line(text: str) -> None:
    """Protocol output of the script flags (stdout, flushed)."""
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def _clear_copied_secret() -> None:
    """Empty the clipboard now if it still holds a PIN (or code) the app copied."""
    from qrpin_gui.ui.secret_view import clipboard_guard

    clipboard_guard().clear_if_unchanged()


class _NobodySignedIn:
    """Unlocks the idle lock when no account is signed in: there is nobody to sign in again."""

    async def reauthenticate(self) -> None:
        return None


class Application:
    """Owns the services of one run of the app."""

    def __init__(
        self, opts: Options, paths: AppPaths, app: QApplication, *, started: float
    ) -> None:
        self.opts = opts
        self.paths = paths
        self.qapp = app
        self.started = started
        self.settings = Settings.load(paths.settings_file)
        self.language = choose_language(opts.language, self.settings.language)
        self.translators = install_translators(app, self.language, cache_dir=paths.cache_dir)
        self.theme = ThemeController(app, opts.color_scheme or self.settings.color_scheme)
        unattended = opts.unattended
        self.reporter = ErrorReporter(
            show_windows=not (opts.no_err_windows or unattended), parent=app
        )
        self.reporter.install()
        self.tasks = TaskTracker(on_error=self.reporter.handle)
        self.exit_code = EXIT_OK
        self._done: asyncio.Future[int] | None = None
        self.demo: Any = None
        self.graph: Any = None
        self.auth: Any = None
        self.window: Any = None
        self.controller: Any = None
        self.idle_lock: Any = None
        self.demo_mode = opts.demo
        self._pin_dialogs_installed = False
        self._clear_secrets: Any = None
        self.pin_services: Any = None
        self.pending_badges: Any = None
        self.policy_targets: Any = None
        self._cache_question: Any = None
        self._code_dialog: Any = None
        self._code_offer: Any = None
        self.device_code_action: Any = None
        self._shutting_down = False

    # ------------------------------------------------------------------ building
    def _tenant_key(self) -> str:
        if self.demo_mode:
            from qrpin_gui.demo.constants import DEMO_TENANT_ID

            return DEMO_TENANT_ID
        return self.settings.tenant

    def _snapshot_store(self) -> Any:
        from qrpin_gui.offline.protect import choose_protector
        from qrpin_gui.offline.snapshot import SnapshotStore

        choice = choose_protector(self.settings, self.paths)
        logger.info("Roster snapshot: %s", choice.reason)
        if choice.protector is None:
            return None
        return SnapshotStore(self.paths, choice.protector)

    def _on_settings_action(self, _checked: bool = False) -> None:
        self.open_settings()

    def _save_settings(self) -> None:
        try:
            self.settings.save(self.paths.settings_file)
        except OSError as exc:
            logger.warning("Settings not saved (%s)", type(exc).__name__)

    def build_window(self) -> None:
        from qrpin_gui.offline.journal import Journal
        from qrpin_gui.ui.icons import app_icon
        from qrpin_gui.ui.main_window import MainWindow
        from qrpin_gui.ui.roster_controller import RosterController

        self.qapp.setWindowIcon(app_icon())
        self.controller = RosterController(
            settings=self.settings,
            graph=None,
            auth=None,
            snapshots=self._snapshot_store(),
            tasks=self.tasks,
            tenant_key=self._tenant_key(),
            forced_offline=self.opts.offline,
            on_settings_changed=self._save_settings,
            journal=Journal(self.paths.journal_file, tenant_id=self._tenant_key() or None),
            parent=self.qapp,
        )
        self.window = MainWindow(
            self.controller,
            self.theme,
            state_file=None if self.opts.unattended else self.paths.qt_state_file,
            expiring_within_days=self.settings.expiring_within_days,
        )
        self.reporter.set_parent_widget(self.window)
        # Readiness "not in the policy's target groups" (issue 10): group membership is read
        # after each sync when the policy targets groups.
        from qrpin_gui.ui import policy_targets

        self.policy_targets = policy_targets.install(
            self.window, self.controller, lambda: self.graph, self.tasks
        )
        self.window.closing.connect(lambda: self.quit(self.exit_code))
        self.window.settings_action.triggered.connect(self._on_settings_action)
        if self.settings.load_problem:
            self.window.show_notice(
                "warning",
                QCoreApplication.translate(
                    "Application",
                    "Your settings file could not be read, so the defaults are used. The old "
                    "file was kept as %1.",
                ).replace("%1", self.settings.load_problem),
            )

    async def start_demo(self) -> None:
        from qrpin_gui.demo import DemoTenant

        demo = DemoTenant(port=0)
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(None, demo.start)
        self.demo = demo
        logger.info("Demo tenant listening")

    async def build_services(self) -> None:
        # Graph tokens carry only the sign-in scopes (never ".default", which would put every
        # consented scope, Directory.AccessAsUser.All included, on each token).
        from qrpin_gui.auth.config import SIGN_IN_SCOPES
        from qrpin_gui.graph.client import GraphClient, GraphClientConfig

        if self.demo_mode:
            await self.start_demo()
            from qrpin_gui.auth.config import AuthConfig

            auth_config = AuthConfig.for_demo(
                authority=self.demo.authority,
                client_id=self.demo.client_id,
                ca_path=self.demo.ca_path,
            )
            graph_config = GraphClientConfig(
                base_url=self.demo.graph_url,
                verify=self.demo.ssl_context(),
                proxy="none",
                scopes=SIGN_IN_SCOPES,
            )
            browser = await self._demo_browser()
        else:
            from qrpin_gui.auth.config import AuthConfig

            try:
                auth_config = AuthConfig.from_settings(self.settings)
            except ValueError:
                self.controller.set_services(None, None)
                if not self.opts.unattended:
                    self.tasks.spawn(self._first_run(), name="first-run")
                else:
                    self.window.show_notice("info", self._setup_hint())
                    # Nothing can be signed in to: the roster is shown as "none", so
                    # --screenshot ends (exit 1) instead of waiting for a sync forever.
                    await self.controller.sign_in_and_sync()
                return
            graph_config = GraphClientConfig(
                proxy=self.settings.proxy or "system", scopes=SIGN_IN_SCOPES
            )
            browser = None
        from qrpin_gui.auth.service import AuthService

        self.auth = AuthService(
            auth_config,
            cache_path=self.paths.token_cache_file,
            allow_plaintext_cache=self.settings.allow_plaintext_token_cache,
            browser=browser,
            window_handle=lambda: int(self.window.winId()) if self.window else None,
        )
        self.graph = GraphClient(self.auth, graph_config)
        self.controller.set_services(self.graph, self.auth)
        self.controller.account_changed.connect(self._ask_cache_consent_once)
        self._install_device_code_sign_in()
        self._install_pin_dialogs()
        self._install_bulk()
        self._install_idle_lock()

    # ------------------------------------------------------------------ plaintext consent
    def _ask_cache_consent_once(self, *_args: Any) -> None:
        """Encryption unavailable and never asked: after the first sign-in, ask whether the
        sign-in (and the roster snapshot) may be kept unencrypted. Until answered, both stay in
        memory only. Unattended runs never ask (and keep nothing)."""
        auth = self.auth
        if (
            auth is None
            or self.opts.unattended
            or self._cache_question is not None
            or not auth.needs_cache_consent
            or self.settings.allow_plaintext_token_cache is not None
        ):
            return

        from qrpin_gui.auth.messages import ENCRYPTION_UNAVAILABLE

        def answered(allowed: bool) -> None:
            if not self._shutting_down:
                self.tasks.spawn(self._apply_cache_consent(allowed), name="cache-consent")

        self._cache_question = open_question(
            self.window,
            title=QCoreApplication.translate("Application", "Stay signed in on this computer?"),
            text=QCoreApplication.translate("AuthMessages", ENCRYPTION_UNAVAILABLE),
            details=QCoreApplication.translate(
                "Application",
                "The same applies to the saved staff list that opens when the network is "
                "down. You can change this later in Settings.",
            ),
            yes=QCoreApplication.translate("Application", "Keep unencrypted"),
            no=QCoreApplication.translate("Application", "Memory only"),
            answered=answered,
        )

    async def _apply_cache_consent(self, allowed: bool) -> None:
        from qrpin_gui.auth.errors import AuthError

        self.settings.allow_plaintext_token_cache = allowed
        self._save_settings()
        if self.auth is not None:
            try:
                await self.auth.set_plaintext_cache_allowed(allowed)
            except AuthError as exc:  # the sign-in service is already shut down
                logger.warning("Sign-in cache not changed: %s", exc.kind)
        if self.controller is not None:
            self.controller.set_snapshot_store(self._snapshot_store())
        logger.info(
            "Plaintext sign-in cache and snapshot %s by the user",
            "allowed" if allowed else "declined",
        )

    async def _demo_browser(self) -> Any:
        from qrpin_gui.auth.demo_browser import AutoDemoBrowser, DemoBrowser

        http = DemoBrowser(ca=self.demo.ssl_context(), control_url=self.demo.control_url)
        if not self.opts.unattended:
            from qrpin_gui.ui.signin_dialogs import DemoAccountPickerBrowser

            return DemoAccountPickerBrowser(
                http,
                parent=lambda: self.window,
                on_cancel=lambda: self.auth.cancel() if self.auth else None,
                on_page_error=lambda error, text: (
                    self.auth.fail_interactive(error, text) if self.auth else None
                ),
            )
        username = self.opts.demo_user
        if not username:
            accounts = await http.accounts()
            managers = [a for a in accounts if a.role == "storeManager"]
            if not managers:
                raise RuntimeError("the demo tenant lists no storeManager account")
            username = managers[0].username
        logger.info("Demo: signing in without interaction")
        return AutoDemoBrowser(http, username)

    def _setup_hint(self) -> str:
        return QCoreApplication.translate(
            "Application",
            "Set up your organisation first: File › Settings (tenant and client ID), or start "
            "the app with --demo to try it with the demo tenant.",
        )

    async def _first_run(self) -> None:
        """No tenant configured: offer the demo tenant or the settings."""
        from qrpin_gui.ui.async_helpers import dialog_result
        from qrpin_gui.ui.signin_dialogs import FirstRunChoice, FirstRunDialog

        dialog = FirstRunDialog(self.window)
        await dialog_result(dialog)
        choice = dialog.choice
        dialog.deleteLater()
        if choice is FirstRunChoice.QUIT:
            self.quit(EXIT_OK)
            return
        if choice is FirstRunChoice.DEMO:
            self.demo_mode = True
            self.controller.set_tenant_key(self._tenant_key())
        else:
            saved = await self._run_settings_dialog()
            if not saved or not self.settings.client_id:
                self.window.show_notice("info", self._setup_hint())
                return
        await self.build_services()
        if self.graph is not None:
            await self.controller.sign_in_and_sync()

    # ------------------------------------------------------------------ device-code sign-in
    def _install_device_code_sign_in(self) -> None:
        """Account › "Sign in with a code…", for when no web browser works on this PC; also
        offered when an interactive sign-in finds no browser."""
        if self.device_code_action is not None:
            return
        from PySide6.QtGui import QAction

        window = self.window
        action = QAction(QCoreApplication.translate("Application", "Sign in with a &code…"), window)
        action.setObjectName("signInWithCodeAction")
        action.setToolTip(
            QCoreApplication.translate(
                "Application",
                "Sign in on a phone or another computer with a one-time code, when no web "
                "browser opens on this computer",
            )
        )
        action.triggered.connect(self._on_sign_in_with_code)
        menu = window.menus["account"]
        menu.insertAction(window.switch_account_action, action)
        self.device_code_action = action
        controller = self.controller
        controller.account_changed.connect(self._update_device_code_action)
        controller.connection_changed.connect(self._update_device_code_action)
        controller.browser_unavailable.connect(self._offer_device_code)
        self._update_device_code_action()

    def _update_device_code_action(self, *_args: Any) -> None:
        action = self.device_code_action
        if action is None:
            return
        signed_in = self.auth is not None and self.auth.account is not None
        action.setVisible(not signed_in)
        action.setEnabled(self.auth is not None and not self.controller.forced_offline)

    def _on_sign_in_with_code(self, _checked: bool = False) -> None:
        self.tasks.spawn(self._sign_in_with_code(), name="device-code-sign-in")

    def _offer_device_code(self) -> None:
        """No browser could be opened: ask whether to sign in with a code instead."""
        if self.opts.unattended or self._code_offer is not None:
            return
        from qrpin_gui.auth.errors import AuthError, AuthErrorKind
        from qrpin_gui.ui.messages import auth_message

        def answered(use_code: bool) -> None:
            self._code_offer = None
            if use_code:
                self._on_sign_in_with_code()

        self._code_offer = open_question(
            self.window,
            title=QCoreApplication.translate("Application", "Sign in with a code?"),
            text=auth_message(AuthError(AuthErrorKind.NO_BROWSER)),
            details=QCoreApplication.translate(
                "Application",
                "You can sign in on a phone or another computer instead: the app shows a code "
                "to enter there.",
            ),
            yes=QCoreApplication.translate("Application", "Sign in with a &code…"),
            no=QCoreApplication.translate("Application", "Not now"),
            answered=answered,
        )

    async def _sign_in_with_code(self) -> None:
        """Show the device-code dialog while the sign-in waits for the code to be entered
        elsewhere; Cancel (or the idle lock) ends the sign-in. Signed in, the stores load and
        the sync runs as after any sign-in."""
        from shiboken6 import isValid

        from qrpin_gui.ui.signin_dialogs import DeviceCodeDialog

        auth = self.auth
        if auth is None or self.controller.forced_offline:
            return
        current = self._code_dialog
        if current is not None and isValid(current) and current.isVisible():
            current.raise_()
            current.activateWindow()
            return
        cancelled = False

        def cancel() -> None:
            nonlocal cancelled
            cancelled = True
            auth.cancel()

        dialog = DeviceCodeDialog(on_cancel=cancel, parent=self.window)
        dialog.finished.connect(dialog.deleteLater)

        def show_code(code: Any) -> None:
            if cancelled:
                auth.cancel()  # cancelled while the code was being fetched: stop polling
            elif isValid(dialog):
                dialog.show_code(code)

        def ended(_signed_in: bool) -> None:
            if isValid(dialog):
                dialog.finish()

        self._code_dialog = dialog
        dialog.open()
        try:
            await self.controller.sign_in_with_device_code(show_code, ended=ended)
        finally:
            ended(False)
            if self._code_dialog is dialog:
                self._code_dialog = None

    def _install_pin_dialogs(self) -> None:
        """The person actions: Reset PIN and Change my PIN (issue 7), and the QR code
        lifecycle (issue 8: set up, temporary code, new badge, extend, remove)."""
        if self._pin_dialogs_installed:
            return
        from qrpin_gui.offline.journal import Person
        from qrpin_gui.ui import pending_badges, pin_dialogs, qr_dialogs
        from qrpin_gui.ui.pin_services import PinDialogServices

        controller = self.controller

        def actor() -> Person | None:
            # The journal needs a directory id; offline from the saved roster it is unknown.
            if not controller.account_username or not controller.admin_id:
                return None
            return Person(user_id=controller.admin_id, upn=controller.account_username)

        services = PinDialogServices(
            graph=lambda: self.graph,
            auth=lambda: self.auth,
            journal=controller.journal,  # built with the window: forgotten badges work offline
            offline_reason=lambda: controller.offline_reason,
            policy=lambda: controller.policy,
            actor=actor,
            store_name=controller.store_names,
            apply_row=controller.apply_row,
            connection_changed=controller.connection_changed,
        )
        pin_dialogs.install(self.window.row_actions, services, self.window)
        menu = self.window.menus["account"]
        menu.insertAction(
            menu.actions()[0], pin_dialogs.make_change_pin_action(self.window, services)
        )
        qr_dialogs.install(self.window.row_actions, services, self.window)
        self.pending_badges = pending_badges.install(self.window, controller, services)

        def clear_secrets() -> None:
            pin_dialogs.clear_all_secrets()
            qr_dialogs.clear_all_secrets()

        self._clear_secrets = clear_secrets
        self.pin_services = services
        self._pin_dialogs_installed = True

    def _install_bulk(self) -> None:
        """Bulk actions and the expiry radar (issue 10), with the PIN dialogs' journal."""
        if self.window.bulk_installed:
            return
        from qrpin_gui.ui.bulk_dialog import BulkDialog, BulkServices
        from qrpin_gui.ui.expiry_radar import ExpiryRadar
        from qrpin_gui.ui.self_test import register_dialog

        services = BulkServices.from_controller(
            self.controller,
            graph=lambda: self.graph,
            journal=self.pin_services.journal if self.pin_services is not None else None,
            results_dir=self.paths.data_dir / "bulk-results",
        )
        self.window.install_bulk(services)
        window = self.window
        register_dialog(
            "bulk", lambda parent: BulkDialog(services, rows=window.selected_rows(), parent=parent)
        )
        register_dialog("expiry-radar", lambda parent: ExpiryRadar(services, parent=parent))

    def _install_idle_lock(self) -> None:
        if self.opts.unattended or self.idle_lock is not None:
            return
        from qrpin_gui.ui.idle_lock import IdleLock

        lock = IdleLock(self.settings.idle_lock_minutes, app=self.qapp, parent=self.window)
        lock.locked.connect(self._on_locked)
        self.window.unlock_requested.connect(self._on_unlock_requested)
        lock.start()
        self.idle_lock = lock

    def _on_locked(self) -> None:
        from qrpin_gui.ui.idle_lock import reject_open_dialogs

        if self._clear_secrets is not None:
            self._clear_secrets()
        self.window.forget_bulk_secrets()  # before the dialogs close: nothing left to confirm
        reject_open_dialogs()
        _clear_copied_secret()
        self.window.set_locked(True)

    def _on_unlock_requested(self) -> None:
        self.tasks.spawn(self._unlock(), name="unlock")

    async def _unlock(self) -> None:
        from qrpin_gui.auth.errors import AuthError
        from qrpin_gui.ui.messages import auth_message

        if self.idle_lock is None or self.auth is None:
            self.window.set_locked(False)
            return
        if self.auth.account is None:
            # Nobody is signed in (signed out, or sign-in never finished): there is no account
            # to sign in again, and nothing beyond what anyone may see without signing in.
            await self.idle_lock.unlock(_NobodySignedIn())
            self.window.set_locked(False)
            return
        try:
            await self.idle_lock.unlock(self.auth)
        except AuthError as exc:
            self.window.set_locked(True, auth_message(exc))
            return
        self.window.set_locked(False)

    def open_settings(self) -> None:
        self.tasks.spawn(self._settings_then_apply(), name="settings")

    def _sign_in_settings(self) -> tuple[object, ...]:
        """The settings the sign-in service is built from (they apply at the next start)."""
        s = self.settings
        return (s.tenant, s.client_id, s.proxy, s.use_broker)

    async def _settings_then_apply(self) -> None:
        before = self._sign_in_settings()
        consent_before = self.settings.allow_plaintext_token_cache
        if not await self._run_settings_dialog():
            return
        if self.idle_lock is not None:
            self.idle_lock.set_minutes(self.settings.idle_lock_minutes)
        self.window.model.set_expiring_within_days(self.settings.expiring_within_days)
        consent = self.settings.allow_plaintext_token_cache
        if consent is not None and consent != consent_before:
            # Applies now: withdrawn, the unencrypted sign-in and snapshot are deleted;
            # given, they are written.
            await self._apply_cache_consent(consent)
        if self._sign_in_settings() != before and not self.demo_mode:
            if self.graph is None:
                await self.build_services()
                if self.graph is not None:
                    await self.controller.sign_in_and_sync()
            else:
                self.window.show_notice(
                    "info",
                    QCoreApplication.translate(
                        "Application",
                        "The new sign-in settings apply the next time you start the app.",
                    ),
                )

    async def _run_settings_dialog(self) -> bool:
        """Show the settings dialog; True when the person saved (settings updated and saved)."""
        import dataclasses

        from qrpin_gui.ui.async_helpers import dialog_result
        from qrpin_gui.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.settings, demo=self.demo_mode, parent=self.window)
        saved: list[Settings] = []
        dialog.settings_saved.connect(saved.append)
        await dialog_result(dialog)
        dialog.deleteLater()
        if not saved:
            return False
        for f in dataclasses.fields(Settings):
            if not f.metadata.get("transient"):
                setattr(self.settings, f.name, getattr(saved[-1], f.name))
        self._save_settings()
        return True

    # ------------------------------------------------------------------ running
    async def main(self) -> int:
        loop = asyncio.get_running_loop()
        self._done = loop.create_future()
        self.qapp.aboutToQuit.connect(lambda: self.quit(self.exit_code))
        self.build_window()
        if self.opts.screenshot is not None or self.opts.self_test:
            self.controller.roster_shown.connect(self._on_roster_shown)
        await self.controller.start()
        self.window.shown.connect(self._on_window_shown)
        self.window.show()
        if self.opts.offline:
            if not self.opts.exit_when_shown:
                await self._wait_done()
            return await self._shutdown()
        try:
            await self.build_services()
        except Exception as exc:
            logger.exception("Start-up failed")
            if self.opts.self_test:
                _write_line(f"self-test: FAIL start: {type(exc).__name__}: {exc}")
                _write_line(
                    json.dumps(
                        {
                            "self_test": "fail",
                            "mode": "demo" if self.opts.demo else "window",
                            "failed": ["start"],
                        }
                    )
                )
                self.exit_code = EXIT_FAILED
                return await self._shutdown()
            self.reporter.handle(type(exc), exc, exc.__traceback__)
        else:
            if self.controller is not None and self.graph is not None and not self._done.done():
                self.tasks.spawn(self.controller.sign_in_and_sync(), name="start-up")
        await self._wait_done()
        return await self._shutdown()

    async def _wait_done(self) -> None:
        assert self._done is not None
        with contextlib.suppress(asyncio.CancelledError):
            await self._done

    def quit(self, code: int = EXIT_OK) -> None:
        self.exit_code = code
        if self._done is not None and not self._done.done():
            self._done.set_result(code)

    def _on_window_shown(self) -> None:
        if self.opts.exit_when_shown:
            window_ms = (time.perf_counter() - self.started) * 1000.0
            rows = self.window.model.total_count
            _write_line(json.dumps({"window_ms": round(window_ms, 1), "rows": rows}))
            self.quit(EXIT_OK)

    def _on_roster_shown(self, how: str) -> None:
        if self.opts.self_test:
            self.tasks.spawn(self._self_test(how), name="self-test")
            return
        # Let the table paint its rows before taking the picture.
        QTimer.singleShot(300, self.window, lambda: self._take_screenshot(how))

    def _take_screenshot(self, how: str) -> None:
        path = Path(self.opts.screenshot or "screenshot.png")
        path.parent.mkdir(parents=True, exist_ok=True)
        ok = self.window.grab().save(str(path))
        logger.info("Screenshot saved to %s (%s)", path, how)
        # Only a completed sync (or, offline, the saved roster) is what was asked for.
        self.quit(EXIT_OK if ok and how in ("sync", "snapshot") else EXIT_FAILED)

    async def _self_test(self, how: str) -> None:
        from qrpin_gui.ui.self_test import run_self_test

        ok, line = await run_self_test(self, how)
        _write_line(line)
        self.quit(EXIT_OK if ok else EXIT_FAILED)

    async def _shutdown(self) -> int:
        if self._shutting_down:
            return self.exit_code
        self._shutting_down = True
        logger.info("Shutting down")
        _clear_copied_secret()  # a copied PIN never outlives the app
        await self.tasks.shutdown()
        if self.graph is not None:
            with contextlib.suppress(Exception):
                await self.graph.aclose()
        if self.window is not None:
            self.window.save_state() if not self.opts.unattended else None
            self.window.hide()
        self._save_settings()
        if self.auth is not None:
            try:
                await self.auth.aclose(sign_out=self.settings.sign_out_on_close)
            except Exception:
                logger.exception("Sign-in service did not close cleanly")
        if self.demo is not None:
            loop = asyncio.get_running_loop()
            with contextlib.suppress(Exception):
                await loop.run_in_executor(None, self.demo.stop)
        self.reporter.uninstall()
        if self.reporter.count and self.exit_code == EXIT_OK and self.opts.unattended:
            self.exit_code = EXIT_FAILED
        return self.exit_code


def run(opts: Options, paths: AppPaths, *, started: float) -> int:
    """Run the app until its window closes (or a script flag ends it). Returns the exit code."""
    if opts.self_test and not opts.demo:
        # Without the demo tenant, --self-test checks the installation (issue 9).
        from qrpin_gui.selftest import run_and_print

        return run_and_print(paths)
    app = QApplication.instance() or QApplication([sys.argv[0], *opts.qt_args])
    assert isinstance(app, QApplication)
    app.setApplicationName("QR PIN Manager")
    app.setOrganizationName("QRPinManager")
    app.setQuitOnLastWindowClosed(False)
    install_qt_message_handler()
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    application = Application(opts, paths, app, started=started)
    try:
        with loop:
            return loop.run_until_complete(application.main())
    finally:
        asyncio.set_event_loop(None)
