"""Start-up reads the head of the work list and the counts; every column follows in steps.
The steps' answer is the one-query read's; until it is complete the head is listed with the
whole list's counts, and any other query waits for the whole answer."""

from __future__ import annotations

import sqlite3
from types import SimpleNamespace

import numpy as np
import pytest
import sqlite_utils

from reviewer.review.case_list import CaseList, ListQuery, SortKey
from reviewer.review.list_columns import FixedTexts, ListColumns
from reviewer.review import list_loading
from reviewer.review.list_loading import ColumnsLoad
from reviewer.review.session import ReviewSession
from reviewer.domain import Case
from reviewer.store.case_cache import CaseCache
from tests.factories import case_dict
from tests.unit.review import test_list_columns
from tests.unit.review.test_list_columns import _expected, _rows

db = test_list_columns.db  # the same stores: few values, many, deadlines in one format

HEAD = 25


def _same(a: ListColumns, b: ListColumns) -> None:
    assert a.ids == b.ids
    assert a.columns.keys() == b.columns.keys()
    for name, col in a.columns.items():
        other = b.columns[name]
        assert col.values == other.values, name
        assert type(col.codes) is type(other.codes), name
        if isinstance(col.codes, FixedTexts):
            assert (col.codes.data, col.codes.width) == (other.codes.data, other.codes.width)
        else:
            assert col.codes == other.codes, name


@pytest.mark.parametrize("rows", [1, 7, 64, 1000])
def test_read_in_steps_the_columns_are_those_of_one_read(db, rows):
    load = ColumnsLoad(db, rows=rows)
    steps = 1
    while not load.step():
        steps += 1
    assert steps == len(_rows(db)) // rows + 1
    read = ListColumns.read(db)
    _same(load.result, read)
    # Each id's place, from the hashes the steps made: as from hashing the ids afterwards.
    probe = np.array([hash(i) for i in read.ids[::37]] + [hash("not-listed")], dtype=np.int64)
    assert (load.result.ordinals_of(probe) == read.ordinals_of(probe)).all()
    assert load.result.ordinals_of(probe)[-1] == -1


def test_a_column_past_256_values_mid_load_is_kept_as_its_values(db):
    db.execute("UPDATE cases SET region = CASE WHEN rowid > 200 THEN 'r' || rowid ELSE 'EU' END")
    db.conn.commit()
    load = ColumnsLoad(db, rows=50)
    while not load.step():
        pass
    _same(load.result, ListColumns.read(db))


def test_the_head_is_listed_with_the_whole_lists_counts(db):
    rows = _rows(db)
    cases = CaseList(db, load=False)
    cases.read_head(HEAD)
    assert cases.is_head and not cases.is_complete
    assert list(cases.ids(ListQuery(), head=True)) == [r.id for r in rows[:HEAD]]
    assert len(cases) == len(rows)
    assert cases.counts_by_queue() == {q: sum(r.queue_id == q for r in rows)
                                       for q in {r.queue_id for r in rows}}
    assert cases.is_head  # nothing above read the rest


def test_the_counts_are_those_the_head_was_read_with_however_late_the_thread_counts(
        db, monkeypatch):
    held = []  # the counting thread, held back until a case is decided and committed

    class HeldThread:
        def __init__(self, target, **_):
            self.start = lambda: held.append(target)
    monkeypatch.setattr(list_loading, "threading", SimpleNamespace(Thread=HeldThread))
    rows = _rows(db)
    cases = CaseList(db, load=False)
    cases.read_head(HEAD)
    decided = rows[-1]
    db.execute("UPDATE cases SET local_state = 'decided' WHERE id = ?", (decided.id,))
    db.conn.commit()
    cases.remove(decided.id, decided.queue_id)
    held.pop()()  # counts only now, in the snapshot begun with the head: the case is counted
    assert len(cases) == len(rows) - 1
    assert cases.count(decided.queue_id) == sum(r.queue_id == decided.queue_id
                                                for r in rows) - 1


def test_a_store_in_memory_is_counted_at_once(db):
    memory = sqlite3.connect(":memory:")
    db.conn.backup(memory)
    cases = CaseList(sqlite_utils.Database(memory), load=False)
    cases.read_head(HEAD)
    assert cases.is_head and cases._head_counts.done()
    assert len(cases) == len(_rows(db))


