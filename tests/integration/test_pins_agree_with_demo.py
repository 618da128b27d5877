"""``pins.check`` agrees with the demo tenant (the independent model of the service).

For a few hundred PINs (generated ones, random digit strings, repeated groups, 10-digit
runs, Unicode digits, whitespace, letters, over-long input) an IT admin creates a QR method
with that custom PIN on a worker who has none (PUT .../qrCodePinMethod) and deletes it
again when the service accepted it. The service accepts exactly the PINs ``check`` finds
no problem with, for the policy's pinLength (the default, then a raised one).
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import quote

import httpx
import pytest

from qrpin_gui.core.pins import check, generate

POLICY_PATH = "/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/qrCodePin"
ADMIN_SCOPES = ["UserAuthMethod-QR.ReadWrite.All", "User.Read.All"]
POLICY_SCOPES = ["Policy.ReadWrite.AuthenticationMethod", "Policy.Read.AuthenticationMethod"]
# Statuses that mean "something other than the PIN went wrong".
NOT_A_PIN_VERDICT = {401, 403, 404, 405, 409, 429}

DIGITS = "0123456789"
UNICODE_DIGITS = [
    "\u0663",  # ARABIC-INDIC DIGIT THREE
    "\u06f7",  # EXTENDED ARABIC-INDIC DIGIT SEVEN
    "\u0967",  # DEVANAGARI DIGIT ONE
    "\uff13",  # FULLWIDTH DIGIT THREE
    "\u00b2",  # SUPERSCRIPT TWO (str.isdigit() is True)
    "\u2460",  # CIRCLED DIGIT ONE
    "\U0001d7d1",  # MATHEMATICAL BOLD DIGIT NINE (outside the BMP)
]
WHITESPACE = [" ", "\t", "\n", "\u00a0", "\u2003", "\u3000"]


def candidate_pins(rng: random.Random, count: int) -> list[str]:
    """A deterministic mix of acceptable and unacceptable PINs."""

    def digits(n: int) -> str:
        return "".join(rng.choice(DIGITS) for _ in range(n))

    makers = [
        lambda: generate(rng.randint(8, 20)),
        lambda: digits(rng.randint(0, 24)),
        lambda: digits(rng.randint(8, 20)),
        lambda: digits(rng.choice((2, 3))) * rng.randint(3, 8),
        lambda: (
            digits(rng.randint(0, 6))
            + rng.choice(("0123456789", "9876543210"))
            + digits(rng.randint(0, 6))
        ),
        lambda: _replace_one(rng, generate(rng.randint(8, 20)), rng.choice(UNICODE_DIGITS)),
        lambda: "".join(rng.choice(UNICODE_DIGITS) for _ in range(rng.randint(8, 12))),
        lambda: _insert_one(rng, generate(rng.randint(8, 20)), rng.choice(WHITESPACE)),
        lambda: rng.choice(WHITESPACE) + generate(rng.randint(8, 19)),
        lambda: generate(20) + digits(rng.randint(1, 20)),
        lambda: _replace_one(rng, generate(rng.randint(8, 20)), rng.choice("aZ-+.#")),
    ]
    fixed = [
        "",
        "40718352",
        "12121212",
        "123123123",
        "0123456789",
        "40718352 ",
        "4071835\u0663",
        "\uff14\uff10\uff17\uff11\uff18\uff13\uff15\uff12",
        "4" * 21,
        "40718352917305826491",
        "407183529173058264917",
    ]
    pins = fixed + [rng.choice(makers)() for _ in range(count - len(fixed))]
    return pins


def _replace_one(rng: random.Random, pin: str, char: str) -> str:
    i = rng.randrange(len(pin))
    return pin[:i] + char + pin[i + 1 :]


def _insert_one(rng: random.Random, pin: str, char: str) -> str:
    i = rng.randrange(len(pin) + 1)
    return pin[:i] + char + pin[i:]


@pytest.fixture
def graph(demo_clean: Any) -> Iterator[tuple[Any, httpx.Client]]:
    with httpx.Client(
        base_url=demo_clean.graph_url,
        verify=demo_clean.ssl_context(),
        trust_env=False,
        timeout=30,
        limits=httpx.Limits(max_connections=8, max_keepalive_connections=8),
    ) as client:
        yield demo_clean, client


def _bearer(demo: Any, upn: str, scopes: list[str]) -> dict[str, str]:
    return {"Authorization": f"Bearer {demo.token(upn, scopes=scopes)}"}


def _method_path(user_id: str) -> str:
    return f"/users/{quote(user_id, safe='')}/authentication/qrCodePinMethod"


def _create_body(pin: str) -> dict[str, Any]:
    start = datetime.now(UTC).replace(microsecond=0)
    return {
        "@odata.type": "#microsoft.graph.qrCodePinAuthenticationMethod",
        "standardQRCode": {
            "startDateTime": start.isoformat().replace("+00:00", "Z"),
            "expireDateTime": (start + timedelta(days=30)).isoformat().replace("+00:00", "Z"),
        },
        "pin": {"code": pin},
    }


def _policy_pin_length(client: httpx.Client, headers: dict[str, str]) -> int:
    response = client.get(POLICY_PATH, headers=headers)
    assert response.status_code == 200, response.text
    body = response.json()
    body = body.get("value", body) if isinstance(body.get("value"), dict) else body
    return int(body["pinLength"])


def _set_policy_pin_length(client: httpx.Client, headers: dict[str, str], length: int) -> None:
    response = client.patch(
        POLICY_PATH,
        headers=headers,
        json={
            "@odata.type": "#microsoft.graph.qrCodePinAuthenticationMethodConfiguration",
            "pinLength": length,
        },
    )
    assert response.status_code in (200, 204), response.text


def _service_verdicts(
    client: httpx.Client, headers: dict[str, str], user_id: str, pins: list[str]
) -> list[tuple[str, bool]]:
    """(pin, accepted) for each PIN: PUT the method with that PIN, DELETE it if created."""
    path = _method_path(user_id)
    verdicts: list[tuple[str, bool]] = []
    for pin in pins:
        response = client.put(path, headers=headers, json=_create_body(pin))
        assert response.status_code not in NOT_A_PIN_VERDICT, (
            f"PUT answered {response.status_code} {response.text[:200]}"
        )
        accepted = response.status_code == 201
        if accepted:
            assert response.json()["pin"]["code"] == pin
            deleted = client.delete(path, headers=headers)
            assert deleted.status_code == 204, deleted.text
        else:
            assert 400 <= response.status_code < 500, response.text
        verdicts.append((pin, accepted))
    return verdicts


def _assert_agreement(
    client: httpx.Client,
    headers: dict[str, str],
    worker_ids: list[str],
    pins: list[str],
    min_length: int,
) -> tuple[int, int]:
    """Every worker takes a share of the PINs (in parallel, one connection each); the
    service's verdicts must match ``check``. Returns (accepted, rejected)."""
    shares = [pins[i :: len(worker_ids)] for i in range(len(worker_ids))]
    with ThreadPoolExecutor(max_workers=len(worker_ids)) as pool:
        results = pool.map(
            lambda job: _service_verdicts(client, headers, job[0], job[1]),
            zip(worker_ids, shares, strict=True),
        )
        verdicts = [v for share in results for v in share]
    assert len(verdicts) == len(pins)
    disagreements = [
        f"{pin!r}: service {'accepted' if ok else 'rejected'}, check says {check(pin, min_length)}"
        for pin, ok in verdicts
        if ok != (check(pin, min_length) == [])
    ]
    assert not disagreements, "\n".join(disagreements[:20])
    accepted = sum(ok for _, ok in verdicts)
    return accepted, len(verdicts) - accepted


