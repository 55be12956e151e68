"""Alerts as rows: raise one (or update the live one with the same dedup key), list them,
and move them open -> acknowledged -> resolved exactly once per client transition id.

Every detector and transition runs under `lock_alerts`, so on PostgreSQL two API processes
evaluating at once take turns and the second sees what the first committed; the unique
`live_key` would catch a slip anyway. SQLite already has one writer at a time.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta

from sqlalchemy import Connection, insert, select, text, update

from reviewer.contract.alerts import SEVERITIES
from server.errors import ApiError
from server.store.alerts_schema import alert_cases, alert_pages, alert_transitions, alerts
from server.store.portable import insert_ignoring_conflicts
from server.timeutil import to_iso

ALERTS_LOCK_KEY = 0xA1E575  # pg_advisory_xact_lock: one alert evaluation at a time
_NEXT_STATES = {"open": ("acknowledged", "resolved"), "acknowledged": ("resolved",),
                "resolved": ()}
_RECENT = timedelta(hours=24)  # resolved alerts listed by default for this long


def lock_alerts(conn: Connection) -> None:
    """Held to commit: detectors, paging and transitions of all processes take turns."""
    if conn.dialect.name != "postgresql":
        return
    # conn.info outlives the transaction (it is the pooled connection's): remember which
    # transaction holds the lock, not just that one did.
    current = conn.get_transaction()
    if conn.info.get("alerts_locked") is not current:
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": ALERTS_LOCK_KEY})
        conn.info["alerts_locked"] = current


def raise_or_update(conn: Connection, *, kind: str, dedup_key: str, severity: str, title: str,
                    count: int, detail: dict, case_ids: list[str], now: datetime
                    ) -> tuple[int, bool]:
    """The live alert for `dedup_key`, updated with these figures, or a new one (True)."""
    lock_alerts(conn)
    live = conn.execute(select(alerts.c.id, alerts.c.severity)
                        .where(alerts.c.live_key == dedup_key)).first()
    if live is None:
        alert_id = conn.execute(insert(alerts).returning(alerts.c.id).values(
            kind=kind, severity=severity, state="open", dedup_key=dedup_key,
            live_key=dedup_key, title=title, count=count, detail=detail, opened_at=now,
            updated_at=now)).scalar_one()
    else:
        alert_id = live.id
        conn.execute(update(alerts).where(alerts.c.id == alert_id).values(
            severity=max(live.severity, severity, key=SEVERITIES.index), title=title,
            count=count, detail=detail, updated_at=now))
    link_cases(conn, alert_id, case_ids, now)
    return alert_id, live is None


def link_cases(conn: Connection, alert_id: int, case_ids: list[str], now: datetime) -> None:
    rows = [{"alert_id": alert_id, "case_id": case_id, "added_at": now}
            for case_id in dict.fromkeys(case_ids)]
    if rows:
        conn.execute(insert_ignoring_conflicts(conn, alert_cases), rows)


def live_alerts(conn: Connection, kind: str | None = None) -> list:
    query = select(alerts).where(alerts.c.live_key.is_not(None)).order_by(alerts.c.id)
    if kind is not None:
        query = query.where(alerts.c.kind == kind)
    return list(conn.execute(query))


def list_alerts(conn: Connection, states: list[str] | None, now: datetime,
                limit: int = 200) -> list[dict]:
    """Newest first. Default: every alert not resolved, and those resolved in the last day."""
    query = select(alerts).order_by(alerts.c.id.desc()).limit(limit)
    if states:
        query = query.where(alerts.c.state.in_(states))
    else:
        since = now - _RECENT
        query = query.where(alerts.c.live_key.is_not(None) | (alerts.c.resolved_at >= since))
    return serialize(conn, list(conn.execute(query)))


def get_alert(conn: Connection, alert_id: int) -> dict:
    row = conn.execute(select(alerts).where(alerts.c.id == alert_id)).first()
    if row is None:
        raise ApiError(404, "unknown_alert")
    return serialize(conn, [row])[0]


def transition(conn: Connection, reviewer, alert_id: int, change: dict, now: datetime) -> dict:
    """Apply (or replay) one acknowledgement or resolve; answers {alert, applied}."""
    lock_alerts(conn)
    seen = conn.execute(select(alert_transitions).where(
        alert_transitions.c.transition_id == change["transition_id"])).first()
    if seen is not None:
        if (seen.alert_id, seen.to_state) != (alert_id, change["to"]):
            raise ApiError(422, "idempotency_key_reused")
        return {"alert": get_alert(conn, alert_id), "applied": seen.applied}
    row = conn.execute(select(alerts).where(alerts.c.id == alert_id)).first()
    if row is None:
        raise ApiError(404, "unknown_alert")
    applied = change["to"] in _NEXT_STATES[row.state]
    if applied:
        conn.execute(update(alerts).where(alerts.c.id == alert_id)
                     .values(**_state_columns(row, change["to"], reviewer.name, now)))
    conn.execute(insert(alert_transitions).values(
        transition_id=change["transition_id"], alert_id=alert_id, to_state=change["to"],
        applied=applied, reviewer_id=reviewer.id, reviewer_name=reviewer.name,
        note=change.get("note", ""), at=now))
    return {"alert": get_alert(conn, alert_id), "applied": applied}


def _state_columns(row, to: str, who: str, now: datetime) -> dict:
    values = {"state": to, "updated_at": now}
    if to == "resolved":
        values.update(resolved_at=now, resolved_by=who, live_key=None)
    if row.acknowledged_at is None:  # resolving also ends the paging chain
        values.update(acknowledged_at=now, acknowledged_by=who)
    return values


def serialize(conn: Connection, rows: list) -> list[dict]:
    ids = [row.id for row in rows]
    cases_of, pages_of = _cases_by_alert(conn, ids), _pages_by_alert(conn, ids)
    return [_alert_dict(row, cases_of[row.id], pages_of[row.id]) for row in rows]


def _alert_dict(row, case_ids: list[str], pages: list[dict]) -> dict:
    return {
        "id": row.id, "kind": row.kind, "severity": row.severity, "state": row.state,
        "dedup_key": row.dedup_key, "title": row.title, "case_ids": case_ids,
        "count": row.count, "detail": dict(row.detail), "opened_at": to_iso(row.opened_at),
        "updated_at": to_iso(row.updated_at), "acknowledged_at": to_iso(row.acknowledged_at),
        "acknowledged_by": row.acknowledged_by, "resolved_at": to_iso(row.resolved_at),
        "resolved_by": row.resolved_by, "pages": pages,
    }


def _cases_by_alert(conn: Connection, ids: list[int]) -> dict[int, list[str]]:
    grouped: dict[int, list[str]] = defaultdict(list)
    if ids:
        for row in conn.execute(select(alert_cases.c.alert_id, alert_cases.c.case_id)
                                .where(alert_cases.c.alert_id.in_(ids))
                                .order_by(alert_cases.c.added_at, alert_cases.c.case_id)):
            grouped[row.alert_id].append(row.case_id)
    return grouped


def _pages_by_alert(conn: Connection, ids: list[int]) -> dict[int, list[dict]]:
    grouped: dict[int, list[dict]] = defaultdict(list)
    if ids:
        for row in conn.execute(select(alert_pages).where(alert_pages.c.alert_id.in_(ids))
                                .order_by(alert_pages.c.id)):
            grouped[row.alert_id].append({"level": row.level, "reviewer": row.reviewer_name,
                                          "paged_at": to_iso(row.paged_at)})
    return grouped
