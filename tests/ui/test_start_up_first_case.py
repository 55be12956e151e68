"""Start-up paints the first case from the head of the work list, then reads the rest between
events: the count line says how many there are from the start, a filter before the rest is
read answers from the whole list, and the first case's media is rendered once, at the size
the window lays it out at, before any later case's."""

from __future__ import annotations

import pytest

from reviewer.domain import Case
from reviewer.profile import Profile
from reviewer.review.case_list import ListQuery
from reviewer.store.case_cache import CaseCache
from reviewer.store.database import open_store
from tests.factories import case_dict, sha, synthetic_png
from tests.qt_wait import pump_until
from ui import app
from ui.media.service import MediaService

CASES, HEAD = 60, 20
# The first cases of the work order (priority 1: every third) each have an image of their own.
IMAGES = {i: synthetic_png(320, 240, seed=i) for i in range(0, 15, 3)}


@pytest.fixture
def profile(tmp_path, monkeypatch):
    monkeypatch.setattr(app, "HEAD_ROWS", HEAD)
    profile = Profile(tmp_path / "profile").ensure()
    cache = CaseCache(open_store(profile.store_path))
    cache.save_cases([Case.from_api(case_dict(
        f"c-{i:03d}", priority=1 + i % 3, hours_left=1 + i, media=[IMAGES[i]] if i in IMAGES
        else [])) for i in range(CASES)], lease_expires_at=None)
    for data in IMAGES.values():
        cache.save_media(sha(data), "image/png", data)
    cache.db.conn.close()
    return profile


def _open(qtbot, profile):
    window = app.build_workstation(profile, None, None, undo_grace_s=0)
    qtbot.addWidget(window)
    return window


def _work_order(window) -> list[str]:
    return [r[0] for r in window.session.cache.db.execute(
        "SELECT id FROM cases WHERE local_state = 'open' ORDER BY priority, sla_deadline, id")]


def test_the_head_is_listed_with_the_whole_count_then_every_case(qtbot, profile):
    window = _open(qtbot, profile)
    window.show()
    qtbot.waitExposed(window)
    order = _work_order(window)
    assert window.session.head_listed
    assert window.queue_panel.model.rowCount() == HEAD
    assert window.session.current().id == order[0]
    assert "Cases here: 60" in window.queue_panel.case_count.text()
    window.session.next()  # the reviewer moves on while the rest is read
    window.show_current()
    pump_until(lambda: not window.session.head_listed, what="every case listed")
    model = window.queue_panel.model
    assert [model.id_at(row) for row in range(model.rowCount())] == order
    assert window.session.current().id == order[1] and window.shown_case_id == order[1]
    assert "Cases here: 60" in window.queue_panel.case_count.text()
    pump_until(lambda: window.queue_panel.filters.language.count() > 1, what="menus counted")


def test_a_filter_before_the_rest_is_read_answers_from_every_case(qtbot, profile):
    window = _open(qtbot, profile)
    assert window.session.head_listed
    window.work_list.set_query(ListQuery(priorities=frozenset({3})))
    assert list(window.session.case_ids) == [
        r[0] for r in window.session.cache.db.execute(
            "SELECT id FROM cases WHERE priority = 3 ORDER BY sla_deadline, id")]
    assert len(window.session.case_ids) == CASES // 3 > HEAD // 3
    window.work_list.set_query(ListQuery())
    assert list(window.session.case_ids) == _work_order(window)


def test_the_first_case_renders_once_at_its_laid_out_size_before_later_cases(
        qtbot, profile, monkeypatch):
    asked = []
    request = MediaService.request
    monkeypatch.setattr(MediaService, "request",
                        lambda service, key, ahead=False: (asked.append(key),
                                                           request(service, key, ahead)))
    window = _open(qtbot, profile)
    assert asked == []  # nothing before the window is laid out and shown
    window.show()
    qtbot.waitExposed(window)
    pump_until(lambda: window.media_grid.is_settled(), what="first case painted")
    first = {m.sha256 for m in window.session.current().media}
    boxes = {key.box for key in asked if key.sha256 in first}
    assert len(boxes) == 1  # one size: the grid's laid-out one
    pump_until(lambda: window.is_idle() and len({k.sha256 for k in asked}) > len(first),
               what="later cases prefetched")
    later = [i for i, key in enumerate(asked) if key.sha256 not in first]
    assert later and min(later) > max(i for i, key in enumerate(asked) if key.sha256 in first)


def test_the_first_prefetch_starts_when_the_grid_says_the_first_case_is_on_screen(
        qtbot, profile, monkeypatch):
    """Told by the media grid once its first media is painted, not found by polling; the list's
    columns are read from then on too."""
    told, rest = [], []
    window = _open(qtbot, profile)
    window.media_grid.first_settled.connect(lambda: told.append(window.media_grid.is_settled()))
    monkeypatch.setattr(window.work_list, "read_rest",
                        lambda: rest.append(window.media_grid.is_settled()))
    window.show()
    qtbot.waitExposed(window)
    pump_until(window.is_idle, what="the first prefetch")
    assert told == [True] and rest == [True]
    window.go_to_case(window.session.upcoming(1)[0].id)  # later cases: said once only
    pump_until(lambda: window.media_grid.is_settled(), what="the next case painted")
    assert told == [True] and rest == [True]


def test_the_search_index_starts_once_the_list_is_read(qtbot, profile, monkeypatch):
    started = []
    window = _open(qtbot, profile)
    monkeypatch.setattr(window.work_list.indexer, "start", lambda: started.append(
        window.session.case_list.is_complete))
    window.work_list.read_rest()  # as once the first case is on screen
    window.work_list._start_indexer()  # its delay ran out while the list is read
    assert started == [] and window.work_list._start.isActive()
    pump_until(lambda: started, what="search index started")
    assert started == [True]


def test_the_first_cases_investigation_is_read_after_it_is_on_screen(qtbot, profile):
    from ui.context.investigation_panel import FIRST_READ_DELAY_MS, REFRESH_DELAY_MS
    window = _open(qtbot, profile)
    timer = window.investigation_panel._timer
    assert timer.isActive() and timer.interval() == FIRST_READ_DELAY_MS
    window.show()
    qtbot.waitExposed(window)
    window.investigation_panel.read_later()  # a later case, painted
    assert timer.interval() == REFRESH_DELAY_MS
    assert [s.objectName() for s in window.splitters] == ["listCaseSplitter",
                                                          "caseMediaSplitter"]


def test_the_incidents_panel_is_made_when_first_shown(qtbot, profile):
    from reviewer.actions import ActionId
    from ui.context.incident_desk import IncidentDesk
    window = _open(qtbot, profile)
    desk = next(c for c in window.children() if isinstance(c, IncidentDesk))
    assert desk._dock is None  # not made on the way to the first case
    window.show()
    qtbot.waitExposed(window)
    window.registry.actions[ActionId.INCIDENTS].trigger()
    assert desk.dock.isVisible() and desk.panel.list.count() == 0
    assert desk.panel.selected_id() == ""
