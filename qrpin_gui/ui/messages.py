"""Translated wording for expected errors (Graph and sign-in) and offline/snapshot notices.

:mod:`qrpin_gui.graph.explain` decides WHICH message applies (a template id and its
parameters); this module holds the translatable text for each template id, so the words a
manager reads follow the UI language. :mod:`qrpin_gui.auth.messages` marks its sentences for
translation under the ``AuthMessages`` context; :func:`auth_message` looks them up.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication

from qrpin_gui.auth.errors import AuthError
from qrpin_gui.auth.messages import MESSAGE_CONTEXT, message_for
from qrpin_gui.graph.errors import GraphError
from qrpin_gui.graph.explain import ExplainContext, Explanation, explain
from qrpin_gui.offline.snapshot import LoadProblem, LoadResult

logger = logging.getLogger(__name__)


def _templates() -> dict[str, str]:
    return {
        "offline": QCoreApplication.translate(
            "GraphMessages",
            "Microsoft could not be reached. Check the network connection; the last saved list "
            "stays available.",
        ),
        "timeout": QCoreApplication.translate(
            "GraphMessages",
            "Microsoft did not answer in time. Please try again in a moment. (Request id: {request_id})",
        ),
        "outcome_unknown": QCoreApplication.translate(
            "GraphMessages",
            "The connection dropped after the request to {action} was sent, so it is not known "
            "whether Microsoft carried it out. Refresh {person} and check before trying again. "
            "(Request id: {request_id})",
        ),
        "throttled": QCoreApplication.translate(
            "GraphMessages",
            "Microsoft is limiting how fast this app may work right now. Please try again in "
            "{seconds} seconds.",
        ),
        "signed_out": QCoreApplication.translate(
            "GraphMessages", "Your sign-in is no longer valid. Please sign in again."
        ),
        "step_up": QCoreApplication.translate(
            "GraphMessages",
            "Microsoft asks you to confirm your sign-in again (for example with MFA) before this "
            "can be done. Please sign in again and retry.",
        ),
        "consent_required": QCoreApplication.translate(
            "GraphMessages",
            "Your organisation has not yet allowed this app to do this. An administrator of your "
            "organisation must grant consent for: {scopes}.",
        ),
        "forbidden_admin_target": QCoreApplication.translate(
            "GraphMessages",
            "You cannot {action} for {person}: {person} holds an administrator role. Only a "
            "Privileged Authentication Administrator may manage QR sign-in for administrators; "
            "please ask your IT department.",
        ),
        "forbidden_outside_stores": QCoreApplication.translate(
            "GraphMessages",
            "You cannot {action} for {person}: {person} is not a member of any store you manage. "
            "Your Authentication Administrator role applies only to the people in your stores.",
        ),
        "forbidden_read_only": QCoreApplication.translate(
            "GraphMessages",
            "You cannot {action} for {person}: your role (Global Reader) may only look, not "
            "change anything. Changing QR sign-in needs the Authentication Administrator role.",
        ),
        "forbidden_no_role": QCoreApplication.translate(
            "GraphMessages",
            "You cannot {action} for {person}: your account has no role for QR sign-in. You need "
            "the Authentication Administrator role for {person}'s store (or for the whole "
            "organisation).",
        ),
        "forbidden_user": QCoreApplication.translate(
            "GraphMessages",
            "Microsoft refused to let you {action} for {person}. Managing QR sign-in needs the "
            "Authentication Administrator role for the person's store, and the Privileged "
            "Authentication Administrator role if the person is an administrator. "
            "(Code: {code}, request id: {request_id})",
        ),
        "no_method": QCoreApplication.translate("GraphMessages", "{person} has no QR sign-in yet."),
        "user_not_found": QCoreApplication.translate(
            "GraphMessages", "{person} was not found in your organisation's directory any more."
        ),
        "policy_defaults_assumed": QCoreApplication.translate(
            "GraphMessages",
            "Your organisation's QR sign-in settings could not be read, so the standard settings "
            "are assumed: PINs of at least 8 digits, badges valid for 365 days.",
        ),
        "malformed_after_write": QCoreApplication.translate(
            "GraphMessages",
            "Microsoft carried out the request to {action} for {person}, but its answer could not "
            "be read, so its result (for example a new PIN or badge) is lost. Refresh {person}; "
            "if needed, do it again. (Request id: {request_id})",
        ),
        "malformed": QCoreApplication.translate(
            "GraphMessages",
            "Microsoft sent an answer that could not be read. Please try again. "
            "(Request id: {request_id})",
        ),
        "rejected": QCoreApplication.translate(
            "GraphMessages",
            "Rejected by Microsoft Graph: {code} (HTTP {status}, request id: {request_id}).",
        ),
    }


def _fillers() -> dict[str, str]:
    """The English stand-ins graph/explain.py uses when the caller gave no person, action or
    request id, translated, so no English words end up inside a translated sentence."""
    return {
        "this person": QCoreApplication.translate("GraphMessages", "this person"),
        "do this": QCoreApplication.translate("GraphMessages", "do this"),
        "not given": QCoreApplication.translate("GraphMessages", "not given"),
        "manage QR sign-in": QCoreApplication.translate("GraphMessages", "manage QR sign-in"),
    }


def explanation_text(explanation: Explanation) -> str:
    """The translated text of an explanation (its English text if the id is unknown)."""
    template = _templates().get(explanation.template_id)
    if template is None:
        return explanation.text
    fillers = _fillers()
    params = {key: fillers.get(value, value) for key, value in explanation.params.items()}
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        logger.warning("Translation of %s does not fit its parameters", explanation.template_id)
        return explanation.text


def graph_message(error: GraphError, context: ExplainContext | None = None) -> str:
    if isinstance(error.__cause__, AuthError):  # no token could be had: say it as sign-in does
        return auth_message(error.__cause__)
    return explanation_text(explain(error, context))


def auth_message(error: AuthError) -> str:
    return QCoreApplication.translate(MESSAGE_CONTEXT, message_for(error))


def snapshot_problem_text(result: LoadResult) -> str:
    """What to tell the manager when the saved roster could not be used ("" = nothing)."""
    problem = result.problem
    if problem is None or problem is LoadProblem.MISSING:
        return ""
    texts = {
        LoadProblem.CORRUPT: QCoreApplication.translate(
            "SnapshotMessages",
            "The saved roster on this computer was damaged, so it was set aside. The roster "
            "will be loaded again from Microsoft.",
        ),
        LoadProblem.TRUNCATED: QCoreApplication.translate(
            "SnapshotMessages",
            "The saved roster on this computer was incomplete, so it was set aside. The "
            "roster will be loaded again from Microsoft.",
        ),
        LoadProblem.WRONG_VERSION: QCoreApplication.translate(
            "SnapshotMessages",
            "The saved roster was written by a different version of QR PIN Manager and cannot "
            "be read, so it was set aside. The roster will be loaded again from Microsoft.",
        ),
        LoadProblem.OTHER_TENANT: QCoreApplication.translate(
            "SnapshotMessages",
            "The saved roster belongs to a different organisation, so it was set aside and is "
            "not shown.",
        ),
        LoadProblem.CANNOT_DECRYPT: QCoreApplication.translate(
            "SnapshotMessages",
            "The saved roster could not be unlocked on this computer (it was saved by another "
            "Windows user or computer, or its key is gone), so it was set aside.",
        ),
        LoadProblem.PROTECTOR_UNAVAILABLE: QCoreApplication.translate(
            "SnapshotMessages",
            "The saved roster cannot be opened right now because this computer's secure "
            "storage is not available. It is kept for later.",
        ),
        LoadProblem.UNREADABLE: QCoreApplication.translate(
            "SnapshotMessages",
            "The saved roster could not be read from the disk. It is kept for later.",
        ),
    }
    return texts.get(
        problem,
        QCoreApplication.translate("SnapshotMessages", "The saved roster could not be used."),
    )
