"""The central API under many reviewers at once: claim one case, decide it, repeat.

What an organisation asks before choosing a deployment: how many decisions a second, and how
slow the slowest 1 % of requests, on SQLite (one process) and on PostgreSQL with 1 and 4 API
processes, for 40 and 200 concurrent reviewers. The reviewers are the project's own HTTP
client shape (httpx, keep-alive, one connection each) in LOAD_PROCESSES processes of asyncio
tasks, on the same machine as the server, so the figures are what one box can do end to end,
load generator included. PostgreSQL is a throwaway cluster (tests/postgres_cluster.py).

Where the time goes is printed under the figures, per back end and setup: for claims and
decisions, the mean time a reviewer waited, how much of it the server spent (its
Server-Timing header, server/store/request_timing.py: SQL, waits for a connection, the rest
Python and waits for a thread), statements and transactions per request; the CPU seconds the
API, PostgreSQL and the load generator used against what the cores had; and what PostgreSQL's
backends were doing (api_load_probes.py). Every reviewer's HTTP client is built before the
clock starts, as a workstation builds its one client at start-up.

Run alone: python -m tests.bench.central_api_load [--seconds S] [--setup postgresql:4]
[--reviewers 200]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import secrets
import ssl
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
from server.store import request_timing
from server.store.database import open_database
from server.store.schema import authors, cases, reviewers
from server.timeutil import to_iso, utcnow
from tests.bench.api_load_probes import BackendSampler, postmaster_pid, tree_cpu_seconds
from tests.bench.results import Figure
from tests.postgres_cluster import PostgresCluster, find_pg_bin
from tests.server_process import ServerProcess

ROOT = Path(__file__).resolve().parents[2]
SETUPS = (("sqlite", 1), ("postgresql", 1), ("postgresql", 4))
REVIEWER_COUNTS = (40, 200)
LOAD_PROCESSES = 2
QUEUE = "appeals"
CASES = 10_000  # more than any run decides: nobody ever finds the queue empty


def run(tmp: Path, seconds: float = 15.0, setups=SETUPS,
        reviewer_counts=REVIEWER_COUNTS) -> list[Figure]:
    tmp.mkdir(parents=True, exist_ok=True)
    bin_dir = find_pg_bin()
    wants_pg = any(backend == "postgresql" for backend, _ in setups)
    cluster = PostgresCluster(bin_dir).start() if bin_dir and wants_pg else None
    rows = []
    try:
        for backend, workers in setups:
            if backend == "postgresql" and cluster is None:
                print("central API load: PostgreSQL NOT MEASURED (no initdb)", file=sys.stderr)
                continue
            for count in reviewer_counts:
                target = (tmp / f"load-{workers}-{count}.sqlite3" if backend == "sqlite"
                          else cluster.url(cluster.create_database()))
                rows.append((backend, workers, count, _measure(target, workers, count, seconds,
                                                               tmp, cluster)))
    finally:
        if cluster is not None:
            cluster.stop()
    print(_side_by_side(rows))
    print(_where_time_goes(rows))
    return [figure for row in rows for figure in _figures(*row)]


def _measure(target, workers: int, count: int, seconds: float, tmp: Path,
             cluster: PostgresCluster | None) -> dict:
    tokens = _prepare(target, count)
    log = tmp / "server.log"
    with ServerProcess(target, workers=workers, log_path=log,
                       env={request_timing.ENV_VAR: "1"}) as server:
        postmaster = postmaster_pid(cluster.data_dir) if isinstance(target, str) else None
        return _drive(server.url, tokens, seconds, tmp, server.pid, postmaster,
                      target if isinstance(target, str) else None)


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
        if database.is_postgresql:  # the statistics autovacuum gathers within a minute of a
            with database.engine.connect() as conn:  # bulk load; without them the own-leases
                conn.execution_options(isolation_level="AUTOCOMMIT")  # lookup walks the queue
                conn.exec_driver_sql("ANALYZE")
    finally:
        database.close()
    return tokens


def _drive(url: str, tokens: list[str], seconds: float, tmp: Path, server_pid: int,
           postmaster: int | None, pg_url: str | None) -> dict:
    """Start the load processes, let each build its clients, then start them all at once."""
    shares = [tokens[i::LOAD_PROCESSES] for i in range(LOAD_PROCESSES)]
    drivers = []
    for index, share in enumerate(shares):
        spec = tmp / f"drive-{index}.json"
        spec.write_text(json.dumps({"url": url, "tokens": share, "seconds": seconds}))
        drivers.append(subprocess.Popen(
            [sys.executable, "-m", "tests.bench.central_api_load", "--drive", str(spec)],
            cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True))
    for driver in drivers:  # "ready": clients built, nothing sent yet
        if driver.stdout.readline().strip() != "ready":
            raise RuntimeError("a load process failed to start")
    server_cpu, pg_cpu = tree_cpu_seconds(server_pid), _pg_cpu(postmaster)
    sampler = BackendSampler(pg_url).start() if pg_url else None
    start_at = time.time() + 0.5
    went = time.monotonic()
    for driver in drivers:
        driver.stdin.write(f"{start_at}\n")
        driver.stdin.flush()
    results = [json.loads(driver.communicate(timeout=seconds + 120)[0]) for driver in drivers]
    # CPU of the API and PostgreSQL is read from "go" to the last answer: the requests still
    # in flight at the end count, so the window is that long, not `seconds`.
    window = time.monotonic() - went
    cpu = {"api": tree_cpu_seconds(server_pid) - server_cpu,
           "load generator": sum(r["cpu_s"] for r in results)}
    if postmaster is not None:
        cpu["PostgreSQL"] = _pg_cpu(postmaster) - pg_cpu
    decide = sorted(ms for r in results for ms in r["decide_ms"])
    claim = sorted(ms for r in results for ms in r["claim_ms"])
    return {"decisions_per_s": len(decide) / seconds, "decide_p99_ms": _p99(decide),
            "claim_p99_ms": _p99(claim), "errors": sum(r["errors"] for r in results),
            "server": _sum_breakdowns([r["server"] for r in results]), "cpu": cpu,
            "backends": sampler.stop() if sampler else {}, "window_s": window}


def _pg_cpu(postmaster: int | None) -> float:
    return tree_cpu_seconds(postmaster) if postmaster is not None else 0.0


def _sum_breakdowns(parts: list[dict]) -> dict:
    total: dict[str, dict[str, float]] = {}
    for part in parts:
        for endpoint, figures in part.items():
            into = total.setdefault(endpoint, {})
            for name, value in figures.items():
                into[name] = into.get(name, 0.0) + value
    return total


def _p99(values: list[float]) -> float:
    return values[min(len(values) - 1, int(len(values) * 0.99))] if values else float("nan")


class _Reviewer:
    """One reviewer: the project's client shape (one keep-alive connection), built up front."""

    def __init__(self, url: str, token: str, tls: ssl.SSLContext, out: dict) -> None:
        # One TLS context for all: httpx builds one per client otherwise (~0.1 s of CPU each,
        # which for 100 clients would eat the first seconds of the measurement).
        self.client = httpx.AsyncClient(base_url=url, headers={"Authorization": f"Bearer {token}"},
                                        timeout=60, verify=tls)
        self.out = out

    async def run(self, stop_at: float) -> None:
        out, client = self.out, self.client
        async with client:
            while time.time() < stop_at:
                began = time.perf_counter()
                claimed = await client.post(f"/v1/queues/{QUEUE}/claim", json={"count": 1})
                out["claim_ms"].append(_note(out, "claim", began, claimed))
                if claimed.status_code != 200 or not claimed.json()["cases"]:
                    out["errors"] += 1
                    continue
                body = {"decision_id": str(uuid.uuid4()),
                        "case_id": claimed.json()["cases"][0]["id"], "action": "no_violation",
                        "policy": "spam", "note": "", "decided_at": to_iso(utcnow())}
                began = time.perf_counter()
                decided = await client.post("/v1/decisions", json=body,
                                            headers={"Idempotency-Key": body["decision_id"]})
                ms = _note(out, "decide", began, decided)
                if decided.status_code == 201 and time.time() < stop_at:
                    out["decide_ms"].append(ms)
                elif decided.status_code != 201:
                    out["errors"] += 1


