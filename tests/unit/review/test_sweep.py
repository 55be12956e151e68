import pytest

from reviewer.actions import ActionId
from reviewer.store.case_cache import CaseCache
from reviewer.domain import Case
from reviewer.keymap import load_keymap
from reviewer.review.outbox import Outbox
from reviewer.store.database import open_store
from reviewer.review.session import ReviewSession
from reviewer.review.sweep import SWEEP_DECISIONS, SweepSelection, summarise
from tests.factories import case_dict

A, B, C = b"media-a", b"media-b", b"media-c"


def _case(case_id, media, handle="someone", high_profile=False, category="graphic_violence"):
    data = case_dict(case_id, media=media, category=category)
    data["author"].update(handle=handle, high_profile=high_profile)
    return Case.from_api(data)


@pytest.fixture
def cases():
    # a grid of 3 columns:  c0(A) c1(B) c2(A,C)
    #                       c3(C) c4(B) c5()
    #                       c6(A)
    return [_case("c0", [A]), _case("c1", [B], "vip", True), _case("c2", [A, C]),
            _case("c3", [C]), _case("c4", [B], "vip", True), _case("c5", []),
            _case("c6", [A], "mayor", True)]


def test_cursor_moves_in_the_grid_and_stops_at_the_edges(cases):
    sel = SweepSelection(cases, columns=3)
    sel.move(-1, 0)
    sel.move(0, -1)
    assert sel.cursor == 0
    sel.move(1, 0)
    sel.move(1, 0)
    sel.move(1, 0)  # no wrap past the row's end
    assert sel.cursor == 2
    sel.move(0, 1)
    assert sel.current().id == "c5"
    sel.move(0, 1)  # the last row is short: land on its last item
    assert sel.current().id == "c6"
    sel.move(0, 1)
    assert sel.current().id == "c6"
    sel.move(0, -1, columns=2)  # an explicit column count (a resized grid) is honoured
    assert sel.cursor == 4


def test_toggle_selects_and_unselects_and_targets_fall_back_to_the_cursor(cases):
    sel = SweepSelection(cases, columns=3)
    assert [c.id for c in sel.targets()] == ["c0"]
    sel.toggle()
    sel.move(1, 0)
    sel.toggle()
    assert sel.selected == {"c0", "c1"}
    sel.toggle()
    assert [c.id for c in sel.targets()] == ["c0"]


def test_same_hash_selects_the_cases_whose_primary_media_is_the_cursors(cases):
    sel = SweepSelection(cases, columns=3)
    sel.move(2, 0)  # c2 shows A (and also carries C)
    assert sel.select_same_hash() == 3
    assert sel.selected == {"c0", "c2", "c6"}  # not c3: C is only c2's second item
    sel.clear()
    sel.move(0, 1)  # c5: no media, selects only itself
    sel.select_same_hash()
    assert sel.selected == {"c5"}
    sel.clear()
    sel.move(-2, 0)  # c3 shows C, which no other case shows first
    assert sel.select_same_hash() == 1 and sel.selected == {"c3"}


def test_select_all_and_removal_keep_the_cursor_near(cases):
    sel = SweepSelection(cases, columns=3)
    sel.select_all()
    assert len(sel.targets()) == 7
    sel.move(1, 1)  # c4
    sel.remove({"c0", "c1"})
    assert sel.current().id == "c4" and "c0" not in sel.selected and len(sel.cases) == 5
    sel.remove({c.id for c in sel.cases})
    assert sel.current() is None and sel.targets() == []
    sel.move(1, 1)
    sel.toggle()
    assert sel.select_same_hash() == 0


def test_summary_counts_and_names_high_profile_accounts_once(cases):
    sel = SweepSelection(cases, columns=3)
    sel.select_all()
    summary = sel.summary()
    assert summary.total == 7
    assert summary.high_profile == ("@vip", "@mayor")
    assert summary.by_category == {"graphic_violence": 6, "no media": 1}
    text = summary.confirmation_text(ActionId.REMOVE, "violent_graphic")
    assert text.startswith("Remove 7 items under violent_graphic?")
    assert "Includes high-profile accounts: @vip, @mayor" in text
    assert "high-profile" not in summarise([cases[0]]).confirmation_text(ActionId.REMOVE, "p")
    assert "under" not in summarise([cases[0]]).confirmation_text(ActionId.NO_VIOLATION, "p")


def test_bulk_decisions_have_distinct_ids_and_are_all_recorded(tmp_path, cases):
    db = open_store(tmp_path / "store.sqlite3")
    CaseCache(db).save_cases(cases, None)
    sel = SweepSelection(cases, columns=3)
    sel.select_all()
    session = ReviewSession(db)
    decisions = session.decide_many(sel.targets(), ActionId.REMOVE, "violent_graphic", "crisis sweep")
    assert len({d.decision_id for d in decisions}) == 7
    assert {d.case_id for d in decisions} == {c.id for c in cases}
    assert all(d.policy == "violent_graphic" and d.note == "crisis sweep" for d in decisions)
    outbox = Outbox(db)
    entries = outbox.entries()
    assert sorted(e.decision.decision_id for e in entries) == sorted(d.decision_id for d in decisions)
    assert CaseCache(db).open_case_ids() == []  # every case left the local work list
    assert session.case_ids == []
    with pytest.raises(ValueError):
        session.decide_many(cases, ActionId.SKIP, "p")


def test_shipped_sweep_keymap(cases):
    keymap = load_keymap()
    assert keymap.conflicts == []
    assert keymap.keys_for("sweep", ActionId.TOGGLE_SELECT) == ["Space", "X"]
    assert keymap.keys_for("sweep", ActionId.SELECT_SAME_HASH) == ["M"]
    # The panic key is the same in both modes: a reviewer's reflex must not select instead.
    assert keymap.keys_for("sweep", ActionId.PANIC) == keymap.keys_for("case", ActionId.PANIC)
    assert keymap.keys_for("sweep", ActionId.SELECT_ALL) == ["Ctrl+A"]
    assert keymap.keys_for("sweep", ActionId.CANCEL) == ["Esc"]
    assert [keymap.keys_for("sweep", a) for a in SWEEP_DECISIONS] == [["1"], ["2"], ["3"], ["4"], ["5"]]
    assert keymap.action_for("sweep", "left") == ActionId.MOVE_LEFT
    assert keymap.keys_for("sweep", ActionId.REVEAL) == []  # no reveal in the sweep grid
