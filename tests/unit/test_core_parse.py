"""Parsing Graph JSON into core data classes: every documented quirk, every malformed input."""

from __future__ import annotations

import base64
from datetime import UTC, datetime

import pytest

from qrpin_gui.core.capability import DirectoryRole, ScopedRoleMembership
from qrpin_gui.core.models import PolicyState, PolicyTarget, QrCode, User
from qrpin_gui.core.parse import (
    ParseError,
    parse_administrative_unit,
    parse_datetime,
    parse_directory_role,
    parse_list,
    parse_page,
    parse_policy,
    parse_qr_code,
    parse_qr_image,
    parse_qr_method,
    parse_qr_pin,
    parse_scoped_role_membership,
    parse_user,
)

SVG = b'<svg version="1.1" baseProfile="full"><rect/></svg>'
RAW = b"ms-qrpin:v1|anna@contoso-retail.example|9a7e1b2c-4d3f-4e5a-8b6c-7d8e9f0a1b2c|s3cr3tpayload"
PIN = "40718352"


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def doc_get_method() -> dict[str, object]:
    """The API doc's GET example (§2.1)."""
    return {
        "@odata.type": "#microsoft.graph.qrCodePinAuthenticationMethod",
        "id": "3f0d2c4a-8e61-4b7d-a1c9-5e2b7f9d0c33",
        "createdDateTime": "2026-03-02T08:00:00Z",
        "standardQRCode": {
            "id": "9a7e1b2c-4d3f-4e5a-8b6c-7d8e9f0a1b2c",
            "image": None,
            "startDateTime": "2026-03-02T08:00:00Z",
            "expireDateTime": "2027-03-02T08:00:00Z",
            "createdDateTime": "2026-03-02T08:00:00Z",
            "lastUsedDateTime": "2026-03-05T06:41:12Z",
        },
        "temporaryQRCode": None,
        "pin": {
            "code": None,
            "forceChangePinNextSignIn": False,
            "createdDateTime": "2026-03-02T08:00:00Z",
            "updatedDateTime": "2026-03-03T06:02:44Z",
        },
    }


def doc_put_response() -> dict[str, object]:
    """The API doc's PUT 201 example (§2.2) with a real image."""
    return {
        "@odata.type": "#microsoft.graph.qrCodePinAuthenticationMethod",
        "id": "3f0d2c4a-8e61-4b7d-a1c9-5e2b7f9d0c33",
        "isUsable": False,
        "methodUsabilityReason": None,
        "standardQRCode": {
            "@odata.type": "#microsoft.graph.qrCode",
            "id": "9a7e1b2c-4d3f-4e5a-8b6c-7d8e9f0a1b2c",
            "startDateTime": "2026-03-02T08:00:00Z",
            "expireDateTime": "2027-03-02T08:00:00Z",
            "createdDateTime": "2026-03-02T07:59:58.1234567Z",
            "lastUsedDateTime": "0001-01-01T00:00:00Z",
            "image": {
                "@odata.type": "#microsoft.graph.qrCodeImageDetails",
                "binaryValue": b64(SVG),
                "rawContent": b64(RAW),
                "errorCorrectionLevel": "l",
                "version": 1,
            },
        },
        "temporaryQRCode": None,
        "pin": {
            "@odata.type": "#microsoft.graph.qrPin",
            "id": "c2d4e6f8-1a3b-4c5d-9e7f-0a1b2c3d4e5f",
            "code": PIN,
            "forceChangePinNextSignIn": True,
            "createdDateTime": "2026-03-02T07:59:58.3Z",
            "updatedDateTime": "2026-03-02T07:59:58.3Z",
        },
    }


