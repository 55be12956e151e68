"""The detectors' thresholds: defaults in the contract (AlertThresholds), a lead's changes in
the `alert_settings` table, so every API process reads the same figures."""

from __future__ import annotations

from datetime import datetime

from pydantic import ValidationError
from sqlalchemy import Connection, select, update

from reviewer.contract.alerts import AlertThresholds
from server.errors import ApiError
from server.store.alerts_schema import alert_settings
from server.store.portable import insert_ignoring_conflicts

_KEY = "thresholds"


def load_thresholds(conn: Connection) -> AlertThresholds:
    stored = conn.execute(
        select(alert_settings.c.value).where(alert_settings.c.key == _KEY)).scalar()
    return AlertThresholds.model_validate(stored or {})


def save_thresholds(conn: Connection, changes: dict, who: str, now: datetime) -> AlertThresholds:
    """Merge `changes` into the stored thresholds (validated whole) and store the result."""
    try:
        merged = AlertThresholds.model_validate({**load_thresholds(conn).model_dump(), **changes})
    except ValidationError as exc:
        fields = sorted({str(error["loc"][0]) for error in exc.errors() if error["loc"]})
        raise ApiError(422, "invalid_request", fields=fields) from None
    value = merged.model_dump()
    conn.execute(insert_ignoring_conflicts(conn, alert_settings).values(
        key=_KEY, value=value, updated_at=now, updated_by=who))
    conn.execute(update(alert_settings).where(alert_settings.c.key == _KEY)
                 .values(value=value, updated_at=now, updated_by=who))
    return merged
