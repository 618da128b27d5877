"""Bulk runs against the demo tenant: throttled and failing service, cancel and resume, a
connection dropped after the write, and no secret in the results file, journal or logs.

The demo tenant is the oracle: what a run did is checked on the server's own state."""

from __future__ import annotations

import base64
import logging
from pathlib import Path
from typing import Any

import httpx
import pytest

from qrpin_gui.bulk import (
    BulkAction,
    BulkRun,
    PlanContext,
    ProblemCode,
    ResultsWriter,
    RowOutcome,
    RowsFinished,
    RunFinished,
    RunSummary,
    SecretVault,
    Verdict,
    build_plan,
    parse_csv_bytes,
    read_results,
)
from qrpin_gui.bulk.plan import BulkPlan
from qrpin_gui.graph.directory import load_manage_context
from qrpin_gui.graph.pacing import SyncBudget
from qrpin_gui.offline.journal import Journal, Person
from tests.bulk.conftest import (
    IT_ADMIN,
    ClientFactory,
    CountingTransport,
    add_rules,
    faults,
    new_journal,
    workers,
)

pytestmark = pytest.mark.asyncio

ACTOR = Person("it-admin", IT_ADMIN, "Ingrid Tan")


async def plan_for(graph: Any, csv: str, results: Path | None = None) -> BulkPlan:
    parsed = parse_csv_bytes(csv.encode())
    assert parsed.usable, [p.text for p in parsed.problems]
    manage = await load_manage_context(graph)
    previous = read_results(results) if results is not None else None
    return await build_plan(
        parsed.requests, PlanContext(graph=graph, manage=manage, previous=previous)
    )


async def run_all(run: BulkRun) -> RunSummary:
    async for event in run.events():
        if isinstance(event, RunFinished):
            return event.summary
    raise AssertionError("no RunFinished")


def secrets_of(vault: SecretVault) -> list[str]:
    out: list[str] = []
    for item in vault.items():
        if item.pin:
            out.append(item.pin)
        if item.code is not None and item.code.image is not None:
            raw = item.code.image.raw_content
            out += [raw.decode(), base64.b64encode(raw).decode()]
    return out


