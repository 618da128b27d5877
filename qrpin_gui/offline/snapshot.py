"""The roster snapshot for the offline viewer: protected at rest, atomic, versioned.

After each completed sync the app saves what the window shows (rows, policy, store list, the
chosen store, sync time, tenant, account) with :meth:`SnapshotStore.save`; at the next start
:meth:`SnapshotStore.load` gives it back at once, with its age, before sign-in finishes.

File layout (all integers big-endian)::

    magic      8 bytes   b"QRPINSNP"
    version    2 bytes   container format version (FORMAT_VERSION)
    id length  1 byte    length of the protector id
    id         n bytes   protector id, ASCII ("dpapi", "aes-gcm-keyring", "plaintext", ...)
    length     8 bytes   length of the protected blob
    blob       ...       the protector's output for the UTF-8 JSON document; the header up to
                         the id is bound to it as associated data

The JSON document has its own ``schema`` version (see :mod:`.codec`). The snapshot never holds
a PIN, a QR image or payload, or a token: the codec has no place for them.

Loading never raises: every problem comes back as a :class:`LoadProblem` in the
:class:`LoadResult`. A file that cannot ever be used (corrupt, truncated, wrong version, other
tenant, undecryptable) is set aside as ``<name>.bad-<time>`` so the next start does not trip
over it again; one that may become readable later (protector unavailable right now, disk read
error) stays where it is.

Save and load are blocking (tens of milliseconds for 10,000 rows): run them off the GUI
thread for big rosters.
"""

from __future__ import annotations

import contextlib
import gc
import json
import logging
import struct
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import __version__
from ..core.models import AdministrativeUnit, Policy, RosterRow
from ..settings import GUID_RE
from . import codec
from .atomic import set_aside, write_bytes_atomic
from .protect import (
    CannotDecryptError,
    KeyMissingError,
    ProtectError,
    Protector,
    ProtectorUnavailableError,
    TamperedError,
)

if TYPE_CHECKING:
    from ..paths import AppPaths
    from ..settings import Settings

logger = logging.getLogger(__name__)

MAGIC = b"QRPINSNP"
FORMAT_VERSION = 1
DOCUMENT_KIND = "qrpin-gui.roster-snapshot"
_VERSION = struct.Struct(">H")
_LENGTH = struct.Struct(">Q")


@dataclass(frozen=True, slots=True)
class Snapshot:
    """What the window needs to show the roster without the network."""

    tenant_id: str
    account_username: str
    synced_at: datetime
    """When the sync that produced these rows completed (timezone-aware)."""
    rows: Sequence[RosterRow] = ()
    policy: Policy = field(default_factory=Policy.default)
    stores: Sequence[AdministrativeUnit] = ()
    """The stores (administrative units) the manager could pick from."""
    chosen_store: str = ""
    """The store the rows belong to: an administrative unit id, or ``"*"`` for all users."""
    app_version: str = __version__

    def age(self, now: datetime) -> timedelta:
        """How old the data is at ``now`` (never negative)."""
        return max(now - self.synced_at, timedelta(0))


class LoadProblem(Enum):
    """Why no snapshot came back (the window words each one)."""

    MISSING = "missing"
    """No snapshot yet (first start, or after it was discarded)."""
    CORRUPT = "corrupt"
    """Damaged: garbage, wrong magic, failed integrity check, bad document."""
    TRUNCATED = "truncated"
    """Cut short (e.g. a copy interrupted)."""
    WRONG_VERSION = "wrong-version"
    """Written by another app version in a format this one does not read."""
    OTHER_TENANT = "other-tenant"
    """Holds another tenant's roster."""
    CANNOT_DECRYPT = "cannot-decrypt"
    """The key is missing or changed, or another Windows user or computer wrote it."""
    PROTECTOR_UNAVAILABLE = "protector-unavailable"
    """Written with a protection this computer cannot use now (kept for later)."""
    UNREADABLE = "unreadable"
    """The file could not be read from disk (kept for later)."""


_KEPT_IN_PLACE = frozenset(
    {LoadProblem.MISSING, LoadProblem.PROTECTOR_UNAVAILABLE, LoadProblem.UNREADABLE}
)


