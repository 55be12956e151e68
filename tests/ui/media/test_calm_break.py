"""The palate-cleanser is offered at a break, opens only on its own key and closes on Esc."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from reviewer.actions import ActionId
from ui.media.calm_break import CalmBreak, calm_picture


def test_taking_a_break_offers_it_and_its_key_opens_it_until_esc(offline_window):
    window = offline_window
    QTest.keyClick(window, Qt.Key.Key_B)
    assert "Ctrl+B shows a calm picture" in window.status_line.text()
    assert not isinstance(QApplication.activeModalWidget(), CalmBreak)  # offered, not opened
    seen = []

    def look_and_close():
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, CalmBreak):
            seen.append(dialog.breath.text())
            QTest.keyClick(dialog, Qt.Key.Key_Escape)
        else:
            QTimer.singleShot(20, look_and_close)

    QTimer.singleShot(20, look_and_close)
    window.registry.actions[ActionId.CALM_BREAK].trigger()
    assert seen and seen[0].startswith("Breathe in")
    assert not window.media_grid.revealed  # nothing of the case shows meanwhile


def test_the_calm_picture_is_drawn_by_code_and_soft():
    image = calm_picture(320, 180)
    assert (image.width(), image.height()) == (320, 180)
    colours = {image.pixel(x, y) for x in range(0, 320, 16) for y in range(0, 180, 12)}
    assert len(colours) > 10  # a picture, not a blank
    # Calm: no saturated reds anywhere.
    assert not any((c >> 16 & 255) > 200 and (c >> 8 & 255) < 80 for c in colours)
