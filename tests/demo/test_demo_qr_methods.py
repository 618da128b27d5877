"""The QR code + PIN method surface: create, codes, PIN reset, updatePin, one-time secrets."""

from __future__ import annotations

import base64
import io
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta
from typing import Any

import segno

from tests.demo.conftest import Graph, assert_graph_error, method_path

IT = "it.admin@contoso-retail.example"
NEVER = "0001-01-01T00:00:00Z"


def iso(dt: datetime) -> str:
    return dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00")[:19] + "+00:00")


def now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def store_users(graph: Graph, store_id: str) -> list[dict[str, Any]]:
    r = graph.get(
        f"/directory/administrativeUnits/{store_id}/members/microsoft.graph.user"
        "?$select=id,userPrincipalName,jobTitle",
        IT,
    )
    return r.json()["value"]


def worker_without_method(graph: Graph) -> dict[str, Any]:
    store = graph.account("worker")["stores"][0]
    for user in store_users(graph, store):
        if graph.get(method_path(user["id"]), IT).status_code == 404:
            return user
    raise AssertionError("no worker without a method in the first store")


def create_body(start: datetime, days: int = 30, pin: str | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {
        "@odata.type": "#microsoft.graph.qrCodePinAuthenticationMethod",
        "standardQRCode": {
            "startDateTime": iso(start),
            "expireDateTime": iso(start + timedelta(days=days)),
        },
        "pin": {} if pin is None else {"code": pin},
    }
    return body


def assert_real_qr_image(image: dict[str, Any], upn: str, code_id: str) -> None:
    raw = base64.b64decode(image["rawContent"]).decode()
    prefix, got_upn, got_id, secret = raw.split("|")
    assert prefix == "ms-qrpin:v1" and got_upn == upn and got_id == code_id and len(secret) >= 32
    svg = base64.b64decode(image["binaryValue"])
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg")
    # The symbol is the QR code of rawContent at the stated level and version.
    expected = segno.make(raw, error=image["errorCorrectionLevel"], boost_error=False, micro=False)
    assert expected.version == image["version"]
    out = io.BytesIO()
    expected.save(out, kind="svg", xmldecl=False, svgversion=1.1, scale=4, border=4)
    assert svg == out.getvalue()


def test_create_returns_image_and_pin_once(graph: Graph) -> None:
    user = worker_without_method(graph)
    r = graph.request("PUT", method_path(user["id"]), IT, json=create_body(now(), pin="40718352"))
    assert r.status_code == 201, r.text
    assert r.headers["Location"].endswith(f"/users/{user['id']}/authentication/qrCodePinMethod")
    body = r.json()
    assert body["@odata.type"] == "#microsoft.graph.qrCodePinAuthenticationMethod"
    std = body["standardQRCode"]
    assert std["lastUsedDateTime"] == NEVER
    assert_real_qr_image(std["image"], user["userPrincipalName"], std["id"])
    assert body["pin"]["code"] == "40718352" and body["pin"]["forceChangePinNextSignIn"] is True
    assert body["temporaryQRCode"] is None
    again = graph.get(method_path(user["id"]), IT).json()
    assert again["standardQRCode"]["image"] is None and again["pin"]["code"] is None
    assert again["standardQRCode"]["id"] == std["id"]
    alone = graph.get(method_path(user["id"]) + "/standardQRCode", IT).json()
    assert alone["image"] is None and alone["id"] == std["id"]
    # one method per user: delete before re-create
    r = graph.request("PUT", method_path(user["id"]), IT, json=create_body(now()))
    assert_graph_error(r, 409)
    assert graph.request("DELETE", method_path(user["id"]), IT).status_code == 204
    assert_graph_error(graph.get(method_path(user["id"]), IT), 404, "itemNotFound")
    r = graph.request("PUT", method_path(user["id"]), IT, json=create_body(now()))
    assert r.status_code == 201
    generated = r.json()["pin"]["code"]
    assert len(generated) == 8 and generated.isdigit()


def test_create_defaults_and_validation(graph: Graph) -> None:
    user = worker_without_method(graph)
    path = method_path(user["id"])
    bad = [
        create_body(now(), days=396),
        create_body(now(), days=-1),
        create_body(now() - timedelta(days=40), days=30),
        create_body(now(), pin="12121212"),
        create_body(now(), pin="1234"),
        {**create_body(now()), "temporaryQRCode": {"expireDateTime": iso(now())}},
        {"pin": {}},
        {**create_body(now()), "standardQRCode": {"startDateTime": "yesterday"}},
        {**create_body(now()), "surprise": 1},
    ]
    for body in bad:
        r = graph.request("PUT", path, IT, json=body)
        assert_graph_error(r, 400)
    assert graph.get(path, IT).status_code == 404
    # beta defaults: start now, expiry from the policy's lifetime (365 days)
    r = graph.request("PUT", path, IT, json={"standardQRCode": {}, "pin": {}})
    assert r.status_code == 201, r.text
    std = r.json()["standardQRCode"]
    span = parse(std["expireDateTime"]) - parse(std["startDateTime"])
    assert span == timedelta(days=365)


def test_standard_code_update_delete_and_recreate(graph: Graph) -> None:
    worker = graph.account("worker")
    path = method_path(worker["id"]) + "/standardQRCode"
    before = graph.get(path, IT).json()
    start = parse(before["startDateTime"])
    new_expiry = start + timedelta(days=395)
    r = graph.request("PATCH", path, IT, json={"expireDateTime": iso(new_expiry)})
    assert r.status_code == 200, r.text
    assert r.json()["image"] is None and r.json()["id"] == before["id"]
    assert parse(r.json()["expireDateTime"]) == new_expiry
    r = graph.request("PATCH", path, IT, json={"expireDateTime": iso(start + timedelta(days=396))})
    assert_graph_error(r, 400)
    r = graph.request(
        "PATCH",
        path,
        IT,
        json={"startDateTime": iso(start + timedelta(days=1)), "expireDateTime": iso(new_expiry)},
    )
    assert_graph_error(r, 400)
    assert graph.request("DELETE", path, IT).status_code == 204
    assert_graph_error(graph.get(path, IT), 404)
    assert_graph_error(graph.request("DELETE", path, IT), 404)
    r = graph.request(
        "PATCH",
        path,
        IT,
        json={"startDateTime": iso(now()), "expireDateTime": iso(now() + timedelta(days=90))},
    )
    assert r.status_code == 201, r.text
    assert_real_qr_image(r.json()["image"], worker["upn"], r.json()["id"])
    # the PIN survived: the worker can still change it with the old one
    r = graph.request(
        "POST",
        "/me/authentication/qrCodePinMethod/pin/updatePin",
        worker["upn"],
        ["Directory.AccessAsUser.All"],
        json={"currentPin": worker["pin"], "newPin": "59173028"},
    )
    assert r.status_code == 204, r.text


def user_with_expired_badge(graph: Graph) -> tuple[dict[str, Any], dict[str, Any]]:
    """A store member whose standard code has expired, and that code."""
    store = graph.account("worker")["stores"][0]
    for user in store_users(graph, store):
        r = graph.get(method_path(user["id"]) + "/standardQRCode", IT)
        if r.status_code == 200 and parse(r.json()["expireDateTime"]) < now():
            return user, r.json()
    raise AssertionError("no member with an expired badge in the first store")


def test_patch_on_an_expired_standard_code_issues_a_new_one(graph: Graph) -> None:
    """An expired code is not active: PATCH creates a new code (201 + image), even when the
    body only moves the expiry (what an "extend" sends)."""
    user, old = user_with_expired_badge(graph)
    path = method_path(user["id"]) + "/standardQRCode"
    expiry = now() + timedelta(days=30)
    r = graph.request("PATCH", path, IT, json={"expireDateTime": iso(expiry)})
    assert r.status_code == 201, r.text
    new = r.json()
    assert new["id"] != old["id"]
    assert parse(new["expireDateTime"]) == expiry
    assert abs(parse(new["startDateTime"]) - now()) < timedelta(minutes=1)
    assert_real_qr_image(new["image"], user["userPrincipalName"], new["id"])
    got = graph.get(path, IT).json()
    assert got["id"] == new["id"] and got["image"] is None
    # The new code is active: the next PATCH updates it (200, no image).
    r = graph.request("PATCH", path, IT, json={"expireDateTime": iso(expiry + timedelta(days=1))})
    assert r.status_code == 200, r.text
    assert r.json()["id"] == new["id"] and r.json()["image"] is None


def test_temporary_code_rules(graph: Graph) -> None:
    worker = graph.account("worker")
    path = method_path(worker["id"]) + "/temporaryQRCode"
    assert_graph_error(graph.get(path, IT), 404)
    for hours in (13, 0.5):
        r = graph.request(
            "PATCH", path, IT,
            json={"startDateTime": iso(now()), "expireDateTime": iso(now() + timedelta(hours=hours))},
        )  # fmt: skip
        assert_graph_error(r, 400)
    assert_graph_error(graph.request("PATCH", path, IT, json={"startDateTime": iso(now())}), 400)
    r = graph.request(
        "PATCH", path, IT,
        json={"startDateTime": iso(now()), "expireDateTime": iso(now() + timedelta(hours=8))},
    )  # fmt: skip
    assert r.status_code == 201, r.text
    temp = r.json()
    assert_real_qr_image(temp["image"], worker["upn"], temp["id"])
    assert temp["lastUsedDateTime"] == NEVER
    # not editable, only one: delete before re-create
    r = graph.request("PATCH", path, IT, json={"expireDateTime": iso(now() + timedelta(hours=2))})
    assert_graph_error(r, 409)
    got = graph.get(path, IT).json()
    assert got["id"] == temp["id"] and got["image"] is None
    method = graph.get(method_path(worker["id"]), IT).json()
    assert method["temporaryQRCode"]["id"] == temp["id"]
    assert method["standardQRCode"] is not None
    assert graph.request("DELETE", path, IT).status_code == 204
    assert graph.get(method_path(worker["id"]), IT).json()["temporaryQRCode"] is None


def test_codes_need_a_method(graph: Graph) -> None:
    user = worker_without_method(graph)
    base = method_path(user["id"])
    body = {"startDateTime": iso(now()), "expireDateTime": iso(now() + timedelta(hours=2))}
    for sub in ("/standardQRCode", "/temporaryQRCode"):
        assert_graph_error(graph.request("PATCH", base + sub, IT, json=body), 404)
    assert_graph_error(graph.request("PATCH", base + "/pin", IT, json={}), 404)
    assert_graph_error(graph.request("DELETE", base, IT), 404)


def test_admin_pin_reset(graph: Graph) -> None:
    worker = graph.account("worker")
    path = method_path(worker["id"]) + "/pin"
    r = graph.request("PATCH", path, IT, json={"code": "40718352"})
    assert r.status_code == 201, r.text
    pin = r.json()
    assert pin["forceChangePinNextSignIn"] is True
    assert pin["code"] != "40718352" and len(pin["code"]) == 8 and pin["code"].isdigit()
    assert pin["code"] != worker["pin"]
    # no body at all works too (the Entra how-to sends none)
    r2 = graph.client.patch(path, headers=graph.auth(IT))
    assert r2.status_code == 201 and r2.json()["code"] != pin["code"]
    got = graph.get(path, IT).json()
    assert got["code"] is None and got["forceChangePinNextSignIn"] is True
    assert graph.get(method_path(worker["id"]), IT).json()["pin"]["code"] is None


def test_update_pin_rules(graph: Graph) -> None:
    worker = graph.account("worker")
    me = "/me/authentication/qrCodePinMethod/pin/updatePin"
    scopes = ["Directory.AccessAsUser.All"]
    current = worker["pin"]
    r = graph.request(
        "POST", me, worker["upn"], scopes, json={"currentPin": "00000001", "newPin": "59173028"}
    )
    assert_graph_error(r, 400)
    too_long = "135792468013579246801"  # 21 digits; its first 20 are a valid PIN
    for bad in (
        "1212121212",
        "5917302",
        "5917a028",
        "0123456789",
        too_long,
        "1" + "9876543210" + "5",  # the descending run inside a longer PIN
    ):
        r = graph.request(
            "POST", me, worker["upn"], scopes, json={"currentPin": current, "newPin": bad}
        )
        assert_graph_error(r, 400)
    r = graph.request(
        "POST",
        me,
        worker["upn"],
        ["UserAuthenticationMethod.ReadWrite"],
        json={"currentPin": current, "newPin": "59173028"},
    )
    assert_graph_error(r, 403, "Authorization_RequestDenied")
    r = graph.request(
        "POST", me, worker["upn"], scopes, json={"currentPin": current, "newPin": "59173028"}
    )
    assert r.status_code == 204, r.text
    assert (
        graph.get(method_path(worker["id"]) + "/pin", IT).json()["forceChangePinNextSignIn"]
        is False
    )
    # PATCH works too by default, and the /users/{ownId} form
    own = method_path(worker["id"]) + "/pin/updatePin"
    r = graph.request(
        "PATCH", own, worker["upn"], scopes, json={"currentPin": "59173028", "newPin": "48213957"}
    )
    assert r.status_code == 204, r.text
    # 20 digits is the longest PIN: the 21-digit one above failed on its length alone
    r = graph.request(
        "PATCH",
        own,
        worker["upn"],
        scopes,
        json={"currentPin": "48213957", "newPin": too_long[:20]},
    )
    assert r.status_code == 204, r.text
    r = graph.request(
        "PATCH",
        own,
        worker["upn"],
        scopes,
        json={"currentPin": too_long[:20], "newPin": "48213957"},
    )
    assert r.status_code == 204, r.text
    # nobody changes someone else's PIN this way, not even the IT admin
    r = graph.request(
        "POST", own, IT, scopes, json={"currentPin": "48213957", "newPin": "59173028"}
    )
    assert_graph_error(r, 403)


def test_update_pin_verb_setting(graph: Graph) -> None:
    worker = graph.account("worker")
    me = "/me/authentication/qrCodePinMethod/pin/updatePin"
    scopes = ["Directory.AccessAsUser.All"]
    graph.demo.settings(update_pin_verbs="POST")
    r = graph.request(
        "PATCH", me, worker["upn"], scopes, json={"currentPin": worker["pin"], "newPin": "59173028"}
    )
    assert_graph_error(r, 405)
    graph.demo.settings(update_pin_verbs="PATCH")
    r = graph.request(
        "POST", me, worker["upn"], scopes, json={"currentPin": worker["pin"], "newPin": "59173028"}
    )
    assert_graph_error(r, 405)
    r = graph.request(
        "PATCH", me, worker["upn"], scopes, json={"currentPin": worker["pin"], "newPin": "59173028"}
    )
    assert r.status_code == 204


def test_method_children_inline_or_expand(graph: Graph) -> None:
    worker = graph.account("worker")
    path = method_path(worker["id"])
    inline = graph.get(path, IT).json()
    assert {"standardQRCode", "temporaryQRCode", "pin"} <= set(inline)
    graph.demo.settings(method_children="expand")
    bare = graph.get(path, IT).json()
    assert bare["id"] == inline["id"] and not {"standardQRCode", "temporaryQRCode", "pin"} & set(
        bare
    )
    some = graph.get(path + "?$expand=standardQRCode,pin", IT).json()
    assert "standardQRCode" in some and "pin" in some and "temporaryQRCode" not in some
    every = graph.get(path + "?$expand=*", IT).json()
    assert {"standardQRCode", "temporaryQRCode", "pin"} <= set(every)
    assert_graph_error(graph.get(path + "?$expand=nonsense", IT), 400)
    assert_graph_error(graph.get(path + "?$filter=id eq 'x'", IT), 400, "Request_UnsupportedQuery")


def test_me_forms_and_self_read(graph: Graph) -> None:
    worker = graph.account("worker")
    r = graph.get("/me/authentication/qrCodePinMethod", worker["upn"], ["UserAuthMethod-QR.Read"])
    assert r.status_code == 200 and r.json()["pin"]["code"] is None
    r = graph.get(
        "/me/authentication/qrCodePinMethod/standardQRCode",
        worker["upn"],
        ["UserAuthenticationMethod.Read"],
    )
    assert r.status_code == 200
    # self-service can't create, reset or delete (no admin role)
    r = graph.request(
        "PATCH",
        "/me/authentication/qrCodePinMethod/pin",
        worker["upn"],
        ["UserAuthMethod-QR.ReadWrite"],
        json={},
    )
    assert_graph_error(r, 403, "Authorization_RequestDenied")
    # the IT admin (Privileged Authentication Administrator) may manage their own method
    r = graph.request("PUT", "/me/authentication/qrCodePinMethod", IT, json=create_body(now()))
    assert r.status_code == 201, r.text


def test_list_methods(graph: Graph) -> None:
    worker = graph.account("worker")
    path = f"/users/{worker['id']}/authentication/methods"
    r = graph.get(path, IT, ["UserAuthenticationMethod.Read.All"])
    types = [m["@odata.type"] for m in r.json()["value"]]
    assert types == [
        "#microsoft.graph.passwordAuthenticationMethod",
        "#microsoft.graph.qrCodePinAuthenticationMethod",
    ]
    assert_graph_error(graph.get(path, IT, ["UserAuthMethod-QR.ReadWrite.All"]), 403)
    none = worker_without_method(graph)
    r = graph.get(f"/users/{none['id']}/authentication/methods", IT)
    assert [m["@odata.type"] for m in r.json()["value"]] == [
        "#microsoft.graph.passwordAuthenticationMethod"
    ]
    r = graph.get("/me/authentication/methods", worker["upn"], ["UserAuthenticationMethod.Read"])
    assert r.status_code == 200


def test_v1_does_not_serve_the_method(graph: Graph, root: Any) -> None:
    worker = graph.account("worker")
    r = root.get(
        f"/v1.0/users/{worker['id']}/authentication/qrCodePinMethod", headers=graph.auth(IT)
    )
    assert_graph_error(r, 400, "BadRequest")
    assert r.json()["error"]["message"] == "Resource not found for the segment 'qrCodePinMethod'."
    r = root.get(f"/v1.0/users/{worker['id']}", headers=graph.auth(IT))
    assert r.status_code == 200
