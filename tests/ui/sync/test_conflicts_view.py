"""A conflict is shown, beside the winning decision, until the reviewer deals with it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from reviewer.actions import ActionId
from reviewer.domain import Decision
from tests.qt_wait import pump, pump_until
from tests.ui.keystrokes import decide_by_keys, when_open
from ui.sync.conflicts_view import ConflictsView
from ui.widgets.note_dialog import NoteDialog


def _conflict(window, case_id="c1-two-images"):
    decision = Decision.new(case_id, ActionId.REMOVE, "violent_graphic")
    outbox = window.session.outbox
    outbox.record(decision)
    winner = {"decision_id": "w1", "case_id": case_id, "action": "no_violation",
              "policy": "violent_graphic", "reviewer": "reviewer-two", "recorded_at": "2026-11-22T10:00:00Z"}
    outbox.record_answers([(decision.decision_id, "conflict",
                            {"http_status": 409, "error": "conflict", "winning_decision": winner})])
    window._update_indicator()
    return decision


def _open_view_then(window, steps):
    def run(view):
        try:
            steps(view)
        finally:
            view.close()
    waiting = when_open(ConflictsView, run)
    QTest.keyClick(window, Qt.Key.Key_C, Qt.KeyboardModifier.ShiftModifier)
    waiting.stop()


def test_conflict_shows_in_the_indicator_and_the_view_names_the_winner(offline_window):
    window = offline_window
    _conflict(window)
    assert window.sync_indicator.state == "conflict"
    assert "1 conflict to review" in window.sync_indicator.text()  # a real plural
    seen = {}

    def look(view):
        seen["rows"] = view.table.rowCount()
        seen["cells"] = [view.table.item(0, c).text() for c in range(4)]
        QTest.keyClick(view.table, Qt.Key.Key_A)  # accept the outcome
        seen["after"] = view.table.rowCount()
        seen["empty"] = view.empty.text()
    _open_view_then(window, look)
    assert seen["rows"] == 1
    assert seen["cells"][0] == "c1-two-images" and seen["cells"][2] == "Conflict"
    # Named as reviewers name decisions, at the reviewer's own time, never a raw ISO stamp.
    assert seen["cells"][3].startswith("No violation (violent_graphic) by reviewer-two at ")
    assert "UTC)" in seen["cells"][3] and "2026-11-22T" not in seen["cells"][3]
    assert seen["cells"][1].startswith("Remove (violent_graphic) at ")
    assert seen["cells"][1].endswith("UTC)") and ":00Z" not in seen["cells"][1]
    assert seen["after"] == 0
    # the decision just accepted lost: the empty view may not say every decision was accepted
    assert "Nothing needs your attention" in seen["empty"] and "accepted" not in seen["empty"]
    assert window.sync_indicator.state != "conflict"


def test_the_view_names_policies_as_reviewers_call_them(offline_window):
    from reviewer.context.guidelines import Guideline
    window = offline_window
    window.session.guidelines.save([Guideline(
        "violent_graphic", 1, 1, "Graphic violence", "policy", "violent_graphic", "", "text",
        False, "2026-11-10T09:00:00Z", "policy-team")], cursor=1)
    window.guidelines.refresh()  # as after a sync that brought the document
    _conflict(window)
    seen = {}

    def look(view):
        seen["cells"] = [view.table.item(0, c).text() for c in range(4)]
    _open_view_then(window, look)
    assert seen["cells"][1].startswith("Remove (Graphic violence) at ")
    assert seen["cells"][3].startswith("No violation (Graphic violence) by reviewer-two at ")


def test_escalating_a_conflict_records_a_new_decision_and_keeps_the_original(offline_window):
    window = offline_window
    original = _conflict(window)

    def escalate(view):
        def write_note(dialog):
            QTest.keyClicks(dialog.editor, "Winner looks wrong: visible injury")
            QTest.keyClick(dialog.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        waiting = when_open(NoteDialog, write_note)
        QTest.keyClick(view.table, Qt.Key.Key_E)
        waiting.stop()
    _open_view_then(window, escalate)
    pump(0.1)
    entries = window.session.outbox.entries()
    assert [e.decision.action for e in entries] == [ActionId.REMOVE, ActionId.ESCALATE]
    assert entries[0].decision == original  # the original is never edited
    assert entries[1].decision.note == "Winner looks wrong: visible injury"
    assert entries[1].state == "pending" and entries[0].acknowledged


def test_with_nothing_to_act_on_the_view_says_so(offline_window):
    view = ConflictsView(offline_window.session, offline_window)
    assert view.empty.isVisibleTo(view) and not view.table.isVisibleTo(view)
    assert "Nothing needs your attention" in view.empty.text()


def test_no_column_heading_is_clipped(offline_window):
    from PySide6.QtGui import QFontMetrics
    from ui.sync.conflicts_view import COLUMNS
    _conflict(offline_window)
    view = ConflictsView(offline_window.session, offline_window)
    view.show()
    header = view.table.horizontalHeader()
    metrics = QFontMetrics(header.font())
    for column, title in enumerate(COLUMNS):
        assert header.sectionSize(column) >= metrics.horizontalAdvance(title), title
    view.close()


def test_a_decision_whose_note_no_longer_opens_shows_as_not_sent(offline_window):
    from ui.sync.conflicts_view import outcome_text

    outbox = offline_window.session.outbox  # sealed: the window unlocked the cache
    decision = Decision.new("c1-two-images", ActionId.SUSPEND, "violent_graphic", "Reason")
    outbox.record(decision)
    db = outbox.db
    blob = bytearray(db.execute("SELECT sealed_note FROM outbox WHERE decision_id = ?",
                                (decision.decision_id,)).fetchone()[0])
    blob[len(blob) // 2] ^= 0x01  # disk damage, or a key lost with a keyring-less restart
    db.execute("UPDATE outbox SET sealed_note = ? WHERE decision_id = ?",
               (bytes(blob), decision.decision_id))
    db.conn.commit()
    assert outbox.due() == []
    outcome, why = outcome_text(outbox.unacknowledged()[0])
    assert outcome == "Not sent" and "decide the case again" in why


def test_accepting_a_refused_decision_puts_its_case_back_on_screen_to_decide_again(
        offline_window):
    window = offline_window
    case_id = window.session.current().id
    decide_by_keys(window, Qt.Key.Key_1)  # no violation, refused by a rule on the central API
    decision = window.session.outbox.entries()[0].decision
    window.session.outbox.record_answers([(decision.decision_id, "rejected",
                                           {"error": "not_an_appeal"})])
    assert case_id not in window.session.case_ids  # decided here, so off the list
    _open_view_then(window, lambda view: QTest.keyClick(view.table, Qt.Key.Key_A))
    assert window.session.current().id == case_id == window.shown_case_id
    assert window.session.cache.open_case_ids().count(case_id) == 1
    pump_until(window.isActiveWindow, what="the window active again")
    decide_by_keys(window, Qt.Key.Key_1)  # and decided again, as a new decision
    assert [e.decision.case_id for e in window.session.outbox.entries()] == [case_id, case_id]


def test_accepting_a_conflict_leaves_its_case_closed(offline_window):
    window = offline_window
    _conflict(window)
    _open_view_then(window, lambda view: QTest.keyClick(view.table, Qt.Key.Key_A))
    assert "c1-two-images" not in window.session.cache.open_case_ids()
