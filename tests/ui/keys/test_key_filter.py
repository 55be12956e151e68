"""The one application-wide key filter: key events only, in Qt's order, forgotten on destroy."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from ui.keys.key_filter import KeyFilterHub


class Spy(QObject):
    def __init__(self, name: str, seen: list, keep: bool = False):
        super().__init__()
        self.name, self.seen, self.keep = name, seen, keep

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        self.seen.append((self.name, event.type()))
        return self.keep


def test_key_events_only_reach_the_filters_the_last_added_first(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    hub = KeyFilterHub.of(QApplication.instance())
    assert KeyFilterHub.of(QApplication.instance()) is hub  # one per application
    seen: list = []
    first, second = Spy("first", seen), Spy("second", seen)
    hub.add(first)
    hub.add(second)
    try:
        widget.update()
        QApplication.processEvents()
        assert seen == []  # no paint, timer or layout event is handed on
        QTest.keyClick(widget, Qt.Key.Key_A)
        presses = [name for name, kind in seen if kind == QEvent.Type.KeyPress]
        assert presses == ["second", "first"]
    finally:
        hub.remove(first)
        hub.remove(second)


def test_a_filter_that_keeps_the_key_stops_it_and_a_destroyed_one_is_forgotten(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    hub = KeyFilterHub.of(QApplication.instance())
    seen: list = []
    earlier, keeper = Spy("earlier", seen), Spy("keeper", seen, keep=True)
    hub.add(earlier)
    hub.add(keeper)
    try:
        QTest.keyClick(widget, Qt.Key.Key_B)
        assert {name for name, _ in seen} == {"keeper"}
        seen.clear()
        keeper.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QTest.keyClick(widget, Qt.Key.Key_B)
        assert {name for name, _ in seen} == {"earlier"}
    finally:
        hub.remove(earlier)
