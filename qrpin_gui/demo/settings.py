"""Behaviour switches of the demo tenant (``GET/POST /_demo/settings``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

_Validator = Callable[[Any], bool]

# key -> (default, validator, description)
_SCHEMA: dict[str, tuple[Any, _Validator, str]] = {
    "update_pin_verbs": (
        "both",
        lambda v: v in ("both", "POST", "PATCH"),
        '"both" | "POST" | "PATCH": which verbs .../pin/updatePin answers (405 for the other)',
    ),
    "method_children": (
        "inline",
        lambda v: v in ("inline", "expand"),
        '"inline" | "expand": GET qrCodePinMethod returns its codes and PIN inline, or only '
        "with $expand",
    ),
    "admin_consent": (
        True,
        lambda v: isinstance(v, bool),
        "bool: the tenant admin has consented to the demo app's *.All scopes (sign-in)",
    ),
}


def register_setting(key: str, default: Any, validator: _Validator, description: str) -> None:
    """Add a switch (for other demo modules, e.g. the sign-in endpoints)."""
    _SCHEMA[key] = (default, validator, description)


def describe() -> dict[str, str]:
    """Setting key -> what it does (for the docs and error messages)."""
    return {k: d for k, (_, _, d) in _SCHEMA.items()}


class DemoSettings:
    """The current switch values; a dict underneath, validated on every update."""

    def __init__(self) -> None:
        self._values: dict[str, Any] = {}
        self.restore_defaults()

    def restore_defaults(self) -> None:
        self._values = {k: default for k, (default, _, _) in _SCHEMA.items()}

    def __getitem__(self, key: str) -> Any:
        if key not in self._values and key in _SCHEMA:
            self._values[key] = _SCHEMA[key][0]
        return self._values[key]

    def get(self, key: str, default: Any = None) -> Any:
        try:
            return self[key]
        except KeyError:
            return default

    def as_dict(self) -> dict[str, Any]:
        return {k: self[k] for k in _SCHEMA}

    def update(self, changes: dict[str, Any]) -> None:
        """Apply ``changes`` atomically; raises ValueError naming the first bad key/value."""
        for key, value in changes.items():
            if key not in _SCHEMA:
                raise ValueError(f"unknown setting {key!r}; known: {', '.join(sorted(_SCHEMA))}")
            if not _SCHEMA[key][1](value):
                raise ValueError(f"invalid value for {key!r}: {_SCHEMA[key][2]}")
        self._values.update(changes)
