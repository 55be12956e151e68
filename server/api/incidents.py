"""Incident endpoints (docs/api.md, "Incidents"): declare, list and read incidents with their
live figures, bring cases in (one by one or by a sweep), publish a sweep bulletin, move the
state, and the post-incident review with the sections the team writes.

Who may do what is decided in server/incidents/record.py: seniors and leads declare (a reviewer
cannot); the commander or a lead changes the incident; whoever is on it writes its review."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Response
from sqlalchemy import Connection, select

from reviewer.contract.errors import ErrorBody
from reviewer.contract.incidents import (
    BulletinIn, CasesIn, Incident, IncidentIn, IncidentList, IncidentReview, IncidentState,
    MemberIn, ReviewEntry, ReviewEntryIn, StateIn, SweepIn, SweepResult,
)
from server.api.deps import AUTH_ERRORS, INVALID, NOT_FOUND, AnyReviewer, Db
from server.api.guidelines import GuidelineVersion
from server.api.strict_json import StrictJsonRoute
from server.auth.tokens import Reviewer
from server.errors import ApiError
from server.incidents import membership, record
from server.incidents.bulletin import publish_bulletin
from server.incidents.figures import figures
from server.incidents.membership import case_ids_of, join_cases, sweep
from server.incidents.review import incident_review
from server.incidents.sections import add_entry
from server.store.incident_schema import incidents
from server.timeutil import utcnow

router = APIRouter(prefix="/v1", route_class=StrictJsonRoute, tags=["incidents"])

IncidentId = Annotated[str, Path(pattern=record.INCIDENT_ID_PATTERN)]
_CHANGES = {**AUTH_ERRORS, **NOT_FOUND, **INVALID,
            403: {"model": ErrorBody, "description": "`forbidden` (role), "
                  "`not_incident_commander`, `not_on_incident`"}}


def incident_answer(conn: Connection, incident_id: str) -> dict:
    row = record.require_incident(conn, incident_id)
    return {**record.incident_dict(row), "figures": figures(conn, incident_id, utcnow()),
            "case_ids": case_ids_of(conn, incident_id)}


@router.get("/incidents", response_model=IncidentList, responses={**AUTH_ERRORS, **INVALID})
def get_incidents(database: Db, _reviewer: AnyReviewer,
                  state: Annotated[IncidentState | None, Query()] = None) -> dict:
    """Every incident (or those in one state), newest first, with live figures and case ids:
    a workstation tags decisions on those cases with the incident."""
    query = select(incidents.c.id).order_by(incidents.c.declared_at.desc(), incidents.c.id)
    if state is not None:
        query = query.where(incidents.c.state == state)
    with database.read() as conn:
        return {"incidents": [incident_answer(conn, i) for i in conn.execute(query).scalars()]}


@router.post("/incidents", response_model=Incident, status_code=201,
             responses={**AUTH_ERRORS, 422: {"model": ErrorBody, "description":
                        "`invalid_request`, `unknown_reviewer` (commander), `unknown_alert`"}})
def post_incident(incident: IncidentIn, database: Db, reviewer: AnyReviewer) -> dict:
    """Declare an incident, by hand or from an alert (its cases join). Seniors and leads."""
    with database.write() as conn:
        incident_id = membership.declare(conn, reviewer, incident.model_dump(), utcnow())
        return incident_answer(conn, incident_id)


@router.get("/incidents/{incident_id}", response_model=Incident,
            responses={**AUTH_ERRORS, **NOT_FOUND, **INVALID})
def get_incident(incident_id: IncidentId, database: Db, _reviewer: AnyReviewer) -> dict:
    with database.read() as conn:
        return incident_answer(conn, incident_id)


@router.post("/incidents/{incident_id}/cases", response_model=Incident, responses=_CHANGES)
def post_incident_cases(incident_id: IncidentId, body: CasesIn, database: Db,
                        reviewer: AnyReviewer) -> dict:
    """Bring cases in one by one (or a workstation's own selection). Seniors, leads and
    whoever is on the incident; unknown case ids are a 422 and nothing joins."""
    with database.write() as conn:
        _require_on(conn, reviewer, incident_id)
        join_cases(conn, reviewer, incident_id, body.case_ids, "case", utcnow())
        return incident_answer(conn, incident_id)


@router.post("/incidents/{incident_id}/sweeps", response_model=SweepResult, responses=_CHANGES)
def post_sweep(incident_id: IncidentId, body: SweepIn, database: Db,
               reviewer: AnyReviewer) -> dict:
    """Bring in every open case carrying a media hash or a hashtag, or matching words."""
    with database.write() as conn:
        _require_on(conn, reviewer, incident_id)
        return sweep(conn, reviewer, incident_id, body.by, body.query, utcnow())


@router.post("/incidents/{incident_id}/state", response_model=Incident,
             responses={**_CHANGES, 409: {"model": ErrorBody,
                                          "description": "`invalid_transition`"}})
def post_state(incident_id: IncidentId, body: StateIn, database: Db,
               reviewer: AnyReviewer) -> dict:
    """open -> contained -> closed (contained may reopen). The commander or a lead."""
    with database.write() as conn:
        record.set_state(conn, reviewer, incident_id, body.state, utcnow())
        return incident_answer(conn, incident_id)


@router.post("/incidents/{incident_id}/members", response_model=Incident,
             responses={**_CHANGES, 422: {"model": ErrorBody,
                                          "description": "`unknown_reviewer`"}})
def post_member(incident_id: IncidentId, body: MemberIn, database: Db,
                reviewer: AnyReviewer) -> dict:
    """Put someone on the incident (they may then write its review). Commander or lead."""
    with database.write() as conn:
        record.add_member(conn, reviewer, incident_id, body.reviewer, utcnow())
        return incident_answer(conn, incident_id)


@router.post("/incidents/{incident_id}/bulletin", response_model=GuidelineVersion,
             status_code=201, responses={**_CHANGES, 422: {
                 "model": ErrorBody, "description": "`invalid_request`, `unknown_queue`"}})
def post_bulletin(incident_id: IncidentId, body: BulletinIn, database: Db,
                  reviewer: AnyReviewer) -> dict:
    """Publish the incident's sweep bulletin (guideline `incident-<id>`, acknowledgement
    required), or its next version. The commander or a lead."""
    with database.write() as conn:
        return publish_bulletin(conn, reviewer, incident_id, body.model_dump(), utcnow())


@router.get("/incidents/{incident_id}/review", response_model=IncidentReview,
            responses=_CHANGES)
def get_review(incident_id: IncidentId, database: Db, reviewer: AnyReviewer) -> dict:
    """The post-incident review generated from the record. Seniors, leads and whoever is on
    the incident."""
    with database.read() as conn:
        row = _require_on(conn, reviewer, incident_id)
        return incident_review(conn, row, figures(conn, incident_id, utcnow()),
                               case_ids_of(conn, incident_id), utcnow())


@router.post("/incidents/{incident_id}/review/entries", response_model=ReviewEntry,
             status_code=201,
             responses={**_CHANGES, 200: {"model": ReviewEntry, "description": "a retry"},
                        409: {"model": ErrorBody, "description": "`entry_id_reused`"}})
def post_review_entry(incident_id: IncidentId, entry: ReviewEntryIn, database: Db,
                      reviewer: AnyReviewer, response: Response) -> dict:
    """Save a section of the review (or an action item), once per `entry_id`. Only someone on
    the incident (its commander, declarer, members, anyone who decided under it, leads)."""
    with database.write() as conn:
        stored, created = add_entry(conn, reviewer, incident_id, entry.model_dump(), utcnow())
    response.status_code = 201 if created else 200
    return stored


def _require_on(conn: Connection, reviewer: Reviewer, incident_id: str):
    row = record.require_incident(conn, incident_id)
    if not (reviewer.at_least("senior") or record.is_on_incident(conn, reviewer, row)):
        raise ApiError(403, "not_on_incident")
    return row