@dataclass(frozen=True, slots=True)
class LoadResult:
    """Either a snapshot with its age, or a problem (with where the file was set aside)."""

    snapshot: Snapshot | None = None
    age: timedelta | None = None
    problem: LoadProblem | None = None
    detail: str = ""
    """English, developer-facing (for the log and "copy details"); never holds data."""
    set_aside_as: Path | None = None

    @property
    def ok(self) -> bool:
        return self.snapshot is not None


class SnapshotSaveError(Exception):
    """The snapshot could not be written; the previous one (if any) is unchanged."""


class _Problem(Exception):
    def __init__(self, problem: LoadProblem, detail: str) -> None:
        super().__init__(detail)
        self.problem = problem
        self.detail = detail


def header_prefix(protector_id: str) -> bytes:
    """The header up to the blob length: magic, version, protector id. It is the associated
    data the protector binds to the blob (the length needs no binding: a wrong one shows as
    truncation, trailing bytes or a failed integrity check)."""
    pid = protector_id.encode("ascii")
    if not 0 < len(pid) < 256:
        raise ValueError("protector id must be 1-255 ASCII characters")
    return MAGIC + _VERSION.pack(FORMAT_VERSION) + bytes([len(pid)]) + pid


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building or reading tens of thousands of
    small acyclic objects (a third faster; nothing here makes reference cycles)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def encode_document(snapshot: Snapshot) -> bytes:
    """The snapshot's JSON document (UTF-8), without one-time secrets."""
    document: dict[str, Any] = {
        "kind": DOCUMENT_KIND,
        "schema": codec.SCHEMA_VERSION,
        "app_version": snapshot.app_version,
        "tenant_id": snapshot.tenant_id,
        "account": snapshot.account_username,
        "synced_at": snapshot.synced_at.isoformat(),
        "chosen_store": snapshot.chosen_store,
        "layout": codec.layout_description(),
        "stores": [codec.encode_unit(u) for u in snapshot.stores],
        "policy": codec.encode_policy(snapshot.policy),
    }
    with _gc_paused():
        document["rows"] = [codec.encode_row(r) for r in snapshot.rows]
        return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def decode_document(data: bytes) -> dict[str, Any]:
    try:
        with _gc_paused():
            document = json.loads(data)
    except (ValueError, UnicodeDecodeError):
        raise _Problem(LoadProblem.CORRUPT, "document is not JSON") from None
    if not isinstance(document, dict) or document.get("kind") != DOCUMENT_KIND:
        raise _Problem(LoadProblem.CORRUPT, "not a roster snapshot document")
    schema = document.get("schema")
    if schema != codec.SCHEMA_VERSION:
        raise _Problem(
            LoadProblem.WRONG_VERSION,
            f"document schema {schema!r}, this app reads {codec.SCHEMA_VERSION}",
        )
    if document.get("layout") != codec.layout_description():
        raise _Problem(LoadProblem.WRONG_VERSION, "document field layout differs")
    return document


def snapshot_from_document(document: dict[str, Any]) -> Snapshot:
    try:
        synced_text = document.get("synced_at")
        if not isinstance(synced_text, str):
            raise codec.CodecError("synced_at: expected a date-time")
        synced_at = datetime.fromisoformat(synced_text)
        if synced_at.tzinfo is None:
            synced_at = synced_at.replace(tzinfo=UTC)
        texts = {
            k: document.get(k) for k in ("tenant_id", "account", "chosen_store", "app_version")
        }
        for key, value in texts.items():
            if not isinstance(value, str):
                raise codec.CodecError(f"{key}: expected text")
        return Snapshot(
            tenant_id=str(texts["tenant_id"]),
            account_username=str(texts["account"]),
            synced_at=synced_at,
            rows=_decode_rows(document.get("rows")),
            policy=codec.decode_policy(document.get("policy")),
            stores=codec.decode_units(document.get("stores")),
            chosen_store=str(texts["chosen_store"]),
            app_version=str(texts["app_version"]),
        )
    except codec.CodecError as exc:
        raise _Problem(LoadProblem.CORRUPT, f"bad document field {exc}") from None
    except (ValueError, TypeError) as exc:
        raise _Problem(LoadProblem.CORRUPT, f"bad document ({type(exc).__name__})") from None


