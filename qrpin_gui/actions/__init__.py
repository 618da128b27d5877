"""Qt-free coroutines, one per thing a manager does; the dialogs only collect input and show
results.

Each action refuses before sending what the service would refuse (offline, a person the
signed-in admin may not manage, PIN rules under the policy's ``pinLength``, QR lifetimes,
activation in the past), sends one write through the Graph client (which retries 429/503),
journals who did what to whom and how it ended (never a secret), and returns an
:class:`ActionResult` with the roster row refreshed from the service's answer and the one-time
secret (:class:`IssuedPin`, :class:`IssuedCode`; their ``repr`` hides the value). A write whose
answer was lost comes back as ``ActionOutcome.UNKNOWN``: never retried, never called a success;
:func:`check_status` re-reads the truth. Every other failure raises :class:`ActionError` with a
:class:`Problem` the dialog turns into a plain sentence.

Modules: ``context`` (:class:`ActionContext`, refusals, journalling, sending), ``errors``,
``results``, ``pin`` (reset, own change), ``codes`` (create, temporary, replace, extend,
delete), ``status`` (:func:`check_status`).
"""

from qrpin_gui.actions.codes import (
    create_method,
    create_temporary_code,
    default_standard_expiry,
    delete_method,
    delete_standard_code,
    delete_temporary_code,
    extend_expiry,
    replace_standard_code,
)
from qrpin_gui.actions.context import ActionContext, ScopeConsent
from qrpin_gui.actions.errors import ActionError, Problem
from qrpin_gui.actions.pin import (
    change_own_pin,
    current_pin_problems,
    new_pin_problems,
    reset_pin,
)
from qrpin_gui.actions.results import (
    ActionOutcome,
    ActionResult,
    IssuedCode,
    IssuedPin,
    StatusCheck,
    group_digits,
)
from qrpin_gui.actions.status import check_status, write_applied

__all__ = [
    "ActionContext",
    "ActionError",
    "ActionOutcome",
    "ActionResult",
    "IssuedCode",
    "IssuedPin",
    "Problem",
    "ScopeConsent",
    "StatusCheck",
    "change_own_pin",
    "check_status",
    "create_method",
    "create_temporary_code",
    "current_pin_problems",
    "default_standard_expiry",
    "delete_method",
    "delete_standard_code",
    "delete_temporary_code",
    "extend_expiry",
    "group_digits",
    "new_pin_problems",
    "replace_standard_code",
    "reset_pin",
    "write_applied",
]
