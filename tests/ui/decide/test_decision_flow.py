"""A decision is made once, or not at all with a clear message: never twice, never half."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest

from reviewer.actions import ActionId
from tests.ui.keystrokes import decide_by_keys
from tests.qt_wait import pump, pump_until


def test_a_second_decision_key_queued_during_recording_is_dropped(offline_window):
    window = offline_window
    first = window.session.current().id
    remove = window.registry.actions[ActionId.NO_VIOLATION]
    # Two presses queued back to back, as when a reviewer double-taps while the commit runs.
    QTimer.singleShot(0, remove.trigger)
    QTimer.singleShot(0, remove.trigger)
    pump(0.3)
    assert window.session.outbox.counts()["pending"] == 1
    assert [e.decision.case_id for e in window.session.outbox.entries()] == [first]
    assert window.session.current().id != first


def test_keys_dropped_during_recording_are_counted_in_the_message_that_follows(offline_window):
    window = offline_window
    remove = window.registry.actions[ActionId.NO_VIOLATION]
    for _ in range(3):  # a triple tap: the second and third arrive while the first records
        QTimer.singleShot(0, remove.trigger)
    pump(0.3)
    assert window.session.outbox.counts()["pending"] == 1
    pump_until(lambda: not window.after_frame.pending(), what="what follows the frame")
    said = window.status_line.text()
    assert said.startswith("Recorded")
    assert "2 keys ignored while recording" in said


def test_a_decision_with_no_key_dropped_says_nothing_of_ignored_keys(offline_window):
    window = offline_window
    decide_by_keys(window, Qt.Key.Key_1)
    pump_until(lambda: not window.after_frame.pending(), what="what follows the frame")
    assert window.status_line.text().startswith("Recorded")
    assert "ignored" not in window.status_line.text()
    QTimer.singleShot(0, window.registry.actions[ActionId.NO_VIOLATION].trigger)
    QTimer.singleShot(0, window.registry.actions[ActionId.NO_VIOLATION].trigger)
    pump(0.3)
    pump_until(lambda: not window.after_frame.pending(), what="what follows the frame")
    assert "1 key ignored while" in window.status_line.text()  # counted afresh each time


def test_failed_write_keeps_the_case_on_screen_and_says_it_was_not_recorded(offline_window):
    window = offline_window
    db = window.session.outbox.db
    # A temporary trigger makes the outbox write fail the way a full disk does.
    db.execute("CREATE TEMP TRIGGER full_disk BEFORE INSERT ON main.outbox "
               "BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END")
    first = window.session.current().id
    decide_by_keys(window, Qt.Key.Key_2)
    assert window.session.current().id == first
    assert "NOT recorded" in window.status_line.text()
    assert "disk is full" in window.status_line.text()
    assert window.session.outbox.counts()["pending"] == 0
    assert window.session.cache.open_case_ids()[0] == first  # the case was not marked decided
    db.execute("DROP TRIGGER full_disk")  # space again: the same key now works
    decide_by_keys(window, Qt.Key.Key_2)
    assert window.session.outbox.counts()["pending"] == 1
    assert window.session.current().id != first


def test_the_next_case_is_painted_first_and_the_message_and_indicator_follow(offline_window):
    """The next case's frame holds the case alone; the "Recorded" message, the waiting count
    and the list follow a frame later (ui/widgets/after_frame.py), and the sync worker is woken
    once the case has painted."""
    window = offline_window
    first = window.session.current().id
    at_wake = []
    window.decisions.decided.connect(lambda: at_wake.append(
        (window.shown_case_id, window.case_panel.header.text())))
    decide_by_keys(window, Qt.Key.Key_1)
    shown, header = at_wake[0]
    assert shown == window.session.current().id != first
    assert header.startswith(shown + " ")
    pump_until(lambda: not window.after_frame.pending(), what="what follows the frame")
    assert window.status_line.text().startswith("Recorded") and first in window.status_line.text()
    assert "1 waiting to sync" in window.sync_indicator.text()
    model = window.queue_panel.model
    assert model.data(model.index(model.row_of(first), 0)).startswith("✓ done")
    assert window.queue_panel.cases.currentIndex().row() == model.row_of(shown)


def test_rendering_ahead_and_investigation_reads_wait_from_the_paint_of_the_next_case(offline_window):
    """What show_current puts off (rendering the next cases' media, the investigation's reads)
    counts its delay from the next case on screen, so on a slow machine it never runs inside
    that paint: both timers are started again once the decision has landed."""
    window = offline_window
    window._prefetch_timer.stop()
    window.investigation_panel._timer.stop()
    started_at_landing = []
    window.decisions.decided.connect(lambda: started_at_landing.append(
        (window._prefetch_timer.isActive(), window.investigation_panel._timer.isActive())))
    decide_by_keys(window, Qt.Key.Key_1)
    assert started_at_landing == [(True, True)]  # (re)started as the decision lands
    window._prefetch_timer.stop()
    window.investigation_panel._timer.stop()
    window.decisions.decided.emit()  # painted: both start again from here
    assert window._prefetch_timer.isActive() and window.investigation_panel._timer.isActive()


def test_the_focus_goes_back_where_it_was_after_the_policy_picker(offline_window):
    """Not to the first control of the tab chain (the queue list), where the arrow keys would
    then change queue."""
    window = offline_window
    window.media_grid.setFocus()
    pump(0.05)
    first = window.session.current().id
    assert decide_by_keys(window, Qt.Key.Key_2) == ["policy"]
    assert window.session.current().id != first
    assert window.focusWidget() is window.media_grid


def test_the_exposure_line_shows_the_next_case_after_a_decision(offline_window):
    """The line counts the case on screen: what was seen of the last one is not shown as
    the next one's."""
    from reviewer.media.stages import Stage

    window = offline_window
    first = window.session.current().id
    window.meter.add(first, 7.0, 1.0, Stage.REVEALED)
    window.conceal()
    assert "case 7s" in window.media_desk.exposure_label.text()
    decide_by_keys(window, Qt.Key.Key_1)
    assert window.session.current().id != first
    assert window.meter.reading(window.shown_case_id).case_s == 0
    window.after_frame.run()  # the line follows the next case's frame
    assert "case 0s" in window.media_desk.exposure_label.text()


def test_skip_says_the_case_left_undecided_and_where_it_went(offline_window):
    window = offline_window
    skipped = window.session.current().id
    QTest.keyClick(window, Qt.Key.Key_S)
    assert window.session.current().id != skipped
    pump_until(lambda: not window.after_frame.pending(), what="what follows the frame")
    assert window.status_line.text() == (f"Skipped {skipped}, undecided: it comes back at the "
                                         "end of your list.")
    assert window.session.case_ids[-1] == skipped and window.session.outbox.entries() == []
