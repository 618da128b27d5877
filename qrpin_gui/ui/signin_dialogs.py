"""Sign-in dialogs: the demo tenant's account picker, the device-code dialog, first run.

- :class:`DemoAccountPickerDialog` stands in for the browser page in ``--demo``: it receives the
  authorize URL MSAL built, lets the person pick a demo account (or decline), and completes the
  real ``form_post`` to MSAL's listener through :class:`qrpin_gui.auth.demo_browser.DemoBrowser`.
  :class:`DemoAccountPickerBrowser` is the :class:`~qrpin_gui.auth.browser.SignInBrowser` that
  opens it (``AuthService.set_browser(...)``).
- :class:`DeviceCodeDialog` shows the code of a device-code sign-in.
- :class:`FirstRunDialog`: no tenant configured yet: open the demo tenant, or configure one.

Dialogs are opened with ``open()`` (never ``exec()``); their async work runs in tasks the dialog
keeps, and Cancel/Esc cancels them.
"""

from __future__ import annotations

import asyncio
import enum
import logging
from collections.abc import Callable
from urllib.parse import parse_qs, urlsplit

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from qrpin_gui.auth.browser import SignInPageError
from qrpin_gui.auth.demo_browser import DemoAccount, DemoBrowser, DemoBrowserError
from qrpin_gui.auth.service import DeviceCode

logger = logging.getLogger(__name__)