# --- date-times ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-03-02T08:00:00Z", datetime(2026, 3, 2, 8, 0, 0, tzinfo=UTC)),
        ("2026-03-02T07:59:58.1234567Z", datetime(2026, 3, 2, 7, 59, 58, 123456, tzinfo=UTC)),
        ("2026-03-02T07:59:58.3Z", datetime(2026, 3, 2, 7, 59, 58, 300000, tzinfo=UTC)),
        ("2026-03-02T09:00:00+01:00", datetime(2026, 3, 2, 8, 0, 0, tzinfo=UTC)),
        ("2026-03-02T03:30:00-0430", datetime(2026, 3, 2, 8, 0, 0, tzinfo=UTC)),
        ("2026-03-10T09:12:00", datetime(2026, 3, 10, 9, 12, 0, tzinfo=UTC)),
        ("2026-03-10T09:12", datetime(2026, 3, 10, 9, 12, 0, tzinfo=UTC)),
    ],
)
def test_datetime_formats_become_aware_utc(text: str, expected: datetime) -> None:
    parsed = parse_datetime(text)
    assert parsed == expected
    assert parsed is not None and parsed.utcoffset() is not None
    assert parsed.tzinfo is UTC


@pytest.mark.parametrize("text", [None, "0001-01-01T00:00:00Z", "0001-01-01T00:00:00.0000000Z"])
def test_never_sentinels_become_none(text: str | None) -> None:
    assert parse_datetime(text) is None


@pytest.mark.parametrize(
    "value",
    [
        "",
        "yesterday",
        "2026-13-01T00:00:00Z",
        "2026-02-30T00:00:00Z",
        "2026-03-02",
        "2026-03-02T25:00:00Z",
        "2026-03-02T08:00:00+25:00",
        "20260302T080000Z",
        20260302,
        True,
        ["2026-03-02T08:00:00Z"],
    ],
)
def test_bad_datetimes_raise_parse_error_naming_the_field(value: object) -> None:
    with pytest.raises(ParseError) as info:
        parse_qr_code({"id": "c1", "expireDateTime": value})
    assert info.value.path == "qrCode.expireDateTime"
    assert "qrCode.expireDateTime" in str(info.value)


# --- the method ---------------------------------------------------------------------------


def test_doc_get_example_parses_with_children_inline() -> None:
    method = parse_qr_method(doc_get_method())
    assert method.id == "3f0d2c4a-8e61-4b7d-a1c9-5e2b7f9d0c33"
    assert method.children_loaded
    assert method.created == datetime(2026, 3, 2, 8, tzinfo=UTC)
    assert method.temporary is None
    assert method.standard is not None
    assert method.standard.image is None
    assert method.standard.expire == datetime(2027, 3, 2, 8, tzinfo=UTC)
    assert method.standard.last_used == datetime(2026, 3, 5, 6, 41, 12, tzinfo=UTC)
    assert method.pin is not None
    assert method.pin.code is None
    assert method.pin.force_change_next_sign_in is False
    assert method.pin.updated == datetime(2026, 3, 3, 6, 2, 44, tzinfo=UTC)
    assert not method.never_used


def test_doc_put_response_gives_image_pin_and_never_used() -> None:
    method = parse_qr_method(doc_put_response())
    assert method.standard is not None and method.standard.image is not None
    image = method.standard.image
    assert image.binary_value == SVG
    assert image.svg_text.startswith("<svg")
    assert image.raw_content == RAW
    assert image.error_correction_level == "l"
    assert image.version == 1
    assert method.standard.last_used is None
    assert method.standard.created == datetime(2026, 3, 2, 7, 59, 58, 123456, tzinfo=UTC)
    assert method.pin is not None
    assert method.pin.code == PIN
    assert method.pin.force_change_next_sign_in is True
    assert method.pin.id == "c2d4e6f8-1a3b-4c5d-9e7f-0a1b2c3d4e5f"
    assert method.never_used


def test_method_without_children_is_marked_not_loaded() -> None:
    method = parse_qr_method(
        {"id": "m1", "createdDateTime": "2026-03-02T08:00:00Z", "lastUsedDateTime": None}
    )
    assert not method.children_loaded
    assert method.standard is None and method.temporary is None and method.pin is None
    code = QrCode(id="s1", expire=datetime(2027, 1, 1, tzinfo=UTC))
    merged = method.with_children(standard=code, temporary=None, pin=None)
    assert merged.children_loaded and merged.standard == code


def test_method_with_some_children_counts_as_loaded_and_missing_ones_are_none() -> None:
    method = parse_qr_method({"id": "m1", "standardQRCode": {"id": "s1"}, "pin": {"code": None}})
    assert method.children_loaded
    assert method.temporary is None
    assert method.standard is not None and method.standard.id == "s1"


