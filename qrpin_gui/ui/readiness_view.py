"""Sign-in readiness in words: the details pane's "Ready for QR sign-in?" box and the "not
ready" quick-filter predicate (the verdicts come from :mod:`qrpin_gui.core.readiness`).

Wiring (the window owns it): add :class:`ReadinessView` under the details pane's QR group and
call :meth:`ReadinessView.show_row` wherever the pane shows a row; use
:func:`not_ready_filter` for a "Not ready" quick filter.
"""

from __future__ import annotations

from collections.abc import Callable, Set
from datetime import UTC, datetime

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QGroupBox, QLabel, QVBoxLayout, QWidget

from qrpin_gui.core.models import Policy, RosterRow
from qrpin_gui.core.readiness import (
    Blocker,
    FixHint,
    Readiness,
    ReadinessIssue,
    Severity,
    assess,
    is_not_ready,
)
from qrpin_gui.ui.roster_present import format_date, format_datetime

__all__ = ["ReadinessView", "fix_text", "issue_text", "not_ready_filter", "readiness_lines"]


def _t(text: str) -> str:
    return QCoreApplication.translate("Readiness", text)


def issue_text(issue: ReadinessIssue) -> str:
    """What stops (or may stop) sign-in, in one sentence."""
    when = issue.when
    texts = {
        Blocker.STATUS_UNKNOWN: _t("The QR sign-in status is not known."),
        Blocker.ACCOUNT_DISABLED: _t("The account is disabled."),
        Blocker.POLICY_DISABLED: _t("QR code sign-in is turned off for the whole organisation."),
        Blocker.NOT_IN_POLICY_TARGETS: _t(
            "This person is not among the people QR sign-in is enabled for."
        ),
        Blocker.NO_METHOD: _t("No QR sign-in set up."),
        Blocker.NO_STANDARD_CODE: _t("No badge (standard code)."),
        Blocker.STANDARD_EXPIRED: _t("The badge expired on %1.").replace(
            "%1", format_date(when) if when else "?"
        ),
        Blocker.STANDARD_NOT_YET_ACTIVE: _t("The badge only works from %1.").replace(
            "%1", format_datetime(when) if when else "?"
        ),
        Blocker.FORGOTTEN_BADGE_NO_TEMPORARY: _t(
            "The badge is forgotten and no temporary code is live."
        ),
        Blocker.PIN_MUST_CHANGE: _t("The PIN is temporary: a new PIN must be chosen at sign-in."),
        Blocker.FIRST_USE_TRAP: _t("Set up on %1 and never used yet.").replace(
            "%1", format_date(when) if when else "?"
        ),
    }
    text = texts[issue.blocker]
    if issue.severity is Severity.WARNING and issue.blocker in (
        Blocker.NO_STANDARD_CODE,
        Blocker.STANDARD_EXPIRED,
        Blocker.STANDARD_NOT_YET_ACTIVE,
    ):
        text += " " + _t("A temporary code covers today.")
    return text


def fix_text(fix: FixHint) -> str:
    """The way out."""
    return {
        FixHint.CHECK_STATUS: _t("Select this person and use Check status (Ctrl+K)."),
        FixHint.ASK_IT_ENABLE_ACCOUNT: _t("Ask IT to enable the account."),
        FixHint.ASK_IT_ENABLE_POLICY: _t("Ask IT to turn on the QR code + PIN method."),
        FixHint.ASK_IT_ADD_TO_TARGETS: _t("Ask IT to add this person to the QR sign-in groups."),
        FixHint.CREATE_METHOD: _t("Use 'Set up QR sign-in' and print the badge."),
        FixHint.NEW_BADGE: _t("Issue a new badge ('New badge') and print it."),
        FixHint.WAIT_OR_TEMPORARY_CODE: _t("Wait until then, or issue a temporary code for today."),
        FixHint.TEMPORARY_CODE: _t("Issue a temporary code for this shift."),
        FixHint.TELL_NEW_PIN_AT_SIGN_IN: _t(
            "Tell the worker to have a new PIN ready (8+ digits) for their first sign-in."
        ),
        FixHint.SIGN_IN_ONCE_WITH_OTHER_METHOD: _t(
            "The worker must first sign in once with another method (e.g. password), or the "
            "QR code shows 'Incorrect QR code'."
        ),
    }[fix]


