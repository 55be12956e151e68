"""The message log: every recent status-line message, whole, with the local time it was said.

The status line holds one line and fades; a message elided there or gone before it was read is
read here. Plain text (messages quote case ids and user text), newest first, Esc closes.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from ui.widgets.accessible import describe
from ui.widgets.status_line import LoggedMessage


def log_text(messages: list[LoggedMessage]) -> str:
    return "\n".join(f"{m.at:%H:%M:%S}  {m.text}" for m in messages)


class MessageLog(QDialog):
    def __init__(self, messages: list[LoggedMessage], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Recent messages"))
        self.setModal(True)
        title = QLabel(self.tr("Recent messages, newest first, in local time · Esc closes"))
        title.setTextFormat(Qt.TextFormat.PlainText)
        self.view = QPlainTextEdit()
        self.view.setObjectName("messageLog")
        self.view.setReadOnly(True)  # still selectable, so a message can be copied whole
        self.view.setPlainText(log_text(messages) or self.tr("No messages yet."))
        describe(self.view, self.tr("Recent messages"))
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.view)
        self.resize(760, 420)
        self.view.setFocus()
