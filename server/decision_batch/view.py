"""What a decision batch reads once for a window of its items, instead of once per item.

Read under the batch's locks (lock_batch), so nothing another transaction commits changes it
before the batch commits; what the batch itself changes is the caller's to track (record.py).
"""

from __future__ import annotations

from collections import defaultdict, namedtuple
from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy import Connection, select

from reviewer.contract.quality import QueueQuality
from server.decisions import DECIDE_CASE_COLUMNS, RECORDED, KeyedDecision, stored_rows
from server.quality.settings import second_review_shares
from server.store.bulk import PerDialect, list_value, member_of
from server.store.quality_schema import quality_links
from server.store.schema import authors, cases

_DEFAULT_SHARE = QueueQuality().second_review_share
# FOR UPDATE as the single endpoint reads its case (PostgreSQL; lock_batch holds them).
_CASES = PerDialect(lambda dialect: select(*DECIDE_CASE_COLUMNS)
                    .join(authors, authors.c.id == cases.c.author_id)
                    .where(member_of(cases.c.id, "case_ids_", dialect))
                    .with_for_update(of=cases))
_LINKS = PerDialect(lambda dialect: select(quality_links).where(
    member_of(quality_links.c.case_id, "case_ids_", dialect)))


@dataclass(frozen=True)
class BatchView:
    """Items `start` to `end` (exclusive) of the batch, as the database has them."""

    start: int
    end: int
    stored: dict  # idempotency key -> its record
    recorded: frozenset[str]  # decision ids already on record (their key may have been purged)
    cases: dict  # case id -> row with DECIDE_CASE_COLUMNS
    links: dict  # case id -> its quality link row

    @classmethod
    def read(cls, conn: Connection, requests: list[KeyedDecision], start: int,
             end: int) -> BatchView:
        window = requests[start:end]
        keys = sorted({request.key for request in window if request.key})
        case_ids = sorted({case_id for request in window
                           if (case_id := case_id_of(request.payload))})
        ids = {"keys_": list_value(conn, keys), "case_ids_": list_value(conn, case_ids)}
        # .all(): the driver's fetchall, one call, rather than a fetchone per row. The keys'
        # decision rows say which are on record and replay those that hold their hash.
        recorded = conn.execute(RECORDED(conn), ids).all()
        found_cases = _records(conn.execute(_CASES(conn), ids))
        links = conn.execute(_LINKS(conn), ids).all()
        return cls(start, end, stored_rows(conn, keys, recorded),
                   frozenset(row.decision_id for row in recorded),
                   {row.id: row for row in found_cases}, {row.case_id: row for row in links})


def _records(result) -> list:
    """The result's rows as named tuples, which read the same (`row.status`, `row[0]`).

    A SQLAlchemy Row finds a column by attribute only after looking the name up on its class
    and building, then dropping, the AttributeError (about 2,400 instructions a read, under
    callgrind); deciding reads a case's columns about 11 times, so a batch of 500 paid
    some 13 million instructions for it. A named tuple's field is one C descriptor."""
    record = _record_type(tuple(result.keys()))
    return list(map(record._make, result.all()))


@lru_cache(maxsize=8)
def _record_type(columns: tuple[str, ...]) -> type:
    return namedtuple("CaseRecord", columns)


def shares_by_queue(conn: Connection) -> defaultdict[str, float]:
    """Second-review share per queue; the default for queues no lead has set."""
    return defaultdict(lambda: _DEFAULT_SHARE, second_review_shares(conn))


def case_id_of(payload: object) -> str | None:
    case_id = payload.get("case_id") if isinstance(payload, dict) else None
    return case_id if isinstance(case_id, str) else None
