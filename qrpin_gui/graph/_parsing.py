"""Glue between Graph answers and the core parsers: a parse failure is a typed error."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar
from urllib.parse import quote

from qrpin_gui.core.parse import ParseError
from qrpin_gui.graph.client import GraphResponse
from qrpin_gui.graph.errors import MalformedResponseError

T = TypeVar("T")


def parse_or_raise(
    data: object, parser: Callable[[object, str], T], response: GraphResponse | None = None
) -> T:
    """``parser(data)``; a :class:`ParseError` becomes :class:`MalformedResponseError`
    (its message names a field path, never a value)."""
    try:
        return parser(data, parser.__name__.removeprefix("parse_"))
    except ParseError as exc:
        if response is not None:
            raise response._malformed(f"unexpected answer shape: {exc}") from exc
        raise MalformedResponseError(f"unexpected answer shape: {exc}") from exc


def user_segment(user: str) -> str:
    """A user id or UPN as one URL path segment (``#``, ``/``, ``?`` and ``%`` escaped)."""
    if user == "me":
        return "/me"
    return "/users/" + quote(user, safe="@'!$&()*+,;=:-._~")
