"""One dashboard on screen: when its figures were synced (or why there are none), its figures in
words, its table, its charts — and its export, as PNG (the page as drawn) and CSV (the values
the charts plot, from the same Dashboard)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGridLayout, QLabel, QScrollArea, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from reviewer.figures.charts import Dashboard
from reviewer.figures.export import write_csv
from ui.figures.chart_view import chart_widget, plotted
from ui.i18n.core_text import local_and_utc, shown

CHART_COLUMNS = 2
WIDE_FROM = 12  # categories: a chart with more takes a whole row


class DashboardPage(QScrollArea):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.dashboard: Dashboard | None = None
        self.chart_views: dict[str, QWidget] = {}
        self.tile_labels: dict[str, QLabel] = {}

    def show_dashboard(self, dashboard: Dashboard) -> None:
        self.dashboard = dashboard
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addWidget(self._header(dashboard))
        if dashboard.tiles:
            layout.addLayout(self._tiles(dashboard))
        if dashboard.table_rows:
            layout.addWidget(self._table(dashboard))
        layout.addLayout(self._charts(dashboard))
        layout.addStretch(1)
        self.setWidget(content)  # the previous content is deleted with its charts

    def _header(self, dashboard: Dashboard) -> QLabel:
        parts = [shown(dashboard.note)] if dashboard.note else []
        if dashboard.synced_at:
            parts.append(self.tr("Central API figures as synced at {when}.")
                         .format(when=local_and_utc(dashboard.synced_at)))
        label = QLabel(" ".join(parts) or self.tr("Figures from this workstation only."))
        label.setObjectName("figures_header")
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        return label

    def _tiles(self, dashboard: Dashboard) -> QGridLayout:
        grid = QGridLayout()
        self.tile_labels = {}
        for index, tile in enumerate(dashboard.tiles):
            label = QLabel()
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setText(f"{shown(tile.label)}\n{shown(tile.value)}\n{shown(tile.detail)}".strip())
            label.setObjectName(f"tile_{tile.key}")
            label.setAccessibleName(shown(tile.label))
            label.setFrameShape(QLabel.Shape.StyledPanel)
            label.setMargin(6)
            self.tile_labels[tile.key] = label
            grid.addWidget(label, 0, index)
        return grid

    def _table(self, dashboard: Dashboard) -> QTableWidget:
        table = QTableWidget(len(dashboard.table_rows), len(dashboard.table_headers))
        table.setObjectName("figures_table")
        table.setHorizontalHeaderLabels([shown(h) for h in dashboard.table_headers])
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, values in enumerate(dashboard.table_rows):
            for column, value in enumerate(values):
                table.setItem(row, column, QTableWidgetItem(value))
        table.resizeColumnsToContents()
        table.setMinimumHeight(table.horizontalHeader().height() + 4 +
                               sum(table.rowHeight(r) for r in range(table.rowCount())))
        return table

    def _charts(self, dashboard: Dashboard) -> QGridLayout:
        """Two charts a row (three for many); one with many categories (30 days) takes a row
        of its own."""
        grid = QGridLayout()
        self.chart_views = {}
        columns = CHART_COLUMNS + (len(dashboard.charts) > 4)  # a team view: three a row
        row = column = 0
        for chart in dashboard.charts:
            view = chart_widget(chart)
            self.chart_views[chart.key] = view
            wide = len(chart.categories) > WIDE_FROM
            if wide and column:
                row, column = row + 1, 0
            grid.addWidget(view, row, column, 1, columns if wide else 1)
            column = 0 if wide else column + 1
            if column == 0 or column == columns:
                row, column = row + 1, 0
        return grid

    def plotted(self, key: str) -> dict[str, tuple[float, ...]]:
        """What the chart `key` draws: {series: values} (tests read what a user would)."""
        return plotted(self.chart_views[key])

    def export_png(self, path: Path) -> bool:
        """The whole page as drawn, scrolled-away parts included."""
        return self.widget().grab().save(str(path), "PNG")

    def export_csv(self, path: Path) -> int:
        return write_csv(self.dashboard, Path(path)) if self.dashboard else 0
