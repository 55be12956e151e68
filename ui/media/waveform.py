"""A waveform drawn in place of a picture: what an audio item shows while it is heard.

Bars of peak level, nothing else: it says that sound is playing and where it is loud, and
shows nothing of what the sound is. An item without a readable waveform gets a flat line.
"""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QPainter


def paint_waveform(painter: QPainter, area: QRect, peaks: list[float], colour: QColor) -> None:
    middle = area.center().y()
    if not peaks:
        painter.fillRect(QRect(area.left(), middle, area.width(), 2), colour)
        return
    width = max(1, area.width() // len(peaks))
    for number, peak in enumerate(peaks):
        height = max(2, int(peak * area.height() * 0.9))
        painter.fillRect(QRect(area.left() + number * width, middle - height // 2,
                               max(1, width - 1), height), colour)
