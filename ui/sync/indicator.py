"""The status-bar indicator: online or offline, decisions waiting to sync, conflicts, and
sync rounds that keep failing (which would otherwise hide behind "Online")."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel

from reviewer.sync.engine import SyncStatus


def describe(status: SyncStatus | None, waiting_here: int, needs_attention: int = 0,
             awaiting_approval: int = 0) -> tuple[str, str]:
    """(text, state) for the indicator; state is online | offline | connecting | trouble |
    conflict."""
    if status is not None and status.trouble:  # nothing gets through: "Online" would be a lie
        parts, state = [f"● {status.trouble}"], "trouble"
    elif status is None or status.online is None:
        parts, state = ["● Connecting…"], "connecting"
    elif status.needs_sign_in:
        parts, state = ["● Sign in again (Account menu)"], "offline"
    elif status.online:
        parts, state = ["● Online"], "online"
    else:
        parts, state = ["● Offline — working from cached cases"], "offline"
    parts.append(f"{waiting_here} waiting to sync" if waiting_here else "all decisions synced")
    if awaiting_approval:  # sent, but not in force until a senior rules (four eyes)
        parts.append(f"{awaiting_approval} awaiting a senior's approval")
    if needs_attention:
        parts.append(f"{needs_attention} conflict(s) to review — Shift+C")
        state = "conflict"
    return "  ·  ".join(parts), state


class SyncIndicator(QLabel):
    clicked = Signal()

    def __init__(self):
        super().__init__()
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setObjectName("syncIndicator")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.state = "connecting"

    def show_status(self, status: SyncStatus | None, waiting_here: int, needs_attention: int = 0,
                    awaiting_approval: int = 0) -> None:
        text, self.state = describe(status, waiting_here, needs_attention, awaiting_approval)
        self.setText(text)
        self.setProperty("syncState", self.state)
        self.setToolTip(status.last_error if status and status.last_error else "")
        self.style().unpolish(self)
        self.style().polish(self)

    def mousePressEvent(self, event) -> None:  # noqa: N802
        self.clicked.emit()
