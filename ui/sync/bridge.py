"""The one bridge from core worker threads to widgets: callbacks in, Qt signals out.

Signals emitted from a Python thread reach slots on the UI thread through Qt's queued
connections, so widgets are only ever touched on the UI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from reviewer.sync.engine import SyncEngine, SyncStatus


class SyncBridge(QObject):
    status_changed = Signal(object)  # SyncStatus

    def __init__(self, engine: SyncEngine | None, parent: QObject | None = None):
        super().__init__(parent)
        self.engine = engine
        self.last_status: SyncStatus | None = None
        if engine is not None:
            engine.on_status = self.status_changed.emit
        self.status_changed.connect(self._remember)

    def start(self) -> None:
        if self.engine is not None:
            self.engine.start()

    def look_up(self, case_id: str) -> bool:
        """Ask the sync worker for a case not cached here; False without a central API."""
        if self.engine is None:
            return False
        self.engine.lookups.request(case_id)
        self.engine.wake()
        return True

    def ask_figures(self) -> bool:
        """Ask the sync worker for the dashboards' figures now; False without a central API."""
        if self.engine is None:
            return False
        self.engine.figures.ask()
        self.engine.wake()
        return True

    def wake(self) -> None:
        if self.engine is not None:
            self.engine.wake()

    def sync_now(self) -> str:
        """Start a sync round now (Ctrl+R); what the reviewer is told, since a round with
        nothing to send changes nothing they can see."""
        if self.engine is None:
            return self.tr("Sync now: no central API in this session; decisions stay here.")
        self.engine.wake()
        status = self.last_status
        if status is not None and status.online is False:
            return self.tr("Sync now: trying the central API again; decisions wait here "
                           "meanwhile.")
        return self.tr("Sync now: sending what waits and fetching new cases; the status bar "
                       "shows what is sent.")

    def stop(self) -> None:
        if self.engine is not None:
            self.engine.stop()

    def _remember(self, status: SyncStatus) -> None:
        self.last_status = status
