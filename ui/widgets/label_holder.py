"""A label whose new text relayouts its surroundings only when it needs another size.

QLabel.setText always asks its parent's layout to lay out again (updateGeometry), and that
relayout spreads up through the splitters and the status bar to the window: ~1 ms of the UI
thread for a count line that changes on every decision. Here the label sits alone in a
holder widget without a layout; its request reaches only the holder, which places the label
over itself and passes the request on only if the label's size hints changed (a longer
count that wraps to another line, a wider status).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget


class LabelHolder(QWidget):
    def __init__(self, label: QLabel, parent: QWidget | None = None):
        super().__init__(parent)
        self.label = label
        label.setParent(self)
        self.setSizePolicy(label.sizePolicy())
        self._hints = self._read_hints(self.width())

    def _read_hints(self, width: int) -> tuple:
        label = self.label
        height = label.heightForWidth(width) if label.hasHeightForWidth() else -1
        hint, least = label.sizeHint(), label.minimumSizeHint()
        if label.sizePolicy().horizontalPolicy() == QSizePolicy.Policy.Ignored:
            # The layout gives it whatever width there is (a message line that elides):
            # only its height counts.
            return hint.height(), least.height(), height
        return hint, least, height

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt naming)
        return self.label.sizeHint()

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return self.label.minimumSizeHint()

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return self.label.hasHeightForWidth()

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return self.label.heightForWidth(width)

    def resizeEvent(self, event) -> None:  # noqa: N802
        self.label.setGeometry(self.rect())
        self._hints = self._read_hints(self.width())

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:  # the label's text or font changed
            self.setSizePolicy(self.label.sizePolicy())  # word wrap sets height-for-width
            hints = self._read_hints(self.width())
            if hints != self._hints:
                self._hints = hints
                self.updateGeometry()
            return True
        return super().event(event)
