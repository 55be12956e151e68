"""The work list scrolls only when the current case leaves its sight, and then puts it at the
top, so the cases after it are in sight and the next decisions do not scroll again."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from ui.cases.queue_panel import QueuePanel


class NoSummaries:
    def summaries(self, ids):
        return {}  # rows show their ids


def test_the_current_row_goes_to_the_top_when_it_leaves_sight_and_stays_in_sight(qtbot):
    panel = QueuePanel(NoSummaries())
    qtbot.addWidget(panel)
    panel.resize(300, 600)
    panel.show()
    qtbot.waitExposed(panel)
    ids = [f"c{i:04d}" for i in range(2000)]
    panel.show_cases(ids, 0)
    QApplication.processEvents()
    view, model = panel.cases, panel.model
    visible = view.viewport().height() // view.sizeHintForRow(0)
    assert visible >= 3
    panel.show_cases(ids, visible + 5)  # past the bottom edge
    QApplication.processEvents()
    assert view.visualRect(model.index(visible + 5, 0)).top() == 0
    scrolled = view.verticalScrollBar().value()
    for current in range(visible + 6, visible + 5 + visible):  # the rows already in sight
        panel.show_cases(ids, current)
        QApplication.processEvents()
        assert view.currentIndex().row() == current
        assert view.viewport().rect().contains(view.visualRect(view.currentIndex()))
    assert view.verticalScrollBar().value() == scrolled
