"""Qt-free unit tests of the sign-in building blocks (no demo tenant needed)."""

from __future__ import annotations

import threading
import time
import urllib.request
from pathlib import Path

import msal
import pytest

from qrpin_gui.auth.config import (
    OWN_PIN_SCOPES,
    SIGN_IN_SCOPES,
    AuthConfig,
    authority_for,
)
from qrpin_gui.auth.demo_browser import page_error, parse_form_post, with_login_hint
from qrpin_gui.auth.errors import AuthError, AuthErrorKind, classify, from_result
from qrpin_gui.auth.executor import SingleThreadExecutor
from qrpin_gui.auth.http import build_session, resolve_proxy
from qrpin_gui.auth.loopback import LoopbackReceiver
from qrpin_gui.auth.messages import message_for
from qrpin_gui.auth.token_cache import CacheMode, open_token_cache
from qrpin_gui.settings import Settings

GUID = "2b5c7f3e-9d41-4a8e-b6c2-0f1e3d5a7c90"


def no_encryption(path: Path) -> tuple[None, str]:
    return None, "ImportError: no libsecret here"


# --------------------------------------------------------------------------- config
def test_authority_defaults_to_organizations_without_tenant() -> None:
    assert authority_for("") == "https://login.microsoftonline.com/organizations"
    assert authority_for(" contoso.com ") == "https://login.microsoftonline.com/contoso.com"


def test_config_from_settings_validates_and_picks_broker_per_platform() -> None:
    s = Settings(client_id=GUID, tenant="contoso.onmicrosoft.com")
    assert AuthConfig.from_settings(s, platform="win32").use_broker is True
    assert AuthConfig.from_settings(s, platform="linux").use_broker is False
    s.use_broker = False
    assert AuthConfig.from_settings(s, platform="win32").use_broker is False
    with pytest.raises(ValueError, match="client_id"):
        AuthConfig.from_settings(Settings(client_id="not-a-guid"))
    with pytest.raises(ValueError, match="tenant"):
        AuthConfig.from_settings(Settings(client_id=GUID, tenant="bad tenant"))


def test_demo_config_never_uses_the_broker(tmp_path: Path) -> None:
    cfg = AuthConfig.for_demo(authority="https://127.0.0.1:1/t", client_id=GUID, ca_path=tmp_path)
    assert cfg.use_broker is False and cfg.demo and not cfg.validate_authority


def test_sign_in_scopes_leave_out_own_pin_scope_and_reserved_scopes() -> None:
    assert not set(OWN_PIN_SCOPES) & set(SIGN_IN_SCOPES)
    for scope in SIGN_IN_SCOPES + OWN_PIN_SCOPES:
        assert scope.startswith("https://graph.microsoft.com/")
        assert scope.rsplit("/", 1)[1] not in ("openid", "profile", "offline_access")


# --------------------------------------------------------------------------- errors
@pytest.mark.parametrize(
    ("result", "kind"),
    [
        (
            {"error": "invalid_client", "error_description": "AADSTS700016: app not found"},
            AuthErrorKind.WRONG_CLIENT,
        ),
        (
            {"error": "invalid_tenant", "error_description": "AADSTS90002: Tenant 'x' not found"},
            AuthErrorKind.WRONG_TENANT,
        ),
        (
            {
                "error": "invalid_grant",
                "suberror": "consent_required",
                "error_description": "AADSTS65001: no",
            },
            AuthErrorKind.CONSENT_REQUIRED,
        ),
        (
            {"error": "consent_required", "error_description": "AADSTS65001: x"},
            AuthErrorKind.CONSENT_REQUIRED,
        ),
        (
            {"error": "access_denied", "error_description": "AADSTS65004: User declined"},
            AuthErrorKind.CONSENT_REQUIRED,
        ),
        ({"error": "access_denied"}, AuthErrorKind.DENIED),
        (
            {"error": "invalid_grant", "error_description": "AADSTS70008: expired"},
            AuthErrorKind.INTERACTION_REQUIRED,
        ),
        (
            {"error": "interaction_required", "claims": '{"access_token":{}}'},
            AuthErrorKind.CLAIMS_REQUIRED,
        ),
        ({"error": "temporarily_unavailable"}, AuthErrorKind.SERVICE),
    ],
)
def test_msal_errors_are_classified(result: dict[str, str], kind: AuthErrorKind) -> None:
    assert classify(result) is kind


