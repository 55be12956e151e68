"""The window's side of alerts: the panel (Shift+A, and the palette), and a desktop
notification when the central API pages this reviewer, which opens the panel on that alert.

Acknowledgements and resolves wait in the local store; `changed` asks the window to wake the
sync worker, and `message` says what happened (the status line is also where a page shows on a
desktop with no notification service).
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from reviewer.actions import ActionId
from reviewer.context.alerts import AlertStore
from reviewer.review.session import ReviewSession
from reviewer.sync.engine import SyncStatus
from ui.context.alerts_panel import AlertsPanel
from ui.keys.action_registry import Handlers
from ui.keys.palette import PaletteTargets
from ui.widgets.notifier import notify


class AlertsDesk(QObject):
    message = Signal(str)
    changed = Signal()

    def __init__(self, parent: QWidget, session: ReviewSession, conceal: Callable[[], None],
                 targets: PaletteTargets):
        super().__init__(parent)
        self.parent_widget, self.conceal, self.targets = parent, conceal, targets
        self.store, self.session = AlertStore(session.cache.db), session
        self.panel: AlertsPanel | None = None

    def handlers(self) -> Handlers:
        return {ActionId.ALERTS: self.open}

    def open(self, alert_id: int | None = None) -> None:
        """The panel, on `alert_id` if given, else on the open alert that paged this reviewer
        last (the one they come for, however far down the list); modal, like the other lists."""
        self.conceal()
        self.panel = AlertsPanel(self.store, self.parent_widget)
        self.panel.select(alert_id if alert_id is not None else self.store.paging_me())
        self.panel.changed.connect(self.changed)
        self.panel.changed.connect(lambda: self.message.emit(
            self.tr("Alert change saved here; it is sent with the next sync.")))
        self.panel.case_requested.connect(self.open_case)
        self.panel.exec()
        self.panel = None
        self.parent_widget.activateWindow()

    def open_case(self, case_id: str) -> None:
        """An alert's case: shown if cached here, else asked for by id (as the palette does)."""
        if case_id in self.session.case_ids:
            self.targets.go_to_case(case_id)
        else:
            self.targets.look_up(case_id)

    def on_sync(self, status: SyncStatus) -> None:
        if status.alerts_changed and self.panel is not None:
            self.panel.reload()
        for alert_id in status.paged_alerts:
            self._notify_paged(alert_id)

    def _notify_paged(self, alert_id: int) -> None:
        view = self.store.alert(alert_id)
        if view is None:
            return
        title = self.tr("You are paged: {severity} alert").format(severity=view.severity)
        notify(title, view.title, on_click=lambda: self._open_from_notification(alert_id))
        self.message.emit(f"{title}: {view.title}")

    def _open_from_notification(self, alert_id: int) -> None:
        self.parent_widget.showNormal()
        self.parent_widget.activateWindow()
        if self.panel is not None:
            self.panel.select(alert_id)
        else:
            self.open(alert_id)
