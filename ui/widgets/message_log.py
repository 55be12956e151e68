"""The message log: every recent status-line message, whole, with the local time it was said.

The status line holds one line and fades; a message elided there or gone before it was read is
read here. Plain text (messages quote case ids and user text), newest first, Esc closes.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from reviewer.log_file import log_dir
from ui.i18n.core_text import tr
from ui.widgets.accessible import describe
from ui.widgets.status_line import LoggedMessage


def log_text(messages: list[LoggedMessage]) -> str:
    return "\n".join(f"{m.at:%H:%M:%S}  {m.text}" for m in messages)


def open_log_folder() -> str:
    """Open the folder of the log files (where the messages go past this session) in the file
    manager; what the status line says: the folder, and whether it opened."""
    folder = log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    opened = QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
    said = tr("Log folder: %1") if opened else tr(
        "Log folder: %1 (no file manager answered; open it by hand)")
    return said.replace("%1", str(folder))


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
