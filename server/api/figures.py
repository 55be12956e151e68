"""Figure endpoints for the dashboards (docs/api.md, "Figures"): a reviewer's own record, the
lead's team view, and the daily exposure totals a workstation shares when policy asks it to."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from reviewer.contract.figures import (
    DEFAULT_WINDOW_HOURS, MAX_WINDOW_HOURS, ExposureStored, ExposureTotals, MyFigures, TeamFigures,
)
from reviewer.contract.errors import ErrorBody
from server.api.deps import AUTH_ERRORS, INVALID, AnyReviewer, Db, Lead
from server.api.strict_json import StrictJsonRoute
from server.errors import ApiError
from server.figures.exposure import store_totals
from server.figures.personal import my_figures
from server.figures.team import team_figures
from server.figures.window import Window
from server.timeutil import parse_iso, utcnow

router = APIRouter(prefix="/v1/figures", route_class=StrictJsonRoute, tags=["figures"])

Hours = Annotated[int, Query(ge=1, le=MAX_WINDOW_HOURS, description="hours in the window")]
Until = Annotated[str | None, Query(description="the window's end (ISO 8601); default: now")]


def _window(hours: int, until: str | None) -> Window:
    if until is None:
        return Window.ending(utcnow(), hours)
    try:
        return Window.ending(parse_iso(until), hours)
    except ValueError:
        raise ApiError(422, "invalid_request", detail=[{
            "loc": ["query", "until"], "msg": "not an ISO 8601 time", "type": "value_error"}],
        ) from None


@router.get("/me", response_model=MyFigures, responses={**AUTH_ERRORS, **INVALID})
def get_my_figures(database: Db, reviewer: AnyReviewer, hours: Hours = DEFAULT_WINDOW_HOURS,
                   until: Until = None) -> dict:
    """The caller's decisions per hour and SLA met over the window, and the exposure policy."""
    window = _window(hours, until)
    with database.read() as conn:
        return my_figures(conn, reviewer, window)


@router.get("/team", response_model=TeamFigures, responses={**AUTH_ERRORS, **INVALID})
def get_team_figures(database: Db, _lead: Lead, hours: Hours = DEFAULT_WINDOW_HOURS,
                     until: Until = None) -> dict:
    """Per queue: inflow and decisions per hour, backlog, SLA, breach forecast; the team's
    shared exposure as a distribution. Lead only."""
    window = _window(hours, until)
    with database.read() as conn:
        return team_figures(conn, window)


@router.post("/exposure", response_model=ExposureStored,
             responses={**AUTH_ERRORS, **INVALID,
                        403: {"model": ErrorBody,
                              "description": "`exposure_stays_here`: the policy asks for none"}})
def post_exposure(totals: ExposureTotals, database: Db, reviewer: AnyReviewer) -> dict:
    """The caller's exposure per day (a day sent again replaces the earlier total). Refused
    unless the organisation's policy is `daily_totals`."""
    with database.write() as conn:
        return {"stored": store_totals(conn, reviewer, [d.model_dump() for d in totals.days],
                                       utcnow())}
