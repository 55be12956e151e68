"""A claim with golden cases mixed in at the queue's rate (the rest is server/cases.py)."""

from __future__ import annotations

import random
from datetime import datetime

from sqlalchemy import Connection

from server.auth.tokens import Reviewer
from server.cases import claim_cases
from server.quality.golden import serve
from server.quality.settings import queue_settings

_rng = random.SystemRandom()  # no state to share between processes, nothing to seed


def claim_with_golden(conn: Connection, queue_id: str, reviewer: Reviewer, count: int,
                      now: datetime, rng: random.Random = _rng) -> tuple[datetime, list[str]]:
    """claim_cases' answer; when the golden rate draws, one of the `count` is a golden copy
    at a random place among the rest."""
    rate = queue_settings(conn, queue_id)["golden_rate"]
    golden = rate > 0 and rng.random() < rate
    senior = reviewer.at_least("senior")
    expires, case_ids = claim_cases(conn, queue_id, reviewer.id, count - 1 if golden else count,
                                    now, may_approve=senior)
    if not golden:
        return expires, case_ids
    copy_id = serve(conn, queue_id, reviewer, now, expires, rng)
    if copy_id is None:  # no golden case suits this reviewer: a live one instead
        _, again = claim_cases(conn, queue_id, reviewer.id, 1, now, may_approve=senior)
        return expires, list(dict.fromkeys(case_ids + again))
    case_ids.insert(rng.randrange(len(case_ids) + 1), copy_id)
    return expires, case_ids
