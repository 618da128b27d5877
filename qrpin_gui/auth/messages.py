"""Plain-language English text for sign-in errors, one place for the UI to translate.

The UI shows ``QCoreApplication.translate(MESSAGE_CONTEXT, message_for(error))``. The texts are
wrapped in :func:`QT_TRANSLATE_NOOP` (a no-op here) so ``pyside6-lupdate`` extracts them under
that context without this Qt-free module importing Qt.
"""

from __future__ import annotations

from qrpin_gui.auth.errors import AuthError, AuthErrorKind

MESSAGE_CONTEXT = "AuthMessages"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark ``text`` for translation under ``context``; returns it unchanged."""
    return text


_MESSAGES: dict[AuthErrorKind, str] = {
    AuthErrorKind.CANCELLED: QT_TRANSLATE_NOOP("AuthMessages", "Sign-in was cancelled."),
    AuthErrorKind.DENIED: QT_TRANSLATE_NOOP(
        "AuthMessages",
        "Sign-in was declined on the sign-in page. Sign in again when you are ready.",
    ),
    AuthErrorKind.CONSENT_REQUIRED: QT_TRANSLATE_NOOP(
        "AuthMessages",
        "Your IT admin must approve this app for your organisation before you can use this "
        "feature. Ask them to grant admin consent to QR PIN Manager (see the app registration "
        "guide).",
    ),
    AuthErrorKind.TIMEOUT: QT_TRANSLATE_NOOP(
        "AuthMessages", "Sign-in took too long and was stopped. Please try again."
    ),
    AuthErrorKind.WRONG_TENANT: QT_TRANSLATE_NOOP(
        "AuthMessages",
        "Your organisation (tenant) was not found. Check the tenant name or ID in Settings.",
    ),
    AuthErrorKind.WRONG_CLIENT: QT_TRANSLATE_NOOP(
        "AuthMessages",
        "This app is not registered in your organisation with the client ID in Settings. "
        "Check the client ID, or ask your IT admin for the right one.",
    ),
    AuthErrorKind.NETWORK: QT_TRANSLATE_NOOP(
        "AuthMessages",
        "The Microsoft sign-in service could not be reached. Check the network connection "
        "and the proxy in Settings.",
    ),
    AuthErrorKind.CLAIMS_REQUIRED: QT_TRANSLATE_NOOP(
        "AuthMessages", "Your organisation asks you to sign in again to continue."
    ),
    AuthErrorKind.INTERACTION_REQUIRED: QT_TRANSLATE_NOOP(
        "AuthMessages", "Your sign-in has expired. Please sign in again."
    ),
    AuthErrorKind.NO_ACCOUNT: QT_TRANSLATE_NOOP("AuthMessages", "Nobody is signed in."),
    AuthErrorKind.WRONG_ACCOUNT: QT_TRANSLATE_NOOP(
        "AuthMessages",
        "That is a different account. Only the account that was signed in can unlock the app.",
    ),
    AuthErrorKind.NO_BROWSER: QT_TRANSLATE_NOOP(
        "AuthMessages",
        "No web browser could be opened for sign-in. Use 'Sign in with a code' instead.",
    ),
    AuthErrorKind.BUSY: QT_TRANSLATE_NOOP(
        "AuthMessages", "A sign-in is already in progress. Finish or cancel it first."
    ),
    AuthErrorKind.BROKER: QT_TRANSLATE_NOOP(
        "AuthMessages",
        "Windows sign-in (Web Account Manager) failed. Try again, or turn off 'Use Windows "
        "sign-in' in Settings.",
    ),
    AuthErrorKind.SERVICE: QT_TRANSLATE_NOOP(
        "AuthMessages", "The Microsoft sign-in service refused the sign-in. Please try again."
    ),
}


def message_for(error: AuthError | AuthErrorKind) -> str:
    """The English sentence a person sees for ``error`` (translate with ``MESSAGE_CONTEXT``)."""
    kind = error.kind if isinstance(error, AuthError) else error
    return _MESSAGES[kind]


ENCRYPTION_UNAVAILABLE = QT_TRANSLATE_NOOP(
    "AuthMessages",
    "This computer cannot encrypt the saved sign-in. Keep it in an unencrypted file so you "
    "stay signed in between sessions? If you choose No, you sign in each time the app starts.",
)
"""The question asked before a plaintext token cache is kept."""
