"""The fault injector's rules without a server: token bucket, rule parsing, seeds."""

from __future__ import annotations

import base64
import json

import pytest

from qrpin_gui.demo import faults as faults_module
from qrpin_gui.demo.faults import FaultConfigError, FaultInjector, encode_claims, format_retry_after


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    clock = Clock()
    monkeypatch.setattr(faults_module.time, "monotonic", clock)
    return clock


def test_no_throttling_by_default() -> None:
    injector = FaultInjector()
    assert all(injector.take_operation() is None for _ in range(1000))


def test_token_bucket_allows_a_burst_then_refills_at_the_rate(clock: Clock) -> None:
    injector = FaultInjector()
    injector.configure({"rate_per_s": 2, "burst": 4})
    assert [injector.take_operation() for _ in range(4)] == [None] * 4
    wait = injector.take_operation()
    assert wait == pytest.approx(0.5)
    clock.now += 0.5
    assert injector.take_operation() is None
    assert injector.take_operation() == pytest.approx(0.5)
    clock.now += 100
    assert [injector.take_operation() for _ in range(4)] == [None] * 4  # capped at burst
    assert injector.take_operation() is not None
    assert injector.snapshot()["counters"]["throttled"] == 3


def test_burst_defaults_to_the_rate(clock: Clock) -> None:
    injector = FaultInjector()
    injector.configure({"rate_per_s": 3})
    assert [injector.take_operation() for _ in range(3)] == [None] * 3
    assert injector.take_operation() is not None


def test_clear_resets_everything(clock: Clock) -> None:
    injector = FaultInjector()
    injector.configure(
        {"rate_per_s": 1, "burst": 1, "error_rate": 1, "scripts": [{"path_regex": "x"}]}
    )
    injector.take_operation()
    injector.clear()
    snap = injector.snapshot()
    assert snap["rate_per_s"] is None and snap["error_rate"] == 0 and snap["scripts"] == []
    assert injector.take_operation() is None


@pytest.mark.parametrize(
    "bad",
    [
        {"drop_rate": -0.1},
        {"malformed_rate": 1.5},
        {"latency_ms": "fast"},
        {"error_status": 418},
        {"seed": 1.5},
        {"scripts": {"path_regex": "x"}},
        {"scripts": [{"path_regex": "("}]},
        {"scripts": [{"count": -1}]},
        {"scripts": [{"apply_then_drop": "yes"}]},
        {"scripts": [{"unknown": 1}]},
        {"nope": True},
    ],
)
def test_bad_configuration_is_refused_atomically(bad: dict[str, object]) -> None:
    injector = FaultInjector()
    injector.configure({"latency_ms": 5})
    before = injector.snapshot()
    with pytest.raises(FaultConfigError):
        injector.configure({"error_rate": 0.5, **bad})
    assert injector.snapshot() == before


def test_rules_fire_count_times_in_order() -> None:
    injector = FaultInjector()
    injector.configure(
        {
            "scripts": [
                {"method": "post", "path_regex": "updatePin$", "count": 2, "status": 405},
                {"path_regex": "updatePin$", "status": 503},
            ]
        }
    )
    decide = injector._decide
    assert decide("GET", "/beta/me/authentication/qrCodePinMethod/pin/updatePin").rule.status == 503
    assert decide("POST", "/beta/x/updatePin").rule.status == 405
    assert decide("POST", "/beta/x/updatePin").rule.status == 405
    assert decide("POST", "/beta/x/updatePin").rule is None
    assert [r["remaining"] for r in injector.snapshot()["scripts"]] == [0, 0]


def test_rule_with_claims_defaults_to_401_and_encodes_the_claims() -> None:
    injector = FaultInjector()
    claims = {"access_token": {"nbf": {"essential": True, "value": "1700000000"}}}
    injector.configure({"scripts": [{"path_regex": ".", "claims": claims}]})
    rule = injector._decide("GET", "/beta/me").rule
    assert rule is not None and rule.status == 401
    assert json.loads(base64.b64decode(encode_claims(rule.claims))) == claims
    assert encode_claims("already-encoded") == "already-encoded"


def test_scripts_never_touch_the_control_api() -> None:
    injector = FaultInjector()
    injector.configure({"scripts": [{"path_regex": ".", "status": 503}]})
    assert injector._decide("POST", "/_demo/faults").rule is None
    assert injector._decide("POST", "/tid/oauth2/v2.0/token").rule is not None


def test_rates_apply_to_graph_paths_only() -> None:
    injector = FaultInjector()
    injector.configure({"error_rate": 1.0, "latency_ms": 20})
    assert injector._decide("GET", "/v1.0/users").error_status == 503
    for path in ("/_demo/faults", "/7d3e/oauth2/v2.0/token", "/betamax"):
        decision = injector._decide("GET", path)
        assert decision.error_status is None and decision.delay_s == 0


def test_a_seed_reproduces_the_same_faults() -> None:
    def run() -> list[tuple[bool, int | None, bool]]:
        injector = FaultInjector()
        injector.configure({"drop_rate": 0.2, "error_rate": 0.3, "malformed_rate": 0.3, "seed": 9})
        out = []
        for _ in range(50):
            d = injector._decide("GET", "/beta/users")
            out.append((d.drop, d.error_status, d.malformed))
        return out

    first = run()
    assert first == run()
    assert (
        any(d for d, _, _ in first) and any(e for _, e, _ in first) and any(m for _, _, m in first)
    )


def test_retry_after_is_whole_seconds_rounded_up() -> None:
    """Seconds as Graph documents (possibly fractional), never earlier than asked."""
    assert format_retry_after(2) == "2"
    assert format_retry_after(0.05) == "0.05"
    assert format_retry_after(2.128) == "2.128"
    assert format_retry_after(0.0001) == "0.001"
    assert format_retry_after(0.05001) == "0.051"
    assert format_retry_after(0) == "0"


def test_whole_second_retry_after_is_an_opt_in() -> None:
    assert format_retry_after(2.5, whole=True) == "3"
    assert format_retry_after(0.1234, whole=True) == "1"
    assert format_retry_after(1.0000001, whole=True) == "2"
    injector = FaultInjector()
    assert injector.retry_after_header(0.05) == "0.05"
    injector.configure({"whole_second_retry_after": True})
    assert injector.retry_after_header(0.05) == "1"
    with pytest.raises(FaultConfigError):
        injector.configure({"whole_second_retry_after": "yes"})