def test_error_keeps_only_safe_facts() -> None:
    result = {
        "error": "invalid_grant",
        "error_description": "AADSTS50173: revoked\r\nTrace ID: 1",
        "correlation_id": "c-1",
        "access_token": "SECRET-AT",
        "refresh_token": "SECRET-RT",
        "id_token": "SECRET-ID",
    }
    err = from_result(result)
    text = str(err) + repr(err.facts())
    assert "SECRET" not in text
    assert err.correlation_id == "c-1" and err.kind is AuthErrorKind.INTERACTION_REQUIRED
    assert "Trace ID" not in str(err)  # first line of the description only


def test_every_kind_has_a_plain_message_without_codes() -> None:
    for kind in AuthErrorKind:
        text = message_for(AuthError(kind))
        assert text and text[0].isupper() and text.endswith(".")
        assert "AADSTS" not in text and "_" not in text
    assert "IT admin must approve" in message_for(AuthErrorKind.CONSENT_REQUIRED)


# --------------------------------------------------------------------------- token cache
def test_encrypted_cache_used_when_available(tmp_path: Path) -> None:
    from msal_extensions import FilePersistence

    class FakeEncrypted(FilePersistence):
        is_encrypted = True

    path = tmp_path / "cache.bin"
    choice = open_token_cache(
        path, allow_plaintext=None, encrypted=lambda p: (FakeEncrypted(str(p)), "")
    )
    assert choice.mode is CacheMode.ENCRYPTED and not choice.needs_consent


def test_without_encryption_nothing_is_written_until_the_user_agrees(tmp_path: Path) -> None:
    path = tmp_path / "cache.bin"
    asked = open_token_cache(path, allow_plaintext=None, encrypted=no_encryption)
    assert asked.mode is CacheMode.MEMORY and asked.needs_consent
    declined = open_token_cache(path, allow_plaintext=False, encrypted=no_encryption)
    assert declined.mode is CacheMode.MEMORY and not declined.needs_consent
    assert list(tmp_path.iterdir()) == []
    allowed = open_token_cache(path, allow_plaintext=True, encrypted=no_encryption)
    assert allowed.mode is CacheMode.PLAINTEXT


def test_declining_deletes_an_earlier_plaintext_cache(tmp_path: Path) -> None:
    path = tmp_path / "cache.bin"
    path.write_text("{}")
    (tmp_path / "cache.bin.lockfile").write_text("")
    open_token_cache(path, allow_plaintext=False, encrypted=no_encryption)
    assert list(tmp_path.iterdir()) == []


def test_no_path_means_memory_only() -> None:
    choice = open_token_cache(None, allow_plaintext=True, encrypted=no_encryption)
    assert choice.mode is CacheMode.MEMORY
    assert isinstance(choice.cache, msal.SerializableTokenCache)


# --------------------------------------------------------------------------- loopback
def _post(url: str, body: str) -> int:
    req = urllib.request.Request(url, data=body.encode(), method="POST")
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(req, timeout=5) as resp:
            return int(resp.status)
    except urllib.error.HTTPError as exc:
        return int(exc.code)


def _wait_in_thread(
    receiver: LoopbackReceiver, **kwargs: object
) -> tuple[threading.Thread, dict[str, object]]:
    out: dict[str, object] = {}

    def run() -> None:
        out["response"] = receiver.get_auth_response(**kwargs)

    t = threading.Thread(target=run, daemon=True)
    t.start()
    return t, out


def test_receiver_accepts_the_form_post_with_the_right_state_only() -> None:
    seen: list[str] = []
    with LoopbackReceiver(seen.append) as receiver:
        t, out = _wait_in_thread(
            receiver, auth_uri="https://idp/authorize?x=1", state="S1", timeout=5
        )
        deadline = time.monotonic() + 5
        while not seen and time.monotonic() < deadline:
            time.sleep(0.01)
        assert seen == ["https://idp/authorize?x=1"]
        url = f"http://127.0.0.1:{receiver.port}"
        assert _post(url, "code=abc&state=WRONG") == 400
        assert _post(url, "state=S1") == 400  # neither code nor error
        assert _post(url, "code=abc&state=S1") == 200
        t.join(5)
    assert out["response"] == {"code": "abc", "state": "S1"}


