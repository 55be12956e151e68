"""A decision's commit is durable (synchronous=FULL) and never runs a checkpoint itself; the
background thread checkpoints the log."""

from __future__ import annotations

import pytest

from reviewer.actions import ActionId
from reviewer.domain import Decision
from reviewer.review.outbox import Outbox
from reviewer.store import wal_checkpoint
from reviewer.store.database import StoreError, open_store


def _synchronous(db) -> int:
    return db.execute("PRAGMA synchronous").fetchone()[0]


def test_a_decision_commits_durably_and_leaves_the_checkpoint_to_the_thread(tmp_path):
    db = open_store(tmp_path / "store.sqlite3")
    seen_inside = []
    db.conn.create_function("modes", 0, lambda: seen_inside.append(
        (_synchronous(db), db.execute("PRAGMA wal_autocheckpoint").fetchone()[0])))
    db.execute("CREATE TEMP TRIGGER spy AFTER INSERT ON main.outbox BEGIN SELECT modes(); END")

    Outbox(db).record(Decision.new("c1", ActionId.REMOVE, "spam"))

    assert seen_inside == [(2, 0)]  # FULL (DESIGN.md: durable before shown), no checkpoint
    assert db.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 1000  # as before
    assert wal_checkpoint.checkpointer().wait()
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


def test_the_thread_checkpoints_the_real_log(tmp_path, monkeypatch):
    monkeypatch.setattr(wal_checkpoint, "CHECKPOINT_EVERY", 1)
    checkpointed, checkpoint = [], wal_checkpoint._checkpoint
    monkeypatch.setattr(wal_checkpoint, "_checkpoint",
                        lambda path: (checkpointed.append(path), checkpoint(path)))
    db = open_store(tmp_path / "store.sqlite3")
    outbox = Outbox(db)
    for case_id in ("c1", "c2", "c3"):
        outbox.record(Decision.new(case_id, ActionId.REMOVE, "spam"))
        assert wal_checkpoint.checkpointer().wait()
    assert checkpointed == [(tmp_path / "store.sqlite3").resolve()] * 3
    # Checkpointed in the background, off the committing thread: nothing is left to copy.
    busy, frames, copied = db.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
    assert busy == 0 and frames == copied
    assert outbox.counts()["pending"] == 3