class DemoAccountPickerDialog(QDialog):
    """Pick a demo account to sign in with (the demo tenant's "sign-in page").

    ``on_cancel`` is called when the person closes the dialog without answering (the pending
    sign-in is cancelled); ``on_page_error`` when the sign-in page showed an error (wrong
    client id...), with MSAL-style ``(error, description)``.
    """

    answered = Signal(str)  # the account signed in with, or "" when declined

    def __init__(
        self,
        auth_uri: str,
        browser: DemoBrowser,
        *,
        on_cancel: Callable[[], None] | None = None,
        on_page_error: Callable[[str, str], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("demoAccountPicker")
        self.setWindowTitle(self.tr("Sign in to the demo tenant"))
        self._auth_uri = auth_uri
        self._browser = browser
        self._on_cancel = on_cancel
        self._on_page_error = on_page_error
        self._task: asyncio.Task[None] | None = None
        self._answered = False
        hint = parse_qs(urlsplit(auth_uri).query).get("login_hint", [""])[0]
        self._hint = hint.lower()

        intro = QLabel(
            self.tr(
                "This is the demo tenant: no password is needed. Pick the account to sign in "
                "with. (With your organisation, this step happens in your web browser.)"
            )
        )
        intro.setWordWrap(True)
        self.accounts = QListWidget()
        self.accounts.setObjectName("accounts")
        self.accounts.itemDoubleClicked.connect(lambda _item: self._start_sign_in())
        self.accounts.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.status = QLabel(self.tr("Loading the demo accounts…"))
        self.status.setWordWrap(True)
        self.status.setObjectName("status")

        self.sign_in_button = QPushButton(self.tr("Sign in"))
        self.sign_in_button.setDefault(True)
        self.decline_button = QPushButton(self.tr("Decline"))
        self.decline_button.setToolTip(
            self.tr("Answer the app that you do not want to sign in (as the sign-in page does)")
        )
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.sign_in_button.clicked.connect(self._start_sign_in)
        self.decline_button.clicked.connect(self._start_decline)
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for b in (self.sign_in_button, self.decline_button, self.cancel_button):
            buttons.addWidget(b)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.accounts, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.resize(460, 420)
        self._update_buttons()

    # ------------------------------------------------------------------ accounts
    def load_accounts(self) -> None:
        """Start loading the account list (call after ``open()``)."""
        self._run(self._load())

    async def _load(self) -> None:
        try:
            accounts = await self._browser.accounts()
        except Exception as exc:  # network problem with the local demo server
            logger.warning("Demo accounts could not be loaded: %s", type(exc).__name__)
            self.status.setText(self.tr("The demo accounts could not be loaded."))
            return
        self.set_accounts(accounts)

    def set_accounts(self, accounts: list[DemoAccount]) -> None:
        self.accounts.clear()
        for account in accounts:
            label = f"{account.display_name} ({account.role})\n{account.username}"
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, account.username)
            self.accounts.addItem(item)
            if account.username.lower() == self._hint:
                self.accounts.setCurrentItem(item)
        if self.accounts.currentItem() is None and self.accounts.count():
            self.accounts.setCurrentRow(0)
        self.status.setText("")
        self._update_buttons()

    def select_account(self, username: str) -> bool:
        for row in range(self.accounts.count()):
            item = self.accounts.item(row)
            if str(item.data(Qt.ItemDataRole.UserRole)).lower() == username.lower():
                self.accounts.setCurrentItem(item)
                return True
        return False

    def selected_username(self) -> str | None:
        item = self.accounts.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    # ------------------------------------------------------------------ answers
    def _run(self, coro: object) -> None:
        if self._task is not None and not self._task.done():
            return
        self._task = asyncio.get_event_loop().create_task(coro)  # type: ignore[arg-type]
        self._task.add_done_callback(self._task_done)
        self._update_buttons()

    def _task_done(self, _task: asyncio.Task[None]) -> None:
        if isValid(self):  # the dialog may already be deleted after it closed
            self._update_buttons()

    def _update_buttons(self) -> None:
        busy = self._task is not None and not self._task.done()
        self.sign_in_button.setEnabled(
            not busy and not self._answered and self.selected_username() is not None
        )
        self.decline_button.setEnabled(not busy and not self._answered)

    def _start_sign_in(self) -> None:
        username = self.selected_username()
        if username is None or self._answered:
            return
        self._run(self._sign_in(username))

    def _start_decline(self) -> None:
        if not self._answered:
            self._run(self._decline())

    async def _sign_in(self, username: str) -> None:
        self.status.setText(self.tr("Signing in…"))
        try:
            await self._browser.sign_in_as(self._auth_uri, username)
        except SignInPageError as exc:
            self._answered = True
            self.status.setText(
                self.tr("The sign-in page reported a problem: %1").replace("%1", exc.description)
            )
            self.cancel_button.setText(self.tr("Close"))
            if self._on_page_error is not None:
                self._on_page_error(exc.error, exc.description)
            return
        except (DemoBrowserError, OSError, RuntimeError) as exc:
            logger.warning("Demo sign-in failed: %s", exc)
            self.status.setText(self.tr("Signing in did not work. Try again, or cancel."))
            return
        finally:
            self._task = None
            self._update_buttons()
        self._answered = True
        self.answered.emit(username)
        self.accept()

    async def _decline(self) -> None:
        try:
            await self._browser.decline(self._auth_uri)
        except (DemoBrowserError, OSError, RuntimeError) as exc:
            logger.warning("Demo decline failed: %s", exc)
        finally:
            self._task = None
        self._answered = True
        self.answered.emit("")
        self.accept()

    def close_quietly(self) -> None:
        """Close without cancelling the sign-in (it already ended)."""
        self._answered = True
        if self.isVisible():
            self.reject()

    def reject(self) -> None:  # Cancel, Esc and the window's close button
        if self._task is not None and not self._task.done():
            self._task.cancel()
        if not self._answered and self._on_cancel is not None:
            self._answered = True
            self._on_cancel()
        super().reject()


class DemoAccountPickerBrowser:
    """A :class:`~qrpin_gui.auth.browser.SignInBrowser` that shows
    :class:`DemoAccountPickerDialog` (the demo's sign-in page) over ``parent()``.

    ``on_cancel`` / ``on_page_error`` are normally ``auth.cancel`` / ``auth.fail_interactive``.
    """

    def __init__(
        self,
        browser: DemoBrowser,
        *,
        parent: Callable[[], QWidget | None] = lambda: None,
        on_cancel: Callable[[], None] | None = None,
        on_page_error: Callable[[str, str], None] | None = None,
    ) -> None:
        self._browser = browser
        self._parent = parent
        self._on_cancel = on_cancel
        self._on_page_error = on_page_error
        self.dialog: DemoAccountPickerDialog | None = None

    async def open(self, auth_uri: str) -> bool:
        self.close()
        dialog = DemoAccountPickerDialog(
            auth_uri,
            self._browser,
            on_cancel=self._on_cancel,
            on_page_error=self._on_page_error,
            parent=self._parent(),
        )
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()
        dialog.load_accounts()
        return True

    def close(self) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is not None:
            try:
                dialog.close_quietly()
            except RuntimeError:  # already deleted by Qt
                pass


class DeviceCodeDialog(QDialog):
    """Shows a device-code sign-in's code and address. Cancel calls ``on_cancel``."""

    def __init__(
        self, *, on_cancel: Callable[[], None] | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("deviceCodeDialog")
        self.setWindowTitle(self.tr("Sign in with a code"))
        self._on_cancel = on_cancel
        self._uri = ""
        self._finished_ok = False
        self.explain = QLabel(self.tr("Getting a sign-in code…"))
        self.explain.setWordWrap(True)
        self.code = QLabel("")
        self.code.setObjectName("userCode")
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.code.font()
        font.setPointSize(font.pointSize() * 2)
        font.setBold(True)
        self.code.setFont(font)
        self.copy_button = QPushButton(self.tr("Copy code"))
        self.open_button = QPushButton(self.tr("Open the sign-in address"))
        self.copy_button.setEnabled(False)
        self.open_button.setEnabled(False)
        self.copy_button.clicked.connect(self._copy)
        self.open_button.clicked.connect(self._open_address)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        box.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.copy_button)
        row.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explain)
        layout.addWidget(self.code, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addLayout(row)
        layout.addWidget(box)

    def show_code(self, code: DeviceCode) -> None:
        """Pass this as ``on_code`` to ``AuthService.sign_in_with_device_code``."""
        self._uri = code.verification_uri
        self.code.setText(code.user_code)
        self.explain.setText(
            self.tr(
                "On a phone or another computer, open %1 and enter this code. The code is "
                "valid for %2 minutes."
            )
            .replace("%1", code.verification_uri)
            .replace("%2", str(max(1, code.expires_in // 60)))
        )
        self.copy_button.setEnabled(True)
        self.open_button.setEnabled(bool(code.verification_uri))

    def _copy(self) -> None:
        QGuiApplication.clipboard().setText(self.code.text())

    def _open_address(self) -> None:
        if self._uri:
            QDesktopServices.openUrl(QUrl(self._uri))

    def finish(self) -> None:
        """The sign-in ended (any outcome): close without cancelling."""
        self._finished_ok = True
        if self.isVisible():
            self.accept()

    def reject(self) -> None:
        if not self._finished_ok and self._on_cancel is not None:
            self._on_cancel()
        super().reject()


class FirstRunChoice(enum.Enum):
    DEMO = "demo"
    CONFIGURE = "configure"
    QUIT = "quit"


class FirstRunDialog(QDialog):
    """First start without a configured tenant: open the demo tenant or configure a tenant.

    After ``finished``, :attr:`choice` says what the person picked (``QUIT`` when closed).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstRunDialog")
        self.setWindowTitle(self.tr("Welcome to QR PIN Manager"))
        self.choice = FirstRunChoice.QUIT
        text = QLabel(
            self.tr(
                "QR PIN Manager needs to know your organisation's Microsoft Entra tenant and the "
                "app registration your IT admin created for it.\n\n"
                "You can also explore the app with the built-in demo tenant first: it needs no "
                "Microsoft account and changes nothing real."
            )
        )
        text.setWordWrap(True)
        self.demo_button = QPushButton(self.tr("Open the demo tenant"))
        self.configure_button = QPushButton(self.tr("Configure a tenant…"))
        self.configure_button.setDefault(True)
        self.quit_button = QPushButton(self.tr("Quit"))
        self.demo_button.clicked.connect(lambda: self._pick(FirstRunChoice.DEMO))
        self.configure_button.clicked.connect(lambda: self._pick(FirstRunChoice.CONFIGURE))
        self.quit_button.clicked.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.demo_button)
        row.addStretch(1)
        row.addWidget(self.configure_button)
        row.addWidget(self.quit_button)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(row)

    def _pick(self, choice: FirstRunChoice) -> None:
        self.choice = choice
        self.accept()

    def reject(self) -> None:
        self.choice = FirstRunChoice.QUIT
        super().reject()


__all__ = [
    "DemoAccountPickerBrowser",
    "DemoAccountPickerDialog",
    "DeviceCodeDialog",
    "FirstRunChoice",
    "FirstRunDialog",
]
