"""The command palette and the cheat sheet, driven by keys only."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from reviewer.actions import ActionId
from ui.keys.cheat_sheet import rows_for
from ui.keys.palette import CommandPalette


def _in_palette(typed: str, final_key=Qt.Key.Key_Return):
    def answer():
        palette = CommandPalette.current
        if palette is None or not palette.isVisible():
            QTimer.singleShot(5, answer)
            return
        QTest.keyClicks(palette.search, typed)
        QTest.keyClick(palette.search, final_key)
    QTimer.singleShot(5, answer)


def test_palette_runs_the_same_action_the_key_runs(offline_window):
    window = offline_window
    first = window.session.current().id
    _in_palette("no viol")
    QTest.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    entries = window.session.outbox.entries()
    assert [(e.decision.case_id, e.decision.action) for e in entries] == [(first, ActionId.NO_VIOLATION)]


def test_palette_finds_cases_by_id_and_esc_does_nothing(offline_window):
    window = offline_window
    _in_palette("c3-ht")
    QTest.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert window.session.current().id == "c3-html"
    _in_palette("remove", final_key=Qt.Key.Key_Escape)
    QTest.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert window.session.outbox.entries() == [] and not window.media_grid.reveal.blanked


def test_cheat_sheet_is_generated_from_the_live_keymap(offline_window):
    rows = rows_for(offline_window.keymap)
    assert ("case", "2", "Remove") in rows
    assert any(mode == "note" for mode, _, _ in rows) and any(mode == "sweep" for mode, _, _ in rows)

    seen = []

    def close():
        sheet = QApplication.activeModalWidget()
        if sheet is None:
            QTimer.singleShot(10, close)
            return
        seen.append(sheet.table.rowCount())
        QTest.keyClick(sheet.table, Qt.Key.Key_J)  # typing in the sheet edits nothing ...
        seen.append(sheet.table.item(0, 0).text())
        QTest.keyClick(sheet.table, Qt.Key.Key_Escape)  # ... and one Esc closes it
    QTimer.singleShot(10, close)
    QTest.keyClick(offline_window, "?")  # as typed: Shift+/ on most layouts
    assert seen == [len(rows), rows[0][0]]
