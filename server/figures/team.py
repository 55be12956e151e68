"""The lead's view of every queue (GET /v1/figures/team): inflow against decisions per hour,
the backlog, SLA attainment and a breach forecast, plus the team's shared exposure.

The forecast takes the queue's pace over the window (decisions per hour) and walks the backlog
that has not breached yet in deadline order: the k-th case is reached k / pace hours after
`until`, and counts if that is past its deadline. With no decisions in the window every such
case is forecast to breach: nothing is moving the queue.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta

from sqlalchemy import Connection, select

from server.figures.exposure import team_exposure
from server.figures.window import Window
from server.store.schema import cases, decisions, queues

BACKLOG_STATES = ("open", "awaiting_approval")


def team_figures(conn: Connection, window: Window) -> dict:
    made = _by_queue(conn.execute(
        select(cases.c.queue_id, cases.c.created_at)
        .where(cases.c.created_at >= window.start, cases.c.created_at <= window.until)).all())
    decided = _by_queue(conn.execute(
        select(cases.c.queue_id, decisions.c.decided_at, cases.c.sla_deadline)
        .join(cases, cases.c.id == decisions.c.case_id)
        .where(decisions.c.decided_at >= window.start,
               decisions.c.decided_at <= window.until)).all())
    backlog = _by_queue(conn.execute(
        select(cases.c.queue_id, cases.c.sla_deadline)
        .where(cases.c.status.in_(BACKLOG_STATES), cases.c.created_at <= window.until)
        .order_by(cases.c.sla_deadline, cases.c.created_at, cases.c.id)).all())
    listed = conn.execute(select(queues.c.id, queues.c.name).order_by(queues.c.position,
                                                                      queues.c.id)).all()
    return {**window.wire(),
            "queues": [_queue(q.id, q.name, window, made[q.id], decided[q.id], backlog[q.id])
                       for q in listed],
            "exposure": team_exposure(conn, window.until)}


def _by_queue(rows) -> defaultdict:
    grouped = defaultdict(list)
    for row in rows:
        grouped[row.queue_id].append(row)
    return grouped


def _queue(queue_id: str, name: str, window: Window, made, decided, backlog) -> dict:
    met = sum(1 for row in decided if row.decided_at <= row.sla_deadline)
    pace = len(decided) / window.hours
    waiting = [row.sla_deadline for row in backlog if row.sla_deadline > window.until]
    return {
        "queue_id": queue_id, "name": name,
        "inflow_per_hour": window.per_hour(row.created_at for row in made),
        "decided_per_hour": window.per_hour(row.decided_at for row in decided),
        "backlog": len(backlog),
        "breached": len(backlog) - len(waiting),
        "sla_met": met, "sla_missed": len(decided) - met,
        "pace_per_hour": round(pace, 3),
        "breach_forecast": forecast_breaches(waiting, window.until, pace),
    }


def forecast_breaches(deadlines: list, until, pace: float) -> int:
    """How many of these (not yet breached, in deadline order) are reached after their deadline
    at `pace` cases per hour."""
    if pace <= 0:
        return len(deadlines)
    return sum(1 for k, deadline in enumerate(deadlines, start=1)
               if until + timedelta(hours=k / pace) > deadline)
