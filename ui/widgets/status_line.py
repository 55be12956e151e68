"""The status line: the one place where the workstation tells the reviewer what just happened.

Controllers never write to it directly; each has a `message` signal that the window connects
here, so every outcome, refusal and notice reaches the reviewer the same way and in one spot.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel


class StatusLine(QLabel):
    def __init__(self):
        super().__init__()
        self.setObjectName("statusLine")
        self.setTextFormat(Qt.TextFormat.PlainText)  # messages quote case ids and user text

    def say(self, text: str) -> None:
        self.setText(text)
