"""Pure unit tests of the graph package (no network): parsing, retry timing, explanations,
pacing, proxy choice, layering."""

from __future__ import annotations

import email.utils
import subprocess
import sys
import time

import pytest

from qrpin_gui.core.capability import (
    ROLE_AUTHENTICATION_ADMINISTRATOR,
    ROLE_GLOBAL_READER,
    AdminCapability,
    NotManageableReason,
)
from qrpin_gui.graph import connection
from qrpin_gui.graph.client import claims_from_challenge
from qrpin_gui.graph.errors import (
    BadRequestError,
    ConsentRequiredError,
    ErrorKind,
    ForbiddenError,
    GraphError,
    MalformedResponseError,
    NetworkUnreachableError,
    NotFoundError,
    OutcomeUnknownError,
    RejectedError,
    ServerError,
    ThrottledError,
    error_for_status,
    parse_error_body,
)
from qrpin_gui.graph.explain import (
    TEMPLATES,
    ExplainContext,
    Target,
    explain,
    not_manageable,
    policy_assumed,
)
from qrpin_gui.graph.pacing import AdaptivePacer, SyncBudget
from qrpin_gui.graph.retry import RetryPolicy, parse_retry_after, retry_after_from_headers

# --------------------------------------------------------------------------- Retry-After


def test_retry_after_seconds_fractional_and_dates() -> None:
    assert parse_retry_after("7") == 7.0
    assert parse_retry_after(" 2.128 ") == pytest.approx(2.128)
    assert parse_retry_after("-3") == 0.0
    assert parse_retry_after(None) is None
    assert parse_retry_after("") is None
    assert parse_retry_after("soon") is None
    assert parse_retry_after("nan") is None
    now = time.time()
    future = email.utils.formatdate(now + 30, usegmt=True)
    assert parse_retry_after(future, now=now) == pytest.approx(30, abs=1)
    past = email.utils.formatdate(now - 30, usegmt=True)
    assert parse_retry_after(past, now=now) == 0.0
    assert retry_after_from_headers({"retry-AFTER": "1.5"}) == 1.5
    assert retry_after_from_headers({}) is None


def test_backoff_is_bounded_and_grows() -> None:
    policy = RetryPolicy(base_delay=1.0, max_delay=5.0)
    assert 0.5 <= policy.backoff(1) <= 1.0
    assert 1.0 <= policy.backoff(2) <= 2.0
    assert all(2.5 <= policy.backoff(n) <= 5.0 for n in range(4, 30))


# --------------------------------------------------------------------------- error bodies


def test_error_body_parsed_case_insensitively_and_nested() -> None:
    body = {
        "error": {
            "code": "Authorization_RequestDenied",
            "message": "Insufficient privileges to complete the operation.",
            "innererror": {
                "Date": "2026-03-10T09:12:00",
                "REQUEST-ID": "rid-1",
                "innerError": {"client-request-id": "crid-1", "request-id": "deeper"},
            },
        }
    }
    parsed = parse_error_body(body)
    assert parsed.code == "Authorization_RequestDenied"
    assert parsed.request_id == "rid-1"  # the outermost fact wins
    assert parsed.client_request_id == "crid-1"
    assert parsed.date == "2026-03-10T09:12:00"


@pytest.mark.parametrize(
    "raw", [b"<html>proxy error</html>", b"", b"[1,2]", b'{"error": 5}', b"\xff"]
)
def test_error_body_that_is_not_graph_json_never_raises(raw: bytes) -> None:
    parsed = parse_error_body(raw)
    assert parsed.code is None
    error = error_for_status(502, raw, {"request-id": "hdr-rid"}, method="GET", path="/users")
    assert isinstance(error, ServerError)
    assert error.request_id == "hdr-rid"
    assert error.message == "HTTP 502"


@pytest.mark.parametrize(
    ("status", "cls", "kind"),
    [
        (400, BadRequestError, ErrorKind.BAD_REQUEST),
        (403, ForbiddenError, ErrorKind.FORBIDDEN),
        (404, NotFoundError, ErrorKind.NOT_FOUND),
        (405, RejectedError, ErrorKind.REJECTED),
        (409, RejectedError, ErrorKind.REJECTED),
        (429, ThrottledError, ErrorKind.THROTTLED),
        (500, ServerError, ErrorKind.SERVER),
    ],
)
def test_status_maps_to_typed_error(status: int, cls: type[GraphError], kind: ErrorKind) -> None:
    error = error_for_status(status, {"error": {"code": "c", "message": "m"}}, {})
    assert type(error) is cls
    assert error.kind is kind
    assert error.status == status and error.code == "c"