@pytest.mark.parametrize("query", [ListQuery(), ListQuery(queue_id="spam"),
                                   ListQuery(sort=SortKey.DEADLINE), ListQuery(min_reports=2),
                                   ListQuery(descending=True)])
def test_any_other_answer_before_the_rest_is_read_is_the_whole_one(db, query):
    cases = CaseList(db, load=False)
    cases.read_head(HEAD)
    found = cases.ids(query)  # head=False: the palette's every open case, say
    assert list(found) == _expected(_rows(db), query)
    assert not cases.is_head and cases.is_complete


def test_steps_end_in_the_whole_list_and_a_case_decided_meanwhile_stays_out_once(
        db, monkeypatch):
    monkeypatch.setattr(list_loading, "CHUNK_ROWS", 50)
    rows = _rows(db)
    cases = CaseList(db, load=False)
    cases.read_head(HEAD)
    early, late = rows[3], rows[-2]
    cases.remove(early.id, early.queue_id)  # decided before the steps read it
    assert len(cases) == len(rows) - 1
    steps = 0
    while not cases.load_step():
        steps += 1
        if steps == 3:  # decided here (local_state changes on this connection) mid-load
            db.execute("UPDATE cases SET local_state = 'decided' WHERE id = ?", (late.id,))
            db.conn.commit()
            cases.remove(late.id, late.queue_id)
    assert steps > 4 and not cases.is_head and cases.is_complete
    gone = {early.id, late.id}
    assert list(cases.ids(ListQuery(), head=True)) == _expected(rows, ListQuery(), gone=gone)
    assert len(cases) == len(rows) - 2
    assert sum(cases.counts_by_queue().values()) == len(rows) - 2
    assert cases.count(late.queue_id) == sum(r.queue_id == late.queue_id for r in rows) - 1 - (
        early.queue_id == late.queue_id)


def test_another_connections_commit_during_the_steps_starts_them_over(
        db, tmp_path, monkeypatch):
    monkeypatch.setattr(list_loading, "CHUNK_ROWS", 50)
    cases = CaseList(db, load=False)
    cases.read_head(HEAD)
    cases.load_step()
    cases.load_step()
    other = sqlite3.connect(tmp_path / "store.sqlite3")
    other.execute("UPDATE cases SET local_state = 'closed_elsewhere' WHERE id = ?",
                  (_rows(db)[-1].id,))
    other.commit()
    other.close()
    while not cases.load_step():
        pass
    assert list(cases.ids(ListQuery())) == [r.id for r in _rows(db)]  # without the closed one


def test_the_session_lists_the_head_then_the_whole_list_with_the_case_on_screen(db):
    rows = _rows(db)
    session = ReviewSession(db, head=HEAD)
    assert session.head_listed and list(session.case_ids) == [r.id for r in rows[:HEAD]]
    session.next()
    on_screen = session.current().id
    assert session.whole_list()
    assert not session.head_listed and list(session.case_ids) == [r.id for r in rows]
    assert session.current().id == on_screen and not session.whole_list()


@pytest.mark.parametrize("move", ["go_to", "skip", "next"])
def test_moving_past_the_head_lists_the_whole_list_first(db, move):
    rows = _rows(db)
    session = ReviewSession(db, head=HEAD)
    if move == "go_to":
        session.go_to(rows[-1].id)
        assert session.current().id == rows[-1].id
    elif move == "skip":
        session.skip()
        assert session.case_ids[-1] == rows[0].id and len(session.case_ids) == len(rows)
    else:
        for _ in range(HEAD):
            session.next()
        assert session.current().id == rows[HEAD].id
    assert not session.head_listed


def test_a_list_no_longer_than_the_head_is_whole_at_once(tmp_path):
    from reviewer.store.database import open_store
    store = open_store(tmp_path / "small.sqlite3")
    CaseCache(store).save_cases([Case.from_api(case_dict(f"s-{i}")) for i in range(5)],
                                lease_expires_at=None)
    session = ReviewSession(store, head=HEAD)
    assert not session.head_listed and len(session.case_ids) == 5
    assert not session.case_list.is_head


def test_moves_within_the_head_leave_the_rest_unread(db):
    rows = _rows(db)
    session = ReviewSession(db, head=HEAD)
    session.go_to(rows[HEAD - 1].id)
    session.previous()
    session.next()
    assert session.current().id == rows[HEAD - 1].id
    assert session.head_listed and not session.case_list.is_complete
