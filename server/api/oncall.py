"""On-call rota endpoints (docs/api.md, "Alerts and on-call"): everyone may see who is on
call; leads edit the rota; a person's time zone is set by a lead or by that person."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path
from pydantic import BaseModel

from reviewer.contract.alerts import Rota, Shift, ShiftIn, TimeZoneIn
from reviewer.contract.fields import MAX_INT64
from server.alerts import oncall
from server.api.deps import AUTH_ERRORS, INVALID, NOT_FOUND, AnyReviewer, Db, Lead
from server.api.strict_json import StrictJsonRoute
from server.errors import ApiError
from server.timeutil import utcnow

router = APIRouter(prefix="/v1", route_class=StrictJsonRoute)
ShiftId = Annotated[int, Path(ge=1, le=MAX_INT64)]


class TimeZoneSet(BaseModel):
    reviewer: str
    time_zone: str


@router.get("/oncall", response_model=Rota, tags=["on-call"], responses=AUTH_ERRORS)
def get_rota(database: Db, _reviewer: AnyReviewer) -> dict:
    """Shifts not yet over, earliest first, each in its people's own time zones."""
    with database.read() as conn:
        return oncall.rota(conn, utcnow())


@router.post("/oncall/shifts", response_model=Shift, status_code=201, tags=["on-call"],
             responses={**AUTH_ERRORS, **INVALID})
def post_shift(shift: ShiftIn, database: Db, _lead: Lead) -> dict:
    """Add a window with its primary, secondary and (optionally) lead. Lead only."""
    with database.write() as conn:
        return oncall.add_shift(conn, shift.model_dump(), utcnow())


@router.delete("/oncall/shifts/{shift_id}", status_code=204, tags=["on-call"],
               responses={**AUTH_ERRORS, **NOT_FOUND, **INVALID})
def delete_shift(shift_id: ShiftId, database: Db, _lead: Lead) -> None:
    with database.write() as conn:
        oncall.remove_shift(conn, shift_id)


@router.put("/oncall/people/{name}/time-zone", response_model=TimeZoneSet, tags=["on-call"],
            responses={**AUTH_ERRORS, **INVALID})
def put_time_zone(name: Annotated[str, Path(min_length=1, max_length=200)], zone: TimeZoneIn,
                  database: Db, reviewer: AnyReviewer) -> dict:
    """A person's own time zone, in which they see their shifts. Leads, or the person."""
    if reviewer.name != name and not reviewer.at_least("lead"):
        raise ApiError(403, "forbidden", required_role="lead")
    with database.write() as conn:
        oncall.set_time_zone(conn, name, zone.time_zone)
    return {"reviewer": name, "time_zone": zone.time_zone}
