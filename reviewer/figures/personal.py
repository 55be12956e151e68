"""The personal dashboard: this shift's decisions per hour and SLA met (the central API's
record, as last synced), agreement and calibration (the quality figures, when there are any),
and what only this machine knows: exposure per day over 30 days against the cap, breaks taken,
and how much each decision needed to see."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import sqlite_utils

from reviewer.domain import parse_iso
from reviewer.figures import local
from reviewer.figures.charts import (
    NO_DATA_YET, PERCENT, STACKED, BARS, Chart, Dashboard, Series, Tile,
)
from reviewer.figures.store import ME, QUALITY, FigureStore, Stored
from reviewer.media.breaks import breaks_between
from reviewer.words import Phrase, translate

NOT_SYNCED = translate("core", "Not synced yet: these figures come from the central API.")


def personal_dashboard(db: sqlite_utils.Database, now: datetime, today: date,
                       cap_s: float) -> Dashboard:
    store = FigureStore(db)
    me, quality = store.load(ME), store.load(QUALITY)
    days = local.exposure_days(db, today)
    tiles = (*_record_tiles(me), *_quality_tiles(me, quality), _breaks_tile(db, now, today),
             _exposure_tile(days[-1], cap_s))
    charts = (_per_hour(me), _exposure_chart(days, cap_s), _reveal_chart(db, today))
    return Dashboard(translate("core", "My shift"), me.fetched_at if me else None,
                     "" if me and me.usable else NOT_SYNCED, tiles, charts)


def hour_label(iso: str) -> str:
    """An hour of the window on this machine's clock."""
    return parse_iso(iso).astimezone().strftime("%H:%M")


def _per_hour(me: Stored | None) -> Chart:
    hours = me.data["decisions_per_hour"] if me and me.usable else []
    return Chart("decisions_per_hour", translate("core", "Decisions per hour"), BARS,
                 tuple(hour_label(h["hour"]) for h in hours),
                 (Series(translate("core", "Decisions"), tuple(h["count"] for h in hours)),),
                 unit=translate("core", "decisions"), empty_text="" if hours else NO_DATA_YET)


def _record_tiles(me: Stored | None) -> tuple[Tile, ...]:
    if not (me and me.usable):
        return (Tile("decisions", translate("core", "Decisions this shift"), NO_DATA_YET),
                Tile("sla", translate("core", "SLA met"), NO_DATA_YET))
    data = me.data
    total = data["decisions"]
    return (Tile("decisions", translate("core", "Decisions this shift"), str(total),
                 Phrase(translate("core", "over the last {hours} hours"),
                        hours=len(data["decisions_per_hour"]))),
            Tile("sla", translate("core", "SLA met"), _share(data["sla_met"], total),
                 Phrase(translate("core", "{met} of {total} before the deadline"),
                        met=data["sla_met"], total=total)))


def _quality_tiles(me: Stored | None, quality: Stored | None) -> tuple[Tile, ...]:
    """Agreement (were my decisions confirmed by the blind second review?) and calibration
    (golden cases matched), from GET /v1/quality; "no data yet" until there is some."""
    name = me.data.get("reviewer") if me and me.usable else None
    data = quality.data if quality and quality.usable else {}
    agreed = next((a for a in data.get("agreement_by_reviewer", []) if a.get("key") == name), None)
    golden = next((c for c in data.get("calibration", []) if c.get("reviewer") == name), None)
    return (
        Tile("agreement", translate("core", "Agreement"),
             _share(agreed["agreed"], agreed["reviewed"]) if agreed else NO_DATA_YET,
             Phrase(translate("core", "{agreed} of {reviewed} confirmed by a second review"),
                    agreed=agreed["agreed"], reviewed=agreed["reviewed"]) if agreed else ""),
        Tile("calibration", translate("core", "Calibration"),
             _share(golden["matched"], golden["answered"]) if golden else NO_DATA_YET,
             Phrase(translate("core", "{matched} of {answered} golden cases matched"),
                    matched=golden["matched"], answered=golden["answered"]) if golden else ""))


def _breaks_tile(db: sqlite_utils.Database, now: datetime, today: date) -> Tile:
    taken = breaks_between(db, local.local_midnight(today), now)
    detail = translate("core", "none yet today")
    if taken:
        detail = Phrase(translate("core", "the last at {time}"), time=hour_label(taken[-1]))
    return Tile("breaks", translate("core", "Breaks taken today"), str(len(taken)), detail)


def _exposure_tile(today: local.ExposureDay, cap_s: float) -> Tile:
    return Tile("exposure_today", translate("core", "Exposure today"),
                Phrase(translate("core", "{used} of {cap} min"), used=_minutes(today.total_s),
                       cap=_minutes(cap_s)),
                Phrase(translate("core", "{reduced} min reduced detail, {real} min real pixels"),
                       reduced=_minutes(today.reduced_s), real=_minutes(today.real_s)))


def _exposure_chart(days: list[local.ExposureDay], cap_s: float) -> Chart:
    return Chart(
        "exposure_per_day", translate("core", "Exposure per day, last 30 days"), STACKED,
        tuple(d.day[5:] for d in days),
        (Series(translate("core", "Reduced detail"), tuple(_min(d.reduced_s) for d in days)),
         Series(translate("core", "Real pixels"), tuple(_min(d.real_s) for d in days))),
        unit=translate("core", "minutes"),
        line=Series(translate("core", "Daily cap"), tuple(_min(cap_s) for _ in days)))


def _reveal_chart(db: sqlite_utils.Database, today: date) -> Chart:
    periods = ((translate("core", "Today"), today),
               (translate("core", "Last 30 days"),
                today - timedelta(days=local.EXPOSURE_DAYS - 1)))
    shares = [local.reveal_shares(db, first, today) for _, first in periods]
    names = ((local.NO_REVEAL, translate("core", "Without reveal")),
             (local.REDUCED, translate("core", "Reduced detail")),
             (local.REAL, translate("core", "Full reveal")))
    decided = any(sum(s.values()) for s in shares)  # a percentage of nothing is no figure
    # The share is said in the title: a vertical axis has room for "%" and little more.
    return Chart("decisions_by_reveal",
                 translate("core", "Share of each period's decisions by what was revealed"),
                 PERCENT, tuple(label for label, _ in periods),
                 tuple(Series(name, tuple(s[key] for s in shares)) for key, name in names),
                 unit="%",
                 empty_text="" if decided else NO_DATA_YET)


def _share(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "–"


def _min(seconds: float) -> float:
    return round(seconds / 60, 2)


def _minutes(seconds: float) -> str:
    return f"{seconds / 60:.1f}"
