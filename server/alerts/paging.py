"""The paging chain: a new alert pages the primary on call; still unacknowledged
`page_after_minutes` later it pages the secondary, and as long again later the lead.

A page is a row in `alert_pages` (who, which level, when); workstations read them with the
alert and show a desktop notification to the person paged. Escalation is evaluated whenever
alerts are (detectors.evaluate), under lock_alerts, against the alert's own
`paged_at`: no timer lives in any one process.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Connection, insert, select, update

from server.alerts.oncall import LEVELS, active_leads, on_call
from server.store.alerts_schema import alert_pages, alerts


def page_first(conn: Connection, alert_id: int, now: datetime) -> None:
    """Page the first level that has somebody on call (primary, else secondary, else lead)."""
    _page_from(conn, alert_id, 0, now)


def escalate_due(conn: Connection, now: datetime, after_minutes: int) -> None:
    """Page the next level for every open (unacknowledged) alert paged too long ago."""
    cutoff = now - timedelta(minutes=after_minutes)
    due = conn.execute(select(alerts.c.id, alerts.c.page_level).where(
        alerts.c.state == "open", alerts.c.live_key.is_not(None),
        (alerts.c.paged_at.is_(None)) | (alerts.c.paged_at <= cutoff)))
    for row in list(due):
        if row.page_level is None:
            _page_from(conn, row.id, 0, now)  # nobody was on call when it was raised
        elif row.page_level < len(LEVELS) - 1:
            _page_from(conn, row.id, row.page_level + 1, now)


def _page_from(conn: Connection, alert_id: int, level: int, now: datetime) -> None:
    current = on_call(conn, now)
    for index in range(level, len(LEVELS)):
        people = _people_at(conn, current, LEVELS[index])
        if people:
            for reviewer_id, name in people:
                conn.execute(insert(alert_pages).values(
                    alert_id=alert_id, level=LEVELS[index], reviewer_id=reviewer_id,
                    reviewer_name=name, paged_at=now))
            conn.execute(update(alerts).where(alerts.c.id == alert_id)
                         .values(page_level=index, paged_at=now))
            return


def _people_at(conn: Connection, current: dict, level: str) -> list[tuple[int, str]]:
    if current[level] is not None:
        return [current[level]]
    if level == "lead":  # no lead named on the rota: every active lead is the last resort
        return active_leads(conn)
    return []
