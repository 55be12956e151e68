"""A full disk, for real: the profile lives on a small tmpfs that a ballast file fills. A
decision is refused on screen with the reason and its case stays open; what was recorded
before is kept and reaches the central API exactly once; when space returns, work goes on by
itself — no restart, no key pressed twice for what was already recorded."""

from __future__ import annotations

import errno
import sqlite3
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from reviewer.profile import Profile
from reviewer.sync.engine import SyncSettings
from tests.qt_wait import pump, pump_until
from tests.ui.keystrokes import decide_by_keys
from ui.app import build_workstation

DISK_MB = 48


@pytest.fixture
def small_disk(tmp_path):
    mount = tmp_path / "disk"
    mount.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={DISK_MB}m", "tmpfs",
                              str(mount)], capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"a small disk for this test needs mount rights: {mounted.stderr.strip()}")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def fill(disk: Path) -> Path:
    """Write a ballast file until the disk refuses another byte."""
    ballast = disk / "ballast"
    with open(ballast, "wb", buffering=0) as out:
        for chunk in (1 << 20, 1 << 12, 1):
            try:
                while True:
                    out.write(b"\0" * chunk)
            except OSError as exc:
                assert exc.errno == errno.ENOSPC, exc
    return ballast


def test_a_full_disk_refuses_on_screen_and_work_resumes_when_space_returns(
        qtbot, small_disk, central_api):
    profile = Profile(small_disk / "profile").ensure()
    window = build_workstation(profile, central_api.url, central_api.tokens["reviewer"],
                               SyncSettings(idle_interval=0.5), undo_grace_s=0)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    window.bridge.start()
    pump_until(lambda: window.session.current() is not None, timeout=60, what="cases claimed")

    decided = [window.session.current().id]
    decide_by_keys(window, Qt.Key.Key_1)  # recorded while there is room
    assert window.session.current().id != decided[0]

    # Start from an empty write-ahead log, so the next write needs new disk space, then fill.
    with sqlite3.connect(profile.store_path, timeout=30) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    ballast = fill(small_disk)

    refused = window.session.current().id
    decide_by_keys(window, Qt.Key.Key_1)
    assert window.session.current().id == refused  # the case stays on screen, open
    said = window.status_line.text()
    assert "NOT recorded" in said and "disk is full" in said
    assert refused in window.session.cache.open_case_ids()
    pump(1.5)  # sync rounds meet the full disk too; none of them may lose anything

    ballast.unlink()  # space returns
    decide_by_keys(window, Qt.Key.Key_1)  # the same key, on the same case, now records it
    assert window.session.current().id != refused
    decided.append(refused)

    def all_reached_the_server() -> bool:
        return window.session.outbox.counts()["pending"] == 0 and all(
            central_api.decisions(case_id) for case_id in decided)

    pump_until(all_reached_the_server, timeout=60, what="decisions sent after space returned")
    pump_until(lambda: "Online" in window.sync_indicator.text(), timeout=30, what="online")
    on_server = Counter(d["case_id"] for d in central_api.decisions())
    assert [on_server[case_id] for case_id in decided] == [1, 1]  # each exactly once
    assert window.bridge.engine._thread.is_alive()
