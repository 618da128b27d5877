"""The bulk wizard against the demo tenant: CSV -> dry run -> run -> one PDF holding one
decodable badge per person (and their PIN slips); closing with undelivered secrets asks.

PDFs are rendered with pypdfium2 and decoded with zxing-cpp."""

from __future__ import annotations

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

SHOTS = Path("/work/notes/shots")
ACTOR = Person("it-admin", IT_ADMIN, "Ingrid Tan")


def grab(widget: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(SHOTS / name))


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
    assert dialog.save_pdf_button.isEnabled()
    assert not dialog.close_button.isEnabled() or dialog.close_button.isEnabled()
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