def test_abort_ends_the_wait_at_once_with_access_denied_and_the_state() -> None:
    with LoopbackReceiver(lambda uri: None) as receiver:
        t, out = _wait_in_thread(receiver, auth_uri="https://idp/a", state="S2", timeout=30)
        time.sleep(0.05)
        started = time.monotonic()
        receiver.abort()
        t.join(5)
        assert time.monotonic() - started < 0.5
    assert out["response"] == {
        "error": "access_denied",
        "error_description": "cancelled",
        "state": "S2",
    }


def test_abort_before_msal_asks_is_remembered() -> None:
    opened: list[str] = []
    with LoopbackReceiver(opened.append) as receiver:
        receiver.abort()
        response = receiver.get_auth_response(auth_uri="https://idp/a", state="S3", timeout=5)
    assert response is not None and response["error"] == "access_denied"
    assert opened == []  # no page opened for a cancelled sign-in


def test_receiver_times_out_with_none() -> None:
    with LoopbackReceiver(lambda uri: None) as receiver:
        assert receiver.get_auth_response(auth_uri="https://idp/a", state="S", timeout=0.1) is None


# --------------------------------------------------------------------------- executor
def test_executor_runs_in_order_on_one_daemon_thread_and_shutdown_does_not_wait() -> None:
    ex = SingleThreadExecutor("t")
    names = [ex.submit(lambda: threading.current_thread().name).result(2) for _ in range(3)]
    assert names == ["t", "t", "t"]
    assert ex._thread.daemon
    gate, running = threading.Event(), threading.Event()

    def block() -> bool:
        running.set()
        return gate.wait(10)

    blocked = ex.submit(block)
    assert running.wait(2)
    queued = ex.submit(lambda: 1)
    started = time.monotonic()
    ex.shutdown(wait=False, cancel_futures=True)
    assert time.monotonic() - started < 0.2
    assert queued.cancelled()
    gate.set()
    assert blocked.result(2) is True
    with pytest.raises(RuntimeError):
        ex.submit(lambda: 2)


# --------------------------------------------------------------------------- demo browser parsing
def test_form_post_page_is_parsed() -> None:
    page = (
        '<html><body onload="document.forms[0].submit()"><form method="post" '
        'action="http://localhost:5000"><input type="hidden" name="code" value="a&amp;b">'
        '<input type="hidden" name="state" value="s"></form></body></html>'
    )
    form = parse_form_post(page)
    assert form is not None
    assert form.action == "http://localhost:5000"
    assert form.fields == {"code": "a&b", "state": "s"}


def test_error_page_is_recognised() -> None:
    err = page_error(
        "<h1>Sorry</h1><p class='err'>AADSTS700016</p><p class='muted'>Application not found.</p>"
    )
    assert err is not None and err.description.startswith("AADSTS700016: Application")
    assert page_error("<p>hello</p>") is None


def test_login_hint_replaces_prompt() -> None:
    uri = with_login_hint("https://h/a?state=1&prompt=select_account", "a@b.c")
    assert "login_hint=a%40b.c" in uri and "prompt" not in uri and "state=1" in uri


# --------------------------------------------------------------------------- http
def test_proxy_resolution(monkeypatch: pytest.MonkeyPatch) -> None:
    assert resolve_proxy("none", "https://login.microsoftonline.com/x") is None
    assert resolve_proxy("http://p:8080", "https://login.microsoftonline.com/x") == "http://p:8080"
    monkeypatch.setenv("HTTPS_PROXY", "http://corp:3128")
    monkeypatch.setenv("NO_PROXY", "internal.example")
    assert resolve_proxy("", "https://login.microsoftonline.com/x") == "http://corp:3128"
    assert resolve_proxy("", "https://internal.example/x") is None
    assert resolve_proxy("", "https://127.0.0.1:4000/t") is None


def test_session_ignores_environment_ca_bundle(tmp_path: Path) -> None:
    ca = tmp_path / "ca.pem"
    session = build_session(authority="https://127.0.0.1:1/t", verify=ca, proxy="none")
    assert session.trust_env is False and session.verify == str(ca)
    assert not session.proxies
