"""User settings: one typed dataclass, JSON on disk, atomic writes, versioned upgrades.

Settings never hold a token, a PIN or a QR payload. A settings file that cannot be read is set
aside (renamed ``*.bad-<time>``) and the defaults are used, with the reason kept in
``Settings.load_problem`` so the window can tell the user.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import re
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

SCHEMA_VERSION = 1

GUID_RE = re.compile(
    r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
)
DOMAIN_RE = re.compile(
    r"^(?=.{4,253}$)([a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z]{2,63}$"
)
COLOR_SCHEMES = ("system", "light", "dark")


def is_valid_tenant(value: str) -> bool:
    """A tenant is a GUID, a verified domain (contoso.onmicrosoft.com), or 'organizations'."""
    value = value.strip()
    return bool(GUID_RE.match(value) or DOMAIN_RE.match(value)) or value == "organizations"


def is_valid_client_id(value: str) -> bool:
    return bool(GUID_RE.match(value.strip()))


@dataclass(slots=True)
class Settings:
    """Everything the user can choose. Field defaults are the app's defaults."""

    schema_version: int = SCHEMA_VERSION
    # Sign-in
    tenant: str = ""
    client_id: str = ""
    proxy: str = ""  # "" = system proxy settings; otherwise http(s)://host:port
    use_broker: bool | None = None  # None = platform default (on for Windows, never in demo)
    allow_plaintext_token_cache: bool | None = None  # None = not asked yet
    remembered_account: str = ""  # MSAL home_account_id; not a secret
    # Shared store PC
    sign_out_on_close: bool = False
    idle_lock_minutes: int = 15  # 0 = never lock
    # Roster
    last_store: str = ""  # administrative unit id, or "*" for all users
    expiring_within_days: int = 14
    # Appearance
    color_scheme: str = "system"
    language: str = ""  # "" = system language

    load_problem: str = field(default="", compare=False, metadata={"transient": True})

    # ---------------------------------------------------------------------------------------
    def problems(self) -> list[str]:
        """Validation problems (English, developer-facing; the settings dialog shows its own)."""
        out: list[str] = []
        if self.tenant and not is_valid_tenant(self.tenant):
            out.append("tenant")
        if self.client_id and not is_valid_client_id(self.client_id):
            out.append("client_id")
        if self.proxy and not re.match(r"^https?://[^\s/:]+(:\d{1,5})?/?$", self.proxy):
            out.append("proxy")
        if not 0 <= self.idle_lock_minutes <= 24 * 60:
            out.append("idle_lock_minutes")
        if not 1 <= self.expiring_within_days <= 395:
            out.append("expiring_within_days")
        if self.color_scheme not in COLOR_SCHEMES:
            out.append("color_scheme")
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            f.name: getattr(self, f.name)
            for f in dataclasses.fields(self)
            if not f.metadata.get("transient")
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Settings:
        data = upgrade(dict(data))
        known = {f.name: f for f in dataclasses.fields(cls) if not f.metadata.get("transient")}
        defaults = cls()
        kwargs: dict[str, Any] = {}
        for name, value in data.items():
            if name not in known:
                continue  # a newer app wrote it; ignore rather than fail
            expected = type(getattr(defaults, name))
            if getattr(defaults, name) is None or value is None:
                if value is None or isinstance(value, bool):
                    kwargs[name] = value
                continue
            if expected is bool and not isinstance(value, bool):
                continue
            if expected is int and (isinstance(value, bool) or not isinstance(value, int)):
                continue
            if expected is str and not isinstance(value, str):
                continue
            kwargs[name] = value
        settings = cls(**kwargs)
        for problem in settings.problems():
            setattr(settings, problem, getattr(defaults, problem))
        return settings

    # ---------------------------------------------------------------------------------------
    @classmethod
    def load(cls, path: Path) -> Settings:
        if not path.exists():
            return cls()
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(raw, dict):
                raise ValueError("the file does not hold a settings object")
            return cls.from_json(raw)
        except (OSError, ValueError, UnicodeDecodeError) as exc:
            aside = path.with_name(f"{path.name}.bad-{time.strftime('%Y%m%d-%H%M%S')}")
            try:
                os.replace(path, aside)
            except OSError:
                aside = path
            logger.warning(
                "Settings file unreadable (%s); defaults used, old file kept as %s",
                type(exc).__name__,
                aside.name,
            )
            settings = cls()
            settings.load_problem = aside.name
            return settings

    def save(self, path: Path) -> None:
        write_json_atomic(path, self.to_json())


def write_json_atomic(path: Path, data: object) -> None:
    """Write JSON to a temporary file in the same folder, fsync it, then replace ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, indent=2, sort_keys=True)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


# Upgrades: UPGRADES[n] turns a version-n dict into version n+1. Version 1 is the first.
UPGRADES: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}


def upgrade(data: dict[str, Any]) -> dict[str, Any]:
    version = data.get("schema_version", 1)
    if not isinstance(version, int) or version < 1:
        version = 1
    while version < SCHEMA_VERSION:
        data = UPGRADES[version](data)
        version += 1
    data["schema_version"] = SCHEMA_VERSION
    return data
