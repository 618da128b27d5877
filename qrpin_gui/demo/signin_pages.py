"""HTML pages of the demo sign-in endpoints (account picker, account confirmation,
form_post, device login).

Forms are plain HTML so that a scripted browser can fill them with a regex: every hidden
field is written exactly as ``<input type="hidden" name="N" value="V">``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from html import escape
from typing import Any

from starlette.responses import HTMLResponse

_STYLE = (
    "body{font-family:Segoe UI,Arial,sans-serif;background:#f2f2f2;margin:0}"
    ".box{background:#fff;max-width:440px;margin:48px auto;padding:32px;box-shadow:0 2px 6px #0003}"
    "h1{font-size:22px;font-weight:600}.muted{color:#555;font-size:13px}"
    "form.account{margin:0}button.account{display:block;width:100%;text-align:left;padding:10px;"
    "margin:4px 0;border:1px solid #ddd;background:#fff;cursor:pointer}"
    "button.account:hover{background:#eef}.err{color:#a00}"
)
_NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}


def _page(title: str, body: str, status: int = 200) -> HTMLResponse:
    html = (
        '<!DOCTYPE html><html><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head>"
        f'<body><div class="box">{body}</div></body></html>'
    )
    return HTMLResponse(html, status_code=status, headers=_NO_STORE)


def hidden(fields: Mapping[str, str]) -> str:
    return "".join(
        f'<input type="hidden" name="{escape(k)}" value="{escape(v)}">' for k, v in fields.items()
    )


def form_post(action: str, fields: Mapping[str, str]) -> HTMLResponse:
    """Entra's ``response_mode=form_post`` answer: a form that submits itself on load."""
    body = (
        '<h1>Working...</h1><p class="muted">Returning to the application.</p>'
        f'<form method="post" action="{escape(action)}" id="form_post">{hidden(fields)}'
        '<noscript><button type="submit">Continue</button></noscript></form>'
        "<script>document.getElementById('form_post').submit();</script>"
    )
    return _page("Working...", body)


def account_picker(
    *,
    action: str,
    request_id: str,
    accounts: Iterable[Mapping[str, Any]],
    app_name: str,
    notice: str | None = None,
) -> HTMLResponse:
    """Pick an account (the demo's sign-in: no password), sign in as anyone, or cancel."""
    rows = []
    for account in accounts:
        upn = str(account.get("upn", ""))
        label = f"{account.get('displayName', upn)} ({account.get('role', '')})"
        rows.append(
            f'<form class="account" method="post" action="{escape(action)}">'
            f"{hidden({'request_id': request_id, 'user': upn})}"
            f'<button class="account" type="submit" name="action" value="signin">'
            f'<b>{escape(label)}</b><br><span class="muted">{escape(upn)}</span></button></form>'
        )
    notice_html = f'<p class="err">{escape(notice)}</p>' if notice else ""
    body = (
        f'<h1>Pick an account</h1><p class="muted">to continue to {escape(app_name)}</p>'
        f"{notice_html}{''.join(rows)}"
        f'<form method="post" action="{escape(action)}" id="other">'
        f"{hidden({'request_id': request_id})}"
        '<p><label>Other account <input name="user" type="text" autocomplete="username"></label> '
        '<button type="submit" name="action" value="signin">Sign in</button></p></form>'
        f'<form method="post" action="{escape(action)}" id="deny">'
        f"{hidden({'request_id': request_id, 'action': 'deny'})}"
        '<button type="submit">Cancel</button></form>'
    )
    return _page("Sign in to your account", body)


def confirm_account(
    *,
    action: str,
    request_id: str,
    upn: str,
    display_name: str,
    app_name: str,
    consent_scopes: Iterable[str] | None = None,
) -> HTMLResponse:
    """One account to confirm: ``prompt=login`` (Entra's password page; the demo has no
    passwords) or, with ``consent_scopes``, ``prompt=consent`` (the permissions page).

    A scripted browser completes it by posting ``<form id="confirm">`` as it stands (hidden
    ``request_id``, ``user``, ``action=signin``); ``<form id="deny">`` cancels (access_denied)
    and ``<form id="switch">`` shows the account picker instead.
    """
    if consent_scopes is None:
        title = "Enter password"
        lead = (
            f'<h1>Enter password</h1><p><b>{escape(display_name)}</b><br><span class="muted">'
            f'{escape(upn)}</span></p><p class="muted">The demo tenant has no passwords: '
            f"confirm to sign in to {escape(app_name)} again.</p>"
        )
        button = "Sign in"
    else:
        title = "Permissions requested"
        items = "".join(f"<li>{escape(scope)}</li>" for scope in consent_scopes)
        lead = (
            f'<h1>Permissions requested</h1><p><b>{escape(app_name)}</b></p><p class="muted">'
            f"{escape(upn)}</p><p>This app would like to:</p><ul>{items}</ul>"
        )
        button = "Accept"
    body = (
        f"{lead}"
        f'<form method="post" action="{escape(action)}" id="confirm">'
        f"{hidden({'request_id': request_id, 'user': upn, 'action': 'signin'})}"
        f'<button type="submit">{button}</button></form>'
        f'<form method="post" action="{escape(action)}" id="switch">'
        f"{hidden({'request_id': request_id, 'action': 'switch'})}"
        '<button type="submit">Use another account</button></form>'
        f'<form method="post" action="{escape(action)}" id="deny">'
        f"{hidden({'request_id': request_id, 'action': 'deny'})}"
        '<button type="submit">Cancel</button></form>'
    )
    return _page(title, body)


def error_page(title: str, detail: str, status: int = 400) -> HTMLResponse:
    """Entra's "Sorry, but we're having trouble signing you in." page."""
    body = (
        "<h1>Sorry, but we’re having trouble signing you in.</h1>"
        f'<p class="err">{escape(title)}</p><p class="muted">{escape(detail)}</p>'
    )
    return _page("Sign in error", body, status)


def device_code_entry(action: str, notice: str | None = None) -> HTMLResponse:
    notice_html = f'<p class="err">{escape(notice)}</p>' if notice else ""
    body = (
        '<h1>Enter code</h1><p class="muted">Enter the code displayed on your app or device.'
        f"</p>{notice_html}"
        f'<form method="post" action="{escape(action)}" id="code">'
        '<input name="otc" type="text" autocomplete="off"> '
        '<button type="submit">Next</button></form>'
    )
    return _page("Enter code", body)


def device_picker(
    *, action: str, user_code: str, accounts: Iterable[Mapping[str, Any]], app_name: str
) -> HTMLResponse:
    rows = []
    for account in accounts:
        upn = str(account.get("upn", ""))
        rows.append(
            f'<form class="account" method="post" action="{escape(action)}">'
            f"{hidden({'otc': user_code, 'user': upn, 'action': 'approve'})}"
            f'<button class="account" type="submit"><b>{escape(str(account.get("displayName", upn)))}'
            f'</b><br><span class="muted">{escape(upn)}</span></button></form>'
        )
    body = (
        f"<h1>Are you trying to sign in to {escape(app_name)}?</h1>"
        '<p class="muted">Only continue if you downloaded the app from a store or website that '
        "you trust.</p>"
        f"{''.join(rows)}"
        f'<form method="post" action="{escape(action)}" id="deny">'
        f"{hidden({'otc': user_code, 'action': 'deny'})}"
        '<button type="submit">Cancel</button></form>'
    )
    return _page("Sign in", body)


def message(title: str, text: str, status: int = 200) -> HTMLResponse:
    return _page(title, f"<h1>{escape(title)}</h1><p>{escape(text)}</p>", status)
