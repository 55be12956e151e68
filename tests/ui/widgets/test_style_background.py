"""A widget that paints its own background paints the one its style sheet gives it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from ui.widgets.style_background import paint_style_background


class _Opaque(QWidget):
    def paintEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        paint_style_background(self).end()


def test_the_style_sheets_background_is_painted(qtbot):
    widget = _Opaque()
    widget.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
    widget.setStyleSheet("background: #123456;")
    widget.resize(40, 30)
    qtbot.addWidget(widget)
    image = widget.grab().toImage()
    assert QColor(image.pixel(20, 15)) == QColor("#123456")
