"""Case text from every script: direction per paragraph, the language named beside it, bidi
isolation of names inside our own sentences, and markup shown as characters."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from reviewer.display_text import FSI, PDI
from reviewer.domain import Case
from tests.factories import case_dict
from ui.cases.case_panel import CasePanel, language_line

SAMPLES = {
    "ar": ("مرحبا، هذا منشور تم الإبلاغ عنه", "Arabic", True),
    "he": ("שלום, זה פוסט שדווח", "Hebrew", True),
    "fa": ("سلام، این یک پست گزارش شده است", "Persian", True),
    "ur": ("یہ ایک رپورٹ شدہ پوسٹ ہے", "Urdu", True),
    "th": ("วันนี้เห็นสิ่งนี้ระหว่างทางไปทำงาน", "Thai", False),
    "hi": ("यह एक रिपोर्ट की गई पोस्ट है", "Hindi", False),
    "ta": ("இன்று வேலைக்கு செல்லும் வழியில் இதைப் பார்த்தேன்", "Tamil", False),
    "bn": ("আজ কাজে যাওয়ার পথে এটা দেখলাম", "Bangla", False),
    "ja": ("今日、駅前でこんなものを見かけました。", "Japanese", False),
    "zh-Hans": ("今天在路上看到了这个。", "Chinese", False),
}


def _show(qtbot, language: str, text: str, **author) -> CasePanel:
    data = case_dict(f"case-{language}", text=text, language=language)
    data["author"].update(author)
    panel = CasePanel()
    qtbot.addWidget(panel)
    panel.show_case(Case.from_api(data))
    return panel


@pytest.mark.parametrize("language", sorted(SAMPLES))
def test_each_script_keeps_its_direction_and_names_its_language(qtbot, language):
    text, name, rtl = SAMPLES[language]
    panel = _show(qtbot, language, text)
    assert panel.text.toPlainText() == text
    block = panel.text.document().firstBlock()
    expected = Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
    assert block.textDirection() == expected
    line = panel.language.text()
    assert name in line and f"({language})" in line
    assert ("right to left" in line) == rtl


def test_mixed_paragraphs_each_take_their_own_direction(qtbot):
    panel = _show(qtbot, "he", "שלום לכולם\nThe English reply follows\nمرحبا")
    directions = []
    block = panel.text.document().firstBlock()
    while block.isValid():
        directions.append(block.textDirection())
        block = block.next()
    assert directions == [Qt.LayoutDirection.RightToLeft, Qt.LayoutDirection.LeftToRight,
                          Qt.LayoutDirection.RightToLeft]


def test_names_are_isolated_so_right_to_left_cannot_reorder_our_sentence(qtbot):
    panel = _show(qtbot, "ar", "نص", display_name="محمد 123", handle="user_42")
    line = panel.author.text()
    assert f"{FSI}محمد 123{PDI}" in line and f"@{FSI}user_42{PDI}" in line
    assert line.index("followers") > line.index(PDI)  # our words stay after the name


def test_markup_in_case_text_is_characters_and_loads_nothing(qtbot):
    panel = _show(qtbot, "en", '<img src="http://example.invalid/x.png"> <script>x()</script>',
                  display_name="<b>Bold</b>")
    assert panel.text.toPlainText().startswith("<img src=")
    assert "&lt;img" in panel.text.toHtml() and "<img" not in panel.text.toHtml()
    assert panel.author.textFormat() == Qt.TextFormat.PlainText
    assert "<b>Bold</b>" in panel.author.text()


def test_an_unknown_language_code_is_shown_as_it_came(qtbot):
    panel = _show(qtbot, "xx-unknown", "text")
    assert "“xx-unknown” (not recognised)" in panel.language.text()


def test_the_deadline_tooltip_gives_local_time_and_utc(qtbot):
    panel = _show(qtbot, "en", "text")
    assert "UTC)" in panel.sla.toolTip()


def test_an_empty_context_hint_leaves_no_blank_line(qtbot):
    panel = _show(qtbot, "en", "hello")
    panel.show()
    panel.show_context_hint("Investigation: 2 notes on this account — I shows them")
    assert panel.context_hint.isVisible()
    panel.show_context_hint("")
    assert not panel.context_hint.isVisible()


def test_a_label_becomes_selectable_when_the_mouse_comes_and_plain_with_the_next_case(qtbot):
    """Selecting and copying with the mouse works; a case change lays the text out plainly."""
    panel = _show(qtbot, "en", "first")
    panel.show()
    qtbot.waitExposed(panel)
    header = panel.header
    assert header.textInteractionFlags() == Qt.TextInteractionFlag.NoTextInteraction
    QTest.mouseDClick(header, Qt.MouseButton.LeftButton, pos=QPoint(4, header.height() // 2))
    assert header.textInteractionFlags() == Qt.TextInteractionFlag.TextSelectableByMouse
    assert header.hasSelectedText()  # the press that made it selectable also selects
    panel.show_case(Case.from_api(case_dict("case-next", text="second")))
    assert header.textInteractionFlags() == Qt.TextInteractionFlag.NoTextInteraction
    assert header.text().startswith("case-next")


def test_a_long_line_wraps_whole_though_the_labels_hints_ignore_their_text(qtbot):
    """The labels' size hints no longer lay their text out (the panel asks for them on every
    case); the panel's layout still gives a long line the height of all its lines."""
    panel = CasePanel()
    qtbot.addWidget(panel)
    panel.resize(500, 400)
    panel.show()
    qtbot.waitExposed(panel)
    short = Case.from_api(case_dict("case-short"))
    panel.show_case(short)
    qtbot.waitUntil(lambda: panel.author.height() > 0)
    one_line = panel.author.height()
    hints = (panel.author.sizeHint(), panel.author.minimumSizeHint())
    data = case_dict("case-long")
    data["author"]["display_name"] = "A very long display name " * 8
    panel.show_case(Case.from_api(data))
    assert (panel.author.sizeHint(), panel.author.minimumSizeHint()) == hints
    qtbot.waitUntil(lambda: panel.author.height() >= 3 * one_line)
    assert panel.author.heightForWidth(panel.author.width()) <= panel.author.height()


