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


def test_a_calm_case_moved_up_keeps_the_list_and_repaints_its_rows_only(offline_window):
    """The row of the decided case is marked done and the calm one moves up in front of the
    case it jumps, without a reset of the list's model: a reset laid the whole list out again
    and repainted it after every calm case served."""
    window = offline_window
    window.session.calm.after = lambda: 1
    model = window.queue_panel.model
    before = [model.id_at(row) for row in range(model.rowCount())]
    assert before[:3] == ["c1-two-images", "c2-corrupt", "c3-html"]
    resets = []
    model.modelReset.connect(lambda: resets.append(True))
    window.decisions.decide(ActionId.NO_VIOLATION)
    pump_until(lambda: window.shown_case_id == "c3-html", what="the calm case on screen")
    pump_until(lambda: not window.after_frame.pending(), what="the list, after the case")
    assert resets == []
    assert [model.id_at(row) for row in range(model.rowCount())] == \
        ["c1-two-images", "c3-html", "c2-corrupt", *before[3:]]
    assert window.queue_panel.cases.currentIndex().row() == 1
    assert model.data(model.index(0, 0)).startswith("✓")
    assert model.data(model.index(1, 0)) != model.data(model.index(2, 0))
