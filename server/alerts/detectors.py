"""The detectors: what turns arriving cases into alerts.

`observe_case` runs in the transaction that ingests a case (POST /v1/cases, the demo seed): it
records the case's arrival under each subject it carries (its media hashes, its hashtags, its
account) and checks those subjects for a spike, the account for high profile, the media against
the hash lists. `evaluate` runs the time-driven checks (SLA forecast, paging escalation), from
GET /v1/alerts (at most every few seconds, server/api/alerts.py). Both take `now` from the
caller, so tests drive them with a controlled clock, and both keep all state in the database
(several API processes).
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from sqlalchemy import Connection, func, insert, select

from reviewer.contract.alerts import AlertThresholds
from server.alerts import hash_lists
from server.alerts.config import load_thresholds
from server.alerts.paging import escalate_due, page_first
from server.alerts.records import link_cases, lock_alerts, raise_or_update
from server.store.alerts_schema import arrivals
from server.store.schema import authors, case_media, cases, decisions, queues, reports

# A hashtag: '#' then letters, digits or '_' in any script, not inside a word ("a#b" is none).
_HASHTAG = re.compile(r"(?<!\w)#(\w{1,100})")
_SUBJECT_NAMES = {"media": "one image", "hashtag": "hashtag", "account": "account"}


def hashtags(text: str) -> list[str]:
    return list(dict.fromkeys(tag.casefold() for tag in _HASHTAG.findall(text)))


def observe_case(conn: Connection, case_id: str, now: datetime,
                 limits: AlertThresholds | None = None) -> list[int]:
    """Record one arrived case and raise what it calls for (a new alert pages at once);
    returns new alert ids. The timed checks are `evaluate`'s, not run per case."""
    limits = limits or load_thresholds(conn)
    lock_alerts(conn)
    case = _case_facts(conn, case_id)
    subjects = _subjects(case)
    conn.execute(insert(arrivals), [{"subject": subject, "case_id": case_id,
                                     "reports": case["reports"], "at": now}
                                    for subject in subjects])
    new = [alert for subject in subjects
           for alert in _check_spike(conn, subject, case_id, now, limits)]
    if limits.high_profile and case["high_profile"]:
        new += _raise(conn, now, kind="high_profile", dedup_key=f"high_profile:{case['author']}",
                      severity="high", title=f"New case on high-profile account @{case['handle']}",
                      count=1, detail={"author_id": case["author"]}, case_ids=[case_id])
    new += _check_hash_lists(conn, case, now)
    return new


def observe_seeded(conn: Connection, now: datetime) -> None:
    """Run a freshly seeded database's cases through the detectors in arrival order (so the
    demo has baselines, and whatever alerts its history calls for), then the timed checks."""
    limits = load_thresholds(conn)
    for case_id, created_at in conn.execute(
            select(cases.c.id, cases.c.created_at).order_by(cases.c.created_at, cases.c.id)).all():
        observe_case(conn, case_id, min(created_at, now), limits)
    evaluate(conn, now, limits)


def evaluate(conn: Connection, now: datetime, limits: AlertThresholds | None = None) -> None:
    """The checks that time alone can trigger: SLA forecasts and the paging chain."""
    limits = limits or load_thresholds(conn)
    lock_alerts(conn)
    for queue_id in conn.execute(select(queues.c.id).order_by(queues.c.position)).scalars():
        _check_sla(conn, queue_id, now, limits)
    escalate_due(conn, now, limits.page_after_minutes)


def spike_figures(conn: Connection, subject: str, now: datetime,
                  limits: AlertThresholds) -> dict:
    """Cases and reports on `subject` in the current window and per window of its baseline."""
    window = timedelta(minutes=limits.spike_window_minutes)
    start = now - window
    in_window = arrivals.c.at > start
    # One pass over the subject's index range; a case carries a subject once (_subjects).
    row = conn.execute(
        select(func.count().filter(in_window),
               func.coalesce(func.sum(arrivals.c.reports).filter(in_window), 0),
               func.count().filter(~in_window),
               func.coalesce(func.sum(arrivals.c.reports).filter(~in_window), 0))
        .where(arrivals.c.subject == subject,
               arrivals.c.at > start - window * limits.spike_baseline_windows,
               arrivals.c.at <= now)).one()
    per_window = limits.spike_baseline_windows
    return {"subject": subject, "window_minutes": limits.spike_window_minutes,
            "cases": int(row[0]), "reports": int(row[1]),
            "baseline_cases": round(int(row[2]) / per_window, 2),
            "baseline_reports": round(int(row[3]) / per_window, 2)}


def is_spike(figures: dict, limits: AlertThresholds) -> bool:
    """Enough on its own, and well above the subject's own recent mean: a subject that has
    always been busy is not a spike however busy it is."""
    return any(figures[n] >= limits.spike_min_count
               and figures[n] >= limits.spike_ratio * figures[f"baseline_{n}"]
               for n in ("cases", "reports"))


