"""A one-line label that shows what fits and a visible "…" where the text goes on.

A plain QLabel whose text is wider than the room it is given clips it mid-word with no sign
that more follows; a reviewer then reads half a reason as the whole one. This label takes the
width its layout gives it (never widening the window), draws the text elided, and keeps the
whole text in its tooltip (set by the owner) and in `text()` for screen readers.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import QLabel, QSizePolicy


class ElidedLabel(QLabel):
    def __init__(self, text: str = "", parent=None):
        super().__init__(text, parent)
        self.setTextFormat(Qt.TextFormat.PlainText)  # quotes case ids and user text
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def shown_text(self) -> str:
        """What is drawn: the text on one line, elided with "…" when it is wider."""
        return self.elided(" ".join(self.text().split()), self.contentsRect().width())

    def elided(self, text: str, width: int) -> str:
        return self.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, max(0, width))

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(0, super().minimumSizeHint().height())

    def paintEvent(self, event) -> None:  # noqa: N802
        painter = QPainter(self)
        self.style().drawItemText(
            painter, self.contentsRect(),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), self.palette(),
            self.isEnabled(), self.shown_text(), QPalette.ColorRole.WindowText)
