"""The hints the window gives name the real way out: the real shortcut, the real action."""

from __future__ import annotations

import pytest

from qrpin_gui.core.readiness import FixHint
from qrpin_gui.ui.readiness_view import fix_text
from qrpin_gui.ui.row_actions import RowAction, action_titles
from tests.gui.factories import loaded

pytestmark = pytest.mark.asyncio


async def test_check_status_hint_names_the_check_status_shortcut(make_rig) -> None:  # type: ignore[no-untyped-def]
    window = make_rig().window
    shortcut = window.check_status_action.shortcut().toString()
    assert shortcut == "Ctrl+K"
    hint = fix_text(FixHint.CHECK_STATUS)
    assert shortcut in hint and "Check status" in hint
    assert "F5" not in hint  # F5 reloads the roster
    assert window.refresh_action.shortcut().toString() == "F5"


async def test_an_action_needing_qr_sign_in_says_how_to_set_it_up(make_rig) -> None:  # type: ignore[no-untyped-def]
    rig = make_rig()
    window = rig.window
    window.row_actions.register(RowAction.RESET_PIN, lambda _row: None)
    rig.controller.rows_replaced.emit([loaded(1, None, name="Nina NoQR")], None, False)
    window.table.setCurrentIndex(window.model.index(0, 0))
    reset = window.row_action_items[RowAction.RESET_PIN]
    assert not reset.isEnabled()
    assert "has no QR sign-in yet" in reset.toolTip()
    assert action_titles()[RowAction.CREATE_METHOD] in reset.toolTip()