def test_method_wrapped_in_value_is_unwrapped() -> None:
    method = parse_qr_method({"@odata.context": "x", "value": doc_get_method()})
    assert method.id == "3f0d2c4a-8e61-4b7d-a1c9-5e2b7f9d0c33"


def test_method_last_used_sentinel_and_null_mean_never() -> None:
    for value in (None, "0001-01-01T00:00:00Z"):
        method = parse_qr_method({"id": "m", "lastUsedDateTime": value, "pin": None})
        assert method.last_used is None


def test_unknown_extra_properties_are_ignored() -> None:
    data = doc_get_method()
    data["futureProperty"] = {"nested": [1, 2, 3]}
    data["isUsable"] = True
    data["standardQRCode"]["somethingNew"] = "x"  # type: ignore[index]
    data["pin"]["anotherThing"] = 7  # type: ignore[index]
    assert parse_qr_method(data) == parse_qr_method(doc_get_method())


def test_wrong_odata_type_for_method_is_rejected() -> None:
    with pytest.raises(ParseError, match=r"qrCodePinMethod\.@odata\.type"):
        parse_qr_method({"@odata.type": "#microsoft.graph.passwordAuthenticationMethod", "id": "p"})


def test_odata_type_compared_case_insensitively() -> None:
    method = parse_qr_method(
        {"@odata.type": "#Microsoft.Graph.QrCodePinAuthenticationMethod", "id": "m"}
    )
    assert method.id == "m"


# --- codes, images, PINs ------------------------------------------------------------------


def test_qr_code_doc_value_wrapper_is_accepted() -> None:
    inner = {
        "id": "c1",
        "image": None,
        "startDateTime": "2026-03-02T08:00:00Z",
        "expireDateTime": "2027-03-02T08:00:00Z",
        "lastUsedDateTime": None,
    }
    assert parse_qr_code({"value": inner}) == parse_qr_code(inner)


@pytest.mark.parametrize("level", ["H", "h", " H ", "Q", "m"])
def test_error_correction_level_either_case_is_normalised(level: str) -> None:
    image = parse_qr_image(
        {
            "binaryValue": b64(SVG),
            "rawContent": b64(RAW),
            "errorCorrectionLevel": level,
            "version": 3,
        }
    )
    assert image.error_correction_level == level.strip().lower()


def test_base64_without_padding_or_with_line_breaks_decodes() -> None:
    unpadded = b64(SVG).rstrip("=")
    wrapped = "\n".join(b64(RAW)[i : i + 10] for i in range(0, len(b64(RAW)), 10))
    image = parse_qr_image({"binaryValue": unpadded, "rawContent": wrapped})
    assert image.binary_value == SVG and image.raw_content == RAW
    assert image.error_correction_level is None and image.version is None


def test_url_safe_base64_decodes() -> None:
    data = bytes(range(250, 256)) * 3
    image = parse_qr_image(
        {"binaryValue": base64.urlsafe_b64encode(data).decode(), "rawContent": b64(RAW)}
    )
    assert image.binary_value == data


@pytest.mark.parametrize("bad", ["not base64!!", "%%%%", "ab\u00e9c", "QUJDRX9xQ"])
def test_bad_base64_raises_without_echoing_the_value(bad: str) -> None:
    with pytest.raises(ParseError) as info:
        parse_qr_image({"binaryValue": b64(SVG), "rawContent": bad})
    assert info.value.path == "qrCodeImageDetails.rawContent"
    assert bad not in str(info.value)


def test_image_missing_binary_value_is_malformed() -> None:
    with pytest.raises(ParseError, match=r"qrCode\.image\.binaryValue: missing"):
        parse_qr_code({"id": "c", "image": {"rawContent": b64(RAW)}})


def test_pin_alias_is_force_pin_change_required() -> None:
    pin = parse_qr_pin({"code": None, "isForcePinChangeRequired": True})
    assert pin.force_change_next_sign_in is True


