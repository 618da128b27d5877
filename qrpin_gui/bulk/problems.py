"""Problems a bulk run finds in a file, a row or a person's current state, in plain words.

Like :mod:`qrpin_gui.graph.explain`, each :class:`Problem` has a stable code, the params to
fill in, and English text (``TEMPLATES[code].format(**params)``); the UI may translate by
looking the template up. No template ever shows a PIN: a PIN problem names the broken rules.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

__all__ = ["TEMPLATES", "Fix", "Problem", "ProblemCode", "Severity"]


class Severity(Enum):
    ERROR = "error"
    """The row cannot run until it is fixed (or the file cannot be used)."""
    WARNING = "warning"
    """The row runs; the manager should know this."""
    SKIP = "skip"
    """Nothing to do for this row (already done, a repeated line)."""


class Fix(Enum):
    """A one-click fix the plan offers for a problem."""

    CLAMP_EXPIRY = "clamp_expiry"
    """Use the latest expiry the service allows (395 days after the code's start)."""
    INCLUDE_ANYWAY = "include_anyway"
    """Send it although an earlier run may already have done it (the manager checked)."""


class ProblemCode(Enum):
    # file
    EMPTY_FILE = "empty_file"
    NO_ROWS = "no_rows"
    NOT_UTF8 = "not_utf8"
    NOT_TEXT = "not_text"
    TOO_LARGE = "too_large"
    TOO_MANY_ROWS = "too_many_rows"
    NO_USER_COLUMN = "no_user_column"
    NO_ACTION_COLUMN = "no_action_column"
    UNKNOWN_COLUMN = "unknown_column"
    DUPLICATE_COLUMN = "duplicate_column"
    UNREADABLE_FILE = "unreadable_file"
    # row (from the file)
    MISSING_USER = "missing_user"
    MISSING_ACTION = "missing_action"
    UNKNOWN_ACTION = "unknown_action"
    BAD_DATE = "bad_date"
    AMBIGUOUS_DATE = "ambiguous_date"
    BAD_NUMBER = "bad_number"
    HOURS_RANGE = "hours_range"
    DAYS_RANGE = "days_range"
    PIN_RULES = "pin_rules"
    PIN_NOT_FOR_ACTION = "pin_not_for_action"
    IGNORED_VALUE = "ignored_value"
    EXTRA_FIELDS = "extra_fields"
    DUPLICATE_ROW = "duplicate_row"
    SAME_PERSON_TWICE = "same_person_twice"
    # plan (the person and their current state)
    USER_NOT_FOUND = "user_not_found"
    LOOKUP_FAILED = "lookup_failed"
    NOT_MANAGEABLE = "not_manageable"
    STATUS_UNKNOWN = "status_unknown"
    OFFLINE = "offline"
    METHOD_EXISTS = "method_exists"
    NO_METHOD = "no_method"
    NOTHING_TO_DELETE = "nothing_to_delete"
    NO_STANDARD_CODE = "no_standard_code"
    STANDARD_EXPIRED = "standard_expired"
    EXPIRY_NOT_LATER = "expiry_not_later"
    EXPIRY_TOO_LATE = "expiry_too_late"
    EXPIRY_IN_PAST = "expiry_in_past"
    START_IN_PAST = "start_in_past"
    LIFETIME_TOO_SHORT = "lifetime_too_short"
    TEMPORARY_EXISTS = "temporary_exists"
    TEMPORARY_SPAN = "temporary_span"
    TEMPORARY_NO_END = "temporary_no_end"
    ACCOUNT_DISABLED = "account_disabled"
    DONE_BEFORE = "done_before"
    UNKNOWN_BEFORE = "unknown_before"


TEMPLATES: dict[ProblemCode, str] = {
    ProblemCode.EMPTY_FILE: "The file is empty.",
    ProblemCode.NO_ROWS: "The file has column names but no rows.",
    ProblemCode.NOT_UTF8: (
        "The file is not UTF-8; it was read as Windows-1252 (Excel's 'CSV' format). Check "
        "names with accents, or save it from Excel as 'CSV UTF-8'."
    ),
    ProblemCode.NOT_TEXT: (
        "This is not a CSV text file (it looks like a workbook or another binary file). "
        "Save it from Excel as 'CSV UTF-8 (comma delimited)'."
    ),
    ProblemCode.TOO_LARGE: "The file is larger than {limit_mb} MB; split it into smaller files.",
    ProblemCode.TOO_MANY_ROWS: (
        "The file has {count} rows; one run takes at most {limit}. Split the file."
    ),
    ProblemCode.NO_USER_COLUMN: (
        "No column names the person. The first line must name the columns, for example: "
        "user;action;expires (user = user name or object id)."
    ),
    ProblemCode.NO_ACTION_COLUMN: (
        "The file has no 'action' column and no action was chosen for the whole file."
    ),
    ProblemCode.UNKNOWN_COLUMN: "Column '{column}' is not used; it is ignored.",
    ProblemCode.DUPLICATE_COLUMN: "Column '{column}' appears twice; only the first one is read.",
    ProblemCode.UNREADABLE_FILE: "The file could not be read ({reason}).",
    ProblemCode.MISSING_USER: "No person given: the user column is empty.",
    ProblemCode.MISSING_ACTION: "No action given: the action column is empty.",
    ProblemCode.UNKNOWN_ACTION: (
        "Unknown action '{value}'. Use create, reset-pin, extend, temporary or delete."
    ),
    ProblemCode.BAD_DATE: (
        "{column}: '{value}' is not a date. Write it as YYYY-MM-DD (for example 2026-09-30) "
        "or DD.MM.YYYY."
    ),
    ProblemCode.AMBIGUOUS_DATE: (
        "{column}: '{value}' could be day/month or month/day. Write it as YYYY-MM-DD."
    ),
    ProblemCode.BAD_NUMBER: "{column}: '{value}' is not a number.",
    ProblemCode.HOURS_RANGE: "hours: a temporary code lasts 1 to 12 hours (got {value}).",
    ProblemCode.DAYS_RANGE: "days: a standard code lasts 1 to 395 days (got {value}).",
    ProblemCode.PIN_RULES: "The PIN in the file breaks these rules: {rules}.",
    ProblemCode.PIN_NOT_FOR_ACTION: (
        "A PIN can only be given when creating QR sign-in; a reset always generates one. "
        "The PIN in this line is ignored."
    ),
    ProblemCode.IGNORED_VALUE: "{column} does not apply to '{action}'; it is ignored.",
    ProblemCode.EXTRA_FIELDS: (
        "This line has more fields than the header; the extra ones are ignored."
    ),
    ProblemCode.DUPLICATE_ROW: "Same as line {line}; done once.",
    ProblemCode.SAME_PERSON_TWICE: (
        "This person is also on line {line}; one action per person per run. Split the file."
    ),
    ProblemCode.USER_NOT_FOUND: "No such person in the directory ('{value}').",
    ProblemCode.LOOKUP_FAILED: "This person could not be looked up ({reason}). Try again.",
    ProblemCode.NOT_MANAGEABLE: "{reason}",
    ProblemCode.STATUS_UNKNOWN: (
        "This person's current QR sign-in could not be read ({reason}). Try the check again."
    ),
    ProblemCode.OFFLINE: "Offline: nothing can be checked or sent.",
    ProblemCode.METHOD_EXISTS: "Already has QR sign-in; nothing to create.",
    ProblemCode.NO_METHOD: "Has no QR sign-in yet; create it first.",
    ProblemCode.NOTHING_TO_DELETE: "Has no QR sign-in; nothing to delete.",
    ProblemCode.NO_STANDARD_CODE: (
        "Has no standard code to extend; issue a new badge instead (lost badge)."
    ),
    ProblemCode.STANDARD_EXPIRED: (
        "The standard code expired on {expired}; extending it would issue a new badge that "
        "must be printed. Use 'New badge' instead."
    ),
    ProblemCode.EXPIRY_NOT_LATER: "The code already runs until {current}; nothing to extend.",
    ProblemCode.EXPIRY_TOO_LATE: (
        "The new expiry is more than 395 days after the code's start; the latest allowed is "
        "{latest}."
    ),
    ProblemCode.EXPIRY_IN_PAST: "The expiry {expire} is not in the future.",
    ProblemCode.START_IN_PAST: "The activation date {start} is in the past.",
    ProblemCode.LIFETIME_TOO_SHORT: "The code would last less than a day.",
    ProblemCode.TEMPORARY_EXISTS: (
        "Already has a temporary code until {until}; delete it first (one at a time)."
    ),
    ProblemCode.TEMPORARY_SPAN: "A temporary code lasts 1 to 12 hours.",
    ProblemCode.TEMPORARY_NO_END: (
        "A temporary code needs its end: give 'hours' (1 to 12) or 'expires' (e.g. 14:00)."
    ),
    ProblemCode.ACCOUNT_DISABLED: (
        "The account is disabled: this person cannot sign in until IT enables it."
    ),
    ProblemCode.DONE_BEFORE: "Done in an earlier run (results file); not sent again.",
    ProblemCode.UNKNOWN_BEFORE: (
        "An earlier run could not tell whether this was done. Check this person's status; "
        "include it only if it was not done."
    ),
}

_SEVERITY: dict[ProblemCode, Severity] = {
    ProblemCode.NOT_UTF8: Severity.WARNING,
    ProblemCode.UNKNOWN_COLUMN: Severity.WARNING,
    ProblemCode.DUPLICATE_COLUMN: Severity.WARNING,
    ProblemCode.PIN_NOT_FOR_ACTION: Severity.WARNING,
    ProblemCode.IGNORED_VALUE: Severity.WARNING,
    ProblemCode.EXTRA_FIELDS: Severity.WARNING,
    ProblemCode.ACCOUNT_DISABLED: Severity.WARNING,
    ProblemCode.DUPLICATE_ROW: Severity.SKIP,
    ProblemCode.METHOD_EXISTS: Severity.SKIP,
    ProblemCode.NOTHING_TO_DELETE: Severity.SKIP,
    ProblemCode.EXPIRY_NOT_LATER: Severity.SKIP,
    ProblemCode.DONE_BEFORE: Severity.SKIP,
}

_FIXES: dict[ProblemCode, Fix] = {
    ProblemCode.EXPIRY_TOO_LATE: Fix.CLAMP_EXPIRY,
    ProblemCode.UNKNOWN_BEFORE: Fix.INCLUDE_ANYWAY,
}


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem: a code and the params of its template (never a secret)."""

    code: ProblemCode
    params: tuple[tuple[str, str], ...] = field(default=())

    @classmethod
    def of(cls, code: ProblemCode, **params: object) -> Problem:
        return cls(code, tuple((k, str(v)) for k, v in params.items()))

    @property
    def severity(self) -> Severity:
        return _SEVERITY.get(self.code, Severity.ERROR)

    @property
    def fix(self) -> Fix | None:
        return _FIXES.get(self.code)

    @property
    def template(self) -> str:
        return TEMPLATES[self.code]

    @property
    def text(self) -> str:
        """The English sentence."""
        return self.template.format(**dict(self.params))

    def param(self, name: str) -> str | None:
        return dict(self.params).get(name)
