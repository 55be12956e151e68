"""What follows the next case's frame: each refresher once, every message in order, never
put off by a quick run of keys."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QRect
from PySide6.QtGui import QRegion

from tests.qt_wait import pump, pump_until
from ui.widgets.after_frame import AFTER_FRAME_MS, AfterFrame


def test_a_refresher_asked_twice_runs_once_and_messages_all_run_in_order(qapp):
    later, ran = AfterFrame(), []
    refresh = lambda: ran.append("refresh")  # noqa: E731
    later.later(refresh)
    later.say(ran.append, "first message")
    later.later(refresh)
    later.say(ran.append, "second message")
    assert later.pending() and ran == []  # nothing before the frame
    pump_until(lambda: not later.pending(), what="the jobs")
    assert ran == ["refresh", "first message", "second message"]


def test_a_run_of_asks_does_not_put_the_jobs_off(qapp):
    """A key every few ms (faster than a frame) still sees the list follow within a frame of
    the first: the timer is started by the first job and not again by the next."""
    later, ran = AfterFrame(), []
    later.later(lambda: ran.append(1))
    timer = later._timer
    remaining = timer.remainingTime()
    pump(AFTER_FRAME_MS / 2000)
    later.later(lambda: ran.append(2))
    assert timer.remainingTime() <= remaining
    pump_until(lambda: ran == [1, 2], timeout=1, what="both jobs")


def test_a_job_that_asks_for_another_runs_it_in_the_same_turn(qapp):
    later, ran = AfterFrame(), []
    later.later(lambda: (ran.append("first"), later.later(lambda: ran.append("second"))))
    later.run()
    assert ran == ["first", "second"] and not later.pending()


class _Paints(QObject):
    """The region each widget painted over a case change, in its own coordinates."""

    def __init__(self, widgets):
        super().__init__()
        self.regions = {id(w): QRegion() for w in widgets}
        for widget in widgets:
            widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt naming)
        if event.type() == QEvent.Type.Paint:
            self.regions[id(watched)] = self.regions[id(watched)].united(event.region())
        return False


def _area(region: QRegion) -> int:
    return sum(rect.width() * rect.height() for rect in region)


def test_the_next_case_repaints_the_media_grid_not_the_window_beneath_it(offline_window):
    """The grid paints its own background: a new case's media no longer has the window and the
    central widget paint the grid's whole area under it first."""
    window = offline_window
    grid = window.media_grid
    paints = _Paints([window, window.centralWidget(), grid])
    window.go_to_case("c3-html")  # two images -> none: the grid says so over its whole area
    pump_until(lambda: grid.is_settled() and not window.after_frame.pending(), what="painted")
    pump(0.05)
    assert _area(paints.regions[id(grid)]) == grid.width() * grid.height()
    for beneath in (window, window.centralWidget()):
        where = QRect(grid.mapTo(beneath, QPoint(0, 0)), grid.size())
        assert _area(paints.regions[id(beneath)].intersected(where)) == 0
