"""One chart of reviewer/figures/charts.py drawn with QtCharts.

Colours come from QtCharts' own light and dark themes, picked to match the application's
palette, so a chart is legible in either scheme without a colour written here. A chart with
nothing to draw shows why in words instead of an empty plot.
"""

from __future__ import annotations

import math

from PySide6.QtCharts import (
    QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QLineSeries, QPercentBarSeries,
    QStackedBarSeries, QValueAxis,
)
from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter, QPalette, QPen
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

from reviewer.figures.charts import LINES, PERCENT, STACKED, Chart
from ui.i18n.core_text import shown

_BAR_SERIES = {PERCENT: QPercentBarSeries, STACKED: QStackedBarSeries}
MANY_CATEGORIES = 12  # past this many, x labels stand on end so they do not overlap


def chart_widget(chart: Chart, parent: QWidget | None = None) -> QWidget:
    """A QChartView of `chart`, or a titled label saying why there is nothing to draw."""
    if not chart.has_data:
        return _empty(chart, parent)
    qchart = QChart()
    qchart.setTitle(shown(chart.title))
    qchart.setTheme(_theme())
    qchart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    axis_x, axis_y = _axes(chart)
    qchart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
    qchart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
    for series in (_lines(chart) if chart.kind == LINES else _bars(chart)):
        qchart.addSeries(series)
        series.attachAxis(axis_x)
        series.attachAxis(axis_y)
    view = QChartView(qchart, parent)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(230)
    view.setAccessibleName(shown(chart.title))
    view.setObjectName(chart.key)
    return view


def _axes(chart: Chart) -> tuple[QBarCategoryAxis, QValueAxis]:
    axis_x = QBarCategoryAxis()
    axis_x.append(list(chart.categories))
    if len(chart.categories) > MANY_CATEGORIES:
        axis_x.setLabelsAngle(-90)
    axis_y = QValueAxis()
    axis_y.setTitleText(shown(chart.unit))
    top, step = (100.0, 25.0) if chart.kind == PERCENT else _nice(_top(chart))
    axis_y.setRange(0, top)
    axis_y.setTickCount(int(round(top / step)) + 1)
    axis_y.setLabelFormat("%g")
    return axis_x, axis_y


def _top(chart: Chart) -> float:
    if chart.kind == STACKED:
        highest = max(map(sum, zip(*(s.values for s in chart.series))), default=0)
    else:
        highest = max((max(s.values, default=0) for s in chart.series), default=0)
    if chart.line is not None:
        highest = max(highest, max(chart.line.values, default=0))
    return max(1.0, highest * 1.1)


def _nice(highest: float) -> tuple[float, float]:
    """A top and a tick step of 1, 2 or 5 times a power of ten, about four ticks high: short
    labels (0, 10, 20) that fit beside a small chart."""
    rough = highest / 4
    power = 10 ** math.floor(math.log10(rough))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= rough)
    return step * math.ceil(highest / step), step


def _bars(chart: Chart) -> list:
    bars = _BAR_SERIES.get(chart.kind, QBarSeries)()
    for series in chart.series:
        bar_set = QBarSet(shown(series.name))
        bar_set.append([float(v) for v in series.values])
        bars.append(bar_set)
    out = [bars]
    if chart.line is not None:  # a reference (the cap): a dashed line over the bars
        line = _line(chart.line)
        pen = QPen(line.pen())
        # The palette's text colour: legible on the light and the dark theme alike.
        pen.setColor(QApplication.palette().color(QPalette.ColorRole.Text))
        pen.setStyle(Qt.PenStyle.DashLine)
        pen.setWidth(2)
        line.setPen(pen)
        out.append(line)
    return out


def _lines(chart: Chart) -> list[QLineSeries]:
    return [_line(series) for series in chart.series]


def _line(series) -> QLineSeries:
    line = QLineSeries()
    line.setName(shown(series.name))
    for index, value in enumerate(series.values):
        line.append(float(index), float(value))
    return line


def _empty(chart: Chart, parent: QWidget | None) -> QWidget:
    box = QWidget(parent)
    box.setObjectName(chart.key)
    layout = QVBoxLayout(box)
    title = QLabel(f"<b>{_escaped(shown(chart.title))}</b>")
    why = QLabel(shown(chart.empty_text) or QApplication.translate("ChartView", "No data yet"))
    why.setWordWrap(True)
    why.setTextFormat(Qt.TextFormat.PlainText)
    layout.addWidget(title)
    layout.addWidget(why, 1)
    box.setMinimumHeight(120)
    return box


def _escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _theme() -> QChart.ChartTheme:
    window = QApplication.palette().color(QPalette.ColorRole.Window)
    return QChart.ChartTheme.ChartThemeDark if window.lightness() < 128 \
        else QChart.ChartTheme.ChartThemeLight


def plotted(view: QWidget) -> dict[str, tuple[float, ...]]:
    """{series name: values} as drawn (what a reader of the chart sees); {} for no plot."""
    if not isinstance(view, QChartView):
        return {}
    out = {}
    for series in view.chart().series():
        if isinstance(series, QLineSeries):
            out[series.name()] = tuple(p.y() for p in series.points())
        else:
            for bar_set in series.barSets():
                out[bar_set.label()] = tuple(bar_set.at(i) for i in range(bar_set.count()))
    return out