def test_pin_official_name_wins_over_alias() -> None:
    pin = parse_qr_pin({"forceChangePinNextSignIn": False, "isForcePinChangeRequired": True})
    assert pin.force_change_next_sign_in is False


def test_pin_flag_missing_reads_false() -> None:
    assert parse_qr_pin({}).force_change_next_sign_in is False


def test_reset_response_parses() -> None:
    pin = parse_qr_pin(
        {
            "@odata.type": "#microsoft.graph.qrPin",
            "code": "83920461",
            "forceChangePinNextSignIn": True,
            "createdDateTime": "2026-03-10T09:12:00Z",
            "updatedDateTime": "2026-03-10T09:12:00Z",
        }
    )
    assert pin.code == "83920461"
    assert pin.created == datetime(2026, 3, 10, 9, 12, tzinfo=UTC)


def test_numeric_pin_code_is_rejected_without_echoing_it() -> None:
    with pytest.raises(ParseError) as info:
        parse_qr_pin({"code": 40718352})
    assert info.value.path == "qrPin.code"
    assert "40718352" not in str(info.value)


# --- secrets never leak -------------------------------------------------------------------


def test_reprs_hide_pin_code_svg_and_raw_payload() -> None:
    method = parse_qr_method(doc_put_response())
    text = repr(method) + str(method)
    assert PIN not in text
    assert "s3cr3tpayload" not in text and "ms-qrpin" not in text
    assert "svg" not in text.lower()
    assert "<hidden>" in text
    assert "code=None" in repr(parse_qr_pin({"code": None}))


def test_malformed_secret_fields_never_appear_in_errors() -> None:
    data = doc_put_response()
    data["pin"]["createdDateTime"] = PIN  # type: ignore[index]
    with pytest.raises(ParseError) as info:
        parse_qr_method(data)
    assert PIN not in str(info.value)
    assert info.value.path == "qrCodePinMethod.pin.createdDateTime"


# --- malformed input: one exception type, never KeyError/TypeError -------------------------


MALFORMED_METHODS: list[tuple[object, str]] = [
    (None, "qrCodePinMethod"),
    ("a string", "qrCodePinMethod"),
    ([doc_get_method()], "qrCodePinMethod"),
    (42, "qrCodePinMethod"),
    ({}, "qrCodePinMethod.id"),
    ({"id": None}, "qrCodePinMethod.id"),
    ({"id": ""}, "qrCodePinMethod.id"),
    ({"id": 17}, "qrCodePinMethod.id"),
    ({"id": "m", "createdDateTime": 5}, "qrCodePinMethod.createdDateTime"),
    ({"id": "m", "standardQRCode": "x"}, "qrCodePinMethod.standardQRCode"),
    ({"id": "m", "standardQRCode": []}, "qrCodePinMethod.standardQRCode"),
    ({"id": "m", "standardQRCode": {}}, "qrCodePinMethod.standardQRCode.id"),
    (
        {"id": "m", "temporaryQRCode": {"id": "t", "startDateTime": "soon"}},
        "qrCodePinMethod.temporaryQRCode.startDateTime",
    ),
    ({"id": "m", "pin": 1234}, "qrCodePinMethod.pin"),
    (
        {"id": "m", "pin": {"forceChangePinNextSignIn": "yes"}},
        "qrCodePinMethod.pin.forceChangePinNextSignIn",
    ),
    (
        {"id": "m", "pin": {"isForcePinChangeRequired": 1}},
        "qrCodePinMethod.pin.isForcePinChangeRequired",
    ),
    (
        {"id": "m", "standardQRCode": {"id": "s", "image": "abc"}},
        "qrCodePinMethod.standardQRCode.image",
    ),
    (
        {"id": "m", "standardQRCode": {"id": "s", "image": {"binaryValue": 1, "rawContent": ""}}},
        "qrCodePinMethod.standardQRCode.image.binaryValue",
    ),
    (
        {
            "id": "m",
            "standardQRCode": {
                "id": "s",
                "image": {"binaryValue": "", "rawContent": "", "version": "1"},
            },
        },
        "qrCodePinMethod.standardQRCode.image.version",
    ),
    (
        {
            "id": "m",
            "standardQRCode": {
                "id": "s",
                "image": {"binaryValue": "", "rawContent": "", "version": 1.5},
            },
        },
        "qrCodePinMethod.standardQRCode.image.version",
    ),
    (
        {
            "id": "m",
            "standardQRCode": {
                "id": "s",
                "image": {"binaryValue": "", "rawContent": "", "errorCorrectionLevel": 7},
            },
        },
        "qrCodePinMethod.standardQRCode.image.errorCorrectionLevel",
    ),
    ({"value": {"id": 3}}, "qrCodePinMethod.value.id"),
]


