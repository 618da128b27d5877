"""Settings survive round trips, reject bad values field by field, and never crash on a bad file."""

from __future__ import annotations

import json

import pytest

from qrpin_gui.settings import Settings, is_valid_client_id, is_valid_tenant


def test_round_trip(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "settings.json"
    s = Settings(
        tenant="contoso.onmicrosoft.com",
        client_id="2b5c7f3e-9d41-4a8e-b6c2-0f1e3d5a7c90",
        idle_lock_minutes=5,
        last_store="*",
        color_scheme="dark",
    )
    s.save(path)
    loaded = Settings.load(path)
    assert loaded == s
    assert loaded.load_problem == ""
    assert not list(tmp_path.glob(".settings.json.*.tmp"))


@pytest.mark.parametrize("content", ["{not json", "[1, 2]", "\udcff", ""])
def test_unreadable_file_is_set_aside(tmp_path, content: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "settings.json"
    path.write_bytes(content.encode("utf-8", "surrogateescape"))
    loaded = Settings.load(path)
    assert loaded == Settings()
    assert loaded.load_problem.startswith("settings.json.bad-")
    assert not path.exists()
    assert (tmp_path / loaded.load_problem).exists()


def test_bad_fields_fall_back_one_by_one(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "settings.json"
    path.write_text(
        json.dumps(
            {
                "tenant": "not a tenant!",
                "client_id": "1234",
                "idle_lock_minutes": "ten",
                "sign_out_on_close": True,
                "color_scheme": "purple",
                "proxy": "http://proxy.local:3128",
                "future_field": 1,
            }
        )
    )
    loaded = Settings.load(path)
    assert loaded.tenant == "" and loaded.client_id == ""
    assert loaded.idle_lock_minutes == 15
    assert loaded.color_scheme == "system"
    assert loaded.sign_out_on_close is True
    assert loaded.proxy == "http://proxy.local:3128"


def test_settings_json_holds_no_token_fields() -> None:
    keys = set(Settings().to_json())
    assert not {k for k in keys if "token" in k and k != "allow_plaintext_token_cache"}
    assert "load_problem" not in keys


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("7d3e1a52-4c6b-4f0e-9a8d-2b1c0e5f6a73", True),
        ("contoso.onmicrosoft.com", True),
        ("organizations", True),
        ("contoso", False),
        ("http://evil", False),
        ("", False),
    ],
)
def test_tenant_validation(value: str, ok: bool) -> None:
    assert is_valid_tenant(value) is ok


def test_client_id_validation() -> None:
    assert is_valid_client_id("2b5c7f3e-9d41-4a8e-b6c2-0f1e3d5a7c90")
    assert not is_valid_client_id("contoso.onmicrosoft.com")