def test_the_case_text_stays_put_when_the_language_line_needs_a_taller_script(qtbot):
    """A Thai language line is taller than an English one (its native name, ไทย); prepared
    ahead, it does not move the case text when its case is shown, nor after it."""
    english = Case.from_api(case_dict("case-en", text="Seen today on the way", language="en"))
    thai = Case.from_api(case_dict("case-th", text=SAMPLES["th"][0], language="th"))
    panel = CasePanel()
    qtbot.addWidget(panel)
    panel.resize(900, 500)
    panel.show()
    qtbot.waitExposed(panel)
    panel.show_case(english)
    QApplication.processEvents()
    plain = panel.language.heightForWidth(panel.language.width())
    panel.language.setText(language_line("th"))
    assert panel.language.heightForWidth(panel.language.width()) > plain  # the premise
    panel.show_case(english)
    panel.prepare(thai)
    QApplication.processEvents()
    where = panel.text.geometry()
    for case in (thai, english, thai):
        panel.show_case(case)
        QApplication.processEvents()
        assert panel.text.geometry() == where


def test_the_header_history_an_appeal_and_an_approval_name_decisions_as_reviewers_do(qtbot):
    names = {"violent_graphic": "Graphic violence", "harassment": "Harassment"}
    data = case_dict("case-appeal")
    data["appeal"] = {"decision": {"decision_id": "d-1", "case_id": "c0", "action": "remove",
                                   "policy": "harassment", "note": "", "reviewer": "colleague",
                                   "recorded_at": "2026-01-01T00:00:00Z",
                                   "guideline_version": ""},
                      "statement": "A joke.", "guideline_now": "", "changed_since": []}
    data["author"]["history"] = [{"at": "2026-05-03T10:00:00Z", "action": "restrict_reach",
                                  "policy": "harassment", "summary": "pile-on"}]
    panel = CasePanel(lambda policy: names.get(policy, policy))
    qtbot.addWidget(panel)
    panel.show_case(Case.from_api(data))
    assert "  ·  Graphic violence  ·  " in panel.header.text()
    assert "violent_graphic" not in panel.header.text()
    assert "APPEAL of Remove (Harassment) by" in panel.pending.text()
    assert panel.history.text().endswith(" Restrict reach (Harassment)")  # not restrict_reach
    pending = case_dict("case-pending")
    pending["pending_decision"] = {"decision_id": "d-2", "action": "suspend",
                                   "policy": "harassment", "recorded_at": "2026-01-01T00:00:00Z",
                                   "reviewer": "reviewer-one", "note": ""}
    panel.show_case(Case.from_api(pending))
    assert panel.pending.text().startswith("Awaiting approval: Suspend (Harassment) by")


