"""After a run of graphic cases the next one is calm, and the status line says why."""

from __future__ import annotations

from reviewer.actions import ActionId
from tests.qt_wait import pump_until


def test_the_reviewer_is_told_in_one_line_why_a_calm_case_comes_next(offline_window):
    window = offline_window
    window.session.calm.after = lambda: 1
    assert window.shown_case_id == "c1-two-images"
    window.decisions.decide(ActionId.NO_VIOLATION)
    # c2-corrupt (graphic, due in 2 h) waits one case; c3-html has no media.
    pump_until(lambda: window.shown_case_id == "c3-html", what="the calm case on screen")
    pump_until(lambda: not window.after_frame.pending(), what="the message, after the case")
    assert "A calmer case next: 1 graphic cases in a row" in window.status_line.text()
    window.decisions.decide(ActionId.NO_VIOLATION)
    pump_until(lambda: window.shown_case_id == "c2-corrupt", what="the graphic case after it")
