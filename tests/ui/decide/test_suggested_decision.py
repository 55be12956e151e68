"""Deciding from description first: a case whose picture was decided before is offered that
decision pre-selected, one key records it without any reveal, and the exposure log says so."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from reviewer.actions import ActionId
from reviewer.context.guidelines import Guideline
from reviewer.domain import Case, Queue
from reviewer.profile import Profile
from reviewer.store.case_cache import CaseCache
from reviewer.store.database import open_store
from tests.factories import case_dict, sha, synthetic_png
from tests.qt_wait import pump, pump_until
from ui.app import build_workstation

PICTURE = synthetic_png(320, 240, seed=21)
OTHER = synthetic_png(320, 240, seed=22)
REMOVED = {"action": "remove", "policy": "violent_graphic", "count": 14,
           "since": "2026-11-25T08:00:00Z", "match": "exact"}


def _with_history(case: dict, *histories: list[dict]) -> dict:
    for item, history in zip(case["media"], histories):
        item["prior_decisions"] = history
    return case


@pytest.fixture
def window(qtbot, tmp_path):
    profile = Profile(tmp_path / "profile").ensure()
    cache = CaseCache(open_store(profile.store_path))
    cache.save_queues([Queue("graphic_media", "Graphic media", 3,
                             ("violent_graphic", "adult_nudity"), "violent_graphic")])
    cases = [
        _with_history(case_dict("c1-seen-before", hours_left=1, media=[PICTURE]), [REMOVED]),
        _with_history(case_dict("c2-disputed", hours_left=2, media=[PICTURE, OTHER]), [REMOVED],
                      [{**REMOVED, "policy": "adult_nudity", "match": "near"}]),
        case_dict("c3-new", hours_left=3, media=[OTHER]),
    ]
    cache.save_cases([Case.from_api(c) for c in cases], None)
    for data in (PICTURE, OTHER):
        cache.save_media(sha(data), "image/png", data)
    win = build_workstation(profile, None, None, undo_grace_s=0)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    pump_until(lambda: win.media_grid.is_settled(), what="first case media painted")
    return win


def test_a_case_decided_before_by_hash_is_decided_with_one_key_and_no_reveal(window):
    tile = window.media_grid.tiles[0]
    # No policy document has synced: the policy is named by its id.
    assert tile.known_text() == ["Same image: Remove (violent_graphic), 14× this week"]
    remove = window.decision_bar.buttons[ActionId.REMOVE]
    assert remove.property("suggested") is True
    assert window.decision_bar.suggestion_label.isVisible()
    assert "Remove (violent_graphic)" in window.decision_bar.suggestion_label.text()

    QTest.keyClick(window, Qt.Key.Key_Return)  # no policy picker: the suggestion names it
    pump_until(lambda: window.shown_case_id == "c2-disputed", what="the next case")

    [row] = window.session.outbox.db.execute(
        "SELECT case_id, action, policy FROM outbox").fetchall()
    assert tuple(row) == ("c1-seen-before", "remove", "violent_graphic")
    assert window.meter.reading("c1-seen-before").case_s == 0  # nothing was revealed
    shares = window.meter.decision_shares()
    assert (shares.without_reveal, shares.by_suggestion, shares.total) == (1, 1, 1)
    logged = "SELECT decided, by_suggestion FROM exposure WHERE case_id = 'c1-seen-before'"
    db = window.session.cache.db
    pump_until(lambda: db.execute(logged).fetchall(), what="the exposure log saved")
    assert tuple(db.execute(logged).fetchone()) == ("none", 1)
    assert "1 without any reveal (1 by the suggested decision)" in \
        window.media_desk.exposure_label.toolTip()


def test_earlier_decisions_name_their_policy_as_reviewers_call_it(window):
    window.session.guidelines.save([Guideline(
        "violent_graphic", 1, 1, "Graphic violence", "policy", "violent_graphic", "", "text",
        False, "2026-11-10T09:00:00Z", "policy-team")], cursor=1)
    window.guidelines.refresh()  # as after a sync that brought the document
    window.go_to_case("c3-new")
    window.go_to_case("c1-seen-before")
    pump_until(lambda: window.media_grid.is_settled(), what="the case's media painted")
    line = "Same image: Remove (Graphic violence), 14× this week"
    assert window.media_grid.tiles[0].known_text() == [line]
    label = window.decision_bar.suggestion_label
    pump_until(label.isVisible, what="the case's suggestion")  # a frame after the case
    assert label.text().endswith(f"confirms Remove (Graphic violence): {line}")


def test_disagreeing_or_missing_history_suggests_nothing_and_enter_says_why(window):
    window.go_to_case("c2-disputed")  # removed under two different policies: no default
    assert window.decision_bar.buttons[ActionId.REMOVE].property("suggested") is False
    assert not window.decision_bar.suggestion_label.isVisible()
    assert len(window.media_grid.tiles[1].known_text()) == 1  # still shown, as a fact
    QTest.keyClick(window, Qt.Key.Key_Return)
    assert "No suggested decision" in window.status_line.text()
    assert window.session.outbox.db.execute("SELECT count(*) FROM outbox").fetchone()[0] == 0
    window.go_to_case("c3-new")
    assert window.media_grid.tiles[0].known_text() == []
    assert not window.decision_bar.suggestion_label.isVisible()


def test_a_decision_made_after_a_reveal_is_logged_with_the_stage_seen(window):
    window.meter.add("c3-new", 10, 0.5)  # what the reveal feeds: real pixels, half the image
    window.go_to_case("c3-new")
    window.decisions.decide(ActionId.NO_VIOLATION)
    shares = window.meter.decision_shares()
    assert (shares.real_pixels, shares.without_reveal, shares.by_suggestion) == (1, 0, 0)


def test_enter_in_a_text_field_never_confirms_the_suggestion(window):
    box = window.queue_panel.filters.search
    box.setFocus()
    QTest.keyClicks(box, "blood")
    QTest.keyClick(box, Qt.Key.Key_Return)
    QTest.keyClick(box, Qt.Key.Key_Enter)
    assert window.session.outbox.db.execute("SELECT count(*) FROM outbox").fetchone()[0] == 0


def test_a_long_suggestion_never_widens_the_window(window):
    before, width = window.minimumSizeHint().width(), window.width()
    bar = window.decision_bar
    assert bar.suggestion_label.isVisible()
    bar.suggestion_label.setText(bar.suggestion_label.text() + " because " + "so " * 200)
    assert window.minimumSizeHint().width() == before  # it is cut, not the window widened
    pump(0.2)
    assert window.width() == width
    shown = bar.suggestion_label.shown_text()  # and the cut is visible, not mid-word
    assert shown.endswith("…") and shown.startswith(bar.suggestion_label.text()[:20])
    assert "Remove (violent_graphic)" in bar.suggestion_label.toolTip()


def test_an_undone_decision_no_longer_counts_by_stage(window):
    window.session.undo_grace_s = 10  # the undo window a reviewer has
    window.meter.add("c3-new", 10, 0.5)  # real pixels seen of it
    window.go_to_case("c3-new")
    window.decisions.decide(ActionId.NO_VIOLATION)
    assert window.meter.decision_shares().real_pixels == 1
    window.meter.flush(decisions=True)  # saved already, as after a pause in deciding
    window.decisions.undo()
    assert window.session.current().id == "c3-new"  # back on screen, undecided
    shares = window.meter.decision_shares()
    assert (shares.total, shares.real_pixels) == (0, 0)
    assert window.meter.reading("c3-new").case_s > 0  # what was seen still counts
    db = window.session.cache.db
    assert db.execute("SELECT decided FROM exposure WHERE case_id = 'c3-new'").fetchone() == ("",)
