"""The settings dialog: tenant, client id, proxy and sign-in options (never tokens).

Input is checked as it is typed (a GUID or a domain-shaped tenant, a GUID client id, an
``http(s)://host:port`` proxy); problems are shown under the field and OK is refused until they
are fixed. On OK the dialog emits :attr:`SettingsDialog.settings_saved` with a new
:class:`~qrpin_gui.settings.Settings`; the caller saves it and applies what changed (a changed
tenant or client id means signing in again).
"""

from __future__ import annotations

import dataclasses
import re
import sys

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from qrpin_gui.settings import Settings, is_valid_client_id, is_valid_tenant

_PROXY_RE = re.compile(r"^https?://[^\s/:]+(:\d{1,5})?/?$")


class SettingsDialog(QDialog):
    settings_saved = Signal(object)  # the new Settings

    def __init__(
        self,
        settings: Settings,
        *,
        demo: bool = False,
        platform: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self._original = settings
        self._platform = platform or sys.platform

        # Organisation -----------------------------------------------------------------------
        self.tenant = QLineEdit(settings.tenant)
        self.tenant.setPlaceholderText(self.tr("contoso.onmicrosoft.com or the tenant ID"))
        self.tenant_error = self._error_label()
        self.client_id = QLineEdit(settings.client_id)
        self.client_id.setPlaceholderText("00000000-0000-0000-0000-000000000000")
        self.client_id_error = self._error_label()
        org = QGroupBox(self.tr("Organisation"))
        org_form = QFormLayout(org)
        org_form.addRow(self.tr("&Tenant:"), self.tenant)
        org_form.addRow("", self.tenant_error)
        org_form.addRow(self.tr("&Client ID:"), self.client_id)
        org_form.addRow("", self.client_id_error)
        hint = QLabel(
            self.tr(
                "Your IT admin gives you both values (the app registration; see "
                "docs/app-registration.md)."
            )
        )
        hint.setWordWrap(True)
        org_form.addRow(hint)
        if demo:
            note = QLabel(
                self.tr("The demo tenant is open; these values apply to your own tenant.")
            )
            note.setWordWrap(True)
            org_form.addRow(note)

        # Network ----------------------------------------------------------------------------
        self.proxy_mode = QComboBox()
        self.proxy_mode.addItem(self.tr("Use the system proxy settings"), "system")
        self.proxy_mode.addItem(self.tr("Use this proxy:"), "url")
        self.proxy_url = QLineEdit()
        self.proxy_url.setPlaceholderText("http://proxy.example:8080")
        self.proxy_error = self._error_label()
        if settings.proxy:
            self.proxy_mode.setCurrentIndex(1)
            self.proxy_url.setText(settings.proxy)
        net = QGroupBox(self.tr("Network"))
        net_form = QFormLayout(net)
        net_form.addRow(self.tr("&Proxy:"), self.proxy_mode)
        net_form.addRow("", self.proxy_url)
        net_form.addRow("", self.proxy_error)

        # Sign-in ----------------------------------------------------------------------------
        self.use_broker = QCheckBox(self.tr("Use Windows sign-in (Web Account Manager)"))
        on_windows = self._platform == "win32"
        self.use_broker.setChecked(
            settings.use_broker if settings.use_broker is not None else on_windows
        )
        self.use_broker.setEnabled(on_windows and not demo)
        if not on_windows:
            self.use_broker.setToolTip(self.tr("Available on Windows only"))
        self.plaintext_cache = QCheckBox(
            self.tr("Keep the sign-in in an unencrypted file when this computer cannot encrypt it")
        )
        self.plaintext_cache.setChecked(bool(settings.allow_plaintext_token_cache))
        self.sign_out_on_close = QCheckBox(self.tr("Sign out when the app closes"))
        self.sign_out_on_close.setChecked(settings.sign_out_on_close)
        self.idle_lock = QSpinBox()
        self.idle_lock.setRange(0, 24 * 60)
        self.idle_lock.setSuffix(self.tr(" min"))
        self.idle_lock.setSpecialValueText(self.tr("Never"))
        self.idle_lock.setValue(settings.idle_lock_minutes)
        shared = QGroupBox(self.tr("Sign-in and shared store PCs"))
        shared_form = QFormLayout(shared)
        shared_form.addRow(self.use_broker)
        shared_form.addRow(self.plaintext_cache)
        shared_form.addRow(self.sign_out_on_close)
        shared_form.addRow(self.tr("&Lock after idle:"), self.idle_lock)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._on_ok)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        for box in (org, net, shared):
            layout.addWidget(box)
        layout.addWidget(self.buttons)

        self.tenant.textChanged.connect(self.validate)
        self.client_id.textChanged.connect(self.validate)
        self.proxy_url.textChanged.connect(self.validate)
        self.proxy_mode.currentIndexChanged.connect(self._proxy_mode_changed)
        self._proxy_mode_changed()

    @staticmethod
    def _error_label() -> QLabel:
        label = QLabel("")
        label.setWordWrap(True)
        label.setStyleSheet("color: palette(highlight);")
        label.setProperty("role", "error")
        label.hide()
        return label

    def _proxy_mode_changed(self) -> None:
        self.proxy_url.setEnabled(self.proxy_mode.currentData() == "url")
        self.validate()

    @staticmethod
    def _show(label: QLabel, text: str) -> None:
        label.setText(text)
        label.setVisible(bool(text))

    # ------------------------------------------------------------------ validation
    def validate(self) -> bool:
        """Check every field, show inline messages, return True when all are valid."""
        tenant = self.tenant.text().strip()
        client_id = self.client_id.text().strip()
        tenant_msg = ""
        if tenant and not is_valid_tenant(tenant):
            tenant_msg = self.tr(
                "Enter the tenant ID (a GUID such as 72f988bf-86f1-41af-91ab-2d7cd011db47) or a "
                "domain such as contoso.onmicrosoft.com."
            )
        client_msg = ""
        if not client_id and tenant:
            client_msg = self.tr("Enter the client ID of the app registration.")
        elif client_id and not is_valid_client_id(client_id):
            client_msg = self.tr(
                "The client ID is a GUID such as 2b5c7f3e-9d41-4a8e-b6c2-0f1e3d5a7c90."
            )
        proxy_msg = ""
        if self.proxy_mode.currentData() == "url" and not _PROXY_RE.match(
            self.proxy_url.text().strip()
        ):
            proxy_msg = self.tr("Enter the proxy as http://host:port.")
        self._show(self.tenant_error, tenant_msg)
        self._show(self.client_id_error, client_msg)
        self._show(self.proxy_error, proxy_msg)
        return not (tenant_msg or client_msg or proxy_msg)

    def result_settings(self) -> Settings:
        """The settings as edited (the original object is left unchanged)."""
        mode = self.proxy_mode.currentData()
        proxy = "" if mode == "system" else self.proxy_url.text().strip()
        on_windows = self._platform == "win32"
        broker: bool | None = self._original.use_broker
        if on_windows and self.use_broker.isEnabled():
            broker = self.use_broker.isChecked()
        plaintext: bool | None = self._original.allow_plaintext_token_cache
        if self.plaintext_cache.isChecked() != bool(plaintext):
            plaintext = self.plaintext_cache.isChecked()
        return dataclasses.replace(
            self._original,
            tenant=self.tenant.text().strip(),
            client_id=self.client_id.text().strip(),
            proxy=proxy,
            use_broker=broker,
            allow_plaintext_token_cache=plaintext,
            sign_out_on_close=self.sign_out_on_close.isChecked(),
            idle_lock_minutes=self.idle_lock.value(),
        )

    def _on_ok(self) -> None:
        if not self.validate():
            first = next(
                (
                    w
                    for w, label in (
                        (self.tenant, self.tenant_error),
                        (self.client_id, self.client_id_error),
                        (self.proxy_url, self.proxy_error),
                    )
                    if label.isVisibleTo(self)
                ),
                None,
            )
            if first is not None:
                first.setFocus()
            return
        self.settings_saved.emit(self.result_settings())
        self.accept()