def readiness_lines(readiness: Readiness) -> list[tuple[Severity, str, str]]:
    """(severity, what, fix) per issue, in the core's order."""
    return [(i.severity, issue_text(i), fix_text(i.fix)) for i in readiness.issues]


_MARKS = {Severity.BLOCKS: "✖", Severity.WARNING: "⚠", Severity.UNKNOWN: "?"}
_COLORS = {Severity.BLOCKS: "#c0392b", Severity.WARNING: "#b7791f", Severity.UNKNOWN: "#666666"}


class ReadinessView(QGroupBox):
    """ "Ready for QR sign-in?": a summary line and one line per issue with its fix."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Ready for QR sign-in?"))
        self.setAccessibleName(self.tr("Sign-in readiness"))
        layout = QVBoxLayout(self)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        font = self.summary.font()
        font.setBold(True)
        self.summary.setFont(font)
        self.details = QLabel(self)
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.summary)
        layout.addWidget(self.details)
        self.readiness: Readiness | None = None
        self.show_row(None)

    def show_row(
        self,
        row: RosterRow | None,
        now: datetime | None = None,
        policy: Policy | None = None,
        *,
        badge_forgotten: bool = False,
        groups: Set[str] | None = None,
    ) -> None:
        """Show ``row``'s readiness (``badge_forgotten``: reported forgotten today;
        ``groups``: the person's groups among the policy's target groups, None when not
        known: then no "not in the target groups" verdict)."""
        if row is None:
            self.readiness = None
            self.summary.setText("")
            self.details.setText("")
            self.setVisible(False)
            return
        self.setVisible(True)
        readiness = assess(
            row, now or datetime.now(UTC), policy, groups=groups, badge_forgotten=badge_forgotten
        )
        self.readiness = readiness
        if not readiness.issues:
            self.summary.setText(self.tr("✔ Ready: nothing known stops QR sign-in today."))
        elif readiness.blocking:
            self.summary.setText(self.tr("Not ready: QR sign-in would fail today."))
        elif readiness.ready:
            self.summary.setText(self.tr("Ready, with something to know:"))
        else:
            self.summary.setText(self.tr("Cannot tell yet."))
        parts = []
        for severity, what, fix in readiness_lines(readiness):
            parts.append(
                f'<p style="margin:2px 0"><span style="color:{_COLORS[severity]}">'
                f"{_MARKS[severity]}</span> {_escape(what)}<br>"
                f"<i>→ {_escape(fix)}</i></p>"
            )
        if not readiness.policy_checked:
            parts.append(
                '<p style="margin:2px 0"><i>'
                + _escape(
                    self.tr(
                        "The tenant policy could not be read: whether the method is on and "
                        "who it targets was not checked."
                    )
                )
                + "</i></p>"
            )
        self.details.setText("".join(parts))
        self.setAccessibleDescription(
            " ".join(f"{what} {fix}" for _s, what, fix in readiness_lines(readiness))
        )


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def not_ready_filter(
    policy: Callable[[], Policy | None],
    clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    forgotten: Callable[[str], bool] = lambda _user_id: False,
    groups: Callable[[str], Set[str] | None] = lambda _user_id: None,
) -> Callable[[RosterRow], bool]:
    """The "Not ready" quick-filter predicate: something blocks QR sign-in today
    (``forgotten``: whether a person's badge is reported forgotten today; ``groups``: their
    groups among the policy's target groups, None when not known)."""

    def predicate(row: RosterRow) -> bool:
        return is_not_ready(
            row, clock(), policy(), badge_forgotten=forgotten(row.id), groups=groups(row.id)
        )

    return predicate
