"""The post-incident review as a PDF: the same ReportDocument as the Markdown
(reviewer/context/incident_report.py), laid out by a QTextDocument and printed with QPdfWriter,
with the cases-in vs decided chart drawn by QtCharts. No browser: Qt does it all.

Every piece of text is escaped before it goes into the document's HTML, so a title or a
section the team wrote is shown as the characters typed, never obeyed as markup.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCharts import QChart, QLineSeries, QValueAxis
from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSize, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QImage, QPageLayout, QPageSize, QPainter, QPdfWriter, QTextDocument,
)
from PySide6.QtWidgets import QGraphicsScene

from reviewer.context.incident_report import ReportDocument, word

CHART_SIZE = QSize(900, 380)  # drawn at 640 points wide: labels stay legible
_CHART_URL = QUrl("report://cases-in-vs-decided.png")


def write_pdf(document: ReportDocument, path: Path) -> None:
    writer = QPdfWriter(str(path))
    writer.setTitle(document.title)
    writer.setCreator("Reviewer Workstation")
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                     QPageLayout.Orientation.Portrait, QMarginsF(15, 15, 15, 15),
                                     QPageLayout.Unit.Millimeter))
    writer.setResolution(150)
    text = QTextDocument()
    text.setDefaultStyleSheet("body { font-family: sans-serif; font-size: 10pt; } "
                              "h1 { font-size: 16pt; } h2 { font-size: 12pt; } "
                              "td, th { padding: 2px 6px; }")
    text.addResource(QTextDocument.ResourceType.ImageResource, _CHART_URL, chart_image(document))
    text.setHtml(to_html(document))
    layout = writer.pageLayout()
    page = layout.paintRectPixels(writer.resolution()).size()
    text.setPageSize(QSizeF(page))
    text.print_(writer)


def chart_image(document: ReportDocument) -> QImage:
    """Cases in and decided over the incident, as lines: the gap between them is the backlog."""
    chart = QChart()
    chart.setTitle(word("in_vs_decided"))
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    came_in, decided = QLineSeries(), QLineSeries()
    came_in.setName(word("cases_in"))
    decided.setName(word("decided"))
    for index, (_, cases_in, done) in enumerate(document.series):
        came_in.append(index, cases_in)
        decided.append(index, done)
    for series in (came_in, decided):
        chart.addSeries(series)
    x_axis, y_axis = QValueAxis(), QValueAxis()
    x_axis.setRange(0, max(1, len(document.series) - 1))
    x_axis.setLabelsVisible(False)
    x_axis.setTitleText(_span(document))
    y_axis.setRange(0, max([1] + [p[1] for p in document.series]))
    y_axis.setLabelFormat("%d")
    chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
    for series in (came_in, decided):
        series.attachAxis(x_axis)
        series.attachAxis(y_axis)
    # Drawn from a scene, not a view: a view never shown keeps its chart at the default size.
    scene = QGraphicsScene()
    scene.addItem(chart)
    chart.setGeometry(QRectF(QPointF(0, 0), QSizeF(CHART_SIZE)))
    image = QImage(CHART_SIZE, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.white)  # paper: a printed page is white whatever the theme
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    scene.render(painter, QRectF(image.rect()), chart.geometry())
    painter.end()
    scene.removeItem(chart)
    return image


def to_html(document: ReportDocument) -> str:
    e = html.escape
    parts = [f"<h1>{e(document.title)}</h1>", "<table>"]
    parts += [f"<tr><td><b>{e(label)}</b></td><td>{e(value)}</td></tr>"
              for label, value in document.facts]
    parts += ["</table>", f"<h2>{e(word('timeline_utc'))}</h2>", "<table>"]
    parts += [f"<tr><td>{e(at)}</td><td>{e(text)}</td></tr>" for at, text in document.timeline]
    parts.append("</table>")
    for title, text in document.written[:1]:
        parts += [f"<h2>{e(title)}</h2>", _paragraphs(text)]
    parts += [f"<h2>{e(word('in_vs_decided'))}</h2>",
              f'<p><img src="{_CHART_URL.toString()}" width="640"></p>']
    for heading, rows in document.tables:
        parts.append(f"<h2>{e(heading)}</h2>")
        parts.append("<table>" + "".join(f"<tr><td>{e(a)}</td><td align='right'>{e(b)}</td></tr>"
                                         for a, b in rows) + "</table>"
                     if rows else f"<p>{e(word('none'))}</p>")
    for title, text in document.written[1:]:
        parts += [f"<h2>{e(title)}</h2>", _paragraphs(text)]
    parts.append(f"<h2>{e(word('action_item'))}</h2>")
    parts.append("<ul>" + "".join(f"<li>{e(item)} — <i>{e(owner)}</i></li>"
                                  for item, owner in document.action_items) + "</ul>"
                 if document.action_items else f"<p>{e(word('none_yet'))}</p>")
    return "<html><body>" + "".join(parts) + "</body></html>"


def _paragraphs(text: str) -> str:
    return "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n\n"))


def _span(document: ReportDocument) -> str:
    if not document.series:
        return word("no_cases")
    return word("span", first=document.series[0][0], last=document.series[-1][0])