def _without_methods(client: httpx.Client, headers: dict[str, str], user_ids: list[str]) -> None:
    for user_id in user_ids:
        existing = client.get(_method_path(user_id), headers=headers)
        if existing.status_code == 200:
            deleted = client.delete(_method_path(user_id), headers=headers)
            assert deleted.status_code == 204, deleted.text
        else:
            assert existing.status_code == 404, existing.text


def test_check_and_demo_tenant_agree_on_generated_pins(graph: tuple[Any, httpx.Client]) -> None:
    demo, client = graph
    it_admin = demo.accounts(role="itAdmin")[0]  # Privileged Authentication Administrator
    policy_admin = demo.accounts(role="policyAdmin")[0]
    admin = _bearer(demo, it_admin["upn"], ADMIN_SCOPES)
    policy = _bearer(demo, policy_admin["upn"], POLICY_SCOPES)

    worker_ids = [account["id"] for account in demo.accounts(role="worker")][:6]
    assert worker_ids, "the demo tenant names no worker accounts"
    _without_methods(client, admin, worker_ids)

    rng = random.Random(20260601)
    pin_length = _policy_pin_length(client, policy)
    accepted, rejected = _assert_agreement(
        client, admin, worker_ids, candidate_pins(rng, 260), pin_length
    )

    _set_policy_pin_length(client, policy, 12)
    assert _policy_pin_length(client, policy) == 12
    raised = [generate(n) for n in range(8, 21)] + candidate_pins(rng, 70)
    more_accepted, more_rejected = _assert_agreement(client, admin, worker_ids, raised, 12)

    # The mix really exercised both sides of the rules.
    assert accepted + more_accepted >= 60
    assert rejected + more_rejected >= 150
