"""The on-call rota: who is primary, secondary and lead for each window of time.

Windows are stored in UTC; people keep their own time zone (`oncall_zones`), so a lead in
Berlin can enter "09:00 to 17:00" for a reviewer in Manila in either's wall-clock time and each
sees the shift in their own. Where windows overlap, the one entered last decides.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import Connection, delete, insert, select, update

from server.errors import ApiError
from server.store.alerts_schema import oncall_shifts, oncall_zones
from server.store.portable import insert_ignoring_conflicts
from server.store.schema import reviewers
from server.timeutil import to_iso, to_naive_utc

LEVELS = ("primary", "secondary", "lead")
_EARLIEST, _LATEST = datetime(2000, 1, 1), datetime(2200, 1, 1)


def zone_of(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: "Europe" is a folder
        raise ApiError(422, "unknown_time_zone", time_zone=name) from None


def parse_local(value: str, zone: str) -> datetime:
    """An ISO time; without an offset it is a wall-clock time in `zone`. Naive UTC out."""
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=zone_of(zone))
        moment = to_naive_utc(parsed)
    except (ValueError, OverflowError):
        raise ApiError(422, "invalid_time", value=value) from None
    if not _EARLIEST <= moment < _LATEST:  # shown in every zone later: far from years 1, 9999
        raise ApiError(422, "invalid_time", value=value)
    return moment


def add_shift(conn: Connection, shift: dict, now: datetime) -> dict:
    starts = parse_local(shift["starts_at"], shift.get("time_zone") or "UTC")
    ends = parse_local(shift["ends_at"], shift.get("time_zone") or "UTC")
    if ends <= starts:
        raise ApiError(422, "invalid_window", reason="ends_at must be after starts_at")
    people = {level: _reviewer_id(conn, shift.get(level), level) for level in LEVELS}
    shift_id = conn.execute(insert(oncall_shifts).returning(oncall_shifts.c.id).values(
        starts_at=starts, ends_at=ends, primary_id=people["primary"],
        secondary_id=people["secondary"], lead_id=people["lead"],
        created_at=now)).scalar_one()
    return get_shift(conn, shift_id)


def remove_shift(conn: Connection, shift_id: int) -> None:
    if conn.execute(delete(oncall_shifts).where(oncall_shifts.c.id == shift_id)).rowcount == 0:
        raise ApiError(404, "unknown_shift")


def set_time_zone(conn: Connection, name: str, zone: str) -> None:
    zone_of(zone)
    reviewer_id = _reviewer_id(conn, name, "reviewer")
    conn.execute(insert_ignoring_conflicts(conn, oncall_zones).values(
        reviewer_id=reviewer_id, time_zone=zone))
    conn.execute(update(oncall_zones).where(oncall_zones.c.reviewer_id == reviewer_id)
                 .values(time_zone=zone))


def on_call(conn: Connection, now: datetime) -> dict[str, tuple[int, str] | None]:
    """{primary, secondary, lead}: (reviewer id, name) on call at `now`, or None."""
    row = conn.execute(select(oncall_shifts)
                       .where(oncall_shifts.c.starts_at <= now, oncall_shifts.c.ends_at > now)
                       .order_by(oncall_shifts.c.id.desc()).limit(1)).first()
    if row is None:
        return dict.fromkeys(LEVELS)
    names = _names(conn, [row.primary_id, row.secondary_id, row.lead_id])
    return {level: (rid, names[rid]) if rid is not None else None
            for level, rid in zip(LEVELS, (row.primary_id, row.secondary_id, row.lead_id))}


def active_leads(conn: Connection) -> list[tuple[int, str]]:
    return [(row.id, row.name) for row in conn.execute(
        select(reviewers.c.id, reviewers.c.name)
        .where(reviewers.c.role == "lead", reviewers.c.revoked_at.is_(None))
        .order_by(reviewers.c.id))]


def rota(conn: Connection, now: datetime) -> dict:
    """Shifts not yet over, earliest first, and who is on call now."""
    rows = conn.execute(select(oncall_shifts).where(oncall_shifts.c.ends_at > now)
                        .order_by(oncall_shifts.c.starts_at, oncall_shifts.c.id))
    current = on_call(conn, now)
    return {"shifts": [_shift_dict(conn, row) for row in rows],
            "on_call_now": {level: who[1] if who else None for level, who in current.items()}}


def get_shift(conn: Connection, shift_id: int) -> dict:
    row = conn.execute(select(oncall_shifts).where(oncall_shifts.c.id == shift_id)).first()
    if row is None:
        raise ApiError(404, "unknown_shift")
    return _shift_dict(conn, row)


def _shift_dict(conn: Connection, row) -> dict:
    ids = [row.primary_id, row.secondary_id, row.lead_id]
    names, zones = _names(conn, ids), _zones(conn, ids)
    local = [_local_times(names[rid], zones.get(rid, "UTC"), row)
             for rid in dict.fromkeys(i for i in ids if i is not None)]
    return {"id": row.id, "starts_at": to_iso(row.starts_at), "ends_at": to_iso(row.ends_at),
            **{level: names.get(rid) for level, rid in zip(LEVELS, ids)}, "local": local}


def _local_times(name: str, zone: str, row) -> dict:
    tz = ZoneInfo(zone)

    def local(value: datetime) -> str:
        return value.replace(tzinfo=ZoneInfo("UTC")).astimezone(tz).isoformat(timespec="minutes")

    return {"reviewer": name, "time_zone": zone, "starts_at": local(row.starts_at),
            "ends_at": local(row.ends_at)}


def _reviewer_id(conn: Connection, name: str | None, level: str) -> int | None:
    if name is None:
        if level == "primary":
            raise ApiError(422, "invalid_request", reason="a shift needs a primary")
        return None
    row = conn.execute(select(reviewers.c.id, reviewers.c.role).where(
        reviewers.c.name == name, reviewers.c.revoked_at.is_(None))
        .order_by(reviewers.c.id.desc())).first()
    if row is None:
        raise ApiError(422, "unknown_reviewer", reviewer=name)
    if level == "lead" and row.role != "lead":
        raise ApiError(422, "not_a_lead", reviewer=name)
    return row.id


def _names(conn: Connection, ids: list[int | None]) -> dict[int, str]:
    wanted = [i for i in ids if i is not None]
    return {row.id: row.name for row in conn.execute(
        select(reviewers.c.id, reviewers.c.name).where(reviewers.c.id.in_(wanted)))}


def _zones(conn: Connection, ids: list[int | None]) -> dict[int, str]:
    wanted = [i for i in ids if i is not None]
    return {row.reviewer_id: row.time_zone for row in conn.execute(
        select(oncall_zones).where(oncall_zones.c.reviewer_id.in_(wanted)))}
