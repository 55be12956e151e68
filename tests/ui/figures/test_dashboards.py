"""The dashboards on screen: the charts plot exactly the scripted shift as synced through the
one sync worker from a real central API, read offline from the store once it is gone, export
the PNG and CSV a user asked for, and a reviewer's team tab says it is for leads."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QLabel, QTableWidget, QWidget

from reviewer.actions import ActionId
from reviewer.media.exposure import ExposureMeter
from reviewer.store.database import open_store
from reviewer.sync.api_client import ApiClient
from reviewer.sync.engine import SyncEngine
from reviewer.sync.figures import FigureSync
from server.runner import ServerThread
from tests.scripted_shift import UNTIL, make_shift_database
from ui.figures.dashboard_desk import DashboardDesk


@pytest.fixture(scope="module")
def synced(tmp_path_factory) -> dict[str, Path]:
    """A store per reviewer, synced once from the scripted shift's server, which then stops:
    every test here reads offline."""
    root = tmp_path_factory.mktemp("shift")
    tokens = make_shift_database(root / "central.sqlite3")
    server = ServerThread(root / "central.sqlite3").start()
    stores = {}
    try:
        for name in ("alice", "lena"):
            stores[name] = root / name / "store.sqlite3"
            engine = SyncEngine(stores[name], ApiClient(server.url, tokens[name]))
            engine.figures = FigureSync(until=lambda: UNTIL)
            assert not engine.run_once().figures_changed  # not in the first round: not asked
            engine.figures.ask()  # as the dashboards do when they open
            status = engine.run_once()
            assert status.online and status.figures_changed, status
    finally:
        server.stop()
    return stores


def _open(qtbot, store: Path):
    parent = QWidget()
    qtbot.addWidget(parent)
    db = open_store(store)
    desk = DashboardDesk(parent, db, ExposureMeter(db), lambda: False, lambda: None)
    messages = []
    desk.message.connect(messages.append)
    return desk.open(), messages


def test_my_shift_plots_my_decisions_per_hour(qtbot, synced):
    view, messages = _open(qtbot, synced["alice"])
    assert view.mine.plotted("decisions_per_hour") == {"Decisions": (2, 0, 1, 0, 0, 0, 0, 1)}
    assert "75%" in view.mine.tile_labels["sla"].text()  # 3 of 4 before the deadline
    assert "No central API" in messages[0]  # offline: it says so, and shows what it has


def test_a_reviewer_sees_the_team_view_is_for_leads(qtbot, synced):
    view, _ = _open(qtbot, synced["alice"])
    header = view.team.findChild(QLabel, "figures_header").text()
    assert "for leads" in header
    assert view.team.chart_views == {}


def test_the_lead_sees_every_queue(qtbot, synced):
    view, _ = _open(qtbot, synced["lena"])
    assert view.team.plotted("flow:graphic_media") == {
        "Inflow": (2, 2, 0, 1, 1, 1, 1, 0), "Decisions": (2, 2, 0, 0, 0, 0, 0, 0)}
    assert view.team.plotted("flow:hate_harassment")["Decisions"] == (0, 0, 1, 0, 0, 0, 0, 1)
    table = view.team.findChild(QTableWidget, "figures_table")
    rows = {table.item(r, 0).text(): [table.item(r, c).text() for c in range(1, 6)]
            for r in range(table.rowCount())}
    assert rows["Graphic media"] == ["4", "1", "50%", "0.5", "2"]
    exposure = view.team.chart_views["team_exposure"]
    assert "stays on each reviewer's workstation" in exposure.findChildren(QLabel)[1].text()


def test_export_writes_the_png_and_the_csv(qtbot, synced, tmp_path):
    view, _ = _open(qtbot, synced["lena"])
    assert view.team.export_png(tmp_path / "team.png")
    image = QImage(str(tmp_path / "team.png"))
    assert not image.isNull() and image.width() > 300 and image.height() > 300
    assert view.team.export_csv(tmp_path / "team.csv") > 0
    with (tmp_path / "team.csv").open(encoding="utf-8") as source:
        rows = list(csv.reader(source))
    assert rows[0] == ["chart", "series", "category", "value"]
    inflow = [r[3] for r in rows if r[:2] == ["flow:graphic_media", "Inflow"]]
    assert inflow == ["2", "2", "0", "1", "1", "1", "1", "0"]
    assert ["table", "Graphic media", "4", "1", "50%", "0.5", "2"] in rows


def test_ctrl_shift_d_opens_the_dashboards_offline(offline_window, qtbot):
    action = offline_window.registry.actions[ActionId.DASHBOARD]
    assert action.shortcut().toString() == "Ctrl+Shift+D"
    action.trigger()
    view = offline_window.dashboards.view
    assert view is not None and view.isVisible()
    assert "Not synced yet" in view.mine.findChild(QLabel, "figures_header").text()
    assert len(view.mine.plotted("exposure_per_day")["Daily cap"]) == 30
    view.close()


def test_every_axis_title_fits_beside_its_plot(qtbot, synced, tmp_path):
    """A vertical axis title longer than its plot is cut off ("% of the p..."): every chart
    of both tabs, the share of decisions by what was revealed included."""
    import sqlite3

    from PySide6.QtCharts import QChartView
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QFontMetrics
    from PySide6.QtWidgets import QTabWidget

    store = tmp_path / "store.sqlite3"
    source, target = sqlite3.connect(synced["lena"]), sqlite3.connect(store)
    source.backup(target)  # the synced figures may still be in the source's WAL file
    source.close(), target.close()
    meter = ExposureMeter(open_store(store))
    for case_id in ("c1", "c2"):  # as the window notes each closing decision
        meter.note_decision(case_id)
    meter.flush(decisions=True)
    view, _ = _open(qtbot, store)
    view.resize(1330, 800)  # the desk as it opened on a 1600x1000 screen
    view.show()
    qtbot.waitExposed(view)
    tabs, titles = view.findChild(QTabWidget), []
    for page in (view.mine, view.team):
        tabs.setCurrentWidget(page)
        for chart_view in page.findChildren(QChartView):
            qtbot.waitUntil(lambda: chart_view.chart().plotArea().height() > 0)
            chart = chart_view.chart()
            for axis in chart.axes(Qt.Orientation.Vertical):
                room = chart.plotArea().height()
                needed = QFontMetrics(axis.titleFont()).horizontalAdvance(axis.titleText())
                assert needed <= room, (chart.title(), axis.titleText(), needed, room)
                titles.append(chart.title())
    assert "Share of each period's decisions by what was revealed" in titles
    assert len(titles) >= 5
