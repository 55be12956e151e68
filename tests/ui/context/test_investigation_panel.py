"""The investigation panel, offscreen, by keys: I shows and hides it; it shows a seeded
case's high-profile flag and strikes; N writes an account note that shows at once, on every
case of the account; HTML in a handle or note shows as characters; related cases go to the
case when clicked."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel

from reviewer.store.case_cache import CaseCache
from reviewer.domain import Case, Queue
from reviewer.context.investigation import InvestigationStore
from reviewer.context.investigation_text import NOT_FETCHED
from reviewer.profile import Profile
from reviewer.store.database import open_store
from reviewer.sync.engine import SyncSettings
from tests.factories import case_dict
from tests.qt_wait import pump_until
from ui.app import build_workstation
from tests.ui.keystrokes import when_open
from ui.widgets.note_dialog import NoteDialog

HTML_HANDLE = '<img src="http://example.invalid/x.png"><b>loud</b>'
HTML_NOTE = '<b>Ban evasion?</b> <a href="http://example.invalid">see</a>'


def _show(qtbot, window):
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    pump_until(window.isActiveWindow, what="window active (shortcuts need it)")
    return window


def _section(window, name: str) -> QLabel:
    label = window.investigation_panel.findChild(QLabel, name)
    assert label.textFormat() == Qt.TextFormat.PlainText
    return label


def _offline_window(qtbot, tmp_path):
    profile = Profile(tmp_path / "profile").ensure()
    cache = CaseCache(open_store(profile.store_path))
    cache.save_queues([Queue("appeals", "Appeals", 3, ("spam",), "spam")])
    cases = []
    for number, author in enumerate(("loud", "loud", "quiet")):
        data = case_dict(f"case-{number}", queue_id="appeals", hours_left=number + 1)
        data["author"].update(id=f"author-{author}", handle=HTML_HANDLE if author == "loud"
                              else "quiet_one")
        cases.append(Case.from_api(data))
    cache.save_cases(cases, None)
    return _show(qtbot, build_workstation(profile, None, None, undo_grace_s=0))


def _write_note_by_keys(window, note: str) -> None:
    def type_it(dialog):
        QTest.keyClicks(dialog.editor, note)
        QTest.keyClick(dialog.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    waiting = when_open(NoteDialog, type_it)
    QTest.keyClick(window, Qt.Key.Key_N)  # returns once the dialog has closed
    waiting.stop()


def test_i_toggles_the_panel_and_offline_it_says_the_context_is_not_fetched(qtbot, tmp_path):
    window = _offline_window(qtbot, tmp_path)
    panel = window.investigation_panel
    assert not panel.isVisible()
    assert panel.findChild(QLabel, "investigationAccount") is None  # built when first shown
    QTest.keyClick(window, Qt.Key.Key_I)
    assert panel.isVisible()
    assert panel.status.text() == NOT_FETCHED
    assert window.case_panel.text.width() > 600  # the case text stays readable beside it
    account = _section(window, "investigationAccount").text()
    assert HTML_HANDLE in account  # shown as the characters it is made of
    QTest.keyClick(window, Qt.Key.Key_I)
    assert not panel.isVisible()


def test_n_adds_a_note_shown_at_once_on_every_case_of_the_account(qtbot, tmp_path):
    window = _offline_window(qtbot, tmp_path)
    assert window.session.current().id == "case-0"
    _write_note_by_keys(window, HTML_NOTE)
    notes = _section(window, "investigationNotes")
    assert window.investigation_panel.isVisible()  # N shows the panel where the note lives
    assert HTML_NOTE in notes.text() and "not sent yet" in notes.text()  # at once, no waiting
    pump_until(window.isActiveWindow, what="the window active again after the note entry")

    QTest.keyClick(window, Qt.Key.Key_J)  # the next case: same author
    assert window.session.current().id == "case-1"
    pump_until(lambda: window.investigation_panel.view is not None
               and window.investigation_panel.view.case_id == "case-1", what="panel redrawn")
    assert HTML_NOTE in notes.text()
    QTest.keyClick(window, Qt.Key.Key_J)  # another author: not their note
    pump_until(lambda: window.investigation_panel.view.case_id == "case-2", what="redrawn")
    assert HTML_NOTE not in notes.text()
    assert "No notes on this account" in notes.text()


def test_clicking_a_related_case_goes_to_it(qtbot, tmp_path):
    window = _offline_window(qtbot, tmp_path)
    QTest.keyClick(window, Qt.Key.Key_I)
    related = window.investigation_panel.related
    assert [related.item(i).text() for i in range(related.count())] == [
        "case-1 · appeals · open — same author"]
    rect = related.visualItemRect(related.item(0))
    QTest.mouseClick(related.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.session.current().id == "case-1"
    pump_until(lambda: window.investigation_panel.view.case_id == "case-1", what="redrawn")


def test_a_seeded_high_profile_case_shows_its_flag_and_strikes(qtbot, tmp_path, central_api):
    window = _show(qtbot, build_workstation(
        Profile(tmp_path / "profile"), central_api.url, central_api.tokens["senior"],
        SyncSettings(prefetch_per_queue=20, low_watermark=5, idle_interval=0.5), undo_grace_s=0))
    window.bridge.start()
    store = InvestigationStore(window.session.cache.db)
    pump_until(lambda: window.session.case_ids and all(
        store.context(case_id)[0] for case_id in window.session.case_ids[:20]),
        timeout=40, what="contexts cached")
    window.session.reload()
    high = next(case_id for case_id in window.session.case_ids
                if window.session.cache.case(case_id).author.high_profile)
    with central_api.lead() as lead:
        strikes = lead.get(f"/v1/cases/{high}/context").json()["strikes"]["count"]
    window.go_to_case(high)
    QTest.keyClick(window, Qt.Key.Key_I)
    assert window.investigation_panel.status.text().startswith("Context as of")
    assert "HIGH-PROFILE ACCOUNT" in _section(window, "investigationAccount").text()
    enforcement = _section(window, "investigationEnforcement").text()
    assert enforcement.startswith(f"Strikes: {strikes} in the last 90 days")
    reporters = _section(window, "investigationReporters").text()
    assert "decided were upheld (" in reporters or "none decided yet" in reporters
    assert "upheld (" not in reporters.replace("were upheld (", "")  # said once


def test_with_the_panel_shut_the_case_says_the_account_has_notes(qtbot, tmp_path):
    window = _offline_window(qtbot, tmp_path)
    InvestigationStore(window.session.cache.db).add_note(window.session.current(), "watch this")
    hint = window.case_panel.context_hint
    QTest.keyClick(window, Qt.Key.Key_J)  # case-1: same author, the panel is shut
    pump_until(lambda: hint.text().startswith("Investigation: 1 account note"),
               what="the note mentioned on the case")
    assert hint.textFormat() == Qt.TextFormat.PlainText and hint.text().endswith("I shows it")
    QTest.keyClick(window, Qt.Key.Key_J)  # case-2: another account, nothing to mention
    pump_until(lambda: hint.text() == "", what="the hint gone")
    QTest.keyClick(window, Qt.Key.Key_K)
    pump_until(lambda: hint.text() != "", what="back on the noted account")
    QTest.keyClick(window, Qt.Key.Key_I)  # the panel open: it says it all, the hint goes
    pump_until(lambda: hint.text() == "", what="the hint gone while the panel shows")
