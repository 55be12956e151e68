"""Bulletins waiting for this reviewer's acknowledgement, as a strip at the top of the window.

One row per bulletin: its title, "Read" and "Acknowledge". The strip never takes keyboard focus
(the review keys keep working while it is shown) and every text in it is plain text: a title
is whatever a lead typed.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from reviewer.display_text import isolate, local_time
from reviewer.context.guidelines import Guideline

class BulletinRow(QFrame):
    read_requested = Signal(str, int)
    acknowledge_requested = Signal(str, int)

    def __init__(self, bulletin: Guideline, ack_key: str = ""):
        super().__init__()
        self.setObjectName("bulletinRow")
        self.bulletin = bulletin
        where = f" · {bulletin.queue_id}" if bulletin.queue_id else ""
        self.label = QLabel(f"Bulletin: {isolate(bulletin.title)}{where} · published "
                            f"{local_time(bulletin.published_at)} — please read and acknowledge")
        self.label.setObjectName("bulletinTitle")
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.read_button = QPushButton("Read")
        self.ack_button = QPushButton(f"Acknowledge ({ack_key})" if ack_key else "Acknowledge")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.label, 1)
        for button in (self.read_button, self.ack_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # never steals the review keys
            layout.addWidget(button)
        key = (bulletin.guideline_id, bulletin.version)
        self.read_button.clicked.connect(lambda: self.read_requested.emit(*key))
        self.ack_button.clicked.connect(lambda: self.acknowledge_requested.emit(*key))


class BulletinBanner(QWidget):
    read_requested = Signal(str, int)
    acknowledge_requested = Signal(str, int)

    def __init__(self, ack_key: str = ""):
        super().__init__()
        self.setObjectName("bulletinBanner")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.ack_key = ack_key
        self.rows: list[BulletinRow] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.hide()

    def show_bulletins(self, bulletins: list[Guideline]) -> None:
        """Show exactly these bulletins (none: the banner goes)."""
        if [r.bulletin.tag for r in self.rows] == [b.tag for b in bulletins]:
            return
        for row in self.rows:
            self._layout.removeWidget(row)
            row.deleteLater()
        self.rows = [BulletinRow(bulletin, self.ack_key) for bulletin in bulletins]
        for row in self.rows:
            row.read_requested.connect(self.read_requested)
            row.acknowledge_requested.connect(self.acknowledge_requested)
            self._layout.addWidget(row)
        self.setVisible(bool(self.rows))
