"""Ctrl+Shift+Z names exactly what it reverses, and never reverses a case the reviewer did not
pick: with an open case on screen it asks which of their sent decisions, newest first."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel

from reviewer.actions import ActionId
from reviewer.domain import Decision, parse_iso
from tests.qt_wait import pump_until
from tests.ui.keystrokes import decide_by_keys
from ui.decide.reversal_chooser import ReversalChooser
from ui.widgets.note_dialog import NoteDialog

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


class ReversalDriver:
    """Answers the chooser with `chooser_keys` and the note dialog with a note, by key events."""

    def __init__(self, chooser_keys: list[Qt.Key], note: str = "Wrong call: satire"):
        self.chooser_keys, self.note = chooser_keys, note
        self.chooser_rows: list[str] = []
        self.dialog_text = ""
        self._timer = QTimer(interval=5)
        self._timer.timeout.connect(self._answer)

    def __enter__(self) -> "ReversalDriver":
        self._timer.start()
        return self

    def __exit__(self, *exc) -> None:
        self._timer.stop()

    def _answer(self) -> None:
        chooser = ReversalChooser.current
        if chooser is not None and chooser.isVisible() and not chooser.property("answered"):
            chooser.setProperty("answered", True)
            self.chooser_rows = [chooser.list.item(i).text() for i in range(chooser.list.count())]
            for key in self.chooser_keys:
                QTest.keyClick(chooser.filter, key)
            return
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, NoteDialog) and not dialog.property("answered") \
                and dialog.isActiveWindow():
            dialog.setProperty("answered", True)
            self.dialog_text = " ".join([dialog.windowTitle()] +
                                        [label.text() for label in dialog.findChildren(QLabel)])
            QTest.keyClicks(dialog.editor, self.note)
            QTest.keyClick(dialog.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


def _decide_and_send(window, key: Qt.Key) -> str:
    """Decide the case on screen by keys; the central API accepts it. Returns its case id."""
    case_id = window.session.current().id
    decide_by_keys(window, key)
    outbox = window.session.outbox
    sent = [e.decision for e in outbox.entries("pending") if e.decision.case_id == case_id]
    outbox.record_answers([(d.decision_id, "accepted", {}) for d in sent])
    return case_id


def _local_time(window, case_id: str) -> str:
    entry = next(e for e in window.session.outbox.entries() if e.decision.case_id == case_id)
    return f"{parse_iso(entry.decision.decided_at).astimezone():%H:%M}"


def _reverse(window, driver: ReversalDriver) -> None:
    with driver:
        QTest.keyClick(window, Qt.Key.Key_Z, CTRL_SHIFT)
    pump_until(window.isActiveWindow, timeout=5, what="window active again")


def test_from_an_open_case_it_asks_which_and_reverses_the_one_picked(offline_window):
    window = offline_window
    first = _decide_and_send(window, Qt.Key.Key_1)
    second = _decide_and_send(window, Qt.Key.Key_2)
    on_screen = window.shown_case_id
    driver = ReversalDriver([Qt.Key.Key_Down, Qt.Key.Key_Return])
    _reverse(window, driver)
    assert driver.chooser_rows == [
        f"{second} · Remove under violent_graphic · today {_local_time(window, second)}",
        f"{first} · No violation · today {_local_time(window, first)}",
    ]
    assert f"Reverse No violation on {first}" in driver.dialog_text
    assert f"Reversing: {first} · No violation · today {_local_time(window, first)}" \
        in driver.dialog_text
    reversals = [e.decision.case_id for e in window.session.outbox.entries()
                 if e.decision.action == ActionId.REVERSE]
    assert reversals == [first]  # not the latest decision, and not the case that was on screen
    assert window.shown_case_id == first != on_screen  # back to be decided again
    window.after_frame.run()  # the message follows the case's frame
    assert f"Reversal of No violation (violent_graphic) on {first} recorded" \
        in window.status_line.text()


def test_esc_in_the_chooser_reverses_nothing_and_leaves_the_media_alone(offline_window):
    window = offline_window
    _decide_and_send(window, Qt.Key.Key_1)
    on_screen = window.shown_case_id
    driver = ReversalDriver([Qt.Key.Key_Escape])
    _reverse(window, driver)
    assert len(driver.chooser_rows) == 1 and driver.dialog_text == ""
    assert not any(e.decision.action == ActionId.REVERSE for e in window.session.outbox.entries())
    assert window.shown_case_id == on_screen
    assert not window.media_grid.reveal.blanked


def test_nothing_sent_yet_says_so_and_names_the_undo_key(offline_window):
    window = offline_window
    decide_by_keys(window, Qt.Key.Key_1)  # recorded here, not accepted by the central API yet
    QTest.keyClick(window, Qt.Key.Key_Z, CTRL_SHIFT)
    assert window.status_line.text() == ("No sent decision of yours to reverse (Ctrl+Z "
                                         "withdraws one not yet sent).")


def test_a_decided_case_of_yours_on_screen_is_the_one_reversed_without_asking(offline_window):
    # The work list holds open cases only, so the store is given a decision of this reviewer's
    # on the case that comes on screen next, older than the latest one.
    window = offline_window
    outbox = window.session.outbox
    on_screen_next = window.session.upcoming(1)[0].id
    earlier = Decision.new(on_screen_next, ActionId.REMOVE, "violent_graphic")
    outbox.record(earlier)
    outbox.record_answers([(earlier.decision_id, "accepted", {})])
    latest = _decide_and_send(window, Qt.Key.Key_1)
    assert window.shown_case_id == on_screen_next
    driver = ReversalDriver([])
    _reverse(window, driver)
    assert driver.chooser_rows == []  # no question: the case on screen is the one
    assert f"Reverse Remove on {on_screen_next}" in driver.dialog_text
    reversed_ = [e.decision.case_id for e in outbox.entries()
                 if e.decision.action == ActionId.REVERSE]
    assert reversed_ == [on_screen_next] and latest not in reversed_
