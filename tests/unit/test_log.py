"""The redacting filter is the safety net for secrets in log lines."""

from __future__ import annotations

import logging

import pytest

from qrpin_gui.log import RamTailHandler, RedactingFilter, init_logging, log_tail, redact

JWT = "eyJhbGciOiJIUzI1NiJ9.eyJvaWQiOiIxMjM0NTY3OCJ9.c2lnbmF0dXJlLXZhbHVl"


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        (f"Authorization: Bearer {JWT}", JWT),
        ("Authorization: Bearer opaque-token_value.123", "opaque-token_value.123"),
        (f"got {JWT} back", JWT),
        (
            "POST /token grant_type=refresh_token&refresh_token=0.AAAAbbbbCCCC&client_id=x",
            "0.AAAAbbbbCCCC",
        ),
        ("http://localhost:5000/?code=M.R3_BAY.abc&state=xyz", "M.R3_BAY.abc"),
        ('{"currentPin": "83920461", "newPin": "59173028"}', "83920461"),
        ('{"currentPin": "83920461", "newPin": "59173028"}', "59173028"),
        ("{'code': '40718352', 'forceChangePinNextSignIn': True}", "40718352"),
        ('"rawContent": "bXMtcXJwaW46djF8YWRtaW4="', "bXMtcXJwaW46djF8YWRtaW4="),
        ("access_token=abc.def.ghi expires_in=3600", "abc.def.ghi"),
    ],
)
def test_redact_removes_secret(text: str, secret: str) -> None:
    out = redact(text)
    assert secret not in out
    assert "***" in out


def test_redact_keeps_ordinary_text() -> None:
    text = "Synced 52 users of store 'Berlin Mitte' in 1.2 s (request-id 93b6f17e)"
    assert redact(text) == text


def test_log_file_and_tail_never_hold_a_secret(tmp_path) -> None:  # type: ignore[no-untyped-def]
    log_file = tmp_path / "logs" / "app.log"
    tail = init_logging(log_file, debug=True, console=False)
    assert isinstance(tail, RamTailHandler)
    log = logging.getLogger("qrpin_gui.test")
    log.debug("headers %s", {"Authorization": f"Bearer {JWT}"})
    log.info("body %s", '{"newPin": "59173028"}')
    try:
        raise ValueError(f"token {JWT} refused")
    except ValueError:
        log.exception("call failed")
    for handler in logging.getLogger().handlers:
        handler.flush()
    written = log_file.read_text(encoding="utf-8")
    tail_text = "\n".join(log_tail())
    for blob in (written, tail_text):
        assert JWT not in blob
        assert "59173028" not in blob
        assert "call failed" in blob
    init_logging(None, debug=False, console=False)


def test_unformattable_message_does_not_break_logging() -> None:
    record = logging.LogRecord(
        "qrpin_gui.test", logging.INFO, __file__, 1, "two args %s %s", ("one",), None
    )
    assert RedactingFilter().filter(record) is True
    assert "unformattable" in record.getMessage()
