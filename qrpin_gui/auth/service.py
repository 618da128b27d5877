"""``AuthService``: MSAL sign-in for the app, and the Graph client's token provider.

Every blocking MSAL call (building the app, which fetches the authority's OpenID
configuration; silent and interactive token requests; cache edits) runs on one dedicated
daemon worker thread (:class:`~qrpin_gui.auth.executor.SingleThreadExecutor`), so the event
loop (and the window) keeps turning. Coroutines await the worker's futures.

Interactive sign-in: MSAL builds the authorize URL and redeems the code; the app's
:class:`~qrpin_gui.auth.loopback.LoopbackReceiver` waits for the answer and hands the URL to a
:class:`~qrpin_gui.auth.browser.SignInBrowser` (the system browser, or the demo's account
picker). :meth:`AuthService.cancel` completes the listener with ``access_denied`` so the worker
is free at once. With the Windows broker (WAM) MSAL shows the broker's own window instead; that
path cannot be cancelled from here (the broker owns the window), so cancel abandons it and the
shutdown never waits for it.

MSAL result dicts are never logged or kept: only ``error``, ``error_description`` and
``correlation_id`` (:func:`~qrpin_gui.auth.errors.safe_facts`).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import msal
import requests
from msal.oauth2cli.oauth2 import BrowserInteractionTimeoutError
from msal_extensions import FilePersistence

from qrpin_gui.auth.browser import SignInBrowser, SignInPageError, SystemBrowser
from qrpin_gui.auth.config import AuthConfig
from qrpin_gui.auth.errors import AuthError, AuthErrorKind, from_result, safe_facts
from qrpin_gui.auth.executor import SingleThreadExecutor
from qrpin_gui.auth.http import build_session
from qrpin_gui.auth.loopback import LoopbackReceiver
from qrpin_gui.auth.token_cache import (
    CacheMode,
    TokenCacheChoice,
    open_token_cache,
    remove_cache_files,
    try_encrypted,
)

logger = logging.getLogger(__name__)

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class AuthAccount:
    """The signed-in account as the window shows it (no secrets)."""

    home_account_id: str
    username: str
    tenant_id: str
    display_name: str = ""


@dataclass(frozen=True, slots=True)
class DeviceCode:
    """What a person needs to finish a device-code sign-in on another device."""

    user_code: str
    verification_uri: str
    message: str
    expires_in: int


class _Attempt:
    """One interactive sign-in in flight (shared by the loop and the worker thread)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.receiver: LoopbackReceiver | None = None
        self.cancelled = False
        self.no_browser = False
        self.page_failed = False
        self.abandoned: asyncio.Future[None] | None = None

    def attach(self, receiver: LoopbackReceiver) -> None:
        with self._lock:
            self.receiver = receiver
            if self.cancelled:
                receiver.abort("access_denied", "cancelled")

    def cancel(self) -> None:
        """Called on the event loop thread."""
        with self._lock:
            self.cancelled = True
            receiver = self.receiver
        if self.abandoned is not None and not self.abandoned.done():
            self.abandoned.set_result(None)
        if receiver is not None:
            receiver.abort("access_denied", "cancelled")

    def page_error(self, error: str, description: str) -> None:
        with self._lock:
            self.page_failed = True
            receiver = self.receiver
        if receiver is not None:
            receiver.abort(error, description)

    def browser_failed(self) -> None:
        with self._lock:
            self.no_browser = True
            receiver = self.receiver
        if receiver is not None:
            receiver.abort("no_browser", "no browser could be opened")


def _consume(task: asyncio.Future[Any]) -> None:
    """Retrieve an abandoned worker's outcome so asyncio does not report it as unhandled."""
    if not task.cancelled():
        task.exception()


def _account_of(msal_account: dict[str, Any], display_name: str = "") -> AuthAccount:
    return AuthAccount(
        home_account_id=str(msal_account.get("home_account_id") or ""),
        username=str(msal_account.get("username") or ""),
        tenant_id=str(msal_account.get("realm") or ""),
        display_name=display_name,
    )


