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
