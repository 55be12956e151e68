"""The post-incident review, generated from the record: the timeline, decisions per hour, time
to first action and to containment, the guideline versions in force, decisions by action and
policy, cases in against decided over time, the bulletin and how many acknowledged it, and the
sections the team wrote (sections.py).

Every line of the timeline comes from a row written when it happened (incident events, case and
report times, decisions, the alert). Reviewers are counted, not named, unless the organisation
sets $REVIEWER_REPORT_NAMES=1; exposure is not on the central API at all (it is metered on each
workstation), so the review speaks of media only by category, in aggregate.
"""

from __future__ import annotations

import os
from collections import Counter
from datetime import datetime, timedelta

from sqlalchemy import Connection, func, select

from server import guidelines as library
from server.errors import ApiError
from server.incidents import alert_link
from server.incidents.figures import first_final_decisions
from server.incidents.record import events, incident_dict
from server.incidents.sections import entry_dict, list_entries, written_sections
from server.store.incident_schema import incident_cases
from server.store.schema import case_media, cases, decisions, guidelines, reports
from server.timeutil import parse_iso, to_iso

SERIES_POINTS = 24  # points of the cases-in / decided chart
# Ties at one instant read in the order things happen in.
_ORDER = ("first_case", "first_report", "alert_raised", "on_call_paged", "alert_acknowledged",
          "declared", "cases_joined", "sweep", "bulletin_published", "member_added", "first_decision",
          "first_sla_breach", "contained", "reopened", "closed")


def names_reviewers() -> bool:
    return os.environ.get("REVIEWER_REPORT_NAMES", "").strip().lower() in ("1", "true", "yes")


def build_review(conn: Connection, incident: dict, now: datetime) -> dict:
    """The IncidentReview answer for `incident` (GET /v1/incidents/{id}, with figures)."""
    incident_id = incident["id"]
    created = dict(conn.execute(select(cases.c.id, cases.c.created_at)
                                .join(incident_cases, incident_cases.c.case_id == cases.c.id)
                                .where(incident_cases.c.incident_id == incident_id)).all())
    decided = _decisions(conn, incident_id)
    closed_at = first_final_decisions(conn, incident_id)
    entries = list_entries(conn, incident_id)
    first_report = conn.execute(
        select(func.min(reports.c.created_at))
        .join(incident_cases, incident_cases.c.case_id == reports.c.case_id)
        .where(incident_cases.c.incident_id == incident_id)).scalar()
    timeline = _timeline(conn, incident, created, first_report, decided, closed_at, now)
    first_decision = min((d.decided_at for d in decided), default=None)
    contained = _moment(incident["contained_at"])
    return {
        "incident": incident,
        "generated_at": to_iso(now),
        "timeline": timeline,
        "decisions_per_hour": _per_hour(decided),
        "time_to_first_action_s": _seconds(first_report, first_decision),
        "time_to_contain_s": _seconds(first_report, contained),
        "guideline_versions": dict(Counter(d.guideline_version for d in decided)),
        "decisions_by_action": dict(Counter(d.action for d in decided)),
        "decisions_by_policy": dict(Counter(d.policy for d in decided if d.policy)),
        "series": _series(created, closed_at, _moment(incident["closed_at"]) or now),
        "bulletin": _bulletin(conn, incident["bulletin"]),
        "reviewers": _reviewers(decided),
        "media_by_category": _media(conn, incident_id),
        "sections": written_sections(entries),
        "entries": [entry_dict(row) for row in entries],
    }


def _decisions(conn: Connection, incident_id: str) -> list:
    return conn.execute(
        select(decisions.c.action, decisions.c.policy, decisions.c.decided_at,
               decisions.c.guideline_version, decisions.c.reviewer_id,
               decisions.c.reviewer_name)
        .join(incident_cases, incident_cases.c.case_id == decisions.c.case_id)
        .where(incident_cases.c.incident_id == incident_id)
        .order_by(decisions.c.decided_at)).all()


def _timeline(conn: Connection, incident: dict, created: dict, first_report, decided: list,
              closed_at: dict, now: datetime) -> list[dict]:
    lines: list[tuple[datetime, str, str]] = []
    if created:
        lines.append((min(created.values()), "first_case", "First case of the incident came in"))
    if first_report is not None:
        lines.append((first_report, "first_report", "First report on one of its cases"))
    lines += _alert_lines(conn, incident["alert_id"])
    lines += [(row.at, row.kind, _event_text(conn, incident, row))
              for row in events(conn, incident["id"])]
    if decided:
        first = decided[0]
        lines.append((first.decided_at, "first_decision",
                      f"First decision on one of its cases ({first.action})"))
    if breach := _first_breach(conn, incident["id"], closed_at, now):
        lines.append((breach, "first_sla_breach", "First case past its SLA deadline"))
    lines.sort(key=lambda line: (line[0], _ORDER.index(line[1]) if line[1] in _ORDER else 99))
    return [{"at": to_iso(at), "kind": kind, "text": text} for at, kind, text in lines]


