"""The central API in a process of its own, as an organisation runs it (`main.py serve`).

For the tests and benchmarks that need what a server thread inside the test process cannot give:
several worker processes (the race tests on PostgreSQL), a server whose CPU is its own (the load
and drain benchmarks), a process that can be killed.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]


class ServerProcess:
    """`main.py serve` on a free loopback port; a context manager that waits until it answers
    `/v1/health` and terminates it on the way out. Its stderr goes to `log_path` (or nowhere)."""

    def __init__(self, db: str | Path, *, workers: int = 1, env: dict | None = None,
                 log_path: Path | None = None) -> None:
        self.db, self.workers, self.log_path = db, workers, log_path
        self.env = {**os.environ, **(env or {})}
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None

    @property
    def pid(self) -> int:
        assert self.process is not None, "not started"
        return self.process.pid

    def start(self, timeout: float = 60) -> ServerProcess:
        log = self.log_path.open("wb") if self.log_path else subprocess.DEVNULL
        try:
            self.process = subprocess.Popen(
                [sys.executable, "main.py", "serve", "--db", str(self.db),
                 "--port", str(self.port), "--workers", str(self.workers)],
                cwd=ROOT, env=self.env, stdout=subprocess.DEVNULL, stderr=log)
        finally:
            if log is not subprocess.DEVNULL:
                log.close()  # the child has its own copy
        try:
            wait_healthy(self.url, self.process, timeout)
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)

    def __enter__(self) -> ServerProcess:
        return self.start()

    def __exit__(self, *_exc) -> None:
        self.stop()


def wait_healthy(url: str, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}")
        try:
            if httpx.get(f"{url}/v1/health", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise TimeoutError(f"{url} did not become healthy")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
