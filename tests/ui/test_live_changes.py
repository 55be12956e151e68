"""What the reviewer sees when the world changes under the case on screen."""

from __future__ import annotations

import httpx
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.ui.keystrokes import decide_by_keys
from tests.qt_wait import pump_until
from tests.ui.test_keyboard_loop import _window
from tests.ui.keystrokes import when_open
from ui.sync.conflicts_view import ConflictsView
from ui.widgets.note_dialog import NoteDialog


def _lead(central_api):
    return httpx.Client(base_url=central_api.url, timeout=10,
                        headers={"Authorization": f"Bearer {central_api.tokens['lead']}"})


def test_case_withdrawn_while_on_screen_moves_on_and_says_why(qtbot, tmp_path, central_api):
    window = _window(qtbot, tmp_path, central_api)
    on_screen = window.session.current().id
    with _lead(central_api) as lead:
        lead.post(f"/v1/cases/{on_screen}/withdraw").raise_for_status()
    window.bridge.wake()
    pump_until(lambda: window.session.current().id != on_screen, what="moved past withdrawn case")
    assert f"{on_screen} left your list: Withdrawn by the platform" in window.status_line.text()
    assert on_screen not in window.session.case_ids


def test_lost_conflict_is_escalated_for_a_second_look_and_lands(qtbot, tmp_path, central_api):
    window = _window(qtbot, tmp_path, central_api)
    case_id = window.session.current().id
    window.bridge.stop()  # our decision waits in the outbox while another reviewer wins
    decide_by_keys(window, Qt.Key.Key_2)
    with httpx.Client(base_url=central_api.url, timeout=10,
                      headers={"Authorization": f"Bearer {central_api.tokens['senior']}"}) as other:
        body = {"decision_id": "other-win", "case_id": case_id, "action": "no_violation",
                "policy": "p", "note": "", "decided_at": "2026-11-22T10:00:00Z"}
        other.post("/v1/decisions", json=body, headers={"Idempotency-Key": "other-win"}).raise_for_status()
    window.bridge.start()
    pump_until(lambda: window.sync_indicator.state == "conflict", what="conflict shown")

    def escalate_in_view(view):
        assert view.table.item(0, 0).text() == case_id

        def note(dialog):
            QTest.keyClicks(dialog.editor, "Visible weapon; please re-check")
            QTest.keyClick(dialog.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        writing = when_open(NoteDialog, note)
        QTest.keyClick(view.table, Qt.Key.Key_E)
        writing.stop()
        view.close()
    waiting = when_open(ConflictsView, escalate_in_view)
    QTest.keyClick(window, Qt.Key.Key_C, Qt.KeyboardModifier.ShiftModifier)
    waiting.stop()
    pump_until(lambda: window.session.outbox.waiting() == 0, what="escalation synced")
    actions = [d["action"] for d in central_api.decisions(case_id)]
    assert actions == ["no_violation", "escalate"]
    pump_until(lambda: window.sync_indicator.state == "online", what="conflict dealt with")
