"""One workstation per profile: a second start brings the first window forward instead of
opening a second writer on the same outbox, and `sync` / `logout` refuse while it runs."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}


def _main(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=60, env=ENV)


def _forwarded(profile: Path, deadline: float) -> subprocess.CompletedProcess:
    """A second start, tried until the first window listens (it listens once it is shown)."""
    while True:
        second = _main("--profile", str(profile))
        if second.returncode == 0 or time.monotonic() > deadline:
            return second
        time.sleep(0.5)


def test_a_second_start_brings_the_first_forward_and_the_cli_refuses(tmp_path):
    profile = tmp_path / "p"
    first = subprocess.Popen([sys.executable, "main.py", "--profile", str(profile)], cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV)
    try:
        assert first.stdout.readline().startswith("central API: ")  # the demo is up
        second = _forwarded(profile, time.monotonic() + 45)
        assert second.returncode == 0, second.stderr
        assert f"already open on {profile} (process {first.pid})" in second.stdout
        assert first.poll() is None  # the first goes on
        for command in (("sync", "--once"), ("logout",)):
            refused = _main(*command, "--profile", str(profile))
            assert refused.returncode == 2, command
            assert refused.stderr.strip().splitlines() == [
                f"error: the profile {profile} is in use by Reviewer Workstation "
                f"(process {first.pid}); close it first"], command
    finally:
        first.terminate()
        first.wait(15)
    after = _main("sync", "--once", "--profile", str(profile))
    assert "in use" not in after.stderr  # the lock went with its process