def test_claims_challenge_is_decoded() -> None:
    header = (
        'Bearer realm="", authorization_uri="https://login/x", error="insufficient_claims", '
        'claims="eyJhY2Nlc3NfdG9rZW4iOnsiYWNycyI6eyJlc3NlbnRpYWwiOnRydWUsInZhbHVlIjoiYzEifX19"'
    )
    assert claims_from_challenge(header) == (
        '{"access_token":{"acrs":{"essential":true,"value":"c1"}}}'
    )
    assert claims_from_challenge('Bearer error="invalid_token"') is None
    assert claims_from_challenge(None) is None


# --------------------------------------------------------------------------- explanations


def _consistent(explanation_text: str, template_id: str, params: dict[str, str]) -> None:
    assert TEMPLATES[template_id].format(**params) == explanation_text


def test_every_template_formats_with_the_params_it_is_given() -> None:
    errors = [
        NetworkUnreachableError("x"),
        OutcomeUnknownError("x", request_id="r"),
        ThrottledError("x", retry_after=2.1),
        ConsentRequiredError("x", scopes=("UserAuthMethod-QR.ReadWrite.All",)),
        MalformedResponseError("x", status=201, method="PATCH"),
        MalformedResponseError("x", status=200, method="GET"),
        RejectedError("x", status=409, code="conflict", request_id="r9"),
    ]
    for error in errors:
        result = explain(error, ExplainContext(Target.USER, person="Ann", action="reset the PIN"))
        _consistent(result.text, result.template_id, dict(result.params))


def test_403_on_user_names_the_missing_role_and_why() -> None:
    error = ForbiddenError("denied", status=403, code="Authorization_RequestDenied")
    admin = explain(error, ExplainContext(Target.USER, person="Ann", target_is_admin=True))
    assert admin.template_id == "forbidden_admin_target"
    assert "Privileged Authentication Administrator" in admin.text and "Ann" in admin.text
    outside = explain(error, ExplainContext(Target.USER, person="Bo", in_my_stores=False))
    assert outside.template_id == "forbidden_outside_stores"
    reader = AdminCapability(tenant_roles=frozenset({ROLE_GLOBAL_READER}))
    ro = explain(error, ExplainContext(Target.USER, person="Cy", capability=reader))
    assert ro.template_id == "forbidden_read_only"
    nobody = explain(error, ExplainContext(Target.USER, person="Di", capability=AdminCapability()))
    assert nobody.template_id == "forbidden_no_role"
    assert "Authentication Administrator" in nobody.text
    admin_cap = AdminCapability(tenant_roles=frozenset({ROLE_AUTHENTICATION_ADMINISTRATOR}))
    generic = explain(
        ForbiddenError("d", status=403, code="Authorization_RequestDenied", request_id="rq"),
        ExplainContext(Target.USER, person="Ed", capability=admin_cap),
    )
    assert generic.template_id == "forbidden_user"
    assert "rq" in generic.text and "Authorization_RequestDenied" in generic.text


def test_404_on_method_means_no_qr_sign_in_yet() -> None:
    result = explain(NotFoundError("nf", status=404), ExplainContext(Target.METHOD_READ, "Ann"))
    assert result.text == "Ann has no QR sign-in yet."


def test_policy_unreadable_explains_defaults() -> None:
    result = explain(ForbiddenError("x", status=403), ExplainContext(Target.POLICY))
    assert result == policy_assumed()
    assert "8 digits" in result.text and "365 days" in result.text


def test_anything_else_is_rejected_with_code_and_request_id_never_a_guess() -> None:
    error = RejectedError("whatever", status=422, code="weirdCode", request_id="req-42")
    result = explain(error, ExplainContext(Target.USER, person="Ann"))
    assert result.template_id == "rejected"
    assert result.text == "Rejected by Microsoft Graph: weirdCode (HTTP 422, request id: req-42)."
    bare = explain(ServerError("x", status=500))
    assert "not given" in bare.text


def test_not_manageable_reasons_have_texts() -> None:
    for reason in NotManageableReason:
        result = not_manageable(reason, "Ann")
        assert "Ann" in result.text
        _consistent(result.text, result.template_id, dict(result.params))


