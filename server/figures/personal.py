"""A reviewer's own figures (GET /v1/figures/me): what they decided, hour by hour, and how much
of it beat the case's SLA deadline. Every decision they recorded counts, whatever its action:
an escalation or an approval is work done as much as a removal."""

from __future__ import annotations

from sqlalchemy import Connection, select

from server.figures.exposure import exposure_policy
from server.figures.window import Window
from server.store.schema import cases, decisions


def my_figures(conn: Connection, reviewer, window: Window) -> dict:
    rows = conn.execute(
        select(decisions.c.decided_at, cases.c.sla_deadline)
        .join(cases, cases.c.id == decisions.c.case_id)
        .where(decisions.c.reviewer_id == reviewer.id,
               decisions.c.decided_at >= window.start, decisions.c.decided_at <= window.until)
    ).all()
    met = sum(1 for row in rows if row.decided_at <= row.sla_deadline)
    return {
        "reviewer": reviewer.name,
        **window.wire(),
        "decisions_per_hour": window.per_hour(row.decided_at for row in rows),
        "decisions": len(rows),
        "sla_met": met,
        "sla_missed": len(rows) - met,
        "exposure_policy": exposure_policy(),
    }
