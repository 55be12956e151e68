"""Ctrl+Shift+M lists recent messages whole, with their local time, newest first; Esc closes."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from reviewer.actions import ActionId
from ui.keys.palette import entries_for
from ui.widgets.message_log import MessageLog

LONG = "Key bindings: [case] key 'J' is bound to both 'next_case' and 'skip'; " * 6


def _open_log_and_read(window) -> tuple[str, list[bool]]:
    seen: dict[str, str] = {}
    closed: list[bool] = []

    def answer():
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, MessageLog) and "text" not in seen:
            seen["text"] = dialog.view.toPlainText()
            QTest.keyClick(dialog.view, Qt.Key.Key_Escape)
            closed.append(not dialog.isVisible())

    timer = QTimer(interval=20)
    timer.timeout.connect(answer)
    timer.start()
    try:
        QTest.keyClick(window, Qt.Key.Key_M,
                       Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    finally:
        timer.stop()
    return seen.get("text", ""), closed


def test_the_log_shows_recent_messages_whole_with_their_time(offline_window):
    window = offline_window
    window.status_line.say(LONG.strip())
    QTest.keyClick(window, Qt.Key.Key_Escape)  # nothing to close: the media stays as it was
    window.status_line.say("Sync now: nothing waits to be sent.")
    text, closed = _open_log_and_read(window)
    lines = text.splitlines()
    assert re.fullmatch(r"\d\d:\d\d:\d\d  Sync now: nothing waits to be sent\.", lines[0])
    assert lines[1].endswith(LONG.strip())  # whole, never cut
    assert closed == [True]


def test_the_log_is_in_the_menu_and_the_palette(offline_window):
    window = offline_window
    action = window.registry.actions[ActionId.MESSAGE_LOG]
    menus = [a.menu() for a in window.menuBar().actions()]
    assert any(action in menu.actions() for menu in menus)
    entries = entries_for(window.registry, window.session, window.palette_targets)
    assert any(e.text.startswith("Recent messages…") for e in entries)
