"""Shared exposure: daily totals a workstation sends only when the organisation's policy says
`daily_totals` ($REVIEWER_EXPOSURE_POLICY; the default `stays_here` keeps every reviewer's
exposure on their own machine), and the team's distribution of them.

The distribution counts reviewer-days per band of exposure, never names, never an order of
people; with fewer than MIN_SHARING_REVIEWERS reviewers sharing it is not shown at all, since a
bar could then be one person.
"""

from __future__ import annotations

import os
from datetime import date, timedelta

from sqlalchemy import Connection, delete, insert, select

from reviewer.contract.figures import MIN_SHARING_REVIEWERS
from server.errors import ApiError
from server.store.schema import exposure_totals

POLICY_ENV = "REVIEWER_EXPOSURE_POLICY"
POLICIES = ("stays_here", "daily_totals")
DISTRIBUTION_DAYS = 7
# Band edges in seconds: 5-minute bands up to the default daily cap (20 min), then beyond it.
BAND_EDGES_S = (0, 300, 600, 900, 1200, 1800)


def exposure_policy() -> str:
    """Read at every request, so changing the policy needs no restart of the rules."""
    policy = os.environ.get(POLICY_ENV, "stays_here").strip() or "stays_here"
    return policy if policy in POLICIES else "stays_here"


def store_totals(conn: Connection, reviewer, days: list[dict], now) -> int:
    if exposure_policy() != "daily_totals":
        raise ApiError(403, "exposure_stays_here")
    wanted = {d["day"]: d["exposure_s"] for d in days}  # the last of a repeated day wins
    for day in wanted:
        _check_day(day)
    if wanted:
        conn.execute(delete(exposure_totals).where(exposure_totals.c.reviewer_id == reviewer.id,
                                                   exposure_totals.c.day.in_(list(wanted))))
        conn.execute(insert(exposure_totals), [
            {"reviewer_id": reviewer.id, "day": day, "exposure_s": seconds, "sent_at": now}
            for day, seconds in wanted.items()])
    return len(wanted)


def _check_day(day: str) -> None:
    try:
        date.fromisoformat(day)
    except ValueError:
        raise ApiError(422, "invalid_request", detail=f"not a date: {day}") from None


def team_exposure(conn: Connection, until) -> dict:
    policy = exposure_policy()
    last = until.date()
    first = last - timedelta(days=DISTRIBUTION_DAYS - 1)
    rows = conn.execute(select(exposure_totals.c.reviewer_id, exposure_totals.c.exposure_s)
                        .where(exposure_totals.c.day >= first.isoformat(),
                               exposure_totals.c.day <= last.isoformat())).all()
    reviewers = len({row.reviewer_id for row in rows})
    shown = policy == "daily_totals" and reviewers >= MIN_SHARING_REVIEWERS
    return {"policy": policy, "days": DISTRIBUTION_DAYS, "reviewers": reviewers, "shown": shown,
            "bins": _bins([row.exposure_s for row in rows]) if shown else []}


def _bins(totals: list[float]) -> list[dict]:
    edges = [*BAND_EDGES_S, None]
    return [{"from_s": float(low), "to_s": None if high is None else float(high),
             "reviewer_days": sum(1 for s in totals if s >= low and (high is None or s < high))}
            for low, high in zip(edges, edges[1:])]
