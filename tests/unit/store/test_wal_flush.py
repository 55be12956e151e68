"""A decision's commit does not wait for the disk; the flusher fsyncs the log right after."""

from __future__ import annotations

import pytest

from reviewer.actions import ActionId
from reviewer.domain import Decision
from reviewer.review.outbox import Outbox
from reviewer.store import wal_flush
from reviewer.store.database import StoreError, open_store


def _synchronous(db) -> int:
    return db.execute("PRAGMA synchronous").fetchone()[0]


def test_a_decision_commits_without_fsync_and_the_flusher_flushes_its_log(tmp_path, monkeypatch):
    flushed = []
    monkeypatch.setattr(wal_flush, "_fsync_log", flushed.append)
    db = open_store(tmp_path / "store.sqlite3")
    seen_inside = []
    db.conn.create_function("sync_mode", 0, lambda: seen_inside.append(_synchronous(db)))
    db.execute("CREATE TEMP TRIGGER spy AFTER INSERT ON main.outbox BEGIN SELECT sync_mode(); END")

    Outbox(db).record(Decision.new("c1", ActionId.REMOVE, "spam"))

    assert seen_inside == [1]  # NORMAL while the decision commits
    assert _synchronous(db) == 2  # FULL again for every other write of this connection
    assert wal_flush.flusher().wait()
    assert (tmp_path / "store.sqlite3").resolve() in flushed
    other = open_store(tmp_path / "store.sqlite3")  # committed: another connection sees it
    assert Outbox(other).counts()["pending"] == 1


def test_a_refused_decision_is_not_recorded_and_leaves_the_connection_as_it_was(tmp_path):
    db = open_store(tmp_path / "store.sqlite3")
    db.execute("CREATE TEMP TRIGGER full_disk BEFORE INSERT ON main.outbox "
               "BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END")
    with pytest.raises(StoreError, match="disk is full"):
        Outbox(db).record(Decision.new("c1", ActionId.REMOVE, "spam"))
    assert _synchronous(db) == 2
    assert db.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 1000
    assert Outbox(db).counts()["pending"] == 0


def test_the_flusher_fsyncs_the_real_log_and_checkpoints_it(tmp_path, monkeypatch):
    monkeypatch.setattr(wal_flush, "CHECKPOINT_EVERY", 1)
    checkpointed, checkpoint = [], wal_flush._checkpoint
    monkeypatch.setattr(wal_flush, "_checkpoint",
                        lambda path: (checkpointed.append(path), checkpoint(path)))
    db = open_store(tmp_path / "store.sqlite3")
    outbox = Outbox(db)
    for case_id in ("c1", "c2", "c3"):
        outbox.record(Decision.new(case_id, ActionId.REMOVE, "spam"))
        assert wal_flush.flusher().wait()
    assert checkpointed == [(tmp_path / "store.sqlite3").resolve()] * 3
    # Checkpointed in the background, off the committing thread: nothing is left to copy.
    busy, frames, copied = db.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
    assert busy == 0 and frames == copied
    assert outbox.counts()["pending"] == 3
