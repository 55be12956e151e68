"""Alert endpoints (docs/api.md, "Alerts and on-call"): the list every reviewer reads (and
acknowledges or resolves from), the detectors' thresholds and the hash lists leads keep.

Reading alerts also runs the time-driven checks (SLA forecasts, paging escalation), at most
every EVALUATE_EVERY per database however many processes and workstations ask, so a team with
workstations open needs no separate scheduler.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query
from pydantic import ConfigDict, create_model
from sqlalchemy import select, update

from reviewer.contract.alerts import (
    AlertList, AlertThresholds, AlertTransitionIn, AlertTransitionResult, HashList, HashListIn,
    HashListList,
)
from reviewer.contract.fields import MAX_INT64
from server.alerts import hash_lists, records
from server.alerts.config import load_thresholds, save_thresholds
from server.alerts.detectors import evaluate
from server.api.deps import AUTH_ERRORS, INVALID, NOT_FOUND, AnyReviewer, Db, Lead
from server.api.strict_json import StrictJsonRoute
from server.store.alerts_schema import alert_settings
from server.store.database import Database
from server.store.portable import insert_ignoring_conflicts
from server.timeutil import utcnow

router = APIRouter(prefix="/v1", route_class=StrictJsonRoute)
AlertId = Annotated[int, Path(ge=1, le=MAX_INT64)]
EVALUATE_EVERY = timedelta(seconds=10)
_EVALUATED_KEY = "evaluated_at"

# Every threshold optional: a lead sends only what changes.
ThresholdsChange = create_model(
    "ThresholdsChange", __config__=ConfigDict(extra="forbid"),
    **{name: (field.annotation | None, None)
       for name, field in AlertThresholds.model_fields.items()})


@router.get("/alerts", response_model=AlertList, tags=["alerts"],
            responses={**AUTH_ERRORS, **INVALID})
def get_alerts(database: Db, _reviewer: AnyReviewer,
               state: Annotated[list[Literal["open", "acknowledged", "resolved"]] | None,
                                Query()] = None,
               limit: Annotated[int, Query(ge=1, le=1000)] = 200) -> dict:
    """Alerts newest first: by default every one not resolved, and those resolved within a day."""
    now = utcnow()
    evaluate_if_due(database, now)
    with database.read() as conn:
        return {"alerts": records.list_alerts(conn, state, now, limit)}


@router.post("/alerts/{alert_id}/transitions", response_model=AlertTransitionResult,
             tags=["alerts"], responses={**AUTH_ERRORS, **NOT_FOUND, **INVALID})
def post_transition(alert_id: AlertId, change: AlertTransitionIn, database: Db,
                    reviewer: AnyReviewer) -> dict:
    """Acknowledge or resolve. `transition_id` is the idempotency key: a retry answers the same
    and changes nothing; `applied` is false when the alert was already there (or further)."""
    now = utcnow()
    with database.write() as conn:
        return records.transition(conn, reviewer, alert_id, change.model_dump(), now)


@router.get("/alerts/config", response_model=AlertThresholds, tags=["alerts"],
            responses=AUTH_ERRORS)
def get_config(database: Db, _reviewer: AnyReviewer) -> AlertThresholds:
    with database.read() as conn:
        return load_thresholds(conn)


@router.put("/alerts/config", response_model=AlertThresholds, tags=["alerts"],
            responses={**AUTH_ERRORS, **INVALID})
def put_config(change: ThresholdsChange, database: Db, lead: Lead) -> AlertThresholds:
    """Change some thresholds (the others keep their value). Lead only."""
    now = utcnow()
    with database.write() as conn:
        return save_thresholds(conn, change.model_dump(exclude_none=True), lead.name, now)


@router.get("/hash-lists", response_model=HashListList, tags=["alerts"], responses=AUTH_ERRORS)
def get_hash_lists(database: Db, _lead: Lead) -> dict:
    with database.read() as conn:
        return {"hash_lists": hash_lists.list_lists(conn)}


@router.post("/hash-lists", response_model=HashList, status_code=201, tags=["alerts"],
             responses={**AUTH_ERRORS, **INVALID})
def post_hash_list(spec: HashListIn, database: Db, lead: Lead) -> dict:
    """Load a list of PDQ hashes with its category, action and match distance. Lead only."""
    now = utcnow()
    with database.write() as conn:
        return hash_lists.load_list(conn, spec.model_dump(), lead.name, now)


@router.delete("/hash-lists/{list_id}", status_code=204, tags=["alerts"],
               responses={**AUTH_ERRORS, **NOT_FOUND, **INVALID})
def delete_hash_list(list_id: AlertId, database: Db, _lead: Lead) -> None:
    with database.write() as conn:
        hash_lists.remove_list(conn, list_id)


def evaluate_if_due(database: Database, now) -> None:
    """Run the time-driven checks unless some process ran them within EVALUATE_EVERY."""
    with database.read() as conn:
        if not _due(conn, now):
            return
    with database.write() as conn:
        records.lock_alerts(conn)
        if _due(conn, now):  # another process may have run them meanwhile
            evaluate(conn, now)
            _mark_evaluated(conn, now)


def _due(conn, now) -> bool:
    last = conn.execute(select(alert_settings.c.updated_at)
                        .where(alert_settings.c.key == _EVALUATED_KEY)).scalar()
    return last is None or not (now - EVALUATE_EVERY < last <= now)


def _mark_evaluated(conn, now) -> None:
    conn.execute(insert_ignoring_conflicts(conn, alert_settings).values(
        key=_EVALUATED_KEY, value={}, updated_at=now, updated_by="evaluate"))
    conn.execute(update(alert_settings).where(alert_settings.c.key == _EVALUATED_KEY)
                 .values(updated_at=now))