async def test_200_creates_under_throttle_and_503s_every_row_accounted_for(
    demo_clean: Any, make_client: ClientFactory, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    demo_clean.reset(users=300)
    try:
        people = workers(demo_clean, limit=200)
        assert len(people) == 200
        for person in people:  # server-side setup: 200 new starters without QR sign-in
            person.qr = None
        graph = make_client(IT_ADMIN)
        faults(demo_clean, rate_per_s=200, error_rate=0.1, error_retry_after=0.05, seed=7)
        csv = "user;action\r\n" + "".join(f"{p.upn};create\r\n" for p in people)
        plan = await plan_for(graph, csv)
        assert plan.counts()[Verdict.READY] == 200
        journal = new_journal(tmp_path)
        vault = SecretVault(journal, ACTOR)
        results_path = tmp_path / "starters.results.csv"
        run = BulkRun(
            graph, plan.items, journal=journal, actor=ACTOR, vault=vault,
            results=ResultsWriter(results_path),
        )  # fmt: skip
        progress: list[int] = []
        summary: RunSummary | None = None
        async for event in run.events():
            if isinstance(event, RowsFinished):
                progress.append(event.done)
            elif isinstance(event, RunFinished):
                summary = event.summary
        assert summary is not None
        counters = demo_clean.state.faults.snapshot()["counters"]
        assert counters["throttled"] > 0 and counters["errors"] > 0  # it was a rough ride
        # every row accounted for, each exactly once, all done
        assert summary.total == 200 and sum(summary.counts.values()) == 200
        assert summary.counts[RowOutcome.DONE] == 200, summary.counts
        assert sorted(r.index for r in summary.results) == list(range(200))
        assert progress == sorted(progress) and progress[-1] == 200
        # the server (oracle) has a method for each, with the PIN the vault holds
        items = {item.user_id: item for item in vault.items()}
        assert len(items) == 200 and vault.badge_count == 200 and vault.pin_count == 200
        for person in people:
            assert person.qr is not None and person.qr.standard is not None
            assert items[person.id].pin == person.qr.pin.code
            assert items[person.id].code is not None
            assert items[person.id].code.id == person.qr.standard.id
        # issued, not yet printed: one journal entry per secret, nothing settled yet
        assert len(journal.pending_issuances()) == 400
        # the results file says done for all, with no secret in it, nor in journal and logs
        previous = read_results(results_path)
        assert all(
            previous.lookup(BulkAction.CREATE, p.id) is not None
            and previous.lookup(BulkAction.CREATE, p.id).outcome is RowOutcome.DONE  # type: ignore[union-attr]
            for p in people
        )
        secrets = secrets_of(vault)
        assert len(secrets) == 600
        files = [results_path.read_text(encoding="utf-8-sig"), journal.path.read_text()]
        for secret in secrets:
            assert secret not in caplog.text
            for text in files:
                assert secret not in text
        assert "ms-qrpin" not in caplog.text and "ms-qrpin" not in files[0]
        # printed/saved: the journal settles every one and the vault forgets them
        from qrpin_gui.offline.journal import Delivery

        assert vault.settle(Delivery.SAVED_PDF) == 200
        assert journal.pending_issuances() == [] and len(vault) == 0
    finally:
        demo_clean.reset()


async def test_cancel_then_resume_sends_each_reset_once(
    demo_clean: Any, make_client: ClientFactory, tmp_path: Path
) -> None:
    people = workers(demo_clean, with_method=True, limit=40)
    assert len(people) == 40
    updated_before = {p.id: p.qr.pin.updated for p in people}
    graph = make_client(IT_ADMIN)
    csv = "user,action\n" + "".join(f"{p.upn},reset-pin\n" for p in people)
    results_path = tmp_path / "resets.results.csv"
    plan = await plan_for(graph, csv, results_path)
    faults(demo_clean, rate_per_s=40, burst=5)
    first = BulkRun(
        graph, plan.items, vault=SecretVault(), results=ResultsWriter(results_path),
        budget=SyncBudget(max_in_flight=1, batch_size=5, max_item_attempts=40),
    )  # fmt: skip
    summary: RunSummary | None = None
    async for event in first.events():
        if isinstance(event, RowsFinished) and event.done >= 10:
            first.cancel()
        elif isinstance(event, RunFinished):
            summary = event.summary
    assert summary is not None and summary.cancelled
    done_first = {r.user_id for r in summary.results if r.outcome is RowOutcome.DONE}
    not_sent = {r.user_id for r in summary.results if r.outcome is RowOutcome.NOT_SENT}
    assert len(done_first) >= 10 and not_sent
    assert done_first | not_sent == {p.id for p in people}
    assert all(r.detail == "cancelled" for r in summary.results if r.user_id in not_sent)
    # the server changed exactly the PINs reported done
    changed = {p.id for p in people if p.qr.pin.updated != updated_before[p.id]}
    assert changed == done_first
    first_pins = {item.user_id: item.pin for item in first.vault.items()}

    # resume: the re-run's plan reads the results file and skips what is done
    faults(demo_clean, rate_per_s=None)
    plan = await plan_for(graph, csv, results_path)
    skipped = {i.user.id for i in plan.items if i.verdict is Verdict.SKIP if i.user}
    assert skipped == done_first
    assert all(
        i.main_problem is not None and i.main_problem.code is ProblemCode.DONE_BEFORE
        for i in plan.items
        if i.verdict is Verdict.SKIP
    )
    second = BulkRun(graph, plan.items, vault=SecretVault(), results=ResultsWriter(results_path))
    summary = await run_all(second)
    assert summary.counts[RowOutcome.DONE] == len(not_sent)
    assert summary.counts[RowOutcome.SKIPPED] == len(done_first)
    second_pins = {item.user_id: item.pin for item in second.vault.items()}
    # each person's PIN was reset exactly once: the server holds the PIN of the one run
    for person in people:
        expected = first_pins.get(person.id) or second_pins.get(person.id)
        assert person.qr.pin.code == expected
    assert not set(first_pins) & set(second_pins)
    # the results file now says done for everyone
    previous = read_results(results_path)
    for person in people:
        found = previous.lookup(BulkAction.RESET_PIN, person.id)
        assert found is not None and found.outcome is RowOutcome.DONE


async def test_dropped_connection_after_the_write_is_rechecked_not_repeated(
    demo_clean: Any, make_client: ClientFactory, tmp_path: Path
) -> None:
    people = workers(demo_clean, limit=12)
    for person in people:
        person.qr = None
    counting = CountingTransport(httpx.AsyncHTTPTransport(verify=demo_clean.ssl_context()))
    graph = make_client(IT_ADMIN, transport=counting)
    csv = "user;action\n" + "".join(f"{p.upn};create\n" for p in people)
    plan = await plan_for(graph, csv)
    assert plan.counts()[Verdict.READY] == 12
    # the next $batch is carried out by the server, then its connection is dropped
    add_rules(demo_clean, {"method": "POST", "path_regex": r"/\$batch$", "apply_then_drop": True})
    journal: Journal = new_journal(tmp_path)
    run = BulkRun(
        graph, plan.items, journal=journal, actor=ACTOR, results=ResultsWriter(tmp_path / "r.csv")
    )
    rechecks: list[int] = []
    summary: RunSummary | None = None
    async for event in run.events():
        if type(event).__name__ == "RecheckStarted":
            rechecks.append(event.count)  # type: ignore[union-attr]
        elif isinstance(event, RunFinished):
            summary = event.summary
    assert summary is not None
    assert rechecks == [12]
    # applied (seen by re-reading), but the one-time badges and PINs never arrived
    assert summary.counts[RowOutcome.DONE_SECRET_LOST] == 12, summary.counts
    assert all(r.detail == "checked-after-lost-answer" for r in summary.results)
    assert len(run.vault) == 0
    # sent once each (client side) and applied once (server side: one method each)
    puts = {url: n for (method, url), n in counting.writes.items() if method == "PUT"}
    assert len(puts) == 12 and set(puts.values()) == {1}
    assert run.writes_sent == 12
    for person in people:
        assert person.qr is not None
    # a re-run skips them: done in the results file
    plan = await plan_for(graph, csv, tmp_path / "r.csv")
    assert plan.counts()[Verdict.SKIP] == 12


def decode_pdf(path: Path) -> list[str]:
    """Every QR code on every page of the PDF (pypdfium2 renders, zxing-cpp decodes)."""
    import pypdfium2 as pdfium
    import zxingcpp
    from PySide6.QtGui import QImage

    texts: list[str] = []
    pdf = pdfium.PdfDocument(str(path))
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            bitmap = page.render(scale=200 / 72, grayscale=True)
            image = QImage(
                bytes(bitmap.buffer), bitmap.width, bitmap.height, bitmap.stride,
                QImage.Format.Format_Grayscale8,
            ).copy()  # fmt: skip
            bitmap.close()
            page.close()
            texts += [
                b.text for b in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
            ]
    finally:
        pdf.close()
    return texts


async def test_temporary_codes_for_a_shift_print_one_code_per_person(
    qtbot: Any, demo_clean: Any, make_client: ClientFactory, tmp_path: Path
) -> None:
    from qrpin_gui.ui.bulk_dialog import save_bundle_pdf

    people = workers(demo_clean, with_method=True, limit=5)
    for person in people:  # server-side setup: nobody has a temporary code yet
        person.qr.temporary = None
    graph = make_client(IT_ADMIN)
    csv = "user;action;hours\r\n" + "".join(f"{p.upn};temporary;4\r\n" for p in people)
    plan = await plan_for(graph, csv)
    assert plan.counts()[Verdict.READY] == 5
    journal = new_journal(tmp_path)
    run = BulkRun(
        graph, plan.items, journal=journal, actor=ACTOR,
        results=ResultsWriter(tmp_path / "shift.results.csv"),
    )  # fmt: skip
    summary = await run_all(run)
    assert summary.counts[RowOutcome.DONE] == 5, summary.counts
    # the server (oracle) holds a live 4-hour temporary code for each
    for person in people:
        temporary = person.qr.temporary
        assert temporary is not None
        span = temporary.expire - temporary.start
        assert abs(span.total_seconds() - 4 * 3600) < 120
    items = run.vault.items()
    assert len(items) == 5 and all(i.temporary and i.has_badge and not i.pin for i in items)
    assert len(journal.pending_issuances()) == 5
    pdf = tmp_path / "shift.pdf"
    assert save_bundle_pdf(pdf, items) >= 1
    decoded = decode_pdf(pdf)
    assert sorted(decoded) == sorted(i.code.image.raw_content.decode() for i in items)  # type: ignore[union-attr]
    for person in people:  # one code per person: that person's live temporary code
        mine = [t for t in decoded if f"|{person.upn}|{person.qr.temporary.id}|" in t]
        assert len(mine) == 1
    secrets = secrets_of(run.vault)
    results_text = (tmp_path / "shift.results.csv").read_text(encoding="utf-8-sig")
    assert not any(s in results_text or s in journal.path.read_text() for s in secrets)


async def test_delete_methods_for_leavers_leaves_no_method_on_the_server(
    demo_clean: Any, make_client: ClientFactory, tmp_path: Path
) -> None:
    leavers = workers(demo_clean, with_method=True, limit=6)
    stays = workers(demo_clean, with_method=True, limit=8)[6:]
    assert len(leavers) == 6 and stays
    graph = make_client(IT_ADMIN)
    csv = "user,action\n" + "".join(f"{p.upn},leaver\n" for p in leavers)
    results_path = tmp_path / "leavers.results.csv"
    plan = await plan_for(graph, csv, results_path)
    assert plan.counts()[Verdict.READY] == 6
    journal = new_journal(tmp_path)
    run = BulkRun(
        graph, plan.items, journal=journal, actor=ACTOR, results=ResultsWriter(results_path)
    )
    summary = await run_all(run)
    assert summary.counts[RowOutcome.DONE] == 6, summary.counts
    assert len(run.vault) == 0  # nothing to print
    for person in leavers:  # the oracle: no QR sign-in left for any leaver
        assert demo_clean.state.directory.find_user(person.id).qr is None
    for person in stays:
        assert demo_clean.state.directory.find_user(person.id).qr is not None
    refreshed = [r.row for r in summary.results if r.row is not None]
    assert all(row.method is None for row in refreshed)
    actions = [e for e in journal.read().entries if e.action is not None]
    assert len(actions) == 6 and {e.action.value for e in actions} == {"delete-method"}  # type: ignore[union-attr]
    # a re-run of the same file: done before, and nothing left to delete anyway
    plan = await plan_for(graph, csv, results_path)
    assert plan.counts()[Verdict.SKIP] == 6 and not plan.runnable()
