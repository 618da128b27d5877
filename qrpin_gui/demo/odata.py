"""The OData query options the demo serves, and nothing more.

Users: ``$select``, ``$top`` (1-999), opaque ``$skiptoken`` paging, and this ``$filter``
grammar, clauses joined by ``and``:

- ``startswith(P,'x')`` for P in displayName, givenName, surname, userPrincipalName, mail
- ``P eq 'x'`` for P in userPrincipalName, displayName, mail, id, jobTitle
- ``accountEnabled eq true|false``
- ``department eq 'x'`` only as an advanced query (``ConsistencyLevel: eventual`` and
  ``$count=true``)

``$search`` (advanced only): ``"displayName:x"`` (tokenised), ``"userPrincipalName:x"`` and
``"mail:x"`` (prefix), joined by ``OR`` / ``AND``. Anything else is 400
``Request_UnsupportedQuery``: the demo never answers a query it does not understand.
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlencode

from qrpin_gui.demo import timeutil
from qrpin_gui.demo.constants import MAX_PAGE_SIZE
from qrpin_gui.demo.errors import GraphError, bad_request, unsupported_query
from qrpin_gui.demo.model import User

SYSTEM_OPTIONS = frozenset(
    {
        "select", "filter", "top", "search", "count", "expand", "orderby", "skip",
        "skiptoken", "format", "apply", "compute", "levels", "deltatoken", "index",
    }
)  # fmt: skip


@dataclass
class Query:
    """Parsed query string: OData options (lower-case names, no ``$``) and the rest."""

    options: dict[str, str] = field(default_factory=dict)
    pairs: list[tuple[str, str]] = field(default_factory=list)

    def allow(self, *names: str) -> None:
        """400 ``Request_UnsupportedQuery`` for any OData option not in ``names``."""
        for name in self.options:
            if name not in names:
                raise unsupported_query(
                    f"The query option '${name}' is not supported on this resource."
                )

    def get(self, name: str) -> str | None:
        return self.options.get(name)


def parse_query(query_string: str) -> Query:
    q = Query()
    try:
        pairs = parse_qsl(query_string, keep_blank_values=True, strict_parsing=False)
    except ValueError as exc:
        raise bad_request("The query string is malformed.", "Request_BadRequest") from exc
    for key, value in pairs:
        q.pairs.append((key, value))
        name = key[1:] if key.startswith("$") else key
        lname = name.lower()
        if lname in SYSTEM_OPTIONS:
            if lname in q.options:
                raise bad_request(
                    f"Query option '${name}' was specified more than once, but it must be "
                    "specified at most once.",
                    "Request_BadRequest",
                )
            q.options[lname] = value
        elif key.startswith("$"):
            raise bad_request(
                f"The query parameter '{key}' is not supported.", "Request_BadRequest"
            )
    return q


# --- user properties ----------------------------------------------------------------------

_Getter = Callable[[User], Any]

USER_PROPERTIES: dict[str, _Getter] = {
    "businessPhones": lambda u: list(u.business_phones),
    "displayName": lambda u: u.display_name,
    "givenName": lambda u: u.given_name,
    "id": lambda u: u.id,
    "jobTitle": lambda u: u.job_title,
    "mail": lambda u: u.mail,
    "mobilePhone": lambda u: u.mobile_phone,
    "officeLocation": lambda u: u.office_location,
    "preferredLanguage": lambda u: u.preferred_language,
    "surname": lambda u: u.surname,
    "userPrincipalName": lambda u: u.upn,
    "accountEnabled": lambda u: u.account_enabled,
    "department": lambda u: u.department,
    "employeeId": lambda u: u.employee_id,
    "companyName": lambda u: u.company_name,
    "usageLocation": lambda u: u.usage_location,
    "city": lambda u: u.city,
    "country": lambda u: u.country,
    "createdDateTime": lambda u: timeutil.fmt(u.created),
    "userType": lambda u: "Member",
}
DEFAULT_USER_SELECT = (
    "businessPhones", "displayName", "givenName", "id", "jobTitle", "mail", "mobilePhone",
    "officeLocation", "preferredLanguage", "surname", "userPrincipalName",
)  # fmt: skip
BASIC_USER_PROPERTIES = frozenset(
    {"id", "displayName", "givenName", "surname", "mail", "userPrincipalName"}
)
_CANONICAL = {name.lower(): name for name in USER_PROPERTIES}


def canonical_property(name: str) -> str | None:
    return _CANONICAL.get(name.strip().lower())


def parse_select(value: str | None, type_name: str = "microsoft.graph.user") -> list[str]:
    """Canonical user property names of ``$select`` (the default set when absent)."""
    if value is None:
        return list(DEFAULT_USER_SELECT)
    out: list[str] = []
    for raw in value.split(","):
        raw = raw.strip()
        if raw == "*":
            return list(USER_PROPERTIES)
        prop = canonical_property(raw)
        if prop is None:
            raise bad_request(
                f"Could not find a property named '{raw}' on type '{type_name}'.",
                "Request_BadRequest",
            )
        if prop not in out:
            out.append(prop)
    return out


def parse_top(value: str | None, default: int) -> int:
    if value is None:
        return default
    if not re.fullmatch(r"\s*\d{1,9}\s*", value) or not 1 <= int(value) <= MAX_PAGE_SIZE:
        raise bad_request(
            f"Invalid page size specified: '{value}'. Must be between 1 and {MAX_PAGE_SIZE} "
            "inclusive.",
            "Request_BadRequest",
        )
    return int(value)


def parse_count(value: str | None) -> bool:
    if value is None:
        return False
    if value.lower() not in ("true", "false"):
        raise bad_request(
            f"The value '{value}' is not valid for the query option '$count'.",
            "Request_BadRequest",
        )
    return value.lower() == "true"


# --- $filter ----------------------------------------------------------------------------------

_STARTSWITH_PROPS = frozenset({"displayName", "givenName", "surname", "userPrincipalName", "mail"})
_EQ_STRING_PROPS = frozenset({"userPrincipalName", "displayName", "mail", "id", "jobTitle"})
_ADVANCED_EQ_PROPS = frozenset({"department"})

_CLAUSE = re.compile(
    r"""\s*(?:
        startswith\(\s*(?P<sw_prop>\w+)\s*,\s*'(?P<sw_val>(?:[^']|'')*)'\s*\)
      | (?P<eq_prop>\w+)\s+eq\s+(?:'(?P<eq_str>(?:[^']|'')*)'|(?P<eq_bool>true|false)\b)
    )\s*""",
    re.IGNORECASE | re.VERBOSE,
)
_AND = re.compile(r"and\s", re.IGNORECASE)

Predicate = Callable[[User], bool]


def _unsupported_clause(prop: str) -> GraphError:
    return unsupported_query(
        f"Unsupported or invalid query filter clause specified for property '{prop}' of "
        "resource 'User'."
    )


def compile_filter(
    text: str, *, advanced: bool, count: bool, used: set[str] | None = None
) -> list[Predicate]:
    """Predicates (all must hold) for a ``$filter`` inside the grammar; 400 otherwise.

    ``used`` collects the canonical property names the filter reads.
    """
    preds: list[Predicate] = []
    pos = 0
    text = text.strip()
    if not text:
        raise unsupported_query("Invalid filter clause: the filter is empty.")
    while True:
        m = _CLAUSE.match(text, pos)
        if m is None:
            raise unsupported_query(
                f"Invalid filter clause: the syntax at position {pos} is not supported."
            )
        preds.append(_clause(m, advanced=advanced, count=count))
        if used is not None:
            used.add(canonical_property(m.group("sw_prop") or m.group("eq_prop")) or "")
        pos = m.end()
        if pos == len(text):
            return preds
        a = _AND.match(text, pos)
        if a is None:
            raise unsupported_query(
                f"Invalid filter clause: the syntax at position {pos} is not supported."
            )
        pos = a.end()


def _clause(m: re.Match[str], *, advanced: bool, count: bool) -> Predicate:
    if m.group("sw_prop") is not None:
        prop = canonical_property(m.group("sw_prop"))
        if prop not in _STARTSWITH_PROPS:
            raise _unsupported_clause(m.group("sw_prop"))
        assert prop is not None
        needle = m.group("sw_val").replace("''", "'").lower()
        getter = USER_PROPERTIES[prop]
        return lambda u: (getter(u) or "").lower().startswith(needle)
    prop_raw = m.group("eq_prop")
    prop = canonical_property(prop_raw)
    if m.group("eq_bool") is not None:
        if prop != "accountEnabled":
            raise _unsupported_clause(prop_raw)
        wanted = m.group("eq_bool").lower() == "true"
        return lambda u: u.account_enabled is wanted
    if prop == "accountEnabled":
        raise _unsupported_clause(prop_raw)
    if prop in _ADVANCED_EQ_PROPS:
        if not (advanced and count):
            raise _unsupported_clause(prop_raw)
    elif prop not in _EQ_STRING_PROPS:
        raise _unsupported_clause(prop_raw)
    assert prop is not None
    value = m.group("eq_str").replace("''", "'").lower()
    getter = USER_PROPERTIES[prop]
    return lambda u: (getter(u) or "").lower() == value


# --- $search ----------------------------------------------------------------------------------

_SEARCH_TERM = re.compile(r'\s*"(?P<prop>\w+):(?P<term>[^"]*)"\s*')
_SEARCH_JOIN = re.compile(r"(OR|AND)\s", re.IGNORECASE)
_TOKEN_SPLIT = re.compile(r"[\s\-_.,@'()]+")


def _tokens(text: str) -> list[str]:
    return [t for t in _TOKEN_SPLIT.split(text.lower()) if t]


def compile_search(text: str) -> Predicate:
    """A predicate for ``$search`` inside the grammar; 400 otherwise."""
    pos, terms, joins = 0, [], []
    while True:
        m = _SEARCH_TERM.match(text, pos)
        if m is None:
            raise unsupported_query(
                'Syntax error: the $search value must be one or more "property:term" '
                "clauses joined by OR or AND."
            )
        prop = canonical_property(m.group("prop"))
        term = m.group("term").strip()
        if prop not in ("displayName", "userPrincipalName", "mail") or not term:
            raise unsupported_query(
                f"$search is not supported on property '{m.group('prop')}' or the term is empty."
            )
        terms.append(_search_term(prop, term))
        pos = m.end()
        if pos == len(text):
            break
        j = _SEARCH_JOIN.match(text, pos)
        if j is None:
            raise unsupported_query("Syntax error in $search: expected OR or AND.")
        joins.append(j.group(1).upper())
        pos = j.end()

    def predicate(u: User) -> bool:
        result = terms[0](u)
        for join, term in zip(joins, terms[1:], strict=True):
            result = (result or term(u)) if join == "OR" else (result and term(u))
        return result

    return predicate


def _search_term(prop: str, term: str) -> Predicate:
    if prop == "displayName":
        wanted = _tokens(term)
        return lambda u: all(any(t.startswith(w) for t in _tokens(u.display_name)) for w in wanted)
    getter = USER_PROPERTIES[prop]
    needle = term.lower()
    return lambda u: (getter(u) or "").lower().startswith(needle)


# --- paging -----------------------------------------------------------------------------------


def encode_skiptoken(offset: int, generation: int) -> str:
    raw = json.dumps({"o": offset, "g": generation}, separators=(",", ":")).encode()
    return "RFNwdAIA" + base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_skiptoken(token: str, generation: int) -> int:
    try:
        if not token.startswith("RFNwdAIA"):
            raise ValueError(token)
        body = token[8:]
        data = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
        offset, gen = int(data["o"]), int(data["g"])
    except (ValueError, KeyError, TypeError, RecursionError) as exc:
        raise bad_request("The specified skip token is not valid.", "Request_BadRequest") from exc
    if gen != generation:
        raise bad_request(
            "The specified page token value has expired and can no longer be included in "
            "your request.",
            "Directory_ExpiredPageToken",
        )
    return max(0, offset)


def next_link(base: str, pairs: Iterable[tuple[str, str]], token: str) -> str:
    kept = [(k, v) for k, v in pairs if k.lstrip("$").lower() != "skiptoken"]
    kept.append(("$skiptoken", token))
    return base + "?" + urlencode(kept, safe="$(),'")
