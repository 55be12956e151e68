"""The status-bar indicator: online or offline, decisions waiting to sync, conflicts, and
sync rounds that keep failing (which would otherwise hide behind "Online")."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QSizePolicy

from reviewer.sync.engine import SyncStatus
from ui.i18n.core_text import shown, tr
from ui.widgets import accessible
from ui.widgets.label_holder import LabelHolder


def describe(status: SyncStatus | None, waiting_here: int, needs_attention: int = 0,
             awaiting_approval: int = 0) -> tuple[str, str]:
    """(text, state) for the indicator; state is online | offline | connecting | trouble |
    conflict."""
    if status is not None and status.trouble:  # nothing gets through: "Online" would be a lie
        parts, state = [f"● {shown(status.trouble)}"], "trouble"
    elif status is None or status.online is None:
        parts, state = [tr("● Connecting…")], "connecting"
    elif status.needs_sign_in:
        parts, state = [tr("● Sign in again (Account menu)")], "offline"
    elif status.online:
        parts, state = [tr("● Online")], "online"
    else:
        parts, state = [tr("● Offline — working from cached cases")], "offline"
    parts.append(tr("%Ln waiting to sync", "", waiting_here) if waiting_here
                 else tr("all decisions synced"))
    if awaiting_approval:  # sent, but not in force until a senior rules (four eyes)
        parts.append(tr("%Ln awaiting a senior's approval", "", awaiting_approval))
    if needs_attention:
        parts.append(tr("%Ln conflict(s) to review — Shift+C", "", needs_attention))
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
        # Never squeezed by a longer message or a longer language: online or not, and what
        # waits, must always be readable (the message line elides instead).
        self.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Preferred)
        # A control: Tab reaches it and Enter opens what it reports on, as a click does.
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        accessible.describe(self, self.tr("Sync status"),
                            self.tr("Enter shows conflicts and rejected decisions"))
        # What the window lays out: the count changes on every decision, and only a change of
        # width should relayout the status bar.
        self.holder = LabelHolder(self)

    def show_status(self, status: SyncStatus | None, waiting_here: int, needs_attention: int = 0,
                    awaiting_approval: int = 0) -> None:
        text, state = describe(status, waiting_here, needs_attention, awaiting_approval)
        tip = status.last_error if status and status.last_error else ""
        if (text, state, tip) == (self.text(), self.state, self.toolTip()):
            return  # unchanged: after most decisions, while the sync worker is still sending
        self.state = state
        self.setText(text)
        accessible.describe(self, self.tr("Sync status"), text + " — " + self.tr(
            "Enter shows conflicts and rejected decisions"))
        self.setToolTip(tip)
        if self.property("syncState") != state:
            # Re-styling costs a relayout of the status bar and a repaint of the window
            # around it: only when the state's colour changes.
            self.setProperty("syncState", state)
            self.style().unpolish(self)
            self.style().polish(self)

    def mousePressEvent(self, event) -> None:  # noqa: N802
        self.clicked.emit()

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.clicked.emit()
            return
        super().keyPressEvent(event)
