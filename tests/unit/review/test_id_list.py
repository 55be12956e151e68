"""The work list's ids read through ordinals behave as the plain list of them would, through
every change the session makes to its list."""

from __future__ import annotations

import numpy as np

from reviewer.review.id_list import IdList

IDS = [f"c-{i}" for i in range(10)]


def _ordinal(case_id: str) -> int:
    return IDS.index(case_id) if case_id in IDS else -1


def _pair(ordinals):
    return IdList(IDS, np.array(ordinals, dtype=np.int32), _ordinal), [IDS[o] for o in ordinals]


def test_reads_as_the_list_of_its_ids():
    ids, plain = _pair([7, 2, 9, 0, 4])
    assert ids == plain and plain == ids and list(ids) == plain and len(ids) == 5
    assert ids[1] == "c-2" and ids[-1] == "c-4" and ids[1:3] == ["c-2", "c-9"]
    assert "c-9" in ids and "c-3" not in ids and "elsewhere" not in ids
    assert ids.index("c-0") == 3
    assert ids != plain[:-1] and ids != plain[::-1]


def test_every_change_the_session_makes_matches_a_list():
    ids, plain = _pair([7, 2, 9, 0, 4, 5])
    for change in (lambda x: x.pop(2), lambda x: x.append(x.pop(0)),
                   lambda x: x.insert(1, x.pop(3)), lambda x: x.reverse(),
                   lambda x: x.insert(0, "c-8"), lambda x: x.pop()):
        assert change(ids) == change(plain)
        assert ids == plain
    copy = ids.copy()
    ids.pop(0)
    assert copy == plain and ids == plain[1:]  # a copy is not changed with it


def test_an_id_from_outside_the_load_makes_it_a_plain_list():
    ids, plain = _pair([3, 1])
    ids.append("pinned")
    plain.append("pinned")
    assert ids == plain and ids.index("pinned") == 2 and ids.pop(0) == plain.pop(0)
    assert ids == plain


def test_a_single_removal_is_found_from_the_ordinals():
    old, _ = _pair([7, 2, 9, 0, 4])
    for at in range(5):
        new = old.copy()
        new.pop(at)
        assert old.single_removal(new) == at
    other, _ = _pair([7, 9, 2, 4])
    assert old.single_removal(other) is None


def test_a_removal_with_a_later_id_moved_up_in_its_place_is_found_from_the_ordinals():
    old, _ = _pair([7, 2, 9, 0, 4, 5])
    new = old.copy()
    new.pop(1)  # c-2 decided; then a calm c-4 served in its place, in front of c-9 and c-0
    new.insert(1, new.pop(3))
    assert old.removal_and_move(new) == (1, 4)
    removal = old.copy()
    removal.pop(1)
    assert old.removal_and_move(removal) is None  # a removal alone: single_removal's
    two_moved = old.copy()
    two_moved.pop(1)
    two_moved.insert(1, two_moved.pop(3))
    two_moved.insert(2, two_moved.pop(4))
    assert old.removal_and_move(two_moved) is None
