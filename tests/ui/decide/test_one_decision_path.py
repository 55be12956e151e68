"""Every way of deciding records the same thing: a key, the palette, a follow-up, a four-eyes
approval and a sweep item all end in the review session's one recording path, so their outbox
rows differ only in ids and times, and every one of them is announced to the same listeners."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from reviewer.actions import ActionId
from reviewer.context.guidelines import Guideline, GuidelineStore
from reviewer.domain import Case, Queue
from reviewer.profile import Profile
from reviewer.store.case_cache import CaseCache
from reviewer.store.database import open_store
from tests.factories import case_dict
from tests.qt_wait import pump_until
from tests.ui.keystrokes import DialogDriver, decide_by_keys
from ui.app import build_workstation
from ui.keys.palette import entries_for

WAYS = ("key", "palette", "follow_up", "sweep")
# Compared between ways: everything but the ids and the clock.
SAME = "action, policy, note, state, attempts, next_attempt_at, guideline_version"


@pytest.fixture
def window(qtbot, tmp_path):
    profile = Profile(tmp_path / "profile").ensure()
    cache = CaseCache(open_store(profile.store_path))
    # The queue enforces only "other", which has no guideline: the tag must come from the
    # case's own policy area (violent_graphic), whichever way the case is decided.
    cache.save_queues([Queue("graphic_media", "Graphic media", 3, ("other",), "other")])
    cases = [case_dict(f"c-{way}", hours_left=1 + i) for i, way in enumerate(WAYS)]
    pending = case_dict("c-approve", hours_left=9)
    pending["pending_decision"] = {"decision_id": "d-0", "action": "remove", "policy": "other",
                                   "note": "", "reviewer": "alex",
                                   "recorded_at": "2026-11-20T10:00:00Z"}
    cache.save_cases([Case.from_api(c) for c in (*cases, pending)], None)
    GuidelineStore(cache.db).save([Guideline(
        "violent_graphic", 4, 1, "Violent graphic", "policy", "violent_graphic", "", "text",
        False, "2026-11-20T09:00:00Z", "policy-team")], cursor=1)
    win = build_workstation(profile, None, None, undo_grace_s=0)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    return win


def _on_screen(window, case_id: str) -> None:
    window.go_to_case(case_id)
    if window.shown_case_id != case_id:  # the list had already moved to it (a core-side decision)
        window.show_current()
    pump_until(lambda: window.shown_case_id == case_id, what=f"{case_id} on screen")


def test_every_way_of_deciding_records_the_same_row_and_tells_the_same_listeners(window):
    heard = []
    window.session.subscribe(heard.append)
    _on_screen(window, "c-key")
    assert decide_by_keys(window, Qt.Key.Key_2) == ["policy"]
    _on_screen(window, "c-palette")
    remove = next(e for e in entries_for(window.registry, window.session, window.palette_targets)
                  if e.text.startswith("Remove"))
    with DialogDriver():
        remove.run()
    window.session.follow_up("c-follow_up", ActionId.REMOVE, "", "other")
    window.session.decide_many([window.session.cache.case("c-sweep")], ActionId.REMOVE, "other")
    _on_screen(window, "c-approve")
    decide_by_keys(window, Qt.Key.Key_A)

    rows = {r[0]: r[1:] for r in window.session.cache.db.execute(
        f"SELECT case_id, {SAME} FROM outbox").fetchall()}
    assert set(rows) == {f"c-{way}" for way in WAYS} | {"c-approve"}
    expected = ("remove", "other", "", "pending", 0, "", "violent_graphic@4")
    assert {way: rows[f"c-{way}"] for way in WAYS} == {way: expected for way in WAYS}
    assert rows["c-approve"][2:] == expected[2:]  # approve: same tag, same state, no note
    assert sorted(d.case_id for d in heard) == sorted(rows)
    states = dict(window.session.cache.db.execute("SELECT id, local_state FROM cases"))
    assert set(states.values()) == {"decided"}
    assert window.session.case_ids == []
