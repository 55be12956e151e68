"""The sync worker outlives any round that fails, and says so when rounds keep failing: in the
status bar of a real window, and in `main.py status`. Real server, real store, real widgets."""

from __future__ import annotations

import json
import threading

import main
from reviewer.profile import Profile
from reviewer.store.database import open_store
from reviewer.sync.api_client import ApiClient
from reviewer.sync.engine import SyncEngine, SyncSettings
from tests.qt_wait import pump_until
from tests.sync.stub_api import Answer, StubApi
from ui.app import build_workstation

# SQLite's own words when the disk is full; a trigger makes every case insert fail with them.
FULL_DISK = ("CREATE TRIGGER full_disk BEFORE INSERT ON cases "
             "BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END")


def status_lines(profile: Profile, capsys) -> list[str]:
    capsys.readouterr()
    assert main.main(["status", "--profile", str(profile.root)]) == 0
    return capsys.readouterr().out.splitlines()


def test_a_store_that_cannot_be_written_ends_rounds_not_the_worker(qtbot, tmp_path, central_api,
                                                                  capsys):
    profile = Profile(tmp_path / "profile").ensure()
    window = build_workstation(profile, central_api.url, central_api.tokens["reviewer"],
                               SyncSettings(idle_interval=0.5), undo_grace_s=0)
    qtbot.addWidget(window)
    db = open_store(profile.store_path)
    db.execute(FULL_DISK)
    db.conn.commit()
    window.bridge.start()

    indicator = window.sync_indicator
    pump_until(lambda: "Sync trouble" in indicator.text(), timeout=60, what="trouble shown")
    assert "Sync trouble: the local store cannot be written — " in indicator.text()
    assert " in the last 5 min" in indicator.text()
    assert indicator.state == "trouble"
    assert any(line.startswith("Sync trouble: the local store cannot be written — ")
               for line in status_lines(profile, capsys))

    db.execute("DROP TRIGGER full_disk")  # space is back
    db.conn.commit()
    pump_until(lambda: window.session.cache.open_case_ids(), timeout=60,
               what="cases claimed by the same worker")
    pump_until(lambda: "Online" in indicator.text(), timeout=30, what="trouble over")
    assert window.bridge.engine._thread.is_alive()
    assert not any("Sync trouble" in line for line in status_lines(profile, capsys))


def test_answers_that_cannot_be_read_are_named_once_rounds_keep_failing(tmp_path):
    stub = StubApi().start()
    stub.answers["GET /v1/queues"] = Answer(json.dumps({"queues": "wide"}))
    statuses, seen = [], threading.Event()

    def on_status(status) -> None:
        statuses.append(status)
        if status.trouble:
            seen.set()

    engine = SyncEngine(tmp_path / "store.sqlite3", ApiClient(stub.url, "token"), on_status)
    engine.start()
    try:
        assert seen.wait(60), [s.last_error for s in statuses]
    finally:
        engine.stop()
        stub.stop()
    trouble = next(s.trouble for s in statuses if s.trouble)
    assert trouble.startswith("Sync trouble: the central API's answers cannot be read — ")
    assert trouble.endswith(" in the last 5 min")
    assert [bool(s.trouble) for s in statuses][:2] == [False, False]  # one bad round is no alarm


def test_a_store_that_cannot_even_be_opened_is_named_too(tmp_path):
    from ui.sync.indicator import describe

    (tmp_path / "store.sqlite3").mkdir()  # where the store file should be: it cannot open
    engine = SyncEngine(tmp_path / "store.sqlite3", ApiClient("http://127.0.0.1:9", "token"))
    statuses = [engine.run_once() for _ in range(3)]  # never raises
    assert [bool(s.trouble) for s in statuses] == [False, False, True]
    text, state = describe(statuses[-1], 0)
    assert text.startswith("● Sync trouble: the local store cannot be written — 3 in the last")
    assert state == "trouble"
