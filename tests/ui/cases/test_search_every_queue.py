"""A search and the palette find a case in any queue, not only the one selected, and the list
says which queue each hit is in."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from reviewer.domain import Case, Queue
from reviewer.profile import Profile
from reviewer.store.case_cache import CaseCache
from reviewer.store.database import open_store
from tests.factories import case_dict
from tests.qt_wait import pump_until
from ui.app import build_workstation
from ui.keys.palette import entries_for


@pytest.fixture
def window(qtbot, tmp_path):
    profile = Profile(tmp_path / "profile").ensure()
    cache = CaseCache(open_store(profile.store_path))
    cache.save_queues([Queue("hate_harassment", "Hate & harassment", 2, ("hate_speech",),
                             "hate_speech"),
                       Queue("spam", "Spam", 1, ("spam",), "spam")])
    cache.save_cases([Case.from_api(case_dict("c-hate", queue_id="hate_harassment",
                                              text="a rude remark about a neighbour")),
                      Case.from_api(case_dict("c-spam", queue_id="spam", hours_left=9,
                                              text="buy cheap watches at this address"))],
                     lease_expires_at=None)
    win = build_workstation(profile, None, None, undo_grace_s=0)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    pump_until(lambda: win.work_list.indexer.index.indexed, what="search index built")
    win.queue_panel.select_queue("hate_harassment")
    pump_until(lambda: win.session.case_ids == ["c-hate"], what="one queue selected")
    return win


def _rows(win) -> list[str]:
    model = win.queue_panel.model
    return [model.data(model.index(row, 0)) for row in range(model.rowCount())]


def test_a_search_with_a_queue_selected_finds_a_case_of_another_queue(window):
    QTest.keyClick(window, Qt.Key.Key_Slash)
    QTest.keyClicks(QApplication.focusWidget(), "watches")
    pump_until(lambda: window.session.case_ids == ["c-spam"], what="the other queue's case")
    assert _rows(window)[0].endswith("·  Spam")  # the row names the queue the hit is in
    assert "searching every queue" in window.queue_panel.case_count.text()
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    pump_until(lambda: window.shown_case_id == "c-spam", what="the hit on screen")
    assert window.session.queue_id == "hate_harassment"  # the queue choice stays


def test_the_palette_lists_and_opens_a_case_of_another_queue(window):
    entries = entries_for(window.registry, window.session, window.palette_targets)
    spam = next(e for e in entries if e.text == "Case c-spam")
    spam.run()
    pump_until(lambda: window.shown_case_id == "c-spam", what="the chosen case on screen")