def _alert_lines(conn: Connection, alert_id: str | None) -> list[tuple[datetime, str, str]]:
    if not alert_id:
        return []
    try:
        times = alert_link.times_of(conn, alert_id)
    except ApiError:  # the alert is gone (resolved alerts may be purged): the rest still stands
        return []
    lines = [(times["raised"], "alert_raised", "Alert raised")]
    if times.get("paged"):
        lines.append((times["paged"], "on_call_paged", "On-call paged"))
    if times.get("acknowledged"):
        lines.append((times["acknowledged"], "alert_acknowledged", "Alert acknowledged"))
    return lines


def _event_text(conn: Connection, incident: dict, row) -> str:
    detail = row.detail or {}
    if row.kind == "declared":
        return (f"Incident declared ({detail.get('severity')}) by a {row.actor}; "
                f"commander: {detail.get('commander')}")
    if row.kind == "cases_joined":
        return f"{detail.get('count')} case(s) joined (from {detail.get('via')})"
    if row.kind == "sweep":
        return (f"Sweep by {detail.get('by')} \"{detail.get('query')}\": "
                f"{detail.get('matched')} matched, {detail.get('joined')} new to the incident")
    if row.kind == "bulletin_published":
        figures = _bulletin(conn, detail.get("guideline")) or {}
        return (f"Sweep bulletin {detail.get('guideline')} published; acknowledged by "
                f"{figures.get('acknowledged', 0)} of {figures.get('expected', 0)}")
    return {"member_added": "A reviewer joined the incident team",
            "contained": "Incident contained", "reopened": "Incident reopened",
            "closed": "Incident closed"}.get(row.kind, row.kind)


def _first_breach(conn: Connection, incident_id: str, closed_at: dict,
                  now: datetime) -> datetime | None:
    deadlines = conn.execute(select(cases.c.id, cases.c.sla_deadline)
                             .join(incident_cases, incident_cases.c.case_id == cases.c.id)
                             .where(incident_cases.c.incident_id == incident_id)).all()
    breached = [deadline for case_id, deadline in deadlines
                if (closed_at.get(case_id) or now) > deadline]
    return min(breached, default=None)


def _per_hour(decided: list) -> list[dict]:
    hours = Counter(d.decided_at.replace(minute=0, second=0, microsecond=0) for d in decided)
    return [{"hour": to_iso(hour), "decisions": n} for hour, n in sorted(hours.items())]


def _series(created: dict, closed_at: dict, end: datetime) -> list[dict]:
    if not created:
        return []
    start = min(created.values())
    step = max((end - start) / (SERIES_POINTS - 1), timedelta(seconds=1))
    points = [start + step * i for i in range(SERIES_POINTS)]
    return [{"at": to_iso(at),
             "cases_in": sum(c <= at for c in created.values()),
             "decided": sum(t <= at for t in closed_at.values())} for at in points]


def _bulletin(conn: Connection, tag: str | None) -> dict | None:
    if not tag:
        return None
    guideline_id, version = tag.rsplit("@", 1)
    published = conn.execute(select(guidelines.c.published_at).where(
        guidelines.c.guideline_id == guideline_id,
        guidelines.c.version == int(version))).scalar()
    report = library.acknowledgements(conn, guideline_id, int(version))
    acknowledged = len(report["acknowledged"])
    return {"guideline": tag, "published_at": to_iso(published), "acknowledged": acknowledged,
            "expected": acknowledged + len(report["not_acknowledged"])}


def _reviewers(decided: list) -> dict:
    by_name = Counter(d.reviewer_name for d in decided)
    return {"count": len({d.reviewer_id for d in decided}),
            "by_name": dict(by_name) if names_reviewers() else None}


def _media(conn: Connection, incident_id: str) -> dict[str, int]:
    rows = conn.execute(select(case_media.c.category, func.count())
                        .join(incident_cases, incident_cases.c.case_id == case_media.c.case_id)
                        .where(incident_cases.c.incident_id == incident_id)
                        .group_by(case_media.c.category))
    return {category: n for category, n in rows}


def _seconds(start: datetime | None, end: datetime | None) -> float | None:
    if start is None or end is None:
        return None
    return (end - start).total_seconds()


def _moment(iso: str | None) -> datetime | None:
    return parse_iso(iso) if iso else None


def incident_review(conn: Connection, row, figures: dict, case_ids: list[str],
                    now: datetime) -> dict:
    return build_review(conn, {**incident_dict(row), "figures": figures, "case_ids": case_ids},
                        now)


def review_from_database(target, incident_id: str) -> dict:
    """`main.py report incident ID --db ...`: the review read straight from the database."""
    from server.incidents.figures import figures
    from server.incidents.membership import case_ids_of
    from server.incidents.record import require_incident
    from server.store.database import open_database
    from server.timeutil import utcnow

    database = open_database(target, migrate_schema=False)
    try:
        with database.read() as conn:
            row = require_incident(conn, incident_id)
            now = utcnow()
            return incident_review(conn, row, figures(conn, incident_id, now),
                                   case_ids_of(conn, incident_id), now)
    finally:
        database.close()
