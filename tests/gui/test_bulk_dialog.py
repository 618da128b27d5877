"""The bulk wizard against the demo tenant: CSV -> dry run -> run -> one PDF holding one
decodable badge per person (and their PIN slips); closing with undelivered secrets asks.

PDFs are rendered with pypdfium2 and decoded with zxing-cpp."""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest
import pytest_asyncio
import zxingcpp
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QMessageBox

from qrpin_gui.bulk import RowOutcome, Verdict
from qrpin_gui.graph.client import GraphClient, GraphClientConfig
from qrpin_gui.graph.directory import load_manage_context
from qrpin_gui.offline.journal import Delivery, Journal, Person
from qrpin_gui.ui.bulk_dialog import BulkDialog, BulkServices
from tests.bulk.conftest import FAST_RETRY, IT_ADMIN, DemoTokens, workers
from tests.helpers import wait_until

pytestmark = pytest.mark.asyncio

ACTOR = Person("it-admin", IT_ADMIN, "Ingrid Tan")


def grab(widget: Any, name: str) -> None:
    """Screenshots for the docs, only when ``QRPIN_SHOTS_DIR`` names a folder for them."""
    folder = os.environ.get("QRPIN_SHOTS_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(folder) / name))


def render_pdf(path: Path, dpi: int = 200) -> list[QImage]:
    pdf = pdfium.PdfDocument(str(path))
    try:
        images = []
        for index in range(len(pdf)):
            page = pdf[index]
            bitmap = page.render(scale=dpi / 72, grayscale=True)
            image = QImage(
                bytes(bitmap.buffer), bitmap.width, bitmap.height, bitmap.stride,
                QImage.Format.Format_Grayscale8,
            ).copy()  # fmt: skip
            bitmap.close()
            page.close()
            images.append(image)
        return images
    finally:
        pdf.close()


@pytest_asyncio.fixture
async def graph(demo_clean: Any) -> AsyncIterator[GraphClient]:
    client = GraphClient(
        DemoTokens(demo_clean, IT_ADMIN),
        GraphClientConfig(
            base_url=demo_clean.graph_url, verify=demo_clean.ssl_context(), proxy="none",
            retry=FAST_RETRY,
        ),
    )  # fmt: skip
    yield client
    await client.aclose()


async def services_for(graph: GraphClient, tmp_path: Path) -> BulkServices:
    manage = await load_manage_context(graph)
    return BulkServices(
        graph=lambda: graph,
        results_dir=tmp_path,
        journal=Journal(tmp_path / "journal.jsonl"),
        actor=lambda: ACTOR,
        manage=lambda: manage,
        store_name=lambda _row: "Store 101 Harbourside",
    )


async def test_csv_to_plan_to_run_to_one_pdf_with_a_badge_per_person(
    qtbot: Any, demo_clean: Any, graph: GraphClient, tmp_path: Path
) -> None:
    starters = workers(demo_clean, limit=6)
    for person in starters:  # server-side setup: new starters without QR sign-in
        person.qr = None
    leaver = workers(demo_clean, with_method=True, limit=1)[0]
    csv = tmp_path / "new starters.csv"
    csv.write_bytes(
        (
            "\ufeffuser;action;expires\r\n"
            + "".join(f"{p.upn};create;\r\n" for p in starters)
            + "nobody@contoso-retail.example;create;\r\n"
            + f"{starters[0].upn};create;\r\n"
            + f"{leaver.upn};frobnicate;\r\n"
        ).encode()
    )
    services = await services_for(graph, tmp_path)
    dialog = BulkDialog(services, csv_path=csv)
    qtbot.addWidget(dialog)
    dialog.show()
    grab(dialog, "bulk_1_source.png")
    dialog.start_plan()
    await wait_until(lambda: dialog.pages.currentIndex() == BulkDialog.PAGE_PLAN, timeout=15)
    assert dialog.plan is not None
    counts = dialog.plan.counts()
    assert counts[Verdict.READY] == 6 and counts[Verdict.PROBLEM] == 2
    assert counts[Verdict.SKIP] == 1
    assert dialog.model.rowCount() == 9
    details = [dialog.model.index(r, 4).data() for r in range(9)]
    assert any("No such person" in d for d in details)
    assert any("Unknown action 'frobnicate'" in d for d in details)
    assert any("Same as line 2" in d for d in details)
    assert dialog.run_button.isEnabled() and "6" in dialog.run_button.text()
    grab(dialog, "bulk_2_plan.png")

    dialog.run_button.click()
    await wait_until(lambda: dialog.summary is not None, timeout=30)
    assert dialog.summary is not None
    assert dialog.summary.counts[RowOutcome.DONE] == 6
    assert dialog.summary.counts[RowOutcome.SKIPPED] == 3
    assert dialog.save_pdf_button.isEnabled() and dialog.print_button.isEnabled()
    assert dialog.close_button.isEnabled() and not dialog.cancel_run_button.isEnabled()
    assert not dialog.remaining_button.isVisible()  # nothing left: nothing was cancelled
    grab(dialog, "bulk_3_done.png")
    # the results file sits next to the CSV: a re-run would skip the six
    assert (tmp_path / "new starters.results.csv").exists()

    expected = {item.code.image.raw_content.decode() for item in dialog.vault.items()}  # type: ignore[union-attr]
    assert len(expected) == 6
    assert services.journal is not None
    assert len(services.journal.pending_issuances()) == 12  # 6 badges + 6 PINs
    pdf = tmp_path / "bundle.pdf"
    pages = dialog.save_pdf_to(pdf)
    assert pages >= 2  # badge sheet + PIN slips
    decoded: list[str] = []
    for image in render_pdf(pdf):
        decoded += [
            b.text for b in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
        ]
    assert sorted(decoded) == sorted(expected)
    for person in starters:  # one badge per person, carrying that person's code
        assert sum(1 for text in decoded if f"|{person.upn}|{person.qr.standard.id}|" in text) == 1
    assert services.journal.pending_issuances() == []
    assert len(dialog.vault) == 0 and dialog.vault.settled is Delivery.SAVED_PDF
    grab(dialog, "bulk_4_saved.png")
    dialog.reject()  # nothing left to lose: closes at once
    await wait_until(lambda: not dialog.isVisible())


async def test_closing_with_unprinted_pins_asks_first(
    qtbot: Any, demo_clean: Any, graph: GraphClient, tmp_path: Path
) -> None:
    people = workers(demo_clean, with_method=True, limit=3)
    services = await services_for(graph, tmp_path)
    rows = []
    from qrpin_gui.core.models import RosterRow, User

    for person in people:
        rows.append(RosterRow(User(id=person.id, upn=person.upn, display_name=person.display_name)))
    from qrpin_gui.bulk import BulkAction

    dialog = BulkDialog(services, rows=rows, action=BulkAction.RESET_PIN)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.selection_radio.isChecked()
    dialog.start_plan()
    await wait_until(lambda: dialog.pages.currentIndex() == BulkDialog.PAGE_PLAN, timeout=15)
    dialog.run_button.click()
    await wait_until(lambda: dialog.summary is not None, timeout=30)
    assert dialog.vault.pin_count == 3 and dialog.vault.badge_count == 0
    dialog.reject()
    await wait_until(lambda: getattr(dialog, "confirm_box", None) is not None)
    box = dialog.confirm_box
    await wait_until(box.isVisible)
    assert "3 PIN slip(s)" in box.text()
    grab(box, "bulk_5_confirm_close.png")
    assert dialog.isVisible()
    box.button(QMessageBox.StandardButton.Discard).click()
    await wait_until(lambda: not dialog.isVisible())
    assert dialog.vault.settled is Delivery.DISCARDED
    assert services.journal is not None and services.journal.pending_issuances() == []


def selection_rows(people: list[Any]) -> list[Any]:
    from qrpin_gui.core.models import RosterRow, User

    return [RosterRow(User(id=p.id, upn=p.upn, display_name=p.display_name)) for p in people]


class AcceptedWrites:
    """Counts the ``$batch`` writes the service accepted (answered 2xx), per URL: a write
    answered 429 was not carried out, and sending it again is not a second reset."""

    def __new__(cls, inner: Any) -> Any:
        import json

        import httpx

        class _Transport(httpx.AsyncBaseTransport):
            def __init__(self) -> None:
                self.accepted: dict[str, int] = {}

            async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
                response: httpx.Response = await inner.handle_async_request(request)
                if not request.url.path.endswith("/$batch"):
                    return response
                await response.aread()
                sent = {
                    item["id"]: item
                    for item in json.loads(request.content or b"{}").get("requests", [])
                }
                for answer in json.loads(response.content or b"{}").get("responses", []):
                    item = sent.get(answer.get("id"))
                    if item and item["method"] != "GET" and answer.get("status", 500) < 300:
                        self.accepted[item["url"]] = self.accepted.get(item["url"], 0) + 1
                return response

            async def aclose(self) -> None:
                await inner.aclose()

        return _Transport()


async def test_cancel_in_the_dialog_then_run_remaining_resets_each_pin_once(
    qtbot: Any, demo_clean: Any, tmp_path: Path
) -> None:
    """Cancel a selection reset from the dialog's own Cancel button, go on with "Run remaining
    rows", then open the bulk wizard again on the same people: every PIN is reset exactly once
    (the server's state and the writes sent say so) and the re-run sends nothing."""
    import httpx

    from qrpin_gui.bulk import BulkAction
    from qrpin_gui.graph.pacing import SyncBudget
    from tests.bulk.conftest import faults

    people = workers(demo_clean, with_method=True, limit=30)
    assert len(people) == 30
    updated_before = {p.id: p.qr.pin.updated for p in people}
    counting = AcceptedWrites(httpx.AsyncHTTPTransport(verify=demo_clean.ssl_context()))
    client = GraphClient(
        DemoTokens(demo_clean, IT_ADMIN),
        GraphClientConfig(
            base_url=demo_clean.graph_url, verify=demo_clean.ssl_context(), proxy="none",
            retry=FAST_RETRY,
        ),
        transport=counting,
    )  # fmt: skip
    try:
        services = await services_for(client, tmp_path)
        services.budget = SyncBudget(max_in_flight=1, batch_size=3, max_item_attempts=60)
        rows = selection_rows(people)
        dialog = BulkDialog(services, rows=rows, action=BulkAction.RESET_PIN)
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.start_plan()
        await wait_until(lambda: dialog.pages.currentIndex() == BulkDialog.PAGE_PLAN, timeout=15)
        assert dialog.plan is not None and dialog.plan.counts()[Verdict.READY] == 30
        faults(demo_clean, rate_per_s=15, burst=3)  # slow enough to cancel part way
        dialog.run_button.click()
        await wait_until(lambda: dialog.progress.value() >= 6, timeout=20)
        assert dialog.cancel_run_button.isEnabled() and not dialog.close_button.isEnabled()
        dialog.cancel_run_button.click()
        assert "Cancelling" in dialog.run_status.text()
        await wait_until(lambda: dialog.summary is not None, timeout=20)
        first = dialog.summary
        assert first is not None and first.cancelled
        done_first = {r.user_id for r in first.results if r.outcome is RowOutcome.DONE}
        not_sent = {r.user_id for r in first.results if r.outcome is RowOutcome.NOT_SENT}
        assert len(done_first) >= 6 and not_sent
        assert done_first | not_sent == {p.id for p in people}
        changed = {p.id for p in people if p.qr.pin.updated != updated_before[p.id]}
        assert changed == done_first  # the server changed exactly the PINs reported done
        assert dialog.remaining_button.isVisible() and dialog.close_button.isEnabled()
        grab(dialog, "bulk_6_cancelled.png")

        faults(demo_clean, rate_per_s=None)
        dialog.remaining_button.click()
        await wait_until(lambda: dialog.pages.currentIndex() == BulkDialog.PAGE_PLAN, timeout=15)
        assert dialog.plan is not None
        runnable = {i.row.id for i in dialog.plan.items if i.will_run and i.row}
        assert runnable == not_sent
        skipped = [i for i in dialog.plan.items if not i.will_run]
        assert all(i.main_problem.code.value == "done_before" for i in skipped)  # type: ignore[union-attr]
        # "action(s)" or, with the English catalogue installed by an earlier test, "actions"
        assert dialog.run_button.text().startswith(f"Run {len(not_sent)} action")
        dialog.run_button.click()
        await wait_until(lambda: dialog.summary is not None, timeout=20)
        second = dialog.summary
        assert second is not None and not second.cancelled
        assert second.counts[RowOutcome.DONE] == len(not_sent)
        assert second.counts[RowOutcome.SKIPPED] == len(done_first)
        assert not dialog.remaining_button.isVisible()

        # Each PIN reset exactly once: one PATCH per person sent, the server holds the PIN
        # the dialog shows for printing, one "issued" journal entry per person.
        assert len(counting.accepted) == 30 and set(counting.accepted.values()) == {1}
        assert all(url.endswith("/qrCodePinMethod/pin") for url in counting.accepted)
        pins = {item.user_id: item.pin for item in dialog.vault.items()}
        assert len(pins) == 30
        for person in people:
            assert person.qr.pin.code == pins[person.id]
        assert services.journal is not None
        assert len(services.journal.pending_issuances()) == 30
        assert dialog.save_pdf_to(tmp_path / "slips.pdf") >= 1

        # The wizard opened again on the same people: same results file, nothing to send.
        again = BulkDialog(services, rows=list(reversed(rows)), action=BulkAction.RESET_PIN)
        qtbot.addWidget(again)
        again.show()
        again.start_plan()
        await wait_until(lambda: again.pages.currentIndex() == BulkDialog.PAGE_PLAN, timeout=15)
        assert again.results_path == dialog.results_path
        assert again.plan is not None and again.plan.counts()[Verdict.SKIP] == 30
        assert not again.run_button.isEnabled()
        assert again.fresh_button.isVisible()  # a new round is one explicit click away
        sent = sum(counting.accepted.values())
        # ...which sets the earlier file aside and plans every row again (still a dry run)
        again.fresh_button.click()
        await wait_until(
            lambda: again.plan is not None and again.plan.counts()[Verdict.READY] == 30, 15
        )
        assert sum(counting.accepted.values()) == sent
        assert again.results_path is not None and not again.results_path.exists()
        aside = [p.name for p in os.scandir(tmp_path) if ".earlier-" in p.name]
        assert len(aside) == 1 and aside[0].startswith("bulk-reset-pin-")
        again.reject()
        dialog.reject()
    finally:
        faults(demo_clean, rate_per_s=None)
        await client.aclose()


class EndFails:
    """A painter whose ``end()`` reports failure, as when the spooler rejects the job."""

    def __new__(cls) -> Any:
        from PySide6.QtGui import QPainter

        class _Painter(QPainter):
            def end(self) -> bool:
                super().end()
                return False

        return _Painter()


async def test_a_failed_print_keeps_the_badges_and_pin_slips(
    qtbot: Any, demo_clean: Any, graph: GraphClient, tmp_path: Path, monkeypatch: Any
) -> None:
    from PySide6.QtPrintSupport import QPrinter

    from qrpin_gui.bulk import BulkAction
    from qrpin_gui.ui import bulk_dialog

    people = workers(demo_clean, with_method=True, limit=2)
    services = await services_for(graph, tmp_path)
    dialog = BulkDialog(services, rows=selection_rows(people), action=BulkAction.RESET_PIN)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.start_plan()
    await wait_until(lambda: dialog.pages.currentIndex() == BulkDialog.PAGE_PLAN, timeout=15)
    dialog.run_button.click()
    await wait_until(lambda: dialog.summary is not None, timeout=20)
    assert services.journal is not None
    assert dialog.vault.pin_count == 2 and len(services.journal.pending_issuances()) == 2

    def pdf_printer(path: Path) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(path))
        return printer

    # A printer that cannot start (its output goes nowhere).
    assert not dialog.print_to(pdf_printer(tmp_path / "no such folder" / "x.pdf"))
    assert dialog.error_label.text() == "The printer could not be started."
    assert dialog.vault.pin_count == 2 and dialog.vault.settled is None
    # A print job that fails at the end.
    monkeypatch.setattr(bulk_dialog, "QPainter", EndFails)
    assert not dialog.print_to(pdf_printer(tmp_path / "failed.pdf"))
    assert dialog.error_label.text().startswith("Printing failed.")
    assert dialog.vault.pin_count == 2 and dialog.vault.settled is None
    assert len(services.journal.pending_issuances()) == 2  # not journalled as printed
    assert dialog.print_button.isEnabled() and dialog.save_pdf_button.isEnabled()
    # Once the printer works, they count as printed and are forgotten.
    monkeypatch.undo()
    assert dialog.print_to(pdf_printer(tmp_path / "printed.pdf"))
    assert dialog.vault.settled is Delivery.PRINTED and len(dialog.vault) == 0
    assert services.journal.pending_issuances() == []
    assert not dialog.error_label.isVisible()
    dialog.reject()


