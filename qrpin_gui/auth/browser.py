"""Who shows the sign-in page: the system browser, or (demo) the app's own account picker.

:class:`~qrpin_gui.auth.service.AuthService` hands the authorize URL MSAL built to a
:class:`SignInBrowser` on the event loop. The browser's only job is to get the person to that
page; the answer comes back to the loopback listener by ``form_post`` as with Entra.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import webbrowser
from typing import Protocol, runtime_checkable

logger = logging.getLogger(__name__)


class SignInPageError(Exception):
    """The sign-in page showed an error instead of answering the app (for example Entra's
    AADSTS700016 page for an unknown client id). A browser that can read the page raises this
    from :meth:`SignInBrowser.open`, or hands it to ``AuthService.fail_interactive``; the
    sign-in then ends with that error instead of waiting for its timeout."""

    def __init__(self, error: str, description: str) -> None:
        super().__init__(f"{error}: {description}")
        self.error = error
        self.description = description


@runtime_checkable
class SignInBrowser(Protocol):
    """Shows the sign-in page at ``auth_uri``. Both methods are called on the event loop."""

    async def open(self, auth_uri: str) -> bool:
        """Start showing the page; ``False`` when it could not be shown at all."""
        ...

    def close(self) -> None:
        """The sign-in attempt ended (any outcome): close whatever page is still shown."""
        ...


class SystemBrowser:
    """The user's default web browser (through :func:`webbrowser.open`, nothing registered or
    patched). ``webbrowser.open`` may block for a console browser, so it runs on its own daemon
    thread."""

    async def open(self, auth_uri: str) -> bool:
        loop = asyncio.get_running_loop()
        done: asyncio.Future[bool] = loop.create_future()

        def run() -> None:
            try:
                opened = bool(webbrowser.open(auth_uri))
            except Exception as exc:  # webbrowser.Error, OSError
                logger.warning("Opening the browser failed: %s", type(exc).__name__)
                opened = False

            def finish() -> None:
                if not done.done():
                    done.set_result(opened)

            loop.call_soon_threadsafe(finish)

        threading.Thread(target=run, name="open-browser", daemon=True).start()
        return await done

    def close(self) -> None:
        """A system browser tab cannot be closed from here; the listener's page says so."""
