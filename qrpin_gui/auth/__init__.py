"""Sign-in with MSAL (Qt-free): :class:`AuthService` is also the Graph client's token provider."""

from qrpin_gui.auth.browser import SignInBrowser, SystemBrowser
from qrpin_gui.auth.config import OWN_PIN_SCOPES, SIGN_IN_SCOPES, AuthConfig
from qrpin_gui.auth.errors import AuthError, AuthErrorKind
from qrpin_gui.auth.messages import MESSAGE_CONTEXT, message_for
from qrpin_gui.auth.service import AuthAccount, AuthService, DeviceCode
from qrpin_gui.auth.token_cache import CacheMode

__all__ = [
    "MESSAGE_CONTEXT",
    "OWN_PIN_SCOPES",
    "SIGN_IN_SCOPES",
    "AuthAccount",
    "AuthConfig",
    "AuthError",
    "AuthErrorKind",
    "AuthService",
    "CacheMode",
    "DeviceCode",
    "SignInBrowser",
    "SystemBrowser",
    "message_for",
]