def _decode_rows(values: Any) -> tuple[RosterRow, ...]:
    with _gc_paused():
        return codec.decode_rows(values)


def expected_tenant_for(settings: Settings) -> str | None:
    """The tenant id a start-up load should expect, from the settings: the tenant part of the
    remembered MSAL account (``<object id>.<tenant id>``), else the configured tenant when it
    is a GUID; None when unknown (then any tenant's snapshot is shown)."""
    account = settings.remembered_account.strip()
    if "." in account:
        tenant = account.rsplit(".", 1)[1]
        if GUID_RE.match(tenant):
            return tenant
    if GUID_RE.match(settings.tenant.strip()):
        return settings.tenant.strip()
    return None


class SnapshotStore:
    """The snapshot file of a profile (``AppPaths.snapshot_file``), with one protector."""

    def __init__(
        self,
        paths: AppPaths | Path,
        protector: Protector,
        *,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.path = paths if isinstance(paths, Path) else paths.snapshot_file
        self.protector = protector
        self._clock = clock

    # Saving -----------------------------------------------------------------------------------
    def save(self, snapshot: Snapshot) -> None:
        """Write ``snapshot`` atomically, replacing the previous one only once the new one is
        completely on disk. Raises :class:`SnapshotSaveError` (previous file unchanged)."""
        if snapshot.synced_at.tzinfo is None:
            raise ValueError("synced_at must be timezone-aware")
        document = encode_document(snapshot)
        pid = self.protector.protector_id
        try:
            prefix = header_prefix(pid)
            blob = self.protector.protect(document, prefix)
            header = prefix + _LENGTH.pack(len(blob))
            write_bytes_atomic(self.path, header + blob)
        except ProtectError as exc:
            raise SnapshotSaveError(f"could not protect the snapshot: {exc}") from None
        except OSError as exc:
            raise SnapshotSaveError(
                f"could not write the snapshot ({type(exc).__name__}: {exc.strerror or exc})"
            ) from exc
        logger.info(
            "Snapshot saved: %d rows, %d bytes, protection %s",
            len(snapshot.rows),
            len(header) + len(blob),
            pid,
        )

    def discard(self) -> None:
        """Delete the snapshot and any set-aside copies (sign-out on a shared PC)."""
        remove_snapshot_files(self.path)

    # Loading ----------------------------------------------------------------------------------
    def load(self, expected_tenant: str | None = None) -> LoadResult:
        """The last snapshot, or the reason there is none. Never raises.

        With ``expected_tenant`` (the tenant id, a GUID, as :attr:`Snapshot.tenant_id` holds
        it; see :func:`expected_tenant_for`), a snapshot of another tenant is refused and set
        aside. Comparison ignores case.
        """
        try:
            snapshot = self._read(expected_tenant)
        except _Problem as problem:
            return self._fail(problem.problem, problem.detail)
        except Exception as exc:  # a bug must not stop the app from starting
            logger.exception("Unexpected error reading the snapshot")
            return self._fail(LoadProblem.CORRUPT, f"unexpected {type(exc).__name__}")
        age = snapshot.age(self._clock())
        logger.info("Snapshot loaded: %d rows, %s old", len(snapshot.rows), age)
        return LoadResult(snapshot=snapshot, age=age)

    def _fail(self, problem: LoadProblem, detail: str) -> LoadResult:
        aside: Path | None = None
        if problem not in _KEPT_IN_PLACE:
            aside = set_aside(self.path)
            logger.warning(
                "Snapshot unusable (%s: %s); set aside as %s",
                problem.value,
                detail,
                aside.name if aside else "(deleted)",
            )
        elif problem is not LoadProblem.MISSING:
            logger.warning("Snapshot not loaded (%s: %s)", problem.value, detail)
        return LoadResult(problem=problem, detail=detail, set_aside_as=aside)

    def _read(self, expected_tenant: str | None) -> Snapshot:
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            raise _Problem(LoadProblem.MISSING, "no snapshot file") from None
        except OSError as exc:
            raise _Problem(LoadProblem.UNREADABLE, f"read failed ({type(exc).__name__})") from None

        prefix, blob, pid = _split(data)
        if pid != self.protector.protector_id:
            raise _Problem(
                LoadProblem.PROTECTOR_UNAVAILABLE,
                f"written with protection {pid!r}, this computer uses "
                f"{self.protector.protector_id!r}",
            )
        try:
            document_bytes = self.protector.unprotect(blob, prefix)
        except TamperedError as exc:
            raise _Problem(LoadProblem.CORRUPT, f"integrity check failed: {exc}") from None
        except KeyMissingError as exc:
            raise _Problem(LoadProblem.CANNOT_DECRYPT, f"key missing: {exc}") from None
        except CannotDecryptError as exc:
            raise _Problem(LoadProblem.CANNOT_DECRYPT, str(exc)) from None
        except ProtectorUnavailableError as exc:
            raise _Problem(LoadProblem.PROTECTOR_UNAVAILABLE, str(exc)) from None

        document = decode_document(document_bytes)
        tenant = document.get("tenant_id")
        if (
            expected_tenant
            and isinstance(tenant, str)
            and tenant.casefold() != expected_tenant.strip().casefold()
        ):
            raise _Problem(LoadProblem.OTHER_TENANT, "the snapshot belongs to another tenant")
        return snapshot_from_document(document)


def remove_snapshot_files(paths: AppPaths | Path) -> None:
    """Delete the snapshot and its set-aside copies without needing a protector (e.g. when
    the user withdrew consent to plaintext storage, or signs out of a shared PC)."""
    path = paths if isinstance(paths, Path) else paths.snapshot_file
    for victim in [path, *path.parent.glob(f"{path.name}.bad-*")]:
        try:
            victim.unlink()
        except FileNotFoundError:
            pass
        except OSError as exc:
            logger.warning("Could not delete %s (%s)", victim.name, type(exc).__name__)


def _split(data: bytes) -> tuple[bytes, bytes, str]:
    """(header prefix, blob, protector id) of a snapshot file, or a truncation/corruption problem."""
    if len(data) < len(MAGIC):
        if MAGIC.startswith(data):
            raise _Problem(LoadProblem.TRUNCATED, f"file is {len(data)} bytes")
        raise _Problem(LoadProblem.CORRUPT, "not a snapshot file (magic)")
    if not data.startswith(MAGIC):
        raise _Problem(LoadProblem.CORRUPT, "not a snapshot file (magic)")
    pos = len(MAGIC)
    if len(data) < pos + _VERSION.size + 1:
        raise _Problem(LoadProblem.TRUNCATED, "header cut short")
    (version,) = _VERSION.unpack_from(data, pos)
    if version != FORMAT_VERSION:
        raise _Problem(
            LoadProblem.WRONG_VERSION, f"format version {version}, this app reads {FORMAT_VERSION}"
        )
    pos += _VERSION.size
    pid_length = data[pos]
    pos += 1
    if len(data) < pos + pid_length + _LENGTH.size:
        raise _Problem(LoadProblem.TRUNCATED, "header cut short")
    try:
        pid = data[pos : pos + pid_length].decode("ascii")
    except UnicodeDecodeError:
        raise _Problem(LoadProblem.CORRUPT, "protector id is not ASCII") from None
    if not pid or not pid.isprintable():
        raise _Problem(LoadProblem.CORRUPT, "bad protector id")
    pos += pid_length
    prefix_end = pos
    (blob_length,) = _LENGTH.unpack_from(data, pos)
    pos += _LENGTH.size
    available = len(data) - pos
    if available < blob_length:
        raise _Problem(
            LoadProblem.TRUNCATED, f"{available} of {blob_length} protected bytes present"
        )
    if available > blob_length:
        raise _Problem(LoadProblem.CORRUPT, "unexpected bytes after the snapshot")
    return data[:prefix_end], data[pos:], pid
