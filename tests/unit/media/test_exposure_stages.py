"""The exposure meter keeps the reduced-detail stage apart from real pixels: time × area of
each, per case, shift and day, saved and read back; the totals and the cap count both."""

from __future__ import annotations

import sqlite3

import pytest

from reviewer.media.exposure import CAP_REACHED, ExposureMeter, ExposureSettings
from reviewer.media.stages import Stage
from reviewer.store.database import MIGRATIONS, open_store


def test_the_reading_tells_reduced_detail_from_real_pixels(tmp_path):
    db = open_store(tmp_path / "s.sqlite3")
    meter = ExposureMeter(db, today=lambda: "2026-11-22")
    meter.add("c1", 10, 1.0, Stage.REDUCED)  # the whole image, reduced, 10 s
    meter.add("c1", 4, 0.15, Stage.REVEALED)  # then a spotlight of real pixels, 4 s
    meter.add("c1", 30, 1.0, Stage.BLURRED)  # blurred is no exposure
    meter.add("c2", 2, 0.5, Stage.REDUCED)
    reading = meter.reading("c1")
    assert reading.case_s == pytest.approx(10.6)
    assert reading.case_reduced_s == pytest.approx(10) and reading.case_real_s == pytest.approx(0.6)
    assert reading.shift_reduced_s == pytest.approx(11)
    assert reading.day_reduced_s == pytest.approx(11)
    meter.flush()
    again = ExposureMeter(db, today=lambda: "2026-11-22").reading(None)  # a restart, same day
    assert again.day_s == pytest.approx(11.6) and again.day_reduced_s == pytest.approx(11)
    assert again.day_real_s == pytest.approx(0.6)
    assert db.execute("SELECT case_id, round(exposure_s, 3), round(reduced_s, 3) FROM exposure "
                      "ORDER BY case_id").fetchall() == [("c1", 10.6, 10.0), ("c2", 1.0, 1.0)]


def test_reduced_detail_counts_towards_the_daily_cap(tmp_path):
    meter = ExposureMeter(open_store(tmp_path / "s.sqlite3"), ExposureSettings(daily_cap_s=10))
    meter.add("c1", 12, 1.0, Stage.REDUCED)
    assert CAP_REACHED in meter.new_prompts()


def test_a_store_from_before_the_split_counts_its_exposure_as_real_pixels(tmp_path):
    path = tmp_path / "old.sqlite3"
    old = sqlite3.connect(path)
    for version, step in enumerate(MIGRATIONS[:10]):  # the store as v10 left it
        old.executescript(f"BEGIN;\n{step}\nPRAGMA user_version = {version + 1};\nCOMMIT;")
    old.execute("INSERT INTO exposure (day, case_id, exposure_s) VALUES ('2026-11-22', 'c1', 3)")
    old.commit()
    old.close()
    reading = ExposureMeter(open_store(path), today=lambda: "2026-11-22").reading(None)
    assert reading.day_s == 3 and reading.day_reduced_s == 0 and reading.day_real_s == 3


def test_a_full_disk_keeps_exposure_in_memory_until_the_next_flush(tmp_path):
    db = open_store(tmp_path / "s.sqlite3")
    meter = ExposureMeter(db, today=lambda: "2026-11-22")
    db.execute("CREATE TEMP TRIGGER full_disk BEFORE INSERT ON main.exposure "
               "BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END")
    meter.add("c1", 10, 1.0, Stage.REVEALED)
    meter.flush()  # refused by the disk: no exception reaches the caller (a Qt slot)
    assert meter.reading("c1").day_s == pytest.approx(10)  # still counted
    db.execute("DROP TRIGGER full_disk")
    meter.flush()
    assert db.execute("SELECT case_id, exposure_s FROM exposure").fetchall() == [("c1", 10.0)]


def test_the_decision_shares_kept_up_to_date_match_a_count_from_the_store(tmp_path):
    """The day's shares are counted once, then moved by each decision (a case decided again
    counts once, by its latest decision)."""
    db = open_store(tmp_path / "s.sqlite3")
    meter = ExposureMeter(db, today=lambda: "2026-11-22")
    meter.add("c2", 3, 1.0, Stage.REDUCED)
    meter.add("c3", 3, 0.5, Stage.REVEALED)
    meter.note_decision("c1")
    assert meter.decision_shares().total == 1  # counted here; kept up to date from now on
    meter.note_decision("c2", by_suggestion=True)
    meter.note_decision("c3")
    meter.note_decision("c1", by_suggestion=True)  # decided again: still one case
    kept = meter.decision_shares()
    assert (kept.without_reveal, kept.reduced, kept.real_pixels, kept.by_suggestion) == (1, 1, 1, 2)
    meter.flush(decisions=True)
    assert ExposureMeter(db, today=lambda: "2026-11-22").decision_shares() == kept
