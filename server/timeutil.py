"""Timestamps: naive UTC datetimes inside, ISO 8601 with a trailing `Z` on the wire.

The database stores naive UTC (portable between SQLite and PostgreSQL `timestamp`); every value
crossing the API boundary goes through `to_iso` / `parse_iso` so the `Z` form is never lost.
"""

from __future__ import annotations

from datetime import datetime, timezone


def utcnow() -> datetime:
    """Now, naive UTC, truncated to milliseconds so wire values stay short and round-trip."""
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    return now.replace(microsecond=now.microsecond // 1000 * 1000)


def to_naive_utc(value: datetime) -> datetime:
    """A naive UTC datetime; naive input is taken to already be UTC."""
    if value.tzinfo is None:
        return value
    return value.astimezone(timezone.utc).replace(tzinfo=None)


def to_iso(value: datetime | None) -> str | None:
    """`2024-05-01T12:00:00Z`, with only as many fraction digits as the value needs."""
    if value is None:
        return None
    if value.tzinfo is not None:
        value = to_naive_utc(value)
    # isoformat() alone writes seconds, or microseconds when there are any: only whole
    # milliseconds need a timespec (its keyword costs more than the rest; a batch writes 500).
    if value.microsecond % 1000 or not value.microsecond:
        return value.isoformat() + "Z"
    return value.isoformat(timespec="milliseconds") + "Z"


def parse_iso(text: str) -> datetime:
    """Parse an ISO 8601 timestamp (with `Z`, an offset, or naive-as-UTC) to naive UTC."""
    return to_naive_utc(datetime.fromisoformat(text.replace("Z", "+00:00")))
