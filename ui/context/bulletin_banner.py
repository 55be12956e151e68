"""Bulletins waiting for this reviewer's acknowledgement, as a strip at the top of the window.

One row per bulletin: its title, "Read" and "Acknowledge". Its buttons are reached by Tab, never
by a click, so the review keys keep working while it is shown; every text in it is plain text:
a title is whatever a lead typed.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from reviewer.display_text import isolate
from ui.i18n.core_text import local_time
from ui.widgets.accessible import describe
from reviewer.context.guidelines import Guideline

class BulletinRow(QFrame):
    read_requested = Signal(str, int)
    acknowledge_requested = Signal(str, int)

    def __init__(self, bulletin: Guideline, ack_key: str = "",
                 queue_name: Callable[[str], str] = str):
        super().__init__()
        self.setObjectName("bulletinRow")
        self.bulletin = bulletin
        where = f" · {queue_name(bulletin.queue_id)}" if bulletin.queue_id else ""
        self.label = QLabel(self.tr("Bulletin: {title}{where} · published {when} — please read "
                                    "and acknowledge").format(
            title=isolate(bulletin.title), where=where, when=local_time(bulletin.published_at)))
        self.label.setObjectName("bulletinTitle")
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.read_button = QPushButton(self.tr("Read"))
        self.ack_button = QPushButton(self.tr("Acknowledge ({key})").format(key=ack_key) if ack_key
                                      else self.tr("Acknowledge"))
        describe(self.read_button, self.tr("Read the bulletin"), self.label.text())
        describe(self.ack_button, self.tr("Acknowledge the bulletin"), self.label.text())
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.label, 1)
        for button in (self.read_button, self.ack_button):
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # by Tab only: a click keeps the keys
            layout.addWidget(button)
        key = (bulletin.guideline_id, bulletin.version)
        self.read_button.clicked.connect(lambda: self.read_requested.emit(*key))
        self.ack_button.clicked.connect(lambda: self.acknowledge_requested.emit(*key))


class BulletinBanner(QWidget):
    read_requested = Signal(str, int)
    acknowledge_requested = Signal(str, int)

    def __init__(self, ack_key: str = "", queue_name: Callable[[str], str] = str):
        super().__init__()
        self.setObjectName("bulletinBanner")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.ack_key, self.queue_name = ack_key, queue_name  # a queue as reviewers call it
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
        self.rows = [BulletinRow(bulletin, self.ack_key, self.queue_name)
                     for bulletin in bulletins]
        for row in self.rows:
            row.read_requested.connect(self.read_requested)
            row.acknowledge_requested.connect(self.acknowledge_requested)
            self._layout.addWidget(row)
        self.setVisible(bool(self.rows))
