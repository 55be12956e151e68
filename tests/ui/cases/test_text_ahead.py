"""The upcoming cases' text is drawn off screen while the reviewer reads: what is new to its
font, once per case."""

from __future__ import annotations

from PySide6.QtGui import QFont

from reviewer.domain import Case
from tests.factories import case_dict
from tests.qt_wait import pump_until
from ui.cases.case_panel import CasePanel
from ui.cases.text_ahead import REMEMBERED, TextAhead
from ui.main_window import PREFETCH_CASES

THAI = "วันนี้เห็นสิ่งนี้ระหว่างทางไปทำงาน"


def test_text_is_drawn_while_its_characters_are_new_to_its_font(qapp):
    ahead, font = TextAhead(), QFont()
    bold = QFont(font)
    bold.setBold(True)
    assert ahead.prepare("case-1", [(font, "plain words"), (font, THAI)], 300) == 2
    assert ahead.prepare("case-2", [(font, "other words"), (font, THAI[::-1])], 300) == 0
    assert ahead.prepare("case-3", [(font, "words, then ไทย"), (bold, THAI)], 300) == 1
    assert ahead.prepare("case-4", [(font, "日本語")], 600) == 1  # a wider scratch image


def test_a_case_is_looked_at_once_while_it_is_remembered(qapp):
    ahead, font = TextAhead(), QFont()
    ahead.prepare("case-1", [(font, "text")], 300)
    assert ahead.prepare("case-1", [(font, "日本語")], 300) == 0
    for number in range(REMEMBERED):
        ahead.prepare(f"other-{number}", [(font, "text")], 300)
    assert not ahead.looked_at("case-1")
    assert ahead.prepare("case-1", [(font, "日本語")], 300) == 1


def test_the_panel_draws_a_case_it_does_not_show(qtbot):
    panel = CasePanel()
    qtbot.addWidget(panel)
    case = Case.from_api(case_dict("case-th", text=THAI, language="th"))
    panel.prepare(case)
    assert panel.ahead.looked_at("case-th")
    assert panel.header.text() != "" and "case-th" not in panel.header.text()
    assert panel.ahead.prepare("again", [(panel.text.font(), THAI)], 300) == 0  # drawn


def test_the_window_draws_the_next_cases_text_before_they_are_shown(offline_window):
    window = offline_window
    pump_until(window.is_idle, what="the prefetch")
    upcoming = window.session.upcoming(PREFETCH_CASES)
    assert upcoming and all(window.case_panel.ahead.looked_at(case.id) for case in upcoming)
