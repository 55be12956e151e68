"""The whole loop from the keyboard: keys in the window -> local outbox -> central API."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from reviewer.profile import Profile
from reviewer.sync.engine import SyncSettings
from tests.qt_wait import pump_until
from tests.ui.keystrokes import decide_by_keys
from ui.widgets.note_dialog import NoteDialog
from ui.app import build_workstation

KEY_TO_ACTION = {Qt.Key.Key_1: "no_violation", Qt.Key.Key_2: "remove", Qt.Key.Key_3: "label_sensitive",
                 Qt.Key.Key_4: "restrict_reach", Qt.Key.Key_5: "suspend"}


def _window(qtbot, tmp_path, central_api, token_role="reviewer"):
    window = build_workstation(Profile(tmp_path / "profile"), central_api.url,
                               central_api.tokens[token_role],
                               SyncSettings(prefetch_per_queue=20, low_watermark=5, idle_interval=0.5),
                               undo_grace_s=0)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    window.bridge.start()
    pump_until(lambda: window.session.current() is not None, what="first case")
    return window


def test_ten_decisions_by_keyboard_land_exactly_once_on_the_server(qtbot, tmp_path, central_api):
    window = _window(qtbot, tmp_path, central_api)
    keys = list(KEY_TO_ACTION) * 2
    made: dict[str, str] = {}
    for i in range(10):
        case_id = window.session.current().id
        if i == 6:  # one escalation, with its note typed into the dialog
            assert decide_by_keys(window, Qt.Key.Key_E,
                                  "Needs a specialist: possible coordinated campaign") == ["note"]
            made[case_id] = "escalate"
        else:
            decide_by_keys(window, keys[i])
            made[case_id] = KEY_TO_ACTION[keys[i]]
        pump_until(lambda: window.session.current() is None or window.session.current().id != case_id,
                   what="next case")
    pump_until(lambda: window.session.outbox.waiting() == 0, what="outbox drained")
    pump_until(lambda: "all decisions synced" in window.sync_indicator.text(), what="indicator")
    on_server = central_api.decisions()
    assert sorted((d["case_id"], d["action"]) for d in on_server) == sorted(made.items())
    escalated = [d for d in on_server if d["action"] == "escalate"]
    assert escalated[0]["note"] == "Needs a specialist: possible coordinated campaign"
    assert "all decisions synced" in window.sync_indicator.text()


def test_typing_in_the_note_does_not_trigger_decisions_and_cancel_records_nothing(qtbot, tmp_path, central_api):
    window = _window(qtbot, tmp_path, central_api)
    case_id = window.session.current().id

    typed = []

    def type_digits_then_cancel():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, NoteDialog) or not dialog.isActiveWindow() or typed:
            return  # not open yet (a busy machine): try again on the next tick
        QTest.keyClicks(dialog.editor, "1 2 3 S J")
        typed.append(dialog.editor.toPlainText())
        QTest.keyClick(dialog.editor, Qt.Key.Key_Escape)
    poll = QTimer(interval=20)
    poll.timeout.connect(type_digits_then_cancel)
    poll.start()
    QTest.keyClick(window, Qt.Key.Key_E)
    poll.stop()
    assert typed == ["1 2 3 S J"]
    assert window.session.current().id == case_id
    assert window.session.outbox.counts()["pending"] == 0


def test_navigation_keys_move_between_cases_without_deciding(qtbot, tmp_path, central_api):
    window = _window(qtbot, tmp_path, central_api)
    first = window.session.current().id
    QTest.keyClick(window, Qt.Key.Key_J)
    second = window.session.current().id
    assert second != first
    QTest.keyClick(window, Qt.Key.Key_K)
    assert window.session.current().id == first
    QTest.keyClick(window, Qt.Key.Key_Down)
    assert window.session.current().id == second
    QTest.keyClick(window, Qt.Key.Key_S)  # skip
    assert window.session.current().id != second
    assert window.session.outbox.counts() == {"pending": 0, "sending": 0, "accepted": 0,
                                              "awaiting_approval": 0,
                                              "conflict": 0, "rejected": 0, "withdrawn": 0}
