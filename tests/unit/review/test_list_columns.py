"""The columnar work list answers exactly as a plain sort and filter of the rows would: every
order, filter, search and menu count, with few distinct values (byte codes) and with many
(columns kept as values), before and after cases are decided here."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import replace

import pytest

from reviewer.review.case_list import CaseList, CaseRow, ListQuery, SortKey
from reviewer.store.case_cache import CaseCache
from reviewer.domain import Case
from reviewer.store.database import open_store
from tests.factories import case_dict

CASES = 400


def _rows(db) -> list[CaseRow]:
    return [CaseRow(*r) for r in db.execute(
        "SELECT id, queue_id, priority, sla_deadline, language, region, policy_area, "
        "report_count FROM cases WHERE local_state = 'open' ORDER BY priority, sla_deadline, id")]


def _expected(rows: list[CaseRow], query: ListQuery, hits=None, gone=frozenset()) -> list[str]:
    """The reference: a stable sort of the work order, then a Python test per row."""
    key = {SortKey.DEADLINE: lambda r: r.sla_deadline, SortKey.LANGUAGE: lambda r: r.language,
           SortKey.REGION: lambda r: r.region}
    if query.sort in key:
        rows = sorted(rows, key=key[query.sort])
    elif query.sort in (SortKey.REPORTS, SortKey.PRIORITY):
        rows = sorted(rows, key=lambda r: r.report_count, reverse=True)
        if query.sort == SortKey.PRIORITY:
            rows = sorted(rows, key=lambda r: r.priority)
    ids = [r.id for r in rows
           if (not query.queue_id or r.queue_id == query.queue_id)
           and (not query.priorities or r.priority in query.priorities)
           and (not query.language or r.language == query.language)
           and (not query.region or r.region == query.region)
           and (not query.policy_area or r.policy_area == query.policy_area)
           and r.report_count >= query.min_reports
           and (hits is None or r.id in hits) and r.id not in gone]
    return ids[::-1] if query.descending else ids


@pytest.fixture(params=["few values", "many values", "deadlines in one format"])
def db(tmp_path, request):
    db = open_store(tmp_path / "store.sqlite3")
    rng = random.Random(3)
    cases = []
    for i in range(CASES):
        data = case_dict(f"c-{i:04d}", queue_id=rng.choice(["spam", "hate", "graphic"]),
                         priority=rng.randint(1, 4), hours_left=rng.uniform(-2, 40),
                         language=rng.choice(["en", "es", "ar", "th"]))
        data["region"], data["policy_area"] = rng.choice(["EU", "NA", "APAC"]), rng.choice(["a", "b"])
        cases.append(Case.from_api(data))
    CaseCache(db).save_cases(cases, lease_expires_at=None)
    # Ties on purpose: equal deadlines and report counts keep the work order.
    # "deadlines in one format": every deadline as long, so they sort by their digits
    # (list_columns.py, _digit_keys); otherwise two formats, sorted as texts.
    tie = ("2026-12-01T10:00:00.000000Z" if request.param == "deadlines in one format"
           else "2026-12-01T10:00:00Z")
    db.execute("UPDATE cases SET sla_deadline = ? WHERE rowid % 7 = 0", (tie,))
    db.execute("UPDATE cases SET report_count = rowid % 5")
    if request.param == "many values":  # more than 256 distinct: kept as values, not codes
        db.execute("UPDATE cases SET report_count = (rowid * 37) % 390, "
                   "language = 'l' || ((rowid * 11) % 300)")
    db.conn.commit()
    return db


def _queries(rows: list[CaseRow]) -> list[ListQuery]:
    some = rows[17]
    filters = [ListQuery(), ListQuery(queue_id="spam"), ListQuery(language=some.language),
               ListQuery(region="APAC", policy_area="b"), ListQuery(priorities=frozenset({1, 3})),
               ListQuery(min_reports=3), ListQuery(min_reports=300), ListQuery(region="nowhere"),
               ListQuery(queue_id="hate", language=some.language, min_reports=1)]
    return [replace(f, sort=key, descending=descending)
            for f in filters for key in SortKey for descending in (False, True)]


def test_every_order_and_filter_matches_a_plain_sort_and_filter(db):
    cases, rows = CaseList(db), _rows(db)
    hits = frozenset(r.id for r in rows[::3])
    for query in _queries(rows):
        assert cases.ids(query) == _expected(rows, query), query
        assert cases.ids(query, hits) == _expected(rows, query, hits), query


def test_decided_cases_leave_every_order_and_count(db):
    cases, rows = CaseList(db), _rows(db)
    gone = {rows[0], rows[5], rows[-1]}
    for row in gone:
        cases.remove(row.id, row.queue_id)
    gone_ids = frozenset(r.id for r in gone)
    for query in _queries(rows)[::5]:
        assert cases.ids(query) == _expected(rows, query, gone=gone_ids), query
    assert len(cases) == CASES - 3
    assert cases.counts_by_queue() == Counter(r.queue_id for r in rows if r not in gone)
    assert [r.id for r in cases.open_rows(SortKey.DEADLINE)] == \
        _expected(rows, ListQuery(sort=SortKey.DEADLINE), gone=gone_ids)


def test_warmed_orders_answer_the_same(db):
    cases, rows = CaseList(db), _rows(db)
    cases.complete()
    cases.warm()
    for query in _queries(rows)[::3]:
        assert cases.ids(query) == _expected(rows, query), query


def test_menus_count_what_the_other_filters_and_the_search_leave(db):
    cases, rows = CaseList(db), _rows(db)
    hits = frozenset(r.id for r in rows[::2])
    cases.remove(rows[1].id, rows[1].queue_id)
    query = ListQuery(queue_id="spam", region="EU", min_reports=1)
    left = [r for r in rows[:1] + rows[2:] if r.id in hits and r.queue_id == "spam"
            and r.report_count >= 1]
    facets = cases.facets(query, hits)
    assert facets.regions == Counter(r.region for r in left)
    assert facets.languages == Counter(r.language for r in left if r.region == "EU")
    assert facets.policy_areas == Counter(r.policy_area for r in left if r.region == "EU")


def test_columns_read_after_a_decision_on_the_same_connection_start_a_fresh_load(db):
    cases, rows = CaseList(db), _rows(db)  # ids and queues only, so far
    cases.remove(rows[0].id, rows[0].queue_id)
    db.execute("UPDATE cases SET local_state = 'decided' WHERE id = ?", (rows[0].id,))
    db.conn.commit()
    assert cases.ids(ListQuery(language="en")) == _expected(rows[1:], ListQuery(language="en"))
    assert len(cases) == CASES - 1


def test_an_empty_cache_answers_every_query(tmp_path):
    cases = CaseList(open_store(tmp_path / "store.sqlite3"))
    for query in _queries([CaseRow("x", "q", 1, "", "en", "", "", 0)] * 20)[::4]:
        assert cases.ids(query) == []
    assert cases.counts_by_queue() == {} and cases.facets().languages == Counter()


def test_a_value_holding_the_separator_is_read_row_by_row(db):
    db.execute("UPDATE cases SET region = 'E\x1fU' WHERE rowid = 3")
    db.conn.commit()
    cases, rows = CaseList(db), _rows(db)
    for query in (ListQuery(region="E\x1fU"), ListQuery(region="EU", sort=SortKey.REGION)):
        assert cases.ids(query) == _expected(rows, query)


def test_the_current_case_is_found_where_the_list_put_it(db):
    cases, rows = CaseList(db), _rows(db)
    cases.remove(rows[3].id, rows[3].queue_id)
    hits = frozenset(r.id for r in rows[::2])
    for query in _queries(rows)[::2]:
        for matching in (None, hits):
            listed = cases.ids(query, matching)
            for case_id in listed[:3] + listed[-2:] + [rows[3].id, rows[1].id, "absent"]:
                if case_id in listed:
                    assert cases.position(case_id) == listed.index(case_id), (query, case_id)
                else:
                    with pytest.raises(ValueError):
                        cases.position(case_id)


def test_search_hits_are_found_by_their_index_rows_as_by_their_ids(db):
    from reviewer.review.search_indexer import SearchIndexer
    indexer = SearchIndexer(None)
    indexer.run_once(db)
    cases, rows = CaseList(db), _rows(db)
    cases.remove(rows[2].id, rows[2].queue_id)
    for text in ("c-001", "c-03", "c"):
        hits = indexer.index.search(text)
        assert hits.rowids is not None and 0 < len(hits) <= CASES
        for query in _queries(rows)[::4]:
            assert cases.ids(query, hits) == cases.ids(query, frozenset(hits)) == \
                _expected(rows, query, frozenset(hits), gone={rows[2].id}), (text, query)
        assert cases.facets(ListQuery(), hits) == cases.facets(ListQuery(), frozenset(hits))


def test_search_hits_stay_found_by_their_rows_as_the_index_changes(db):
    """The list maps the index's rows to its own once, then only the rows added or changed
    since (index_rows.py never changes rows in place): after a case's text is indexed again, a
    case is forgotten and a note is added, hits are still found as by their ids."""
    from reviewer.review.search_indexer import SearchIndexer
    from reviewer.store.search_file import CASE_TEXT
    indexer = SearchIndexer(None)
    indexer.run_once(db)
    index, cases, rows = indexer.index, CaseList(db), _rows(db)
    cases.complete()
    before = index.search("c")
    listed = cases.ids(ListQuery(), before)
    cases.warm(doc_hashes=index.doc_hashes())  # as the indexer's thread does ahead
    index.add([(rows[0].id, "zebra")], kind=CASE_TEXT)
    index.drop([rows[1].id])
    index.add([(rows[2].id, "zebra note")])
    assert cases.ids(ListQuery(), before) == listed  # an earlier answer: the rows as they were
    for text in ("c", "zebra", "c-00"):
        hits = index.search(text)
        for query in _queries(rows)[::4]:
            assert cases.ids(query, hits) == cases.ids(query, frozenset(hits)) == \
                _expected(rows, query, frozenset(hits)), (text, query)
    assert rows[0].id in index.search("zebra") and rows[1].id not in index.search("c")


def test_texts_of_one_format_sort_by_their_digits_as_by_the_texts():
    from reviewer.review.list_columns import _digit_keys
    rng = random.Random(5)
    texts = [f"2026-12-{rng.randint(1, 28):02d}T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}"
             f":00.{rng.randint(0, 999999):06d}Z" for _ in range(500)]
    keys = _digit_keys(texts)
    assert sorted(range(500), key=lambda i: (keys[i], i)) == \
        sorted(range(500), key=lambda i: (texts[i], i))
    assert _digit_keys(texts[:-1] + ["2026-12-01T10:00:00Z"]) is False  # another length
    assert _digit_keys(["10:00Z", "10:00+"]) is False  # differ in more than digits
    assert _digit_keys(["\u00e9t\u00e9", "hiver"]) is False  # not ASCII


def test_texts_of_one_length_are_kept_in_one_string_and_read_back_as_the_list():
    from reviewer.review.list_columns import Column, FixedTexts
    deadlines = [f"2026-12-{1 + i % 28:02d}T{i % 24:02d}:{i % 60:02d}:00.{i:06d}Z"
                 for i in range(400)]
    column = Column(deadlines)
    assert isinstance(column.codes, FixedTexts) and column.values is None
    assert list(column.codes) == deadlines and len(column.codes) == 400
    assert [column.value(o) for o in (0, 7, 399)] == [deadlines[0], deadlines[7], deadlines[399]]
    assert column.codes[-1] == deadlines[-1]
    with pytest.raises(IndexError):
        column.codes[400]
    assert sorted(range(400), key=column.digit_keys().__getitem__) == \
        sorted(range(400), key=deadlines.__getitem__)
    mixed = Column(deadlines[:-1] + ["soon"])  # not all one length: kept as the list
    assert mixed.codes == deadlines[:-1] + ["soon"]
    assert FixedTexts.of(["é" * 3] * 2) is None  # not ASCII