# --------------------------------------------------------------------------- pacing


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_pacer_unlimited_until_throttled_then_near_measured_rate() -> None:
    clock = FakeClock()
    pacer = AdaptivePacer(SyncBudget(), clock)
    assert pacer.rate is None and pacer.wait_time(20) == 0.0 and pacer.batch_size() == 20
    sent = pacer.consume(20)
    clock.now += 0.5
    pacer.on_answer(sent, ok=20, throttled=0, retry_after=None)
    sent = pacer.consume(20)
    clock.now += 0.1
    pacer.on_answer(sent, ok=5, throttled=15, retry_after=0.2)
    # 25 successes within the 0.6 s since the start -> 25 / 0.6 * 0.85
    assert pacer.rate == pytest.approx(25 / 0.6 * 0.85)
    assert pacer.wait_time(1) >= 0.2 - 1e-9  # Retry-After pauses everything
    assert pacer.batch_size() == int(pacer.rate * 0.5)
    # another throttle from a batch sent before the decrease does not decrease again
    rate = pacer.rate
    pacer.on_answer(sent, ok=0, throttled=5, retry_after=0.1)
    assert pacer.rate == rate
    # clean answers increase additively
    clock.now += 1
    pacer.on_answer(pacer.consume(1), ok=10, throttled=0, retry_after=None)
    assert pacer.rate == pytest.approx(rate + max(1.0, rate * 0.04))


def test_pacer_token_bucket_spaces_batches() -> None:
    clock = FakeClock()
    pacer = AdaptivePacer(SyncBudget(initial_rate=10.0), clock)
    size = pacer.batch_size()
    assert size == 5
    pacer.consume(size)
    assert pacer.wait_time(size) == pytest.approx(0.5, abs=0.01)
    clock.now += 0.5
    assert pacer.wait_time(size) == 0.0


def test_pacer_throttled_before_any_answer_only_pauses() -> None:
    clock = FakeClock()
    pacer = AdaptivePacer(SyncBudget(), clock)
    pacer.on_answer(pacer.consume(20), ok=0, throttled=20, retry_after=1.5)
    assert pacer.rate is None
    assert pacer.wait_time(20) == pytest.approx(1.5)


def test_pacer_never_below_min_rate() -> None:
    clock = FakeClock()
    pacer = AdaptivePacer(SyncBudget(initial_rate=1.0, min_rate=0.5), clock)
    for _ in range(20):
        clock.now += 2
        pacer.on_answer(clock.now, ok=0, throttled=1, retry_after=None)
    assert pacer.rate == 0.5


# --------------------------------------------------------------------------- proxy / TLS


def test_proxy_choice(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("https_proxy", "http_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)
    url = "https://graph.microsoft.com/beta"
    assert connection.choose_proxy("none", url) == connection.ProxyChoice(None, False)
    explicit = connection.choose_proxy("http://proxy.corp:8080", url)
    assert explicit == connection.ProxyChoice("http://proxy.corp:8080", False)
    assert connection.choose_proxy("system", url, platform="linux").proxy is None
    monkeypatch.setattr(
        connection.urllib.request, "getproxies", lambda: {"https": "winproxy.corp:3128"}
    )
    monkeypatch.setattr(connection.urllib.request, "proxy_bypass", lambda host: False)
    win = connection.choose_proxy("system", url, platform="win32")
    assert win == connection.ProxyChoice("http://winproxy.corp:3128", False)
    monkeypatch.setattr(connection.urllib.request, "proxy_bypass", lambda host: True)
    assert connection.choose_proxy("system", url, platform="win32").proxy is None
    monkeypatch.setenv("HTTPS_PROXY", "http://envproxy:1")
    assert connection.choose_proxy("system", url, platform="win32") == connection.ProxyChoice(
        None, True
    )


def test_default_tls_uses_the_os_trust_store() -> None:
    import truststore

    assert isinstance(connection.make_ssl_context(None), truststore.SSLContext)


# --------------------------------------------------------------------------- layering


def test_core_and_graph_do_not_import_qt() -> None:
    code = (
        "import sys, qrpin_gui.core, qrpin_gui.graph, qrpin_gui.graph.sync, "
        "qrpin_gui.graph.qr_methods, qrpin_gui.graph.policy, qrpin_gui.graph.directory, "
        "qrpin_gui.graph.explain\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'qasync', 'shiboken6'))\n"
        "print(bad); sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stdout + result.stderr
