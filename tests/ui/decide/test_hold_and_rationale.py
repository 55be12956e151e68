"""Shift+H holds the case on screen with a reason (H alone stays panic); a decision the
organisation requires a reason for asks for the note before it is recorded."""

from __future__ import annotations

from PySide6.QtCore import Qt

from reviewer.review.holds import HoldBook
from reviewer.review.rationale import save_rules
from tests.ui.keystrokes import DialogDriver
from tests.qt_wait import pump_until
from PySide6.QtTest import QTest


def test_shift_h_holds_the_case_with_a_reason_and_moves_on(offline_window):
    window = offline_window
    first = window.session.current().id
    with DialogDriver(note="waiting for a legal opinion") as driver:
        QTest.keyClick(window, Qt.Key.Key_H, Qt.KeyboardModifier.ShiftModifier)
    pump_until(window.isActiveWindow, timeout=5, what="window active again")
    assert driver.seen == ["note"]
    [hold] = HoldBook(window.session.cache.db).holds().values()
    assert (hold.case_id, hold.reason) == (first, "waiting for a legal opinion")
    assert window.session.current().id != first and window.session.case_ids[-1] == first
    assert f"Held {first} until" in window.status_line.text()


def test_a_required_rationale_is_asked_for_before_recording(offline_window):
    window = offline_window
    case = window.session.current()
    policy = window.session.default_policy(case)
    save_rules(window.session.cache.db, [{"policy": policy, "action": "remove"}])
    with DialogDriver(note="targets a named person") as driver:
        QTest.keyClick(window, Qt.Key.Key_2)
    pump_until(window.isActiveWindow, timeout=5, what="window active again")
    assert driver.seen == ["policy", "note"]
    [entry] = window.session.outbox.entries()
    assert (entry.decision.case_id, entry.decision.note) == (case.id, "targets a named person")
