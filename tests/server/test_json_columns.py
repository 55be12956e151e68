"""JSON columns on both back ends: values written by the engine's serializer (pydantic-core,
database.py) are valid JSON to the database itself and read back equal to what was written."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import insert, select

from server.store.schema import changes

CASE = "case-00001"
VALUES = [
    {},
    {"action": "remove", "reviewer": "ana", "decision_id": "d-1"},
    {"text": "ñ « » \u2014 ✓ 日本 😀", "quote": "\"q\" back\\slash", "control": "\t\n\x01\x7f"},
    {"numbers": [0, -1, 2**40, 1.5, -0.25, 1e16, 1e-7], "flags": [True, False, None]},
    {"nested": {"list": [{"a": [1, {"b": "c"}]}], "empty": [], "none": None}},
]


def test_json_values_read_back_equal_and_are_json_to_the_database(server_db):
    at = datetime(2026, 12, 2, 7, 0, 0)
    with server_db.write() as conn:
        first = conn.execute(select(changes.c.seq).order_by(changes.c.seq.desc()).limit(1)
                             ).scalar() or 0
        conn.execute(insert(changes), [{"case_id": CASE, "kind": "decided", "at": at,
                                        "data": value} for value in VALUES])
    check = ("jsonb_typeof(CAST(data AS jsonb)) = 'object'" if server_db.is_postgresql
             else "json_valid(data) AND json_type(data) = 'object'")
    with server_db.read() as conn:
        read = conn.execute(select(changes.c.data).where(changes.c.seq > first)
                            .order_by(changes.c.seq)).scalars().all()
        valid = conn.exec_driver_sql(
            f"SELECT count(*) FROM changes WHERE seq > {int(first)} AND {check}").scalar()
    assert read == VALUES
    assert valid == len(VALUES)
