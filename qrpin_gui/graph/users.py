"""Users: list (paged), search, get, and the user members of an administrative unit."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import quote

from qrpin_gui.core.models import User
from qrpin_gui.core.parse import ParseError, parse_user
from qrpin_gui.graph._parsing import parse_or_raise, user_segment
from qrpin_gui.graph.client import GraphClient

log = logging.getLogger(__name__)

USER_SELECT: tuple[str, ...] = (
    "id",
    "displayName",
    "userPrincipalName",
    "department",
    "jobTitle",
    "accountEnabled",
    "mail",
)
"""The properties the roster shows (``$select``)."""

MAX_PAGE_SIZE = 999
EVENTUAL = {"ConsistencyLevel": "eventual"}


@dataclass(frozen=True, slots=True)
class UserPage:
    """One page of users as they arrive.

    ``count`` is ``@odata.count`` (first page of a counted query only). ``unreadable`` is the
    number of entries on this page that were not users the app can show (no id, wrong
    types): they are counted, never silently dropped.
    """

    users: tuple[User, ...]
    count: int | None = None
    unreadable: int = 0


def _user_params(select: Sequence[str], top: int | None) -> dict[str, str]:
    params = {"$select": ",".join(select)}
    if top is not None:
        params["$top"] = str(max(1, min(MAX_PAGE_SIZE, top)))
    return params


async def _user_pages(
    client: GraphClient,
    url: str,
    params: Mapping[str, str],
    headers: Mapping[str, str] | None,
) -> AsyncIterator[UserPage]:
    async for page in client.pages(url, params=params, headers=headers):
        users: list[User] = []
        unreadable = 0
        for index, item in enumerate(page.items):
            odata_type = item.get("@odata.type")
            if isinstance(odata_type, str) and odata_type.lower() != "#microsoft.graph.user":
                continue  # a group or device in an AU's members: not a person
            try:
                users.append(parse_user(item, f"value[{index}]"))
            except ParseError as exc:
                unreadable += 1
                log.warning("skipping an unreadable user entry: %s", exc)
        yield UserPage(tuple(users), page.count, unreadable)


def list_users(
    client: GraphClient,
    *,
    select: Sequence[str] = USER_SELECT,
    top: int | None = MAX_PAGE_SIZE,
    count: bool = False,
) -> AsyncIterator[UserPage]:
    """Every user of the directory, page by page (``GET /users``).

    ``count=True`` adds ``$count=true`` with ``ConsistencyLevel: eventual`` (an advanced
    query) so the first page carries the total.
    """
    params = _user_params(select, top)
    headers = None
    if count:
        params["$count"] = "true"
        headers = EVENTUAL
    return _user_pages(client, "/users", params, headers)


def _search_clause(text: str, properties: Sequence[str]) -> str:
    cleaned = text.replace("\\", " ").replace('"', " ").strip()
    return " OR ".join(f'"{prop}:{cleaned}"' for prop in properties)


def search_users(
    client: GraphClient,
    text: str,
    *,
    properties: Sequence[str] = ("displayName", "userPrincipalName"),
    select: Sequence[str] = USER_SELECT,
    top: int | None = MAX_PAGE_SIZE,
    consistency_level: bool = True,
) -> AsyncIterator[UserPage]:
    """Users matching ``text`` by ``$search`` (tokenized on displayName, prefix elsewhere).

    Graph requires ``ConsistencyLevel: eventual`` for ``$search``; ``consistency_level=False``
    exists to show what the service does without it (400 ``Request_UnsupportedQuery``).
    """
    params = _user_params(select, top)
    params["$search"] = _search_clause(text, properties)
    headers = None
    if consistency_level:
        params["$count"] = "true"
        headers = EVENTUAL
    return _user_pages(client, "/users", params, headers)


async def get_user(client: GraphClient, user: str, *, select: Sequence[str] = USER_SELECT) -> User:
    """One user by id or UPN (404 raises :class:`~qrpin_gui.graph.errors.NotFoundError`)."""
    response = await client.request("GET", user_segment(user), params={"$select": ",".join(select)})
    return parse_or_raise(response.json_object(), parse_user, response)


async def get_me(client: GraphClient, *, select: Sequence[str] = USER_SELECT) -> User:
    """The signed-in user."""
    return await get_user(client, "me", select=select)


def list_unit_members(
    client: GraphClient,
    unit_id: str,
    *,
    select: Sequence[str] = USER_SELECT,
    top: int | None = MAX_PAGE_SIZE,
) -> AsyncIterator[UserPage]:
    """The user members of an administrative unit, page by page
    (``/directory/administrativeUnits/{id}/members/microsoft.graph.user``)."""
    url = f"/directory/administrativeUnits/{quote(unit_id, safe='')}/members/microsoft.graph.user"
    return _user_pages(client, url, _user_params(select, top), None)
