"""Driving the workstation with key events only, dialogs included.

A decision key may open the policy picker and then a note dialog, each modal (their own event
loop). `DialogDriver` answers them with key events as a reviewer would, from a timer that runs
inside those loops.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.qt_wait import pump_until
from ui.widgets.note_dialog import NoteDialog
from ui.decide.policy_picker import PolicyPicker


class DialogDriver:
    def __init__(self, note: str = "Reviewed: see the case", policy_key: str = "Return"):
        self.note, self.policy_key = note, policy_key
        self.seen: list[str] = []
        self._timer = QTimer(interval=5)
        self._timer.timeout.connect(self._answer)

    def __enter__(self) -> "DialogDriver":
        self._timer.start()
        return self

    def __exit__(self, *exc) -> None:
        self._timer.stop()

    def _answer(self) -> None:
        dialog = PolicyPicker.current or QApplication.activeModalWidget()
        # Each dialog is answered once (marked on the dialog itself: Python ids get reused).
        # A person types once the dialog has the focus; so does this driver.
        if dialog is None or dialog.property("answered") or not dialog.isVisible() \
                or not dialog.window().isActiveWindow():
            return
        dialog.setProperty("answered", True)
        if isinstance(dialog, PolicyPicker):
            self.seen.append("policy")
            if self.policy_key == "Return":
                QTest.keyClick(dialog.filter, Qt.Key.Key_Return)
            else:
                QTest.keyClicks(dialog.filter, self.policy_key)
        elif isinstance(dialog, NoteDialog):
            self.seen.append("note")
            QTest.keyClicks(dialog.editor, self.note)
            QTest.keyClick(dialog.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


def decide_by_keys(window, key: Qt.Key, note: str = "Reviewed: see the case",
                   policy_key: str = "Return") -> list[str]:
    """Press a decision key and answer whatever it asks; returns the dialogs it went through."""
    with DialogDriver(note, policy_key) as driver:
        QTest.keyClick(window, key)
    if driver.seen:  # a dialog closed: let the window become active again, as it does for a person
        pump_until(window.isActiveWindow, timeout=5, what="window active again")
    return driver.seen


def when_open(kind: type, act, interval_ms: int = 20) -> QTimer:
    """Run `act(dialog)` once, as soon as a modal `kind` dialog is up and has the focus (a busy
    machine may take a while to show it; a fixed delay would act on nothing). Returns the timer,
    which stops by itself after acting."""
    timer = QTimer(interval=interval_ms)

    def poll():
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, kind) and dialog.isActiveWindow():
            timer.stop()
            act(dialog)
    timer.timeout.connect(poll)
    timer.start()
    return timer
