"""The dashboards window (Ctrl+Shift+D): "My shift" and, for leads, "Team". It stays open beside
the work and redraws when the sync worker brings new figures; Refresh asks the worker for them
now. Everything shown is read from the store, so it opens offline too."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QFileDialog, QPushButton, QTabWidget, QVBoxLayout, QWidget,
)

from reviewer.figures.charts import Dashboard
from ui.widgets.save_path import suggested_path
from ui.figures.dashboard_page import DashboardPage


class DashboardView(QDialog):
    refresh_requested = Signal()
    message = Signal(str)

    def __init__(self, build: Callable[[], tuple[Dashboard, Dashboard]],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Dashboards"))
        self.build = build
        self.tabs = QTabWidget()
        self.mine, self.team = DashboardPage(), DashboardPage()
        self.tabs.addTab(self.mine, self.tr("My shift"))
        self.tabs.addTab(self.team, self.tr("Team"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        for text, slot in ((self.tr("Refresh"), self.refresh_requested.emit),
                           (self.tr("Export PNG…"), self._ask_png),
                           (self.tr("Export CSV…"), self._ask_csv)):
            button = QPushButton(text)
            button.setAutoDefault(False)
            button.clicked.connect(slot)
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        self.resize(1200, 860)
        self.reload()

    def reload(self) -> None:
        mine, team = self.build()
        self.mine.show_dashboard(mine)
        self.team.show_dashboard(team)

    def current_page(self) -> DashboardPage:
        return self.tabs.currentWidget()

    def _ask_png(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the chart page as PNG"),
                                              suggested_path("dashboard.png"),
                                              "PNG (*.png)")
        if path:
            ok = self.current_page().export_png(Path(path))
            self.message.emit(self.tr("Saved {path}").format(path=path) if ok
                              else self.tr("Could not write {path}").format(path=path))

    def _ask_csv(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the figures as CSV"),
                                              suggested_path("dashboard.csv"),
                                              "CSV (*.csv)")
        if not path:
            return
        try:
            rows = self.current_page().export_csv(Path(path))
        except OSError as exc:
            self.message.emit(self.tr("Could not write {path}: {why}").format(
                path=path, why=exc.strerror or exc))
            return
        self.message.emit(self.tr("Saved {rows} rows to {path}").format(rows=rows, path=path))
