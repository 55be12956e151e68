"""A dashboard as CSV: one row per plotted value (chart, series, category, value), then the
tiles and the table, so a spreadsheet gets exactly what the charts show."""

from __future__ import annotations

import csv
from pathlib import Path

from reviewer.figures.charts import Dashboard


def write_csv(dashboard: Dashboard, path: Path) -> int:
    """Write `dashboard` to `path`; returns the number of data rows written."""
    rows = []
    for chart in dashboard.charts:
        for series in (*chart.series, *([chart.line] if chart.line else [])):
            rows += [(chart.key, series.name, category, _number(value))
                     for category, value in zip(chart.categories, series.values)]
    rows += [("tile", tile.label, tile.value, tile.detail) for tile in dashboard.tiles]
    if dashboard.table_rows:
        rows.append(("table", *dashboard.table_headers))
        rows += [("table", *row) for row in dashboard.table_rows]
    with Path(path).open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(("chart", "series", "category", "value"))
        writer.writerows(rows)
    return len(rows)


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.3f}"
