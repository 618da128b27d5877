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
import contextlib
import importlib
import importlib.metadata
import logging
import sys
import threading
from collections.abc import Callable, Coroutine, Sequence
from dataclasses import dataclass
from enum import StrEnum
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

MSAL_HTTP_TIMEOUT: tuple[float, float] = (10.0, 30.0)
"""(connect, read) seconds for every MSAL call to the sign-in service: an authority that
accepts the connection and never answers cannot block the worker (and silent sign-in)."""


class BrokerState(StrEnum):
    """Whether sign-in goes through the Windows broker (WAM)."""

    OFF = "off"  # not asked for (setting off, --demo, or not Windows)
    ACTIVE = "active"  # MSAL signs in through WAM
    UNAVAILABLE = "unavailable"  # asked for, but its runtime is missing or refused: browser


def broker_runtime(platform: str | None = None) -> tuple[bool | None, str]:
    """Whether the WAM broker runtime (``pymsalruntime``, loaded through ``msal.broker``) can be
    imported here: ``(None, why)`` off Windows (not applicable), else ``(importable, detail)``.
    Used by the installation self-test to prove the bundle carries it."""
    if (platform or sys.platform) != "win32":
        return None, "not applicable: the WAM broker exists only on Windows"
    try:
        runtime = importlib.import_module("pymsalruntime")
        importlib.import_module("msal.broker")
    except (ImportError, RuntimeError) as exc:
        return False, f"{type(exc).__name__}: {exc}"
    version = getattr(runtime, "__version__", None) or _distribution_version("pymsalruntime")
    return True, f"pymsalruntime {version or '(version unknown)'} loads"


