"""Bulk actions (Qt-free): a CSV file or a roster selection -> dry-run plan -> paced run.

Modules:

``kinds``      :class:`BulkAction` (create, reset-pin, extend, temporary, delete) and the words
               a CSV may use for them
``problems``   :class:`Problem` (code + params + English text), :class:`Severity`, :class:`Fix`
``csv_input``  :func:`read_csv` / :func:`parse_csv_bytes` -> :class:`CsvFile` of
               :class:`BulkRequest` (BOM, comma/semicolon/tab, quotes, per-row problems)
``plan``       :func:`build_plan` (the dry run: person, stores, manageability, current state,
               PIN and lifetime rules, earlier results) -> :class:`BulkPlan` of
               :class:`PlanItem` with a :class:`Verdict` each; skip and one-click fixes
``execute``    :class:`BulkRun`: writes through ``$batch`` (the paced scheduler of
               :mod:`qrpin_gui.graph.pacing`), progress events, cancel, unknown outcomes
               re-checked by reading (never re-sent)
``paced``      :data:`BULK_BUDGET` and :func:`read_methods` (the dry run's and re-check's
               status reads, through :func:`qrpin_gui.graph.sync.fetch_status`)
``results``    :class:`RowOutcome`, :class:`RowResult`, the results file
               (:class:`ResultsWriter`, :func:`read_results`) that a re-run resumes from
``secrets``    :class:`SecretVault`: the run's one-time PINs and badge images, in memory only
               until printed or saved, journalled "issued, not yet printed"
"""

from qrpin_gui.bulk.csv_input import BulkRequest, CsvFile, parse_csv_bytes, read_csv
from qrpin_gui.bulk.execute import (
    BULK_BUDGET,
    BulkRun,
    RecheckStarted,
    RowsFinished,
    RunEvent,
    RunFinished,
    RunSummary,
)
from qrpin_gui.bulk.kinds import BulkAction, parse_action
from qrpin_gui.bulk.plan import (
    BulkPlan,
    PlanContext,
    PlanItem,
    Verdict,
    build_plan,
    requests_for_rows,
)
from qrpin_gui.bulk.problems import Fix, Problem, ProblemCode, Severity
from qrpin_gui.bulk.results import (
    PreviousResults,
    ResultsWriter,
    RowOutcome,
    RowResult,
    read_results,
    selection_results_name,
)
from qrpin_gui.bulk.secrets import IssuedItem, SecretVault

__all__ = [
    "BULK_BUDGET",
    "BulkAction",
    "BulkPlan",
    "BulkRequest",
    "BulkRun",
    "CsvFile",
    "Fix",
    "IssuedItem",
    "PlanContext",
    "PlanItem",
    "PreviousResults",
    "Problem",
    "ProblemCode",
    "RecheckStarted",
    "ResultsWriter",
    "RowOutcome",
    "RowResult",
    "RowsFinished",
    "RunEvent",
    "RunFinished",
    "RunSummary",
    "SecretVault",
    "Severity",
    "Verdict",
    "build_plan",
    "parse_action",
    "parse_csv_bytes",
    "read_csv",
    "read_results",
    "requests_for_rows",
    "selection_results_name",
]
