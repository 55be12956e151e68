"""The personal dashboard from a scripted local record: exposure per day against the cap, the
share of decisions by what was revealed, breaks, and the synced record and quality figures."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from reviewer.figures.local import local_midnight
from reviewer.figures.personal import personal_dashboard
from reviewer.figures.store import ME, QUALITY, FigureStore
from reviewer.media.breaks import record_break
from reviewer.media.exposure import ExposureMeter
from reviewer.media.stages import Stage
from reviewer.store.database import open_store

TODAY = date.today()
NOW = datetime.now(timezone.utc)
CAP_S = 1200.0


def _expose(db, day: date, case_id: str, seconds: float, stage: Stage) -> None:
    meter = ExposureMeter(db, today=lambda: day.isoformat())
    meter.add(case_id, seconds, 1.0, stage)
    meter.flush()


def _decide(db, day: date, case_id: str) -> None:
    """As the window does after each closing decision: the meter notes what was seen first."""
    meter = ExposureMeter(db, today=lambda: day.isoformat())
    meter.note_decision(case_id)
    meter.flush(decisions=True)


@pytest.fixture
def db(tmp_path):
    db = open_store(tmp_path / "store.sqlite3")
    _expose(db, TODAY, "c1", 120, Stage.REDUCED)  # reduced detail only
    _expose(db, TODAY, "c2", 20, Stage.REDUCED)
    _expose(db, TODAY, "c2", 40, Stage.REVEALED)  # and real pixels
    _expose(db, TODAY - timedelta(days=3), "c3", 30, Stage.REVEALED)
    _expose(db, TODAY - timedelta(days=40), "c9", 1000, Stage.REVEALED)  # outside the 30 days
    for case_id in ("c1", "c2", "c4", "c4"):  # c4: without any reveal, decided again
        _decide(db, TODAY, case_id)
    _decide(db, TODAY - timedelta(days=3), "c3")
    record_break(db, NOW - timedelta(seconds=2))
    record_break(db, NOW - timedelta(seconds=1))
    record_break(db, local_midnight(TODAY) - timedelta(hours=1))  # yesterday
    return db


def test_exposure_per_day_over_30_days_against_the_cap(db):
    chart = personal_dashboard(db, NOW, TODAY, CAP_S).chart("exposure_per_day")
    assert len(chart.categories) == 30 and chart.categories[-1] == TODAY.isoformat()[5:]
    reduced, real = (s.values for s in chart.series)
    assert reduced[-1] == 2.33 and real[-1] == 0.67  # (120 + 20) s and 40 s, in minutes
    assert real[-4] == 0.5 and sum(reduced[:-1]) == 0 and sum(real) == pytest.approx(1.17)
    assert chart.line.values == (20.0,) * 30


def test_decisions_by_what_was_revealed(db):
    chart = personal_dashboard(db, NOW, TODAY, CAP_S).chart("decisions_by_reveal")
    assert {s.name: s.values for s in chart.series} == {
        "Without reveal": (1, 1), "Reduced detail": (1, 1), "Full reveal": (1, 2)}
    assert chart.categories == ("Today", "Last 30 days")


def test_breaks_and_exposure_today(db):
    dashboard = personal_dashboard(db, NOW, TODAY, CAP_S)
    assert dashboard.tile("breaks").value == "2"
    assert dashboard.tile("exposure_today").value == "3.0 of 20.0 min"


def test_without_synced_figures_the_record_says_no_data_yet(db):
    dashboard = personal_dashboard(db, NOW, TODAY, CAP_S)
    assert dashboard.synced_at is None and "Not synced yet" in dashboard.note
    assert dashboard.chart("decisions_per_hour").empty_text == "No data yet"
    assert dashboard.tile("agreement").value == "No data yet"


def test_synced_record_and_quality_figures(db):
    store = FigureStore(db)
    store.save(ME, {"reviewer": "alice", "window_start": "2030-03-04T09:00:00Z",
                    "until": "2030-03-04T10:30:00Z", "decisions": 5, "sla_met": 4,
                    "sla_missed": 1, "exposure_policy": "stays_here",
                    "decisions_per_hour": [{"hour": "2030-03-04T09:00:00Z", "count": 3},
                                           {"hour": "2030-03-04T10:00:00Z", "count": 2}]})
    store.save(QUALITY, {"agreement_by_reviewer": [{"key": "bob", "reviewed": 9, "agreed": 1},
                                                   {"key": "alice", "reviewed": 4, "agreed": 3}],
                         "calibration": [{"reviewer": "alice", "answered": 5, "matched": 4}]})
    dashboard = personal_dashboard(db, NOW, TODAY, CAP_S)
    assert dashboard.chart("decisions_per_hour").series[0].values == (3, 2)
    assert (dashboard.tile("sla").value, dashboard.tile("agreement").value,
            dashboard.tile("calibration").value) == ("80%", "75%", "80%")
    assert dashboard.note == ""