def _note(out: dict, endpoint: str, began: float, response: httpx.Response) -> float:
    """The request's time as the reviewer saw it; its Server-Timing figures summed per endpoint."""
    ms = (time.perf_counter() - began) * 1000
    into = out["server"].setdefault(endpoint, {"n": 0, "client": 0.0})
    into["n"] += 1
    into["client"] += ms
    for name, value in request_timing.parse_header(
            response.headers.get("server-timing", "")).items():
        into[name] = into.get(name, 0.0) + value
    return ms


async def _drive_share(spec: dict) -> dict:
    out = {"claim_ms": [], "decide_ms": [], "errors": 0, "server": {}}
    tls = ssl.create_default_context()
    reviewers_ = [_Reviewer(spec["url"], token, tls, out) for token in spec["tokens"]]
    print("ready", flush=True)
    start_at = float(await asyncio.to_thread(sys.stdin.readline))
    await asyncio.sleep(max(0.0, start_at - time.time()))
    cpu_before = time.process_time()
    stop_at = time.time() + spec["seconds"]
    await asyncio.gather(*(reviewer.run(stop_at) for reviewer in reviewers_))
    out["cpu_s"] = time.process_time() - cpu_before
    return out


def _side_by_side(rows: list) -> str:
    lines = [f"central API load on {os.cpu_count()} cores (server and load generator share them)",
             f"{'back end':<12}{'workers':>8}{'reviewers':>10}{'decisions/s':>13}"
             f"{'decide p99 ms':>15}{'claim p99 ms':>14}{'errors':>8}"]
    for backend, workers, count, r in rows:
        lines.append(f"{backend:<12}{workers:>8}{count:>10}{r['decisions_per_s']:>13.1f}"
                     f"{r['decide_p99_ms']:>15.1f}{r['claim_p99_ms']:>14.1f}{r['errors']:>8}")
    return "\n".join(lines)


