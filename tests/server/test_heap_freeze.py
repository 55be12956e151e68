"""A server's process moves what it made to serve out of the garbage collector's reach once
(runner.freeze_startup_heap): full collections no longer walk FastAPI, SQLAlchemy and the app."""

from __future__ import annotations

import gc

from server import runner


def test_a_started_server_has_frozen_the_heap_and_freezes_it_only_once(server, monkeypatch):
    assert server.running
    assert gc.get_freeze_count() > 0
    collected = []
    monkeypatch.setattr(runner.gc, "collect", lambda *args: collected.append(args))
    runner.freeze_startup_heap()
    assert collected == []  # once per process: later servers add little that lives long


def test_a_server_process_of_its_own_collects_young_objects_less_often(db_path, monkeypatch):
    """A batch's rows would otherwise be walked ~10 times before the batch frees them."""
    before = gc.get_threshold()
    monkeypatch.setenv(runner.DB_ENV_VAR, str(db_path))
    try:
        app = runner.app_from_environment()
        app.state.database.close()
        assert gc.get_threshold() == (runner.SERVER_YOUNG_THRESHOLD, *before[1:])
    finally:
        gc.set_threshold(*before)
    assert before[0] < runner.SERVER_YOUNG_THRESHOLD  # a test process keeps the default