@pytest.mark.parametrize(("data", "path"), MALFORMED_METHODS)
def test_malformed_method_raises_parse_error_naming_the_field(data: object, path: str) -> None:
    with pytest.raises(ParseError) as info:
        parse_qr_method(data)
    assert isinstance(info.value, ValueError)
    assert info.value.path == path
    assert str(info.value).startswith(path + ":")


# --- users, units, roles, policy, pages ---------------------------------------------------


def test_user_with_select_fields() -> None:
    user = parse_user(
        {
            "id": "u1",
            "displayName": "Anna Berg",
            "userPrincipalName": "anna@x.example",
            "accountEnabled": False,
            "department": "Store 12",
            "jobTitle": "Cashier",
            "mail": None,
            "businessPhones": [],
        }
    )
    assert user == User(
        id="u1",
        upn="anna@x.example",
        display_name="Anna Berg",
        department="Store 12",
        job_title="Cashier",
        account_enabled=False,
    )


def test_user_minimal_select() -> None:
    user = parse_user({"id": "u1"})
    assert (user.upn, user.display_name, user.account_enabled) == ("", "", None)


@pytest.mark.parametrize(
    ("data", "path"),
    [
        ({"displayName": "x"}, "user.id"),
        ({"id": "u", "accountEnabled": "true"}, "user.accountEnabled"),
        ({"id": "u", "displayName": ["x"]}, "user.displayName"),
        ("u1", "user"),
    ],
)
def test_malformed_user(data: object, path: str) -> None:
    with pytest.raises(ParseError) as info:
        parse_user(data)
    assert info.value.path == path


def test_administrative_unit() -> None:
    unit = parse_administrative_unit({"id": "au1", "displayName": "Store 12", "visibility": None})
    assert (unit.id, unit.display_name, unit.description) == ("au1", "Store 12", None)


def test_directory_role_needs_template_id() -> None:
    role = parse_directory_role(
        {
            "@odata.type": "#microsoft.graph.directoryRole",
            "id": "r1",
            "displayName": "Authentication Administrator",
            "roleTemplateId": "c4e39bd9-1100-46d3-8c65-fb160da0071f",
        }
    )
    assert role == DirectoryRole(
        "r1", "c4e39bd9-1100-46d3-8c65-fb160da0071f", "Authentication Administrator"
    )
    with pytest.raises(ParseError, match=r"directoryRole\.roleTemplateId: missing"):
        parse_directory_role({"id": "r1"})


def test_scoped_role_membership() -> None:
    membership = parse_scoped_role_membership(
        {
            "id": "srm1",
            "administrativeUnitId": "au1",
            "roleId": "r1",
            "roleMemberInfo": {"id": "me", "displayName": "Maria", "userPrincipalName": "m@x"},
        }
    )
    assert membership == ScopedRoleMembership("srm1", "au1", "r1", "me", "Maria")
    with pytest.raises(ParseError, match=r"scopedRoleMembership\.administrativeUnitId"):
        parse_scoped_role_membership({"id": "srm1", "roleId": "r1"})
    with pytest.raises(ParseError, match=r"scopedRoleMembership\.roleMemberInfo"):
        parse_scoped_role_membership(
            {"administrativeUnitId": "a", "roleId": "r", "roleMemberInfo": "me"}
        )