async def test_a_ten_megabyte_file_is_read_off_the_gui_thread(qtbot: Any, tmp_path: Path) -> None:
    """Parsing 10 MB takes about a second: the window keeps painting and says how far it
    got, then the dry run shows every row (offline here: nothing is looked up)."""
    lines = ["user;action;expires"]
    size, i = len(lines[0]), 0
    while size < 10 * 1024 * 1024:
        line = f"worker.number{i:07d}@contoso-retail.example;extend;2026-12-31"
        lines.append(line)
        size += len(line) + 2
        i += 1
    path = tmp_path / "big.csv"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode())
    services = BulkServices(graph=lambda: None, results_dir=tmp_path)
    dialog = BulkDialog(services, csv_path=path)
    qtbot.addWidget(dialog)
    dialog.show()
    texts: set[str] = set()
    gaps: list[float] = []

    async def ticker() -> None:
        """How long the loop went without running, measured while the file is being read
        (the dry run and the 180 000-row table afterwards are not what is tested here)."""
        last, text = time.perf_counter(), dialog.check_button.text()
        while True:
            await asyncio.sleep(0.02)
            now, shown = time.perf_counter(), dialog.check_button.text()
            if text.startswith("Reading the file") and shown.startswith("Reading the file"):
                gaps.append(now - last)
            last, text = now, shown
            texts.add(text)

    ticking = asyncio.ensure_future(ticker())
    try:
        started = time.perf_counter()
        dialog.start_plan()
        assert not dialog.check_button.isEnabled()
        await wait_until(lambda: dialog.pages.currentIndex() == BulkDialog.PAGE_PLAN, timeout=30)
        elapsed = time.perf_counter() - started
    finally:
        ticking.cancel()
    assert dialog.plan is not None and len(dialog.plan.items) == i
    assert any(t.startswith("Reading the file") and t.endswith("%") for t in texts), texts
    # the loop kept running while the file was parsed (a blocking parse stalls it ~1 s)
    assert len(gaps) >= 5 and max(gaps) < 0.5, (max(gaps), len(gaps), elapsed)
    dialog.reject()