def _where_time_goes(rows: list) -> str:
    cores = os.cpu_count() or 1
    lines = ["where the time goes, mean ms per request: `reviewer` as the reviewer waited, "
             "`server` from its Server-Timing (`sql` inside statements, `wait` for a pooled "
             "connection or the SQLite writer, `rest` Python and waits for a thread or the "
             "GIL), `outside` = reviewer - server (queued before the server read it, or in "
             "the load generator's own loop)",
             f"{'back end':<12}{'wkr':>4}{'rev':>5}  {'request':<8}{'reviewer':>9}{'server':>8}"
             f"{'sql':>7}{'wait':>7}{'rest':>7}{'outside':>9}{'stmts':>7}{'txns':>6}{'count':>7}"]
    for backend, workers, count, r in rows:
        for endpoint in ("claim", "decide"):
            f = r["server"].get(endpoint)
            if not f or not f["n"]:
                continue
            n = f["n"]
            app, sql, wait = f.get("app", 0) / n, f.get("sql", 0) / n, f.get("wait", 0) / n
            lines.append(
                f"{backend:<12}{workers:>4}{count:>5}  {endpoint:<8}{f['client'] / n:>9.1f}"
                f"{app:>8.1f}{sql:>7.1f}{wait:>7.1f}{app - sql - wait:>7.1f}"
                f"{f['client'] / n - app:>9.1f}{f.get('stmt', 0) / n:>7.1f}"
                f"{f.get('txn', 0) / n:>6.1f}{n:>7.0f}")
        used = sum(r["cpu"].values())
        decisions = r["server"].get("decide", {}).get("n", 0)  # in the window, tail included
        window = r["window_s"]
        lines.append(f"{'':<21}CPU s in the {window:.0f} s to the last answer ({cores} cores: "
                     f"{cores * window:.0f}): " + ", ".join(
                         f"{who} {cpu:.1f}" for who, cpu in r["cpu"].items())
                     + f" = {used / (cores * window):.0%} of the machine; API "
                     + (f"{r['cpu']['api'] * 1000 / decisions:.0f} ms CPU per decision"
                        if decisions else "decided nothing")
                     + (" (the cores were the limit; the load generator shares them)"
                        if used >= 0.9 * cores * window else ""))
        if r["backends"]:
            lines.append(f"{'':<21}PostgreSQL backends, mean: " + ", ".join(
                f"{state} {n:.1f}" for state, n in r["backends"].items()))
    return "\n".join(lines)


def _figures(backend: str, workers: int, count: int, result: dict) -> list[Figure]:
    name = f"api_{backend}_{workers}w_{count}r"
    return [Figure(f"{name}_decisions_per_s", result["decisions_per_s"], "1/s",
                   better="higher"),
            Figure(f"{name}_decide_p99", result["decide_p99_ms"], "ms"),
            Figure(f"{name}_claim_p99", result["claim_p99_ms"], "ms")]




def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench.central_api_load")
    parser.add_argument("--drive", type=Path, help=argparse.SUPPRESS)  # a load process
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--setup", action="append", metavar="BACKEND:WORKERS",
                        help="e.g. postgresql:4 (repeatable; default: all three)")
    parser.add_argument("--reviewers", type=int, action="append",
                        help="concurrent reviewers (repeatable; default: 40 and 200)")
    args = parser.parse_args(argv)
    if args.drive:
        print(json.dumps(asyncio.run(_drive_share(json.loads(args.drive.read_text())))))
        return 0
    setups = tuple((backend, int(workers)) for backend, workers in
                   (setup.split(":") for setup in args.setup)) if args.setup else SETUPS
    import tempfile
    with tempfile.TemporaryDirectory(prefix="reviewer-load-") as tmp:
        run(Path(tmp), args.seconds, setups, tuple(args.reviewers or REVIEWER_COUNTS))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
