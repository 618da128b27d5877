"""The action journal: typed entries, no secrets, torn lines, pending issuances, rotation."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from qrpin_gui.offline.journal import (
    Action,
    Delivery,
    EntryKind,
    IssuedSecret,
    Journal,
    JournalValueError,
    Outcome,
    Person,
)

MANAGER = Person("11111111-1111-1111-1111-111111111111", "mia@contoso.com", "Mia Manager")
ANNA = Person("22222222-2222-2222-2222-222222222222", "anna@contoso.com", "Anna Berg")
BOB = Person("33333333-3333-3333-3333-333333333333", "bob@contoso.com", "Bob Stone")
STORE = "aaaaaaaa-0000-0000-0000-000000000042"


def make(tmp_path: Path, **kwargs: object) -> Journal:
    return Journal(tmp_path / "journal.jsonl", **kwargs)  # type: ignore[arg-type]


def test_action_round_trip(tmp_path: Path) -> None:
    j = make(tmp_path, tenant_id="contoso.onmicrosoft.com")
    j.record_action(
        Action.RESET_PIN,
        Outcome.FAILED,
        actor=MANAGER,
        target=ANNA,
        store_id=STORE,
        http_status=403,
        error_code="accessDenied",
        request_id="9c4c8e4f-5b7f-4f7e-9b55-1d3c1a2b3c4d",
        client_request_id="0f0e0d0c-0b0a-0908-0706-050403020100",
    )
    result = j.read()
    assert result.skipped_lines == 0
    [entry] = result.entries
    assert entry.kind is EntryKind.ACTION
    assert (entry.action, entry.outcome) == (Action.RESET_PIN, Outcome.FAILED)
    assert entry.actor == MANAGER and entry.target == ANNA
    assert (entry.http_status, entry.error_code) == (403, "accessDenied")
    assert entry.request_id == "9c4c8e4f-5b7f-4f7e-9b55-1d3c1a2b3c4d"
    assert entry.client_request_id == "0f0e0d0c-0b0a-0908-0706-050403020100"
    assert entry.store_id == STORE and entry.tenant_id == "contoso.onmicrosoft.com"
    assert entry.at.tzinfo is not None
    # one JSON object per line
    [line] = (tmp_path / "journal.jsonl").read_text().splitlines()
    assert json.loads(line)["action"] == "reset-pin"


@pytest.mark.parametrize(
    "bad",
    [
        {"error_code": "12345678"},  # a PIN passed where an error code goes
        {"target": Person(ANNA.user_id, ANNA.upn, "73920184")},  # a PIN as a name
        {"target": Person(ANNA.user_id, "ms-qrpin:v1|anna@contoso.com|id|s3cr3t", "Anna")},
        {"request_id": "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.sig"},  # a token
        {"error_code": "bad code with spaces"},
        {"store_id": "x" * 300},
        {"target": Person("", "anna@contoso.com")},
        {"http_status": 42},
    ],
)
def test_secret_shaped_or_malformed_values_are_refused(
    tmp_path: Path, bad: dict[str, object]
) -> None:
    j = make(tmp_path)
    kwargs: dict[str, object] = {"actor": MANAGER, "target": ANNA, **bad}
    with pytest.raises(JournalValueError) as info:
        j.record_action(Action.RESET_PIN, Outcome.SUCCEEDED, **kwargs)  # type: ignore[arg-type]
    assert "12345678" not in str(info.value) and "s3cr3t" not in str(info.value)
    assert not (tmp_path / "journal.jsonl").exists()


def test_torn_last_line_and_garbage_are_skipped_and_counted(tmp_path: Path) -> None:
    j = make(tmp_path)
    j.record_action(Action.DELETE_METHOD, Outcome.SUCCEEDED, actor=MANAGER, target=ANNA)
    path = tmp_path / "journal.jsonl"
    with open(path, "ab") as fh:
        fh.write(b"\x00\xffnot json at all\n[1,2,3]\n")
        fh.write(b'{"v":1,"at":"2025-01-01T00:00:00+00:00","kind":"act')  # crash mid-write
    result = j.read()
    assert len(result.entries) == 1 and result.skipped_lines == 3
    # the next entry goes on its own line, not glued to the torn one
    j.record_action(Action.EXTEND_EXPIRY, Outcome.UNKNOWN, actor=MANAGER, target=BOB)
    result = j.read()
    assert [e.action for e in result.entries] == [Action.DELETE_METHOD, Action.EXTEND_EXPIRY]
    assert result.skipped_lines == 3


def test_pending_issuance_until_printed_or_saved(tmp_path: Path) -> None:
    j = make(tmp_path)
    a = j.record_issued(
        ANNA, IssuedSecret.STANDARD_CODE, actor=MANAGER, action=Action.CREATE_METHOD, store_id=STORE
    )
    b = j.record_issued(BOB, IssuedSecret.PIN, actor=MANAGER, action=Action.RESET_PIN)
    assert a != b
    # the app "dies": a new Journal object on the same file sees both as pending
    pending = make(tmp_path).pending_issuances()
    assert [(p.target, p.issued) for p in pending] == [
        (ANNA, IssuedSecret.STANDARD_CODE),
        (BOB, IssuedSecret.PIN),
    ]
    assert pending[0].store_id == STORE and pending[0].action is Action.CREATE_METHOD
    j.mark_delivered(a, Delivery.PRINTED)
    assert [p.target for p in make(tmp_path).pending_issuances()] == [BOB]
    j.mark_delivered(b, Delivery.DISCARDED)
    assert make(tmp_path).pending_issuances() == []


def test_pending_issuances_filtered_by_tenant(tmp_path: Path) -> None:
    make(tmp_path, tenant_id="tenant-a").record_issued(ANNA, IssuedSecret.PIN, actor=MANAGER)
    make(tmp_path, tenant_id="tenant-b").record_issued(BOB, IssuedSecret.PIN, actor=MANAGER)
    j = make(tmp_path)
    assert [p.target for p in j.pending_issuances("TENANT-A")] == [ANNA]
    assert len(j.pending_issuances()) == 2


def test_rotation_caps_size_and_keeps_pending_issuances(tmp_path: Path) -> None:
    clock_start = datetime(2025, 3, 1, tzinfo=UTC)
    ticks = iter(range(100_000))
    j = make(
        tmp_path,
        max_bytes=4_000,
        backups=2,
        clock=lambda: clock_start + timedelta(seconds=next(ticks)),
    )
    pending_id = j.record_issued(ANNA, IssuedSecret.TEMPORARY_CODE, actor=MANAGER)
    for _ in range(200):
        j.record_action(Action.RESET_PIN, Outcome.SUCCEEDED, actor=MANAGER, target=BOB)
    files = sorted(p.name for p in tmp_path.iterdir())
    assert files == ["journal.jsonl", "journal.jsonl.1", "journal.jsonl.2"]
    assert all((tmp_path / f).stat().st_size <= 4_000 for f in files)
    # the issuance was rotated out of the oldest file long ago, yet is still pending
    [pending] = j.pending_issuances()
    assert pending.issuance_id == pending_id and pending.target == ANNA
    j.mark_delivered(pending_id, Delivery.SHOWN_FOR_SCAN)
    assert j.pending_issuances() == []
    # reading spans the backups, oldest first
    entries = j.read().entries
    assert entries == sorted(entries, key=lambda e: e.at)


def test_every_entry_is_fsynced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    synced: list[int] = []
    real_fsync = os.fsync

    def counting_fsync(fd: int) -> None:
        synced.append(fd)
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", counting_fsync)
    j = make(tmp_path)
    j.record_action(Action.RESET_PIN, Outcome.SUCCEEDED, actor=MANAGER, target=ANNA)
    j.record_action(Action.RESET_PIN, Outcome.SUCCEEDED, actor=MANAGER, target=BOB)
    assert len(synced) == 2


def test_missing_journal_reads_empty(tmp_path: Path) -> None:
    j = make(tmp_path)
    assert j.read().entries == [] and j.pending_issuances() == []


# --------------------------------------------------------------------------- forgotten badges

TODAY = datetime(2026, 3, 12, tzinfo=UTC)  # the caller's "start of today"


def clocked(tmp_path: Path, times: list[datetime], **kwargs: object) -> Journal:
    """A journal whose entries are stamped with ``times`` in order."""
    stamps = iter(times)
    return make(tmp_path, clock=lambda: next(stamps), **kwargs)


def test_forgotten_badge_report_and_withdrawal(tmp_path: Path) -> None:
    hour = timedelta(hours=1)
    j = clocked(tmp_path, [TODAY + n * hour for n in range(1, 6)])
    j.report_forgotten_badge(ANNA, actor=MANAGER, store_id=STORE)
    j.report_forgotten_badge(BOB, actor=MANAGER)
    assert j.forgotten_badges(TODAY) == {ANNA.user_id, BOB.user_id}
    j.report_forgotten_badge(BOB, actor=MANAGER, forgotten=False)  # found it again
    assert make(tmp_path).forgotten_badges(TODAY) == {ANNA.user_id}
    j.report_forgotten_badge(BOB, actor=MANAGER)  # ... and forgot it after all
    assert make(tmp_path).forgotten_badges(TODAY) == {ANNA.user_id, BOB.user_id}
    # Typed entries with actor and target; no free text.
    first = j.read().entries[0]
    assert (first.kind, first.action, first.outcome) == (
        EntryKind.ACTION,
        Action.BADGE_FORGOTTEN,
        Outcome.SUCCEEDED,
    )
    assert first.actor == MANAGER and first.target == ANNA and first.store_id == STORE
    actions = [
        json.loads(x)["action"] for x in (tmp_path / "journal.jsonl").read_text().splitlines()
    ]
    assert actions[2] == "badge-forgotten-withdrawn"
    # Other actions on the same person do not count as reports.
    j.record_action(Action.TEMPORARY_CODE, Outcome.SUCCEEDED, actor=MANAGER, target=BOB)
    assert j.forgotten_badges(TODAY) == {ANNA.user_id, BOB.user_id}


def test_a_report_lasts_for_the_day_it_was_made(tmp_path: Path) -> None:
    minute = timedelta(minutes=1)
    j = clocked(tmp_path, [TODAY - minute, TODAY + minute])
    j.report_forgotten_badge(ANNA, actor=MANAGER)  # yesterday, 23:59
    j.report_forgotten_badge(BOB, actor=MANAGER)  # today, 00:01
    assert j.forgotten_badges(TODAY) == {BOB.user_id}
    assert j.forgotten_badges(TODAY - timedelta(days=1)) == {ANNA.user_id, BOB.user_id}
    assert j.forgotten_badges(TODAY + timedelta(days=1)) == set()
    # A start of day in another time zone (a local midnight) is compared as an instant.
    berlin = timezone(timedelta(hours=1))
    assert j.forgotten_badges(datetime(2026, 3, 12, 1, 0, 30, tzinfo=berlin)) == {BOB.user_id}
    # A withdrawal yesterday does not cancel a report made today, nor the other way round.
    k = clocked(tmp_path / "k", [TODAY - minute, TODAY + minute])
    k.report_forgotten_badge(ANNA, actor=MANAGER, forgotten=False)
    k.report_forgotten_badge(ANNA, actor=MANAGER)
    assert k.forgotten_badges(TODAY) == {ANNA.user_id}


def test_forgotten_badges_filtered_by_tenant(tmp_path: Path) -> None:
    at = TODAY + timedelta(hours=9)
    make(tmp_path, tenant_id="tenant-a", clock=lambda: at).report_forgotten_badge(
        ANNA, actor=MANAGER
    )
    make(tmp_path, tenant_id="tenant-b", clock=lambda: at).report_forgotten_badge(BOB, actor=None)
    make(tmp_path, clock=lambda: at).report_forgotten_badge(
        Person("44444444-4444-4444-4444-444444444444"), actor=MANAGER
    )
    j = make(tmp_path)
    assert j.forgotten_badges(TODAY, "TENANT-A") == {
        ANNA.user_id,
        "44444444-4444-4444-4444-444444444444",  # no tenant recorded: counted
    }
    assert j.forgotten_badges(TODAY, "tenant-b") == {
        BOB.user_id,
        "44444444-4444-4444-4444-444444444444",
    }
    assert len(j.forgotten_badges(TODAY)) == 3


def test_forgotten_badges_survive_torn_and_garbage_lines(tmp_path: Path) -> None:
    at = TODAY + timedelta(hours=8)
    j = make(tmp_path, clock=lambda: at)
    j.report_forgotten_badge(ANNA, actor=MANAGER)
    path = tmp_path / "journal.jsonl"
    with open(path, "ab") as fh:
        fh.write(b"garbage\n")
        fh.write(b'{"v":1,"at":"2026-03-12T09:00:00+00:00","kind":"action","action":"badge-f')
    assert j.forgotten_badges(TODAY) == {ANNA.user_id}
    # A withdrawal written after the torn line lands on its own line and counts.
    j.report_forgotten_badge(ANNA, actor=MANAGER, forgotten=False)
    assert j.forgotten_badges(TODAY) == set()
    assert j.read().skipped_lines == 2


def test_forgotten_badge_report_refuses_secret_shaped_values(tmp_path: Path) -> None:
    j = make(tmp_path)
    with pytest.raises(JournalValueError):
        j.report_forgotten_badge(Person(ANNA.user_id, ANNA.upn, "73920184"), actor=MANAGER)
    with pytest.raises(JournalValueError):
        j.report_forgotten_badge(Person(""), actor=MANAGER)
    assert not (tmp_path / "journal.jsonl").exists()