def test_policy_doc_example() -> None:
    policy = parse_policy(
        {
            "@odata.type": "#microsoft.graph.qrCodePinAuthenticationMethodConfiguration",
            "id": "qrCodePin",
            "state": "enabled",
            "standardQRCodeLifetimeInDays": 365,
            "pinLength": 8,
            "excludeTargets": [],
            "includeTargets@odata.context": "https://graph.microsoft.com/v1.0/$metadata#...",
            "includeTargets": [
                {"targetType": "group", "id": "all_users", "isRegistrationRequired": False}
            ],
        }
    )
    assert policy.state is PolicyState.ENABLED
    assert (policy.pin_length, policy.standard_lifetime_days, policy.assumed) == (8, 365, False)
    assert policy.include_targets == (PolicyTarget("all_users", "group", False),)
    assert policy.includes_all_users


def test_policy_value_wrapper_beta_id_and_case() -> None:
    policy = parse_policy(
        {
            "value": {
                "id": "QRCodePin",
                "state": "Disabled",
                "pinLength": 12,
                "standardQRCodeLifetimeInDays": 30,
            }
        }
    )
    assert policy.state is PolicyState.DISABLED
    assert (policy.pin_length, policy.standard_lifetime_days) == (12, 30)
    assert not policy.includes_all_users


def test_policy_missing_numbers_take_defaults_and_out_of_range_are_clamped() -> None:
    assert parse_policy({"id": "qrCodePin"}).pin_length == 8
    assert parse_policy({"id": "qrCodePin"}).standard_lifetime_days == 365
    assert parse_policy({"state": "weird"}).state is PolicyState.UNKNOWN
    clamped = parse_policy({"pinLength": 4, "standardQRCodeLifetimeInDays": 1000})
    assert (clamped.pin_length, clamped.standard_lifetime_days) == (8, 395)
    assert parse_policy({"pinLength": 99}).pin_length == 20


@pytest.mark.parametrize(
    ("data", "path"),
    [
        ({"pinLength": "8"}, "qrCodePinPolicy.pinLength"),
        ({"pinLength": True}, "qrCodePinPolicy.pinLength"),
        ({"state": 1}, "qrCodePinPolicy.state"),
        ({"includeTargets": {"id": "all_users"}}, "qrCodePinPolicy.includeTargets"),
        ({"includeTargets": [{"targetType": "group"}]}, "qrCodePinPolicy.includeTargets[0].id"),
        ({"excludeTargets": [None]}, "qrCodePinPolicy.excludeTargets[0]"),
    ],
)
def test_malformed_policy(data: object, path: str) -> None:
    with pytest.raises(ParseError) as info:
        parse_policy(data)
    assert info.value.path == path


def test_policy_default_is_assumed_tenant_defaults() -> None:
    from qrpin_gui.core.models import Policy

    default = Policy.default()
    assert (default.pin_length, default.standard_lifetime_days) == (8, 365)
    assert default.assumed and default.state is PolicyState.UNKNOWN


def test_page_with_next_link_and_count() -> None:
    page = parse_page(
        {
            "@odata.context": "c",
            "@odata.count": 2,
            "@odata.nextLink": "https://graph/beta/users?$skiptoken=X%27",
            "value": [{"id": "a"}, {"id": "b", "displayName": "B"}],
        },
        parse_user,
    )
    assert [u.id for u in page.items] == ["a", "b"]
    assert page.next_link == "https://graph/beta/users?$skiptoken=X%27"
    assert page.count == 2


def test_empty_last_page() -> None:
    page = parse_page({"value": []}, parse_user)
    assert page.items == () and page.next_link is None and page.count is None


@pytest.mark.parametrize(
    ("data", "path"),
    [
        ({}, "page.value"),
        ({"value": None}, "page.value"),
        ({"value": {"id": "a"}}, "page.value"),
        ({"value": [{"id": "a"}, {"displayName": "no id"}]}, "page.value[1].id"),
        ({"value": [], "@odata.nextLink": 5}, "page.@odata.nextLink"),
        ([], "page"),
    ],
)
def test_malformed_page(data: object, path: str) -> None:
    with pytest.raises(ParseError) as info:
        parse_page(data, parse_user)
    assert info.value.path == path


def test_parse_list_names_the_index() -> None:
    with pytest.raises(ParseError) as info:
        parse_list(
            [{"id": "r", "roleTemplateId": "t"}, {"id": "r2"}], parse_directory_role, "roles"
        )
    assert info.value.path == "roles[1].roleTemplateId"