class AuthService:
    """Sign-in state and tokens for one app instance.

    ``cache_path`` None keeps tokens in memory only. ``allow_plaintext_cache`` is the user's
    answer to "keep an unencrypted cache?" (``None``: not asked yet, so memory only until
    :meth:`set_plaintext_cache_allowed`). ``window_handle`` returns the main window's native
    handle for the Windows broker. ``encrypted`` is the function that tries encrypted
    persistence (tests replace it).
    """

    def __init__(
        self,
        config: AuthConfig,
        *,
        cache_path: Path | None = None,
        allow_plaintext_cache: bool | None = None,
        browser: SignInBrowser | None = None,
        window_handle: Callable[[], int | None] | None = None,
        encrypted: Callable[[Path], tuple[Any, str]] = try_encrypted,
    ) -> None:
        self._config = config
        self._cache_path = cache_path
        self._encrypted = encrypted
        self._cache: TokenCacheChoice = open_token_cache(
            cache_path, allow_plaintext=allow_plaintext_cache, encrypted=encrypted
        )
        self._browser: SignInBrowser = browser or SystemBrowser()
        self._window_handle = window_handle
        self._executor = SingleThreadExecutor("msal")
        self._app: msal.PublicClientApplication | None = None
        self._session: requests.Session | None = None
        self._msal_account: dict[str, Any] | None = None  # touched on the worker only
        self._account: AuthAccount | None = None
        self._attempt: _Attempt | None = None
        self._device_flow: dict[str, Any] | None = None
        self._browser_task: asyncio.Task[None] | None = None
        self._broker_requested = False
        self._closed = False

    # ------------------------------------------------------------------ state for the window
    @property
    def config(self) -> AuthConfig:
        return self._config

    @property
    def account(self) -> AuthAccount | None:
        """The signed-in account, or None."""
        return self._account

    @property
    def cache_mode(self) -> CacheMode:
        return self._cache.mode

    @property
    def needs_cache_consent(self) -> bool:
        """True when encryption is unavailable and the user was not asked about plaintext."""
        return self._cache.needs_consent

    @property
    def interactive_pending(self) -> bool:
        return self._attempt is not None or self._device_flow is not None

    def set_browser(self, browser: SignInBrowser) -> None:
        """Use ``browser`` for the next interactive sign-ins."""
        self._browser = browser

    # ------------------------------------------------------------------ plumbing
    async def _run(self, fn: Callable[[], T]) -> T:
        if self._closed:
            raise AuthError(AuthErrorKind.CANCELLED, "the sign-in service was shut down")
        try:
            future = self._executor.submit(fn)
        except RuntimeError as exc:
            raise AuthError(AuthErrorKind.CANCELLED, "the sign-in service was shut down") from exc
        try:
            return await asyncio.wrap_future(future)
        except concurrent.futures.CancelledError as exc:
            if self._closed:
                raise AuthError(
                    AuthErrorKind.CANCELLED, "the sign-in service was shut down"
                ) from exc
            raise

    def _ensure_app(self) -> msal.PublicClientApplication:
        """Build the MSAL app (worker thread: it fetches the authority's configuration)."""
        if self._app is not None:
            return self._app
        cfg = self._config
        session = build_session(authority=cfg.authority, verify=cfg.verify, proxy=cfg.proxy)
        kwargs: dict[str, Any] = {
            "authority": cfg.authority,
            "token_cache": self._cache.cache,
            "http_client": session,
        }
        if not cfg.validate_authority:
            kwargs["instance_discovery"] = False
        if cfg.use_broker and not cfg.demo:
            kwargs["enable_broker_on_windows"] = True
        try:
            try:
                app = msal.PublicClientApplication(cfg.client_id, **kwargs)
            except ImportError:
                # msal[broker] (pymsalruntime) missing: sign in through the browser instead.
                logger.warning("The Windows broker is not installed; using the browser")
                kwargs.pop("enable_broker_on_windows", None)
                app = msal.PublicClientApplication(cfg.client_id, **kwargs)
        except requests.RequestException as exc:
            session.close()
            raise AuthError(AuthErrorKind.NETWORK, type(exc).__name__) from None
        except ValueError as exc:
            session.close()
            # MSAL: "Unable to get authority configuration for <authority>": the tenant (or the
            # authority host) does not answer as a tenant.
            logger.warning("Authority rejected: %s", str(exc).splitlines()[0][:200])
            raise AuthError(
                AuthErrorKind.WRONG_TENANT, "authority configuration unavailable"
            ) from None
        self._session = session
        self._broker_requested = "enable_broker_on_windows" in kwargs
        self._app = app
        return app

    def _find_account(self, home_account_id: str | None) -> dict[str, Any] | None:
        app = self._ensure_app()
        accounts = app.get_accounts()
        if home_account_id:
            return next((a for a in accounts if a.get("home_account_id") == home_account_id), None)
        return accounts[0] if len(accounts) == 1 else None

    def _account_from_result(self, result: dict[str, Any]) -> tuple[dict[str, Any], AuthAccount]:
        """The cache account a successful interactive/device result belongs to (worker)."""
        app = self._ensure_app()
        claims = result.get("id_token_claims") or {}
        username = claims.get("preferred_username")
        oid, tid = claims.get("oid"), claims.get("tid")
        candidates = app.get_accounts(username=username) if username else app.get_accounts()
        chosen = next(
            (
                a
                for a in candidates
                if (oid is None or a.get("local_account_id") == oid)
                and (tid is None or a.get("realm") == tid)
            ),
            candidates[0] if candidates else None,
        )
        if chosen is None:
            raise AuthError(AuthErrorKind.SERVICE, "the sign-in answer named no account")
        return chosen, _account_of(chosen, str(claims.get("name") or ""))

    @staticmethod
    def _log_failure(what: str, result: dict[str, Any]) -> None:
        facts = safe_facts(result)
        logger.info(
            "%s failed: %s (correlation_id=%s)",
            what,
            facts["error"],
            facts["correlation_id"],
        )

    # ------------------------------------------------------------------ sign-in
    async def sign_in_silent(self, home_account_id: str | None = None) -> AuthAccount | None:
        """Sign in from the token cache without showing anything.

        Uses the account ``home_account_id`` (``Settings.remembered_account``), or the only
        account in the cache. Returns None when the user must sign in interactively; raises
        :class:`AuthError` for a network, tenant or client problem.
        """

        def work() -> tuple[dict[str, Any], AuthAccount] | None:
            account = self._find_account(home_account_id)
            if account is None:
                return None
            app = self._ensure_app()
            result = self._silent(app, list(self._config.scopes), account, force_refresh=False)
            if result is None:
                return None
            if "error" in result:
                error = from_result(result)
                self._log_failure("Silent sign-in", result)
                if error.kind in (AuthErrorKind.WRONG_CLIENT, AuthErrorKind.WRONG_TENANT):
                    raise error
                return None
            self._msal_account = account
            return account, _account_of(account)

        found = await self._run(work)
        if found is None:
            return None
        self._account = found[1]
        logger.info("Signed in silently")
        return self._account

    def _silent(
        self,
        app: msal.PublicClientApplication,
        scopes: list[str],
        account: dict[str, Any],
        *,
        force_refresh: bool,
    ) -> dict[str, Any] | None:
        try:
            result: dict[str, Any] | None = app.acquire_token_silent_with_error(
                scopes, account, force_refresh=force_refresh
            )
        except requests.RequestException as exc:
            raise AuthError(AuthErrorKind.NETWORK, type(exc).__name__) from None
        return result

    async def sign_in_interactive(
        self,
        *,
        login_hint: str | None = None,
        select_account: bool = False,
        claims: str | None = None,
        scopes: Sequence[str] | None = None,
        prompt: str | None = None,
    ) -> AuthAccount:
        """Sign in through the browser (or the broker); returns the signed-in account.

        Raises :class:`AuthError` (``cancelled``, ``denied``, ``timeout``, ``consent_required``,
        ``wrong_tenant``, ``wrong_client``, ``network``, ``no_browser``, ``busy``...).
        """
        if self._attempt is not None or self._device_flow is not None:
            raise AuthError(AuthErrorKind.BUSY)
        wanted = list(scopes) if scopes else list(self._config.scopes)
        if select_account:
            prompt = "select_account"
        attempt = _Attempt()
        self._attempt = attempt
        loop = asyncio.get_running_loop()

        def deliver(auth_uri: str) -> None:  # worker thread
            loop.call_soon_threadsafe(self._open_browser, attempt, auth_uri)

        def work() -> tuple[dict[str, Any], AuthAccount]:
            app = self._ensure_app()
            result = self._interactive_blocking(
                app, attempt, deliver, wanted, login_hint, prompt, claims
            )
            if "error" in result:
                self._log_failure("Interactive sign-in", result)
                if attempt.cancelled:
                    raise AuthError(AuthErrorKind.CANCELLED)
                if attempt.no_browser or result.get("error") == "no_browser":
                    raise AuthError(AuthErrorKind.NO_BROWSER)
                raise from_result(result, scopes=tuple(wanted))
            found = self._account_from_result(result)
            self._msal_account = found[0]
            return found

        worker = asyncio.ensure_future(self._run(work))
        attempt.abandoned = loop.create_future()
        try:
            # Cancel normally ends the worker at once through the listener; the Windows broker
            # cannot be interrupted, so a cancel also stops waiting for the worker here.
            waiting: set[asyncio.Future[Any]] = {worker, attempt.abandoned}
            await asyncio.wait(waiting, return_when=asyncio.FIRST_COMPLETED)
            if not worker.done():
                worker.add_done_callback(_consume)
                raise AuthError(AuthErrorKind.CANCELLED)
            _, account = worker.result()
        except asyncio.CancelledError:
            attempt.cancel()
            worker.add_done_callback(_consume)
            raise
        finally:
            if self._attempt is attempt:
                self._attempt = None
            try:
                self._browser.close()
            except Exception:
                logger.exception("Closing the sign-in page failed")
        self._account = account
        logger.info("Signed in interactively")
        return account

    def _open_browser(self, attempt: _Attempt, auth_uri: str) -> None:
        """Loop thread: show the sign-in page; a browser that cannot open ends the attempt."""
        if attempt.cancelled:
            return

        async def show() -> None:
            try:
                opened = await self._browser.open(auth_uri)
            except SignInPageError as exc:
                attempt.page_error(exc.error, exc.description)
                return
            except Exception:
                logger.exception("The sign-in page could not be shown")
                opened = False
            if not opened:
                attempt.browser_failed()

        task = asyncio.get_running_loop().create_task(show())
        self._browser_task = task  # keep a reference until it ends

    def _interactive_blocking(
        self,
        app: msal.PublicClientApplication,
        attempt: _Attempt,
        deliver: Callable[[str], None],
        scopes: list[str],
        login_hint: str | None,
        prompt: str | None,
        claims: str | None,
    ) -> dict[str, Any]:
        timeout = self._config.interactive_timeout
        common: dict[str, Any] = {
            "login_hint": login_hint,
            "prompt": prompt,
            "claims_challenge": claims,
            "timeout": timeout,
        }
        if self._broker_requested:
            # WAM needs the window to parent its sign-in window to. If MSAL switched the broker
            # off (too old a Windows), the browser path below takes over with the same call.
            handle = self._window_handle() if self._window_handle else None
            common["parent_window_handle"] = handle or app.CONSOLE_WINDOW_HANDLE
        try:
            with LoopbackReceiver(deliver) as receiver:
                attempt.attach(receiver)
                result: dict[str, Any] = app.acquire_token_interactive(
                    scopes,
                    port=receiver.port,
                    auth_code_receiver=receiver,
                    **common,
                )
                return result
        except BrowserInteractionTimeoutError:
            raise AuthError(AuthErrorKind.TIMEOUT) from None
        except requests.RequestException as exc:
            raise AuthError(AuthErrorKind.NETWORK, type(exc).__name__) from None

    def fail_interactive(self, error: str, description: str) -> None:
        """The sign-in page showed an error (``AADSTS...`` in ``description``): end the pending
        interactive sign-in with it now instead of at its timeout."""
        attempt = self._attempt
        if attempt is not None:
            attempt.page_error(error, description)

    def cancel(self) -> None:
        """End a pending interactive or device-code sign-in now (its caller gets
        ``AuthError(cancelled)``). Safe to call when nothing is pending."""
        attempt, self._attempt = self._attempt, None
        if attempt is not None:
            logger.info("Interactive sign-in cancelled")
            attempt.cancel()
        flow = self._device_flow
        if flow is not None:
            flow["expires_at"] = 0  # MSAL's documented way to stop polling
            flow["_cancelled"] = True

    async def sign_in_with_device_code(self, on_code: Callable[[DeviceCode], None]) -> AuthAccount:
        """Device-code sign-in (for when no browser works on this PC). ``on_code`` is called on
        the loop with the code to show; the user enters it at the verification address."""
        if self._attempt is not None or self._device_flow is not None:
            raise AuthError(AuthErrorKind.BUSY)
        scopes = list(self._config.scopes)

        def start() -> dict[str, Any]:
            app = self._ensure_app()
            try:
                flow: dict[str, Any] = app.initiate_device_flow(scopes=scopes)
            except requests.RequestException as exc:
                raise AuthError(AuthErrorKind.NETWORK, type(exc).__name__) from None
            if "user_code" not in flow:
                raise from_result(flow, scopes=tuple(scopes))
            return flow

        flow = await self._run(start)
        self._device_flow = flow
        try:
            on_code(
                DeviceCode(
                    user_code=str(flow["user_code"]),
                    verification_uri=str(flow.get("verification_uri", "")),
                    message=str(flow.get("message", "")),
                    expires_in=int(flow.get("expires_in", 900)),
                )
            )

            def poll() -> tuple[dict[str, Any], AuthAccount]:
                app = self._ensure_app()
                try:
                    result: dict[str, Any] = app.acquire_token_by_device_flow(flow)
                except requests.RequestException as exc:
                    raise AuthError(AuthErrorKind.NETWORK, type(exc).__name__) from None
                if flow.get("_cancelled"):
                    raise AuthError(AuthErrorKind.CANCELLED)
                if "error" in result:
                    self._log_failure("Device-code sign-in", result)
                    raise from_result(result, scopes=tuple(scopes))
                found = self._account_from_result(result)
                self._msal_account = found[0]
                return found

            _, account = await self._run(poll)
        except asyncio.CancelledError:
            flow["expires_at"] = 0
            flow["_cancelled"] = True
            raise
        finally:
            self._device_flow = None
        self._account = account
        logger.info("Signed in with a device code")
        return account

    async def switch_account(self) -> AuthAccount:
        """Sign in as someone else (account picker); the previous account is signed out only
        once the new sign-in succeeded (a shared store PC keeps one account's tokens)."""
        previous = self._account
        account = await self.sign_in_interactive(select_account=True)
        if previous is not None and previous.home_account_id != account.home_account_id:
            await self._remove_account(previous.home_account_id)
        return account

    async def reauthenticate(self) -> AuthAccount:
        """Unlock after the idle lock: the *same* account must sign in again interactively.

        A different account is signed out again at once and ``wrong_account`` raised.
        """
        locked = self._account
        if locked is None:
            raise AuthError(AuthErrorKind.NO_ACCOUNT)
        try:
            account = await self.sign_in_interactive(login_hint=locked.username, prompt="login")
        except AuthError:
            self._account = locked
            raise
        if account.home_account_id != locked.home_account_id:
            await self._remove_account(account.home_account_id)
            self._account = locked
            self._msal_account = None  # re-found by home id on the next token request
            raise AuthError(AuthErrorKind.WRONG_ACCOUNT)
        return account

    async def sign_out(self) -> None:
        """Remove the signed-in account and its tokens from the cache (on disk too)."""
        account = self._account
        self.cancel()
        self._account = None
        if account is not None:
            await self._remove_account(account.home_account_id)
        self._msal_account = None
        logger.info("Signed out")

    async def _remove_account(self, home_account_id: str) -> None:
        def work() -> None:
            app = self._ensure_app()
            for acc in app.get_accounts():
                if acc.get("home_account_id") == home_account_id:
                    app.remove_account(acc)
            if self._msal_account and self._msal_account.get("home_account_id") == home_account_id:
                self._msal_account = None

        await self._run(work)

    # ------------------------------------------------------------------ tokens (TokenProvider)
    async def get_token(
        self,
        scopes: Sequence[str],
        *,
        force_refresh: bool = False,
        claims: str | None = None,
    ) -> str:
        """An access token for ``scopes`` (never logged).

        Silent (cache, then refresh token). With ``claims`` (a claims challenge from Graph) the
        user signs in interactively with those claims. Raises :class:`AuthError`:
        ``no_account`` (nobody signed in), ``interaction_required`` (sign in again),
        ``consent_required`` (``error.scopes`` lack consent), ``network``...
        """
        wanted = [s for s in scopes if s] or list(self._config.scopes)
        if claims:
            hint = self._account.username if self._account else None
            await self.sign_in_interactive(login_hint=hint, claims=claims, scopes=wanted)
        account_id = self._account.home_account_id if self._account else None
        if account_id is None:
            raise AuthError(AuthErrorKind.NO_ACCOUNT)

        def work() -> str:
            app = self._ensure_app()
            account = self._msal_account
            if account is None or account.get("home_account_id") != account_id:
                account = self._find_account(account_id)
                if account is None:
                    raise AuthError(AuthErrorKind.INTERACTION_REQUIRED, "account not in cache")
                self._msal_account = account
            result = self._silent(app, wanted, account, force_refresh=force_refresh)
            if result is None:
                raise AuthError(AuthErrorKind.INTERACTION_REQUIRED, "no token in cache")
            if "error" in result:
                self._log_failure("Token request", result)
                raise from_result(result, scopes=tuple(wanted))
            token = result.get("access_token")
            if not isinstance(token, str):
                raise AuthError(AuthErrorKind.SERVICE, "the answer held no access token")
            return token

        return await self._run(work)

    async def ensure_scopes(self, extra: Sequence[str]) -> None:
        """Make sure the signed-in user has consented to ``extra`` scopes (incremental consent,
        e.g. ``OWN_PIN_SCOPES`` before the user changes their own PIN): silent first, then an
        interactive consent prompt. Raises ``AuthError(consent_required)`` when only an admin
        can consent."""
        try:
            await self.get_token(extra)
            return
        except AuthError as exc:
            if exc.kind not in (
                AuthErrorKind.CONSENT_REQUIRED,
                AuthErrorKind.INTERACTION_REQUIRED,
            ):
                raise
        hint = self._account.username if self._account else None
        await self.sign_in_interactive(login_hint=hint, scopes=list(extra))

    # ------------------------------------------------------------------ cache consent
    async def set_plaintext_cache_allowed(self, allowed: bool) -> None:
        """Apply the user's answer about an unencrypted token cache (encryption unavailable).

        Yes: what is in memory now is written to the plaintext file. No: memory only, and any
        plaintext file is deleted. Has no effect while the cache is encrypted.
        """
        if self._cache.mode is CacheMode.ENCRYPTED or self._cache_path is None:
            return
        path = self._cache_path

        def work() -> None:
            state = self._cache.cache.serialize()
            if allowed:
                # Write what is in memory first; the persisted cache loads it on first use.
                FilePersistence(str(path)).save(state)
            choice = open_token_cache(path, allow_plaintext=allowed, encrypted=self._encrypted)
            if choice.mode is CacheMode.MEMORY:
                choice.cache.deserialize(state)
            self._cache = choice
            if self._app is not None:
                # MSAL keeps a reference to its cache: rebuild the app around the new one.
                self._app = None
                if self._session is not None:
                    self._session.close()
                    self._session = None
            self._msal_account = None

        await self._run(work)

    # ------------------------------------------------------------------ shutdown
    def shutdown(self) -> None:
        """Stop now: end a pending sign-in, drop queued MSAL calls, never wait for the worker."""
        if self._closed:
            return
        self.cancel()
        self._closed = True
        self._executor.shutdown(wait=False, cancel_futures=True)
        if self._session is not None:
            self._session.close()

    async def aclose(self, *, sign_out: bool = False) -> None:
        """Shutdown for the app: optionally sign out first (``Settings.sign_out_on_close``)."""
        if sign_out and not self._closed:
            try:
                await asyncio.wait_for(self.sign_out(), timeout=5)
            except (AuthError, TimeoutError) as exc:
                logger.warning("Sign-out at close failed: %s", exc)
                if self._cache.mode is CacheMode.PLAINTEXT and self._cache_path is not None:
                    remove_cache_files(self._cache_path)
        self.shutdown()