def _distribution_version(name: str) -> str | None:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return None


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
    persistence (tests replace it). ``http_timeout`` bounds every MSAL call to the sign-in
    service (connect, read seconds).
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
        http_timeout: tuple[float, float] = MSAL_HTTP_TIMEOUT,
    ) -> None:
        self._config = config
        self._http_timeout = http_timeout
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
        self._broker_state = BrokerState.OFF
        self._broker_problem = ""
        # The interactive or device-code sign-in in progress (its outcome) and the claims it
        # asked for: token requests that need one wait for it instead of failing as busy.
        self._sign_in_done: asyncio.Future[AuthAccount] | None = None
        self._sign_in_claims: str | None = None
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

    @property
    def broker_state(self) -> BrokerState:
        """Whether the Windows broker signs in (known once the MSAL app is built: after the
        first sign-in attempt, or :meth:`prepare`)."""
        return self._broker_state

    @property
    def broker_problem(self) -> str:
        """Why the broker asked for is not used ("" when it is, or was not asked for)."""
        return self._broker_problem

    async def prepare(self) -> BrokerState:
        """Build the MSAL app now (it fetches the authority's configuration) and return the
        broker state. Raises :class:`AuthError` like a sign-in would (network, tenant)."""
        await self._run(self._ensure_app)
        return self._broker_state

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
        # MSAL's ``timeout`` argument only reaches a session MSAL makes itself (msal 1.39:
        # ClientApplication.__init__), never a given ``http_client``: the bound is set on ours.
        session = build_session(
            authority=cfg.authority,
            verify=cfg.verify,
            proxy=cfg.proxy,
            timeout=self._http_timeout,
        )
        kwargs: dict[str, Any] = {
            "authority": cfg.authority,
            "token_cache": self._cache.cache,
            "http_client": session,
        }
        if not cfg.validate_authority:
            kwargs["instance_discovery"] = False
        if cfg.use_broker and not cfg.demo:
            kwargs["enable_broker_on_windows"] = True
        problem = ""
        try:
            try:
                app = msal.PublicClientApplication(cfg.client_id, **kwargs)
            except ImportError as exc:
                # msal[broker] (pymsalruntime) missing: sign in through the browser instead,
                # but say so (the log and the self-test's "broker" step).
                problem = f"the broker runtime is missing ({exc})"
                logger.warning(
                    "The Windows broker (WAM) was asked for but cannot load (%s); "
                    "signing in through the browser",
                    exc,
                )
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
        self._set_broker_state(app, asked=cfg.use_broker and not cfg.demo, problem=problem)
        self._app = app
        return app

    def _set_broker_state(
        self, app: msal.PublicClientApplication, *, asked: bool, problem: str
    ) -> None:
        if not asked:
            self._broker_state, self._broker_problem = BrokerState.OFF, ""
            return
        # MSAL switches the broker off by itself on too old a Windows (RuntimeError) or on
        # another platform; is_pop_supported() is its public "broker on" on Windows.
        if not problem and sys.platform != "win32":
            problem = "the Windows broker runs only on Windows"
        elif not problem and not app.is_pop_supported():
            problem = "MSAL could not start the broker on this Windows"
            logger.warning(
                "The Windows broker (WAM) is unavailable; signing in through the browser"
            )
        if problem:
            self._broker_state, self._broker_problem = BrokerState.UNAVAILABLE, problem
        else:
            self._broker_state, self._broker_problem = BrokerState.ACTIVE, ""

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
        ``wrong_tenant``, ``wrong_client``, ``network``, ``no_browser``, ``busy``...). ``busy``
        means another sign-in is on screen; token requests (:meth:`get_token`) wait for it
        instead.
        """
        if self.interactive_pending:
            raise AuthError(AuthErrorKind.BUSY)
        return await self._as_pending_sign_in(
            self._interactive(
                login_hint=login_hint,
                select_account=select_account,
                claims=claims,
                scopes=scopes,
                prompt=prompt,
            ),
            claims=claims,
        )

    async def _as_pending_sign_in(
        self, sign_in: Coroutine[Any, Any, AuthAccount], *, claims: str | None
    ) -> AuthAccount:
        """Run ``sign_in`` as THE sign-in in progress: others may wait for its outcome
        (:meth:`_wait_for_sign_in`)."""
        done: asyncio.Future[AuthAccount] = asyncio.get_running_loop().create_future()
        done.add_done_callback(_consume)  # nobody may be waiting: never "never retrieved"
        self._sign_in_done, self._sign_in_claims = done, claims
        try:
            account = await sign_in
        except AuthError as exc:
            done.set_exception(exc)
            raise
        except BaseException:
            # This caller was cancelled (or something broke): those waiting learn it ended.
            done.set_exception(AuthError(AuthErrorKind.CANCELLED))
            raise
        finally:
            if self._sign_in_done is done:
                self._sign_in_done, self._sign_in_claims = None, None
        done.set_result(account)
        return account

    async def _wait_for_sign_in(
        self, claims: str | None, scopes: Sequence[str] | None = None
    ) -> AuthAccount:
        """Wait for the sign-in in progress (raising its :class:`AuthError` if it fails) until
        one ran that asked for ``claims``; start one (for ``scopes``) when none is in progress
        and ``claims`` are wanted."""
        while True:
            done = self._sign_in_done
            if done is None:
                hint = self._account.username if self._account else None
                return await self.sign_in_interactive(login_hint=hint, claims=claims, scopes=scopes)
            pending_claims = self._sign_in_claims
            logger.info("Waiting for the sign-in in progress")
            # shield: a waiter that is cancelled must not cancel the sign-in itself
            account = await asyncio.shield(done)
            if claims is None or pending_claims == claims:
                return account

    async def _interactive(
        self,
        *,
        login_hint: str | None,
        select_account: bool,
        claims: str | None,
        scopes: Sequence[str] | None,
        prompt: str | None,
    ) -> AuthAccount:
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
        if self.interactive_pending:
            raise AuthError(AuthErrorKind.BUSY)
        return await self._as_pending_sign_in(self._device_code(on_code), claims=None)

    async def _device_code(self, on_code: Callable[[DeviceCode], None]) -> AuthAccount:
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
            # Several calls can meet the same challenge at once (batches in flight): the first
            # signs in, the others wait for that sign-in rather than fail as "busy".
            await self._wait_for_sign_in(claims, wanted)
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
        while self._sign_in_done is not None:  # let the sign-in on screen finish first
            with contextlib.suppress(AuthError):
                await asyncio.shield(self._sign_in_done)
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
