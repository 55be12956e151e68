"""The central API under many reviewers at once: claim one case, decide it, repeat.

What an organisation asks before choosing a deployment: how many decisions a second, and how
slow the slowest 1 % of requests, on SQLite (one process) and on PostgreSQL with 1 and 4 API
processes, for 40 and 200 concurrent reviewers. The reviewers are the project's own HTTP
client shape (httpx, keep-alive, one connection each) in LOAD_PROCESSES processes of asyncio
tasks, on the same machine as the server, so the figures are what one box can do end to end,
load generator included. PostgreSQL is a throwaway cluster (tests/postgres_cluster.py).

Run alone: python -m tests.bench.central_api_load [--seconds S]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import secrets
import subprocess
import sys
import time
import uuid
from datetime import timedelta
from pathlib import Path

import httpx
from sqlalchemy import insert

from server.auth.tokens import hash_token
from server.queue_catalog import ensure_default_queues
from server.store.database import open_database
from server.store.schema import authors, cases, reviewers
from server.timeutil import to_iso, utcnow
from tests.bench.results import Figure
from tests.postgres_cluster import PostgresCluster, find_pg_bin

ROOT = Path(__file__).resolve().parents[2]
SETUPS = (("sqlite", 1), ("postgresql", 1), ("postgresql", 4))
REVIEWER_COUNTS = (40, 200)
LOAD_PROCESSES = 2
QUEUE = "appeals"
CASES = 10_000  # more than any run decides: nobody ever finds the queue empty


def run(tmp: Path, seconds: float = 15.0) -> list[Figure]:
    tmp.mkdir(parents=True, exist_ok=True)
    bin_dir = find_pg_bin()
    cluster = PostgresCluster(bin_dir).start() if bin_dir else None
    rows = []
    try:
        for backend, workers in SETUPS:
            if backend == "postgresql" and cluster is None:
                print("central API load: PostgreSQL NOT MEASURED (no initdb)", file=sys.stderr)
                continue
            for count in REVIEWER_COUNTS:
                target = (tmp / f"load-{workers}-{count}.sqlite3" if backend == "sqlite"
                          else cluster.url(cluster.create_database()))
                rows.append((backend, workers, count, _measure(target, workers, count, seconds,
                                                               tmp)))
    finally:
        if cluster is not None:
            cluster.stop()
    print(_side_by_side(rows))
    return [figure for row in rows for figure in _figures(*row)]


def _measure(target, workers: int, count: int, seconds: float, tmp: Path) -> dict:
    tokens = _prepare(target, count)
    port = _free_port()
    log = (tmp / f"server-{port}.log").open("wb")
    server = subprocess.Popen(
        [sys.executable, "main.py", "serve", "--db", str(target), "--port", str(port),
         "--workers", str(workers)], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=log)
    try:
        url = f"http://127.0.0.1:{port}"
        _wait_healthy(url, server)
        return _drive(url, tokens, seconds, tmp)
    finally:
        server.terminate()
        server.wait(30)
        log.close()


def _prepare(target, count: int) -> list[str]:
    """A database with CASES open cases in one queue and `count` reviewers; their tokens."""
    now = utcnow()
    tokens = [secrets.token_urlsafe(24) for _ in range(count)]
    database = open_database(target)
    try:
        with database.write() as conn:
            ensure_default_queues(conn)
            conn.execute(insert(authors).values(id="author-load", handle="load",
                                                display_name="Load", created_at=now, history=[]))
            conn.execute(insert(reviewers), [
                {"name": f"load-{i}", "role": "reviewer", "token_hash": hash_token(token),
                 "created_at": now} for i, token in enumerate(tokens)])
            conn.execute(insert(cases), [  # a day's backlog: deadlines and arrivals spread out
                {"id": f"load-{i:06d}", "queue_id": QUEUE, "author_id": "author-load",
                 "text": "load case", "language": "en", "region": "US", "policy_area": "spam",
                 "priority": 1 + i % 4, "sla_deadline": now + timedelta(seconds=7 * i),
                 "created_at": now - timedelta(seconds=5 * i), "status": "open"}
                for i in range(CASES)])
    finally:
        database.close()
    return tokens


def _drive(url: str, tokens: list[str], seconds: float, tmp: Path) -> dict:
    shares = [tokens[i::LOAD_PROCESSES] for i in range(LOAD_PROCESSES)]
    start_at = time.time() + 2.0  # every process starts its reviewers at the same moment
    drivers = []
    for index, share in enumerate(shares):
        spec = tmp / f"drive-{index}.json"
        spec.write_text(json.dumps({"url": url, "tokens": share, "start_at": start_at,
                                    "seconds": seconds}))
        drivers.append(subprocess.Popen(
            [sys.executable, "-m", "tests.bench.central_api_load", "--drive", str(spec)],
            cwd=ROOT, stdout=subprocess.PIPE, text=True))
    results = [json.loads(driver.communicate(timeout=seconds + 120)[0]) for driver in drivers]
    decide = sorted(ms for r in results for ms in r["decide_ms"])
    claim = sorted(ms for r in results for ms in r["claim_ms"])
    return {"decisions_per_s": len(decide) / seconds, "decide_p99_ms": _p99(decide),
            "claim_p99_ms": _p99(claim), "errors": sum(r["errors"] for r in results)}


def _p99(values: list[float]) -> float:
    return values[min(len(values) - 1, int(len(values) * 0.99))] if values else float("nan")


async def _reviewer(url: str, token: str, stop_at: float, out: dict) -> None:
    headers = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(base_url=url, headers=headers, timeout=60) as client:
        while time.time() < stop_at:
            began = time.perf_counter()
            claimed = await client.post(f"/v1/queues/{QUEUE}/claim", json={"count": 1})
            out["claim_ms"].append((time.perf_counter() - began) * 1000)
            if claimed.status_code != 200 or not claimed.json()["cases"]:
                out["errors"] += 1
                continue
            body = {"decision_id": str(uuid.uuid4()), "case_id": claimed.json()["cases"][0]["id"],
                    "action": "no_violation", "policy": "spam", "note": "",
                    "decided_at": to_iso(utcnow())}
            began = time.perf_counter()
            decided = await client.post("/v1/decisions", json=body,
                                        headers={"Idempotency-Key": body["decision_id"]})
            if decided.status_code == 201 and time.time() < stop_at:
                out["decide_ms"].append((time.perf_counter() - began) * 1000)
            elif decided.status_code != 201:
                out["errors"] += 1


async def _drive_share(spec: dict) -> dict:
    out = {"claim_ms": [], "decide_ms": [], "errors": 0}
    await asyncio.sleep(max(0.0, spec["start_at"] - time.time()))
    stop_at = time.time() + spec["seconds"]
    await asyncio.gather(*(_reviewer(spec["url"], token, stop_at, out)
                           for token in spec["tokens"]))
    return out


def _side_by_side(rows: list) -> str:
    lines = [f"central API load on {os.cpu_count()} cores (server and load generator share them)",
             f"{'back end':<12}{'workers':>8}{'reviewers':>10}{'decisions/s':>13}"
             f"{'decide p99 ms':>15}{'claim p99 ms':>14}{'errors':>8}"]
    for backend, workers, count, r in rows:
        lines.append(f"{backend:<12}{workers:>8}{count:>10}{r['decisions_per_s']:>13.1f}"
                     f"{r['decide_p99_ms']:>15.1f}{r['claim_p99_ms']:>14.1f}{r['errors']:>8}")
    return "\n".join(lines)


def _figures(backend: str, workers: int, count: int, result: dict) -> list[Figure]:
    name = f"api_{backend}_{workers}w_{count}r"
    return [Figure(f"{name}_decisions_per_s", result["decisions_per_s"], "1/s",
                   better="higher"),
            Figure(f"{name}_decide_p99", result["decide_p99_ms"], "ms"),
            Figure(f"{name}_claim_p99", result["claim_p99_ms"], "ms")]


def _wait_healthy(url: str, process: subprocess.Popen, timeout: float = 60) -> None:
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


def _free_port() -> int:
    import socket
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench.central_api_load")
    parser.add_argument("--drive", type=Path, help=argparse.SUPPRESS)  # a load process
    parser.add_argument("--seconds", type=float, default=15.0)
    args = parser.parse_args(argv)
    if args.drive:
        print(json.dumps(asyncio.run(_drive_share(json.loads(args.drive.read_text())))))
        return 0
    import tempfile
    with tempfile.TemporaryDirectory(prefix="reviewer-load-") as tmp:
        run(Path(tmp), args.seconds)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
