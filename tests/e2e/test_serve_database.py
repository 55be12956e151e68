"""`main.py serve` and `main.py admin` on either database, as an operator runs them.

PostgreSQL here is a throwaway cluster of the test's own (tests/postgres_cluster.py); the
server is the real command with several worker processes sharing one port.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import httpx
import pytest

from server.store.database import open_database
from server.store.schema import SCHEMA_VERSION
from tests.postgres_cluster import PostgresCluster, find_pg_bin

ROOT = Path(__file__).resolve().parents[2]


def _run(*args: str, timeout: float = 90, stdin: str | None = None):
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=timeout, input=stdin)


def _serve(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "main.py", "serve", *args], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def _free_port() -> int:
    import socket
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_healthy(url: str, process: subprocess.Popen, timeout: float = 180) -> None:
    # Generous: two workers import the whole stack and seed at once, on a shared 2-core machine.
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, process.stderr.read()
        try:
            if httpx.get(f"{url}/v1/health", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.1)
    raise AssertionError(f"{url} never became healthy")


def _workers(pid: int) -> list[int]:
    """uvicorn's worker processes under `pid` (not multiprocessing's resource tracker)."""
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return [int(child) for child in children
            if b"spawn_main" in Path(f"/proc/{child}/cmdline").read_bytes()]


@pytest.fixture(scope="module")
def cluster():
    bin_dir = find_pg_bin()
    if bin_dir is None:
        pytest.skip("PostgreSQL NOT TESTED: no initdb (bash packaging/system-deps.sh test)")
    running = PostgresCluster(bin_dir).start()
    yield running
    running.stop()


def test_postgresql_in_one_command_with_several_workers(cluster):
    url = cluster.url(cluster.create_database())
    assert _run("admin", "migrate", "--db", url).returncode == 0
    port = _free_port()
    server = _serve("--db", url, "--seed", "3", "--workers", "2", "--port", str(port))
    try:
        api = f"http://127.0.0.1:{port}"
        _wait_healthy(api, server)
        assert len(_workers(server.pid)) == 2  # two API processes behind one port
        added = _run("admin", "add-reviewer", "alex", "--role", "reviewer", "--db", url)
        assert added.returncode == 0, added.stderr
        headers = {"Authorization": f"Bearer {added.stdout.strip()}"}
        with httpx.Client(base_url=api, headers=headers, timeout=10) as client:
            claimed = [client.post("/v1/queues/appeals/claim", json={"count": 2}).json()
                       for _ in range(4)]  # spread over both workers by the kernel
        ids = [case["id"] for answer in claimed for case in answer["cases"]]
        assert ids and set(ids) == {case["id"] for case in claimed[-1]["cases"]}
    finally:
        server.terminate()
        server.wait(30)


def test_several_workers_need_postgresql(tmp_path):
    answer = _run("serve", "--db", str(tmp_path / "central.sqlite3"), "--workers", "2")
    assert answer.returncode == 2
    assert "--workers above 1 needs a PostgreSQL database" in answer.stderr


def test_an_out_of_date_schema_is_refused_until_migrated(tmp_path):
    db = tmp_path / "central.sqlite3"
    open_database(db).close()
    with closing(sqlite3.connect(db)) as raw:  # as a server of schema version 5 left it
        for statement in ("DROP TABLE rate_buckets", "DROP TABLE login_failures",
                          "DROP TABLE maintenance", "PRAGMA user_version = 5"):
            raw.execute(statement)
    refused = _run("serve", "--db", str(db), "--port", str(_free_port()))
    assert refused.returncode == 2
    assert "run `main.py admin migrate --db" in refused.stderr
    migrated = _run("admin", "migrate", "--db", str(db))
    assert migrated.returncode == 0 and f"schema version {SCHEMA_VERSION}" in migrated.stdout
    port = _free_port()
    server = _serve("--db", str(db), "--port", str(port))
    try:
        _wait_healthy(f"http://127.0.0.1:{port}", server)
    finally:
        server.terminate()
        server.wait(30)
