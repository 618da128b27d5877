"""The pace of bulk work and the method reads of the dry run and the re-check.

The paced ``$batch`` machinery itself lives in :mod:`qrpin_gui.graph.pacing`
(:class:`~qrpin_gui.graph.pacing.PacedBatches`, :func:`~qrpin_gui.graph.pacing.paced_reads`)
and the status reads in :func:`qrpin_gui.graph.sync.fetch_status`: bulk work uses them as the
roster sync does, with its own budget and one pacer shared across a dry run and its run."""

from __future__ import annotations

from collections.abc import Sequence

from qrpin_gui.core.models import RosterRow
from qrpin_gui.graph.client import GraphClient
from qrpin_gui.graph.pacing import AdaptivePacer, SyncBudget
from qrpin_gui.graph.sync import SyncFinished, fetch_status

__all__ = ["BULK_BUDGET", "read_methods"]

BULK_BUDGET = SyncBudget(
    max_in_flight=4, batch_size=20, increase_fraction=0.15, max_item_attempts=40
)
"""The pace of bulk reads and writes: adaptive (AIMD) within these bounds; it climbs back
faster after a slow-down than a roster sync does (a bulk run is a burst of known size)."""


async def read_methods(
    graph: GraphClient, rows: Sequence[RosterRow], pacer: AdaptivePacer
) -> dict[str, RosterRow]:
    """Each row with its QR method read now, by id: loaded (``None`` method = none), not
    manageable (403) or failed (with the reason: throttled, offline, ...). Paced by
    ``pacer`` (and its budget), shared with the other phases of the same bulk job."""
    out: dict[str, RosterRow] = {}
    async for event in fetch_status(graph, rows, budget=pacer.budget, pacer=pacer):
        if isinstance(event, SyncFinished):
            out = {row.id: row for row in event.report.rows}
    return out
