"""Search, filters, sort and SLA colours of the case list, driven by keys as a reviewer would."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta, timezone

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from reviewer.store.case_cache import CaseCache
from reviewer.actions import ActionId
from reviewer.context.guidelines import Guideline
from reviewer.review.case_list import Facets, ListQuery
from reviewer.domain import Case, Queue, to_iso
from reviewer.profile import Profile
from reviewer.store.database import open_store
from tests.factories import case_dict
from tests.qt_wait import pump_until
from ui.app import build_workstation
from ui.cases.case_filters import CaseFilters
from ui.cases.case_panel import language_choice
from ui.cases.queue_panel import sla_colour


def _case(case_id, *, region="EU", policy="hate_speech", reports=1, **kwargs) -> Case:
    data = case_dict(case_id, queue_id="hate_harassment", **kwargs)
    data["region"], data["policy_area"] = region, policy
    data["reports"] = data["reports"] * reports
    return Case.from_api(data)


@pytest.fixture
def window(qtbot, tmp_path):
    profile = Profile(tmp_path / "profile").ensure()
    cache = CaseCache(open_store(profile.store_path))
    oldest = to_iso(datetime.now(timezone.utc) - timedelta(hours=30))
    cache.save_queues([Queue("hate_harassment", "Hate & harassment", 40, ("hate_speech",),
                             "hate_speech", sla_minutes=720, oldest_open_at=oldest,
                             breached=2, due_soon=3)])
    cache.save_cases([
        _case("c-first", priority=1, hours_left=5, text="an ordinary post about football"),
        _case("c-soon", priority=2, hours_left=0.3, region="APAC", language="ja",
              text="東京タワーで会いましょう"),
        _case("c-late", priority=2, hours_left=-1, region="MENA", language="ar", reports=7,
              text="You are a clown and everyone knows it"),
        _case("c-last", priority=4, hours_left=40, text="<b>markup</b> stays text"),
    ], lease_expires_at=None)
    cache.db.conn.close()
    win = build_workstation(profile, None, None, undo_grace_s=0)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    pump_until(lambda: win.work_list.indexer.index.indexed, what="search index built")
    return win


def _list(win) -> list[str]:
    model = win.queue_panel.model
    return [model.id_at(row) for row in range(model.rowCount())]


def _focused_in_filters(win) -> bool:
    focused = QApplication.focusWidget()
    return focused is not None and win.queue_panel.filters.isAncestorOf(focused)


def test_slash_searches_and_enter_hands_the_keys_back_to_the_review(window):
    QTest.keyClick(window, Qt.Key.Key_Slash)
    assert _focused_in_filters(window)
    QTest.keyClicks(QApplication.focusWidget(), "clown")
    pump_until(lambda: _list(window) == ["c-late"], what="list filtered by the search")
    pump_until(lambda: window.case_panel.header.text().startswith("c-late "),
               what="the match on screen")
    assert "Showing 1 of 4" in window.queue_panel.case_count.text()
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert not _focused_in_filters(window)
    QTest.keyClick(window, Qt.Key.Key_1)  # a review key again: no violation on the match
    assert window.session.outbox.waiting() == 1
    assert _list(window)[0] == "c-late" and window.session.case_ids == []


def test_typing_in_the_search_box_never_triggers_a_review_action(window):
    QTest.keyClick(window, Qt.Key.Key_Slash)
    QTest.keyClicks(QApplication.focusWidget(), "s1j2 ")
    assert window.queue_panel.filters.search.text() == "s1j2 "
    assert window.session.outbox.waiting() == 0
    assert window.session.current().id == "c-first"  # J did not move on either


def test_esc_leaves_the_search_box_without_hiding_the_media(window):
    QTest.keyClick(window, Qt.Key.Key_Slash)
    QApplication.focusWidget().insert("タワー")  # as an input method commits it (QTest is ASCII)
    pump_until(lambda: _list(window) == ["c-soon"], what="Japanese found inside the sentence")
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert not _focused_in_filters(window)
    assert "HIDDEN" not in window.media_desk.reveal_hint.text()  # Esc elsewhere would blank all media


def test_filters_sort_and_clearing(window):
    filters = window.queue_panel.filters
    filters.region.setCurrentIndex(filters.region.findData("APAC"))
    filters.region.activated.emit(filters.region.currentIndex())
    assert _list(window) == ["c-soon"]
    assert "region APAC" in window.queue_panel.case_count.text()
    QTest.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    assert _list(window) == ["c-first", "c-late", "c-soon", "c-last"]
    filters.sort.setCurrentIndex(filters.sort.findData("reports"))
    filters.sort.activated.emit(filters.sort.currentIndex())
    assert _list(window)[0] == "c-late"
    filters.min_reports.setValue(5)
    assert _list(window) == ["c-late"]


def test_clearing_keeps_the_order_and_the_menus_count_what_the_other_filters_leave(window):
    filters = window.queue_panel.filters
    filters.sort.setCurrentIndex(filters.sort.findData("reports"))
    filters.sort.activated.emit(filters.sort.currentIndex())
    filters.region.setCurrentIndex(filters.region.findData("APAC"))
    filters.region.activated.emit(filters.region.currentIndex())
    pump_until(lambda: [filters.language.itemText(i) for i in range(filters.language.count())]
               == ["Any language", f"{language_choice('ja')}  (1)"],
               what="the language menu narrowed to APAC")
    assert filters.language.itemText(1).startswith("Japanese · ")  # as the case panel says
    QTest.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    assert _list(window)[0] == "c-late"  # still the most reported first
    assert filters.sort.currentData() == "reports"
    assert "Ctrl+Shift+L" not in window.queue_panel.case_count.text()  # nothing left to clear


def test_the_policy_menu_the_count_line_and_a_row_name_policies_as_reviewers_do(window):
    window.session.guidelines.save([Guideline(
        "hate_speech", 1, 1, "Hate speech", "policy", "hate_speech", "", "text", False,
        "2026-11-10T09:00:00Z", "policy-team")], cursor=1)
    window.guidelines.refresh()  # as after a sync that brought the document
    window.work_list.refresh_facets()
    filters = window.queue_panel.filters
    assert [filters.policy.itemText(i) for i in range(filters.policy.count())] == [
        "Any policy area", "Hate speech  (4)"]  # not hate_speech  (4)
    assert filters.policy.itemData(1, Qt.ItemDataRole.ToolTipRole) == "Policy id: hate_speech"
    filters.policy.setCurrentIndex(1)
    filters.policy.activated.emit(1)
    assert "policy Hate speech" in window.queue_panel.case_count.text()
    model = window.queue_panel.model
    tip = model.data(model.index(0, 0), Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("c-first in Hate & harassment · Hate speech\n")


def test_rows_are_coloured_as_the_deadline_nears_with_local_and_utc_times(window):
    model = window.queue_panel.model
    colour = {model.id_at(r): model.data(model.index(r, 0), Qt.ItemDataRole.ForegroundRole)
              for r in range(model.rowCount())}
    assert colour["c-late"] == sla_colour("breached")
    assert colour["c-soon"] == sla_colour("soon")
    assert colour["c-first"] is None
    row = _list(window).index("c-late")
    text = model.data(model.index(row, 0), Qt.ItemDataRole.DisplayRole)
    assert "late" in text and "7 rep." in text and "ar MENA" in text
    tip = model.data(model.index(row, 0), Qt.ItemDataRole.ToolTipRole)
    assert "UTC)" in tip


def test_queue_rows_show_count_oldest_age_and_sla(window):
    rows = [window.queue_panel.queues.item(i).text()
            for i in range(window.queue_panel.queues.count())]
    hate = next(r for r in rows if r.startswith("Hate & harassment"))
    assert "4 here" in hate and "40 open" in hate and "oldest 1d 6h" in hate
    assert "SLA 12h" in hate and "2 breached" in hate and "3 due <1h" in hate


def test_the_case_header_and_the_list_name_the_queue_as_the_queue_list_does(window):
    pump_until(lambda: window.case_panel.header.text().startswith("c-"), what="a case shown")
    assert "·  Hate & harassment  ·" in window.case_panel.header.text()
    assert "hate_harassment" not in window.case_panel.header.text()
    model = window.queue_panel.model
    assert model.show_queue  # "All queues": the rows name their queue
    row = model.data(model.index(0, 0), Qt.ItemDataRole.DisplayRole)
    assert row.endswith("·  Hate & harassment"), row
    assert "in Hate & harassment" in model.data(model.index(0, 0), Qt.ItemDataRole.ToolTipRole)


def test_search_words_with_markup_are_shown_as_typed(window):
    QTest.keyClick(window, Qt.Key.Key_Slash)
    QTest.keyClicks(QApplication.focusWidget(), "<b>markup")
    pump_until(lambda: _list(window) == ["c-last"], what="markup searched as text")
    label = window.queue_panel.case_count
    assert label.textFormat() == Qt.TextFormat.PlainText and "“<b>markup”" in label.text()


def test_sla_warnings_reach_the_reviewer_and_lead_to_the_case(window):
    # No system tray on the offscreen platform: the warning goes to the status line.
    pump_until(lambda: "already past their SLA" in window.status_line.text(),
               what="late cases summed up at start")
    notifier = window.work_list.sla
    notifier.watch.warn_before = timedelta(minutes=30)  # c-soon is 18 minutes from its deadline
    window.work_list.set_query(ListQuery(region="EU"))  # c-soon is hidden by this filter
    alert = notifier.check()
    assert alert.case_ids == ("c-soon",)
    assert "about to breach" in window.status_line.text()
    notifier._open_alerted_case()  # what clicking the desktop notification does
    assert window.session.current().id == "c-soon"  # filters widened to reach it


def test_a_decision_key_before_the_new_lists_case_is_painted_is_refused(window):
    window.work_list.set_query(ListQuery(region="MENA"))  # the list moves to c-late at once ...
    assert window.session.current().id == "c-late"
    assert window.case_panel.header.text().startswith("c-first ")  # ... its case on the next turn
    window.decisions.decide(ActionId.REMOVE)
    assert window.session.outbox.waiting() == 0  # nobody decides a case they have not seen
    assert window.case_panel.header.text().startswith("c-late ")
    assert "had not been on screen" in window.status_line.text()


def test_counts_follow_decisions_and_an_empty_result_says_why(window):
    hate = lambda: next(window.queue_panel.queues.item(i).text()  # noqa: E731
                        for i in range(window.queue_panel.queues.count())
                        if window.queue_panel.queues.item(i).text().startswith("Hate"))
    assert "4 here" in hate()
    QTest.keyClick(window, Qt.Key.Key_1)
    pump_until(lambda: "3 here" in hate(), what="the queue count after a decision")
    window.queue_panel.select_queue("hate_harassment")
    window.work_list.set_query(ListQuery(queue_id="hate_harassment", region="APAC"))
    assert "Showing 1 of 3" in window.queue_panel.case_count.text()  # of the queue's cases
    window.work_list.set_query(ListQuery(queue_id="hate_harassment", region="nowhere"))
    pump_until(lambda: "No cached case matches" in window.case_panel.header.text(),
               what="the empty result explained")


def test_row_countdowns_tick_without_anything_else_happening(window, qtbot):
    from PySide6.QtCore import QEvent, QObject

    class PaintCounter(QObject):
        count = 0

        def eventFilter(self, watched, event):  # noqa: N802
            if event.type() == QEvent.Type.Paint:
                self.count += 1
            return False
    counter = PaintCounter()
    viewport = window.queue_panel.cases.viewport()
    viewport.installEventFilter(counter)
    qtbot.wait(50)
    counter.count = 0
    window.queue_panel._tick.timeout.emit()  # what the panel's own timer does every 20 s
    qtbot.waitUntil(lambda: counter.count > 0, timeout=2000)  # the rows are made anew
    viewport.removeEventFilter(counter)
    assert window.queue_panel._tick.isActive() and window.queue_panel._tick.interval() < 60_000


def test_only_the_policy_menu_names_policy_ids_in_its_tooltips(qtbot):
    # With no namer for policies (the default, before the guidelines are known), the region
    # menu's entries are not policy ids.
    filters = CaseFilters()
    qtbot.addWidget(filters)
    filters.show_facets(Facets(Counter({"en": 2}), Counter({"DE": 2}), Counter({"spam": 2})))
    tip = Qt.ItemDataRole.ToolTipRole
    assert filters.policy.itemData(1, tip) == "Policy id: spam"
    assert filters.region.itemData(1, tip) is None