def _check_spike(conn: Connection, subject: str, case_id: str, now: datetime,
                 limits: AlertThresholds) -> list[int]:
    figures = spike_figures(conn, subject, now, limits)
    if not is_spike(figures, limits):
        return []
    kind, _, value = subject.partition(":")
    shown = f"#{value}" if kind == "hashtag" else (value[:12] if kind == "media" else value)
    # Half as many again as it takes to raise one (30 cases on one image with the defaults) is
    # a crisis in the making, not a blip: high, and an alert that grows there is raised to it.
    severity = "high" if figures["cases"] >= 1.5 * limits.spike_min_count else "medium"
    new = _raise(conn, now, kind="spike", dedup_key=f"spike:{subject}", severity=severity,
                 title=f"Spike: {figures['cases']} cases on {_SUBJECT_NAMES[kind]} {shown} in "
                       f"{limits.spike_window_minutes} min (baseline "
                       f"{figures['baseline_cases']:g})",
                 count=figures["cases"], detail=figures, case_ids=[case_id])
    if new:  # a new alert holds the whole window's cases; a live one gains each as it comes
        window_start = now - timedelta(minutes=limits.spike_window_minutes)
        link_cases(conn, new[0], list(conn.execute(
            select(arrivals.c.case_id).where(arrivals.c.subject == subject,
                                             arrivals.c.at > window_start, arrivals.c.at <= now)
            .order_by(arrivals.c.id)).scalars()), now)
    return new


def _check_sla(conn: Connection, queue_id: str, now: datetime, limits: AlertThresholds) -> None:
    horizon = now + timedelta(minutes=limits.sla_horizon_minutes)
    due = list(conn.execute(
        select(cases.c.id, cases.c.sla_deadline)
        .where(cases.c.queue_id == queue_id, cases.c.status.in_(("open", "awaiting_approval")),
               cases.c.sla_deadline > now, cases.c.sla_deadline <= horizon)
        .order_by(cases.c.sla_deadline, cases.c.id)))
    if len(due) < limits.sla_min_breaches:
        return
    rate = _decision_rate(conn, queue_id, now, limits.sla_rate_window_minutes)
    late = [row.id for index, row in enumerate(due)
            if rate == 0 or now + timedelta(minutes=(index + 1) / rate) > row.sla_deadline]
    if len(late) < limits.sla_min_breaches:
        return
    _raise(conn, now, kind="sla_forecast", dedup_key=f"sla_forecast:{queue_id}",
           severity="critical" if len(late) >= 10 * limits.sla_min_breaches else "high",
           title=f"Queue {queue_id}: {len(late)} case{'' if len(late) == 1 else 's'} forecast to "
                 f"breach their SLA within {limits.sla_horizon_minutes} min",
           count=len(late), case_ids=late[:200],
           detail={"queue_id": queue_id, "due": len(due), "forecast_breaches": len(late),
                   "decisions_per_minute": round(rate, 3)})


def _check_hash_lists(conn: Connection, case: dict, now: datetime) -> list[int]:
    new = []
    for match in hash_lists.match_media(conn, case["media"]):
        new += _raise(conn, now, kind="hash_list",
                      dedup_key=f"hash_list:{match['list_id']}:{match['entry']}",
                      severity=match["severity"],
                      title=f"Hash list {match['list_name']}: media within {match['distance']} "
                            f"bits ({match['category']}, {match['action']})",
                      count=1, case_ids=[case["id"]],
                      detail={key: match[key] for key in ("list_id", "list_name", "category",
                                                           "action", "distance", "sha256")})
    return new


def _raise(conn: Connection, now: datetime, **alert) -> list[int]:
    alert_id, created = raise_or_update(conn, now=now, **alert)
    if created:
        page_first(conn, alert_id, now)
        return [alert_id]
    return []


def _decision_rate(conn: Connection, queue_id: str, now: datetime, minutes: int) -> float:
    """Final decisions per minute on this queue's cases over the last `minutes`."""
    made = conn.execute(
        select(func.count()).select_from(decisions.join(cases, cases.c.id == decisions.c.case_id))
        .where(cases.c.queue_id == queue_id, decisions.c.pending.is_(False),
               decisions.c.recorded_at > now - timedelta(minutes=minutes),
               decisions.c.recorded_at <= now)).scalar_one()
    return made / minutes


def _case_facts(conn: Connection, case_id: str) -> dict:
    row = conn.execute(
        select(cases.c.id, cases.c.text, cases.c.author_id, authors.c.handle,
               authors.c.high_profile)
        .join(authors, authors.c.id == cases.c.author_id).where(cases.c.id == case_id)).one()
    shas = list(dict.fromkeys(conn.execute(
        select(case_media.c.sha256).where(case_media.c.case_id == case_id)
        .order_by(case_media.c.position)).scalars()))
    report_count = conn.execute(select(func.count()).select_from(reports)
                                .where(reports.c.case_id == case_id)).scalar_one()
    return {"id": row.id, "text": row.text, "author": row.author_id, "handle": row.handle,
            "high_profile": bool(row.high_profile), "media": shas, "reports": report_count}


def _subjects(case: dict) -> list[str]:
    return ([f"media:{sha}" for sha in case["media"]]
            + [f"hashtag:{tag}" for tag in hashtags(case["text"])]
            + [f"account:{case['author']}"])