def test_an_appeal_names_the_guideline_version_it_was_decided_under(qtbot):
    data = case_dict("case-appeal")
    data["appeal"] = {"decision": {"decision_id": "d-1", "case_id": "c0", "action": "remove",
                                   "policy": "hate_speech", "note": "", "reviewer": "colleague",
                                   "recorded_at": "2026-01-01T00:00:00Z",
                                   "guideline_version": "hate_speech@2"},
                      "statement": "A joke.", "guideline_now": "hate_speech@3",
                      "changed_since": [{"guideline_id": "hate_speech", "version": 3,
                                         "title": "Hate speech",
                                         "published_at": "2026-11-29T10:00:00Z"}]}
    panel = CasePanel(lambda policy: {"hate_speech": "Hate speech"}.get(policy, policy))
    qtbot.addWidget(panel)
    panel.show_case(Case.from_api(data))
    assert ("Made under v2 Hate speech; since then: v3 Hate speech (2026-11-29)"
            in panel.pending.text().splitlines())  # not hate_speech@2


def test_report_reasons_read_as_reviewers_say_them_with_the_ids_in_the_tooltip(qtbot):
    from ui.i18n.language import use_language
    data = case_dict("case-reported")
    data["reports"] = [{"reason": reason, "reporter_id": f"u{n}",
                        "created_at": "2026-01-01T00:00:00Z"}
                       for n, reason in enumerate(["hate_speech", "civic_integrity",
                                                   "hate_speech", "made_up_reason"])]
    panel = CasePanel()
    qtbot.addWidget(panel)
    panel.show_case(Case.from_api(data))
    assert panel.reports.text() == ("4 reports: Hate speech ×2, Civic integrity, "
                                    "made_up_reason")  # an unknown id: as sent
    assert panel.reports.toolTip() == ("Report reasons as sent: hate_speech ×2, "
                                       "civic_integrity, made_up_reason")
    use_language("es")
    try:
        panel.show_case(Case.from_api(data))
        assert panel.reports.text() == ("4 denuncias: Discurso de odio ×2, Integridad "
                                        "cívica, made_up_reason")
    finally:
        use_language("en")


def test_an_appeal_s_lines_keep_their_height_in_a_short_panel_and_the_text_gives_way(qtbot):
    from PySide6.QtWidgets import QLabel, QSplitter
    data = case_dict("case-appeal")
    data["appeal"] = {"decision": {"decision_id": "d-1", "case_id": "c0", "action": "suspend",
                                   "policy": "violent_threat", "reviewer": "demo-colleague",
                                   "note": "explicit threat with a time and place",
                                   "recorded_at": "2026-01-01T00:00:00Z",
                                   "guideline_version": ""},
                      "statement": "My account was hacked that night.", "guideline_now": "",
                      "changed_since": []}
    splitter = QSplitter(Qt.Orientation.Vertical)  # as in the window: the panel over the media
    qtbot.addWidget(splitter)
    panel = CasePanel()
    splitter.addWidget(panel)
    splitter.addWidget(QLabel("media"))
    splitter.resize(1100, 820)
    splitter.setSizes([300, 520])
    splitter.show()
    qtbot.waitExposed(splitter)
    panel.show_case(Case.from_api(data))
    panel.show_context_hint("Investigation: 2 strikes in 90 days")
    pending = panel.pending
    qtbot.waitUntil(lambda: not pending.isHidden() and pending.height() > 0)
    QApplication.processEvents()
    assert pending.height() >= pending.heightForWidth(pending.width())  # 4 lines, none cut
    assert panel.text.height() >= panel.text.minimumSizeHint().height()
    panel.show_case(Case.from_api(case_dict("case-plain")))
    assert pending.isHidden() and pending.minimumHeight() == 0
