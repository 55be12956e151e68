"""The window's side of the dashboards: the action that opens them, building both from the
store (the core does the counting: reviewer/figures/), and redrawing an open view when the sync
worker reports new figures. Refresh asks the one sync worker; nothing here touches the network.
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import TYPE_CHECKING, Callable

import sqlite_utils
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from reviewer.actions import ActionId
from reviewer.figures.charts import Dashboard
from reviewer.figures.personal import personal_dashboard
from reviewer.figures.team import team_dashboard
from reviewer.media.exposure import ExposureMeter
from reviewer.sync.engine import SyncStatus
from ui.keys.action_registry import Handlers

if TYPE_CHECKING:
    from ui.figures.dashboard_view import DashboardView


class DashboardDesk(QObject):
    message = Signal(str)

    def __init__(self, parent: QWidget, db: sqlite_utils.Database, meter: ExposureMeter,
                 ask_sync: Callable[[], bool], conceal: Callable[[], None]):
        super().__init__(parent)
        self.parent_widget, self.db, self.meter = parent, db, meter
        self.ask_sync, self.conceal = ask_sync, conceal
        self.view: DashboardView | None = None

    def handlers(self) -> Handlers:
        return {ActionId.DASHBOARD: self.open}

    def build(self) -> tuple[Dashboard, Dashboard]:
        now = datetime.now(timezone.utc)
        self.meter.flush(decisions=True)  # the last decisions' stages, kept until a pause
        return (personal_dashboard(self.db, now, date.today(), self.meter.settings.daily_cap_s),
                team_dashboard(self.db))

    def open(self) -> DashboardView:
        """Show the dashboards (from the last figures synced) and ask for fresh ones."""
        self.conceal()  # the dashboards cover the media: nothing stays revealed behind them
        if self.view is None:
            # Imported on first use: the charts (QtCharts) are loaded only for the dashboards.
            from ui.figures.dashboard_view import DashboardView
            self.view = DashboardView(self.build, self.parent_widget)
            self.view.refresh_requested.connect(self.refresh)
            self.view.message.connect(self.message)
            self.view.finished.connect(self._closed)
        else:  # open already: bring it forward with fresh figures
            self.view.reload()
            self.view.raise_()
        self.view.show()
        self.view.activateWindow()
        self.refresh()
        return self.view

    def refresh(self) -> None:
        if not self.ask_sync():
            self.message.emit(self.tr("No central API to ask (offline demo or no sign-in): "
                                      "the dashboards show what this workstation has."))

    def on_sync_status(self, status: SyncStatus) -> None:
        if status.figures_changed and self.view is not None:
            self.view.reload()

    def _closed(self) -> None:
        self.view.deleteLater()
        self.view = None
