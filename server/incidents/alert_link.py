"""What an incident reads from the alerts room (server/alerts/): the alert it is declared from
(its cases, when it was raised, first paged and acknowledged) and who is on call now (the
on-call may declare). The one place incidents look at alerts.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, func, select

from server.alerts.oncall import on_call
from server.auth.tokens import Reviewer
from server.errors import ApiError
from server.store.alerts_schema import alert_cases, alert_pages, alerts


def cases_of(conn: Connection, alert_id: str) -> list[str]:
    """The cases the alert matched; 422 `unknown_alert` if there is no such alert."""
    row = _alert(conn, alert_id)
    return list(conn.execute(select(alert_cases.c.case_id)
                             .where(alert_cases.c.alert_id == row.id)
                             .order_by(alert_cases.c.case_id)).scalars())


def times_of(conn: Connection, alert_id: str) -> dict[str, datetime | None]:
    """{"raised", "paged", "acknowledged"} of the alert, for the review's timeline."""
    row = _alert(conn, alert_id)
    paged = conn.execute(select(func.min(alert_pages.c.paged_at))
                         .where(alert_pages.c.alert_id == row.id)).scalar()
    return {"raised": row.opened_at, "paged": paged, "acknowledged": row.acknowledged_at}


def is_on_call(conn: Connection, reviewer: Reviewer, now: datetime) -> bool:
    """Primary or secondary on the rota right now."""
    watch = on_call(conn, now)
    return any(who is not None and who[0] == reviewer.id
               for level, who in watch.items() if level != "lead")


def _alert(conn: Connection, alert_id: str):
    if not str(alert_id).isdigit():
        raise ApiError(422, "unknown_alert")
    row = conn.execute(select(alerts).where(alerts.c.id == int(alert_id))).first()
    if row is None:
        raise ApiError(422, "unknown_alert")
    return row
