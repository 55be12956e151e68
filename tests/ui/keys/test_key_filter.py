"""The one key filter: key events only, in Qt's order, forgotten on destroy; it watches where
keys are delivered (the focus widget, as the focus moves, and its window), not every event."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

from ui.keys.key_filter import KeyFilterHub


class Spy(QObject):
    def __init__(self, name: str, seen: list, keep: bool = False):
        super().__init__()
        self.name, self.seen, self.keep = name, seen, keep

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        self.seen.append((self.name, event.type(), watched))
        return self.keep


def _focused_window(qtbot) -> tuple[QWidget, QLineEdit, QLineEdit]:
    window = QWidget()
    first, second = QLineEdit(), QLineEdit()
    layout = QVBoxLayout(window)
    layout.addWidget(first)
    layout.addWidget(second)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    first.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is first)
    return window, first, second


def test_key_events_only_reach_the_filters_the_last_added_first(qtbot):
    window, field, _ = _focused_window(qtbot)
    hub = KeyFilterHub.of(QApplication.instance())
    assert KeyFilterHub.of(QApplication.instance()) is hub  # one per application
    seen: list = []
    first, second = Spy("first", seen), Spy("second", seen)
    hub.add(first)
    hub.add(second)
    try:
        window.update()
        field.update()
        QApplication.processEvents()
        assert seen == []  # no paint, timer or layout event is handed on
        QTest.keyClick(field, Qt.Key.Key_A)
        presses = [name for name, kind, _ in seen if kind == QEvent.Type.KeyPress]
        assert presses == ["second", "first"]
    finally:
        hub.remove(first)
        hub.remove(second)


def test_keys_are_seen_wherever_the_focus_moves_and_at_the_window(qtbot):
    window, _, second_field = _focused_window(qtbot)
    hub = KeyFilterHub.of(QApplication.instance())
    seen: list = []
    spy = Spy("spy", seen)
    hub.add(spy)
    try:
        second_field.setFocus()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is second_field)
        QTest.keyClick(second_field, Qt.Key.Key_B)
        QTest.keyClick(window, Qt.Key.Key_C)  # sent to the window itself, as tests do
        pressed = {watched for _, kind, watched in seen if kind == QEvent.Type.KeyPress}
        assert second_field in pressed and window in pressed
    finally:
        hub.remove(spy)


def test_a_filter_that_keeps_the_key_stops_it_and_a_destroyed_one_is_forgotten(qtbot):
    window, field, _ = _focused_window(qtbot)
    hub = KeyFilterHub.of(QApplication.instance())
    seen: list = []
    earlier, keeper = Spy("earlier", seen), Spy("keeper", seen, keep=True)
    hub.add(earlier)
    hub.add(keeper)
    try:
        QTest.keyClick(field, Qt.Key.Key_B)
        assert {name for name, _, _ in seen} == {"keeper"}
        seen.clear()
        keeper.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QTest.keyClick(field, Qt.Key.Key_B)
        assert {name for name, _, _ in seen} == {"earlier"}
    finally:
        hub.remove(earlier)
        hub.remove(keeper)
