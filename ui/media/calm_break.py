"""An optional palate-cleanser for a break: a calm picture drawn by code and a breathing pace.

Offered, never imposed: the status line mentions it when the reviewer takes a break (B) or the
break reminder appears, and it opens only on its own key. Nothing moves fast, nothing makes a
sound; Esc or Close ends it at any moment. The picture is a soft landscape painted here (no
image file, nothing real), the pace a slow 4-4-6 count.
"""

from __future__ import annotations

from math import pi, sin

from PySide6.QtCore import QPointF, Qt, QTimer
from PySide6.QtGui import QColor, QImage, QLinearGradient, QPainter, QPainterPath, QPixmap
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from ui.theme.palette import CALM_SCENE

PICTURE_SIZE = (640, 360)


def calm_picture(width: int = PICTURE_SIZE[0], height: int = PICTURE_SIZE[1]) -> QImage:
    """Dusk over soft hills: a sky gradient, a low sun, three layers of rolling hills, in the
    picture's own colours (CALM_SCENE), the same in light and dark."""
    image = QImage(width, height, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    sky = QLinearGradient(0, 0, 0, height)
    sky.setColorAt(0.0, QColor(CALM_SCENE.sky_top))
    sky.setColorAt(0.7, QColor(CALM_SCENE.sky_horizon))
    painter.fillRect(0, 0, width, height, sky)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(CALM_SCENE.sun))
    painter.drawEllipse(QPointF(width * 0.68, height * 0.58), height * 0.09, height * 0.09)
    for number, colour in enumerate(CALM_SCENE.hills):
        painter.setBrush(QColor(colour))
        painter.drawPath(_hills(width, height, 0.62 + 0.1 * number, 0.05 + 0.02 * number,
                                1.3 + number * 0.7))
    painter.end()
    return image


def _hills(width: int, height: int, level: float, swell: float, waves: float) -> QPainterPath:
    path = QPainterPath(QPointF(0, height))
    steps = 48
    for step in range(steps + 1):
        x = width * step / steps
        # A smooth rise and fall, no sharp edges: a sum of two slow curves.
        y = height * (level - swell * sin(pi * waves * step / steps)
                      - swell / 2 * sin(pi * 2.3 * waves * step / steps + 1))
        path.lineTo(QPointF(x, y))
    path.lineTo(QPointF(width, height))
    path.closeSubpath()
    return path


class CalmBreak(QDialog):
    PACE = ((4, "in"), (4, "hold"), (6, "out"))  # seconds per phase

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("A calm moment"))
        self.picture = calm_picture()
        self.picture_label = QLabel()
        self.picture_label.setPixmap(QPixmap.fromImage(self.picture))
        self.breath = QLabel()
        self.breath.setObjectName("breathingPace")
        self.breath.setAlignment(Qt.AlignmentFlag.AlignCenter)
        note = QLabel(self.tr("Optional: close it whenever you like (Esc)."))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.picture_label, self.breath, note, buttons):
            layout.addWidget(widget)
        self._phase, self._left = 0, self.PACE[0][0]
        self._timer = QTimer(self, interval=1000)
        self._timer.timeout.connect(self._tick)
        self._timer.start()
        self._show_breath()

    def _tick(self) -> None:
        self._left -= 1
        if self._left <= 0:
            self._phase = (self._phase + 1) % len(self.PACE)
            self._left = self.PACE[self._phase][0]
        self._show_breath()

    def _show_breath(self) -> None:
        words = {"in": self.tr("Breathe in… {n}"), "hold": self.tr("Hold… {n}"),
                 "out": self.tr("Breathe out slowly… {n}")}
        self.breath.setText(words[self.PACE[self._phase][1]].format(n=self._left))

