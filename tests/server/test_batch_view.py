"""What a decision batch reads once per window (server/decision_batch/view.py), on both back
ends: its cases are plain named tuples holding what the single endpoint's SQLAlchemy row holds,
so the ~11 column reads of deciding each item never go through the Row's attribute lookup."""

from __future__ import annotations

from sqlalchemy import bindparam, select
from sqlalchemy.engine import Row

from server.decision_batch.view import BatchView
from server.decisions import DECIDE_CASE_COLUMNS, KeyedDecision
from server.store.schema import authors, cases


def _request(case_id: str) -> KeyedDecision:
    return KeyedDecision.of(f"key-{case_id}", {"case_id": case_id})


def test_the_cases_read_are_named_tuples_equal_to_the_rows(server_db, bulk_cases):
    case_ids = bulk_cases(3)
    one_case = (select(*DECIDE_CASE_COLUMNS).join(authors, authors.c.id == cases.c.author_id)
                .where(cases.c.id == bindparam("case_id_")))
    with server_db.write() as conn:
        view = BatchView.read(conn, [_request(case_id) for case_id in case_ids], 0, 500)
        rows = {case_id: conn.execute(one_case, {"case_id_": case_id}).one()
                for case_id in case_ids}
    assert set(view.cases) == set(case_ids)
    for case_id, record in view.cases.items():
        row = rows[case_id]
        assert not isinstance(record, Row) and isinstance(record, tuple)
        assert record._fields == tuple(row._fields)
        assert tuple(record) == tuple(row)
        for column in row._fields:  # by name, as decide_case reads them
            assert getattr(record, column) == getattr(row, column)


def test_a_case_not_found_is_left_out(server_db, bulk_cases):
    (case_id,) = bulk_cases(1)
    with server_db.write() as conn:
        view = BatchView.read(conn, [_request(case_id), _request("case-none")], 0, 500)
    assert set(view.cases) == {case_id}
