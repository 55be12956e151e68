"""Where the central API's time goes under load, seen from outside its processes.

Two probes for tests/bench/central_api_load.py, read while the reviewers run:

- CPU seconds per process tree (/proc): the API processes, the PostgreSQL backends. With the
  load generator's own figure this tells whether the cores were the limit, and who took them.
- What PostgreSQL's backends are doing (pg_stat_activity, ten times a second): running,
  waiting for a lock (and which kind), waiting for the API in the middle of a transaction
  ("idle in transaction": the transaction is open while Python works or waits for the GIL),
  or idle in the pool.
"""

from __future__ import annotations

import os
import threading
from collections import Counter
from pathlib import Path

import psycopg

_TICK = os.sysconf("SC_CLK_TCK")


def tree_cpu_seconds(root_pid: int) -> float:
    """User + system CPU of `root_pid` and every live descendant, in seconds."""
    children: dict[int, list[int]] = {}
    cpu: dict[int, float] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # exited meanwhile
        pid = int(entry.name)
        children.setdefault(int(fields[1]), []).append(pid)
        cpu[pid] = (int(fields[11]) + int(fields[12])) / _TICK
    total, stack = 0.0, [root_pid]
    while stack:
        pid = stack.pop()
        total += cpu.get(pid, 0.0)
        stack.extend(children.get(pid, ()))
    return total


def postmaster_pid(data_dir: Path) -> int | None:
    try:
        return int((data_dir / "postmaster.pid").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None


class BackendSampler:
    """Counts, ten times a second, the backends of one database by what they are doing."""

    def __init__(self, url: str) -> None:
        self._conninfo = url.replace("postgresql+psycopg://", "postgresql://", 1)
        self._database = self._conninfo.rsplit("/", 1)[1]
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="pg-sampler", daemon=True)
        self.counts: Counter[str] = Counter()
        self.samples = 0

    def start(self) -> BackendSampler:
        self._thread.start()
        return self

    def stop(self) -> dict[str, float]:
        """Mean number of backends in each state over the samples taken."""
        self._stop.set()
        self._thread.join(10)
        return {state: n / self.samples for state, n in self.counts.most_common()} \
            if self.samples else {}

    def _run(self) -> None:
        with psycopg.connect(self._conninfo, autocommit=True) as conn:
            while not self._stop.wait(0.1):
                rows = conn.execute(
                    "SELECT state, wait_event_type, wait_event FROM pg_stat_activity "
                    "WHERE datname = %s AND pid <> pg_backend_pid() "
                    "AND backend_type = 'client backend'", (self._database,)).fetchall()
                self.samples += 1
                for state, wait_type, wait_event in rows:
                    self.counts[_label(state, wait_type, wait_event)] += 1


def _label(state: str | None, wait_type: str | None, wait_event: str | None) -> str:
    if state == "active":
        if wait_type == "Lock":
            return f"lock wait ({wait_event})"
        if wait_type in (None, "CPU"):
            return "running"
        return f"waiting ({wait_type}:{wait_event})"
    if state and state.startswith("idle in transaction"):
        return "idle in transaction"
    return state or "unknown"
