"""The status-bar indicator: online or offline, decisions waiting to sync, conflicts."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from reviewer.sync_engine import SyncStatus


def describe(status: SyncStatus | None, waiting_here: int) -> tuple[str, str]:
    """(text, state) for the indicator; state is online | offline | connecting."""
    if status is None or status.online is None:
        return f"● Connecting…  ·  {waiting_here} waiting to sync", "connecting"
    parts = ["● Online" if status.online else "● Offline — working from cached cases"]
    parts.append(f"{waiting_here} waiting to sync" if waiting_here else "all decisions synced")
    if status.conflicts:
        parts.append(f"{status.conflicts} conflict(s)")
    if status.rejected:
        parts.append(f"{status.rejected} rejected")
    return "  ·  ".join(parts), "online" if status.online else "offline"


class SyncIndicator(QLabel):
    def __init__(self):
        super().__init__()
        self.setObjectName("syncIndicator")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.state = "connecting"

    def show_status(self, status: SyncStatus | None, waiting_here: int) -> None:
        text, self.state = describe(status, waiting_here)
        self.setText(text)
        self.setProperty("syncState", self.state)
        self.setToolTip(status.last_error if status and status.last_error else "")
        self.style().unpolish(self)
        self.style().polish(self)
