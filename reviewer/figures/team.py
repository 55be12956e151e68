"""The lead's team view, from the central API's last answers: per queue inflow against decisions
per hour, backlog, SLA attainment and breach forecast; the team's exposure as a distribution of
reviewer-days (never per person, never ranked); agreement by policy from the quality figures."""

from __future__ import annotations

import sqlite_utils

from reviewer.figures.charts import BARS, LINES, NO_DATA_YET, Chart, Dashboard, Series
from reviewer.figures.personal import hour_label
from reviewer.figures.store import QUALITY, TEAM, FigureStore, Stored
from reviewer.words import Phrase, translate

LEADS_ONLY = translate("core", "The team view is for leads: the central API refused it to "
                               "this sign-in.")
NOT_SYNCED = translate("core", "Not synced yet: the team figures come from the central API.")
STAYS_HERE = translate("core", "Exposure stays on each reviewer's workstation "
                               "(the organisation's policy).")
TABLE_HEADERS = (translate("core", "Queue"), translate("core", "Backlog"),
                 translate("core", "Breached"), translate("core", "SLA met"),
                 translate("core", "Decisions per hour"), translate("core", "Breach forecast"))


def team_dashboard(db: sqlite_utils.Database) -> Dashboard:
    store = FigureStore(db)
    team, quality = store.load(TEAM), store.load(QUALITY)
    title = translate("core", "Team")
    if team is None or not team.usable:
        note = LEADS_ONLY if team is not None and "refused" in team.data else NOT_SYNCED
        return Dashboard(title, team.fetched_at if team else None, note)
    queues = team.data["queues"]
    charts = (*(_flow(q) for q in queues), _exposure(team.data["exposure"]),
              _agreement(quality))
    return Dashboard(title, team.fetched_at, "", (), charts, TABLE_HEADERS,
                     tuple(_row(q) for q in queues))


def _flow(queue: dict) -> Chart:
    hours = tuple(hour_label(h["hour"]) for h in queue["inflow_per_hour"])
    return Chart(f"flow:{queue['queue_id']}", queue["name"], LINES, hours,
                 (Series(translate("core", "Inflow"),
                         tuple(h["count"] for h in queue["inflow_per_hour"])),
                  Series(translate("core", "Decisions"),
                         tuple(h["count"] for h in queue["decided_per_hour"]))),
                 )


def _row(queue: dict) -> tuple[str, ...]:
    decided = queue["sla_met"] + queue["sla_missed"]
    sla = f"{round(100 * queue['sla_met'] / decided)}%" if decided else "–"
    return (queue["name"], str(queue["backlog"]), str(queue["breached"]), sla,
            f"{queue['pace_per_hour']:.1f}", str(queue["breach_forecast"]))


def _exposure(exposure: dict) -> Chart:
    bins = exposure["bins"]
    labels = tuple(_band(b) for b in bins)
    empty = ""
    if exposure["policy"] != "daily_totals":
        empty = STAYS_HERE
    elif not exposure["shown"]:
        empty = Phrase(translate("core", "Fewer than 3 reviewers share daily totals ({n}): "
                                         "not shown, so no bar is one person."),
                       n=exposure["reviewers"])
    title = Phrase(translate("core", "Reviewer-days by minutes of exposure, last {days} days"),
                   days=exposure["days"])
    return Chart("team_exposure", title, BARS, labels,
                 (Series(translate("core", "Reviewer-days"),
                         tuple(b["reviewer_days"] for b in bins)),),
                 empty_text=empty)


def _band(b: dict) -> str:
    low = int(b["from_s"] // 60)
    return f"{low}+" if b["to_s"] is None else f"{low}–{int(b['to_s'] // 60)}"


def _agreement(quality: Stored | None) -> Chart:
    rows = [a for a in (quality.data.get("agreement_by_policy", []) if quality and quality.usable
                        else []) if a.get("rate") is not None]
    return Chart("agreement_by_policy", translate("core", "Agreement by policy"), BARS,
                 tuple(a["key"] for a in rows),
                 (Series(translate("core", "Agreement"),
                         tuple(round(100 * a["rate"], 1) for a in rows)),),
                 unit="%", empty_text="" if rows else NO_DATA_YET)
