"""Outbox drain: 10,000 queued decisions pushed to the local reference server.

The client is the real push path (`SyncEngine.push` -> `OutboxPusher`, batches of BATCH_SIZE,
MAX_IN_FLIGHT requests out at once) over a profile store whose outbox holds 10,000 decisions
on 10,000 claimed cases; the server is the real one over a seeded SQLite file. It is measured in two
shapes, side by side, on copies of one prepared pair (server database and store):

- **own process**, the shape every deployment has: the central API runs as `main.py serve`,
  a process of its own, as it does on the organisation's machine. The workstation's and the
  server's work overlap as they do across a network. The issue's target is on this figure.
- **one process**: the server in a thread of this process (`ServerThread`, as in the demo and
  the tests). Client and server share one interpreter lock, so the drain's time is close to
  their summed CPU: a view of the total work per decision, kept to compare with earlier rounds.

The drain rate alone says little on another machine, so each shape also times a bare loop of
10,000 minimal requests (`GET /v1/health`, one keep-alive connection) against the same server:
the ratio of the two is the figure to compare across machines. It is well above 1 because one
batch request carries BATCH_SIZE (500) decisions; it falls when per-decision work (SQLite
writes, JSON, the server's per-item checks) grows.

Run alone with `python -m tests.bench.outbox_drain [--profile | --profile-server]` (saves its
own figures too); `--profile` prints where the client thread spends the drain instead (cProfile
sees only the thread it runs on, not the server's threads), `--profile-server` where the
server's batch handler (server/decision_batch/) spends it, on the server's worker threads (the
one-process shape: the profiler must be in the server's process).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

import httpx

from reviewer.actions import DECISION_KINDS, ActionId
from reviewer.sync.api_client import ApiClient
from reviewer.store.case_cache import CaseCache
from reviewer.domain import Case, Decision
from reviewer.review.outbox import Outbox
from reviewer.profile import Profile
from reviewer.sync.push import BATCH_SIZE
from reviewer.store.database import open_store
from reviewer.sync.engine import SyncEngine
from server.auth.accounts import add_reviewer
from server.runner import ServerThread
from server.demo.seed import seed_database
from tests.bench.results import RESULTS_PATH, Figure, save, table
from tests.server_process import ServerProcess

DECISIONS = 10_000
# A few more cases than decisions: seed_database's four awkward cases are among them, and the
# claim order must not run short if a queue ends up with fewer claimable cases than expected.
SEEDED_CASES = 10_200
CLAIM_CHUNK = 200  # the server's per-claim maximum (ClaimRequest.count)
BARE_REQUESTS = 10_000
# Final actions in turn; every 20th decision escalates (with the note it needs), so the server
# also takes its other per-item path (case moved to the escalations queue, still open).
FINAL_ACTIONS = (ActionId.REMOVE, ActionId.NO_VIOLATION, ActionId.LABEL_SENSITIVE,
                 ActionId.RESTRICT_REACH, ActionId.SUSPEND)
ESCALATE_EVERY = 20


def prepare(workdir: Path, log: Callable[[str], None]) -> tuple[Path, Path, str]:
    """Seed a central database (about 4 s for 10,200 cases), claim 10,000 of its cases and queue
    a decision on each in a workstation store: (database, profile folder, reviewer's token).

    Shipped server defaults, rate limiting included: a drain sends about 20 authenticated
    requests and the claims 50, well inside the default burst, so none is throttled.
    """
    db_path = workdir / "central.sqlite3"
    seed_database(db_path, cases=SEEDED_CASES)
    token = add_reviewer(db_path, "bench-reviewer", "reviewer")
    profile_dir = workdir / "profile"
    with ServerThread(db_path) as server:
        log("server seeded and started")
        client = ApiClient(server.url, token)
        try:
            queue_decisions(Profile(profile_dir).ensure().store_path, client, DECISIONS)
        finally:
            client.close()
    log(f"{DECISIONS} decisions queued")
    return db_path, profile_dir, token


def copy_of(db_path: Path, profile_dir: Path, into: Path) -> tuple[Path, Path]:
    """The prepared pair copied into `into`, so that each shape drains the same decisions."""
    into.mkdir()
    for suffix in ("", "-wal", "-shm"):
        if Path(f"{db_path}{suffix}").exists():
            shutil.copy(f"{db_path}{suffix}", into / f"{db_path.name}{suffix}")
    shutil.copytree(profile_dir, into / profile_dir.name)
    return into / db_path.name, Profile(into / profile_dir.name).ensure().store_path


def claim_cases(client: ApiClient, cache: CaseCache, wanted: int) -> list[Case]:
    """Claim `wanted` cases queue by queue in chunks of 200, caching each chunk as the sync
    engine's pull does."""
    claimed: dict[str, Case] = {}  # by id: a claim hands the caller's own leases back first
    queues = client.queues()
    cache.save_queues(queues)
    for queue in queues:
        while len(claimed) < wanted:
            cases, lease = client.claim(queue.id, min(CLAIM_CHUNK, wanted - len(claimed)))
            new = [case for case in cases if case.id not in claimed]
            if not new:
                break  # this queue has nothing unheld left: go on to the next one
            cache.save_cases(new, lease)
            claimed.update((case.id, case) for case in new)
    if len(claimed) < wanted:
        raise AssertionError(f"claimed only {len(claimed)} of {wanted} cases")
    return list(claimed.values())[:wanted]


def decision_for(index: int, case: Case) -> Decision:
    escalate = index % ESCALATE_EVERY == ESCALATE_EVERY - 1
    action = ActionId.ESCALATE if escalate else FINAL_ACTIONS[index % len(FINAL_ACTIONS)]
    # A note wherever the UI asks for one, so the bodies are the size real ones are.
    note = "Reason and plan for the specialist." if DECISION_KINDS[action].needs_note else ""
    return Decision.new(case.id, action, case.policy_area, note)


def queue_decisions(store_path: Path, client: ApiClient, count: int) -> None:
    """Claim `count` cases and record one decision on each through `Outbox.record`.

    Setup, not measured: exactly what the UI writes, one synchronous=FULL transaction per
    decision (about 0.25 ms each on this machine's disk, so 10,000 take a few seconds).
    """
    db = open_store(store_path)
    try:
        cases = claim_cases(client, CaseCache(db), count)
        outbox = Outbox(db)
        for index, case in enumerate(cases):
            outbox.record(decision_for(index, case))
        waiting = outbox.waiting()
    finally:
        db.conn.close()
    if waiting != count:
        raise AssertionError(f"{waiting} decisions queued, expected {count}")


def time_drain(store_path: Path, client: ApiClient,
               profiler: cProfile.Profile | None = None) -> tuple[float, int]:
    """Seconds for one `SyncEngine.push()` to send the whole outbox, and how many it sent."""
    engine = SyncEngine(store_path, client)
    engine.status(None)  # opens the engine's store connection outside the clock
    if profiler:
        profiler.enable()
    start = time.perf_counter()
    sent = engine.push()
    elapsed = time.perf_counter() - start
    if profiler:
        profiler.disable()
    return elapsed, sent


def time_bare_requests(url: str, count: int) -> float:
    """Seconds for `count` GET /v1/health on one keep-alive connection: the floor any request
    to this server pays (HTTP parsing, routing, response) on this machine in this run."""
    with httpx.Client(base_url=url, timeout=10) as http:
        http.get("/v1/health").raise_for_status()  # connect outside the clock
        start = time.perf_counter()
        for _ in range(count):
            if http.get("/v1/health").status_code != 200:
                raise AssertionError("GET /v1/health failed during the bare loop")
        return time.perf_counter() - start


def verify_drained(store_path: Path, server_db: Path, count: int) -> None:
    """Every local entry accepted, and the server holds exactly those decisions, once each."""
    db = open_store(store_path)
    try:
        counts = Outbox(db).counts()
        local_ids = {r[0] for r in db.execute("SELECT decision_id FROM outbox")}
    finally:
        db.conn.close()
    if counts["accepted"] + counts["awaiting_approval"] != count or sum(counts.values()) != count:
        raise AssertionError(f"outbox after the drain: {counts}")
    # Read-only, outside the server's own connections: only a count and the ids are needed.
    conn = sqlite3.connect(f"file:{server_db}?mode=ro", uri=True)
    try:
        server_ids = {r[0] for r in conn.execute("SELECT decision_id FROM decisions")}
    finally:
        conn.close()
    if len(server_ids) != count or server_ids != local_ids:
        raise AssertionError(f"server holds {len(server_ids)} decisions, "
                             f"{len(server_ids & local_ids)} of the {count} sent")


def measure(url: str, token: str, store_path: Path, profiler: cProfile.Profile | None,
            log: Callable[[str], None]) -> tuple[float, float]:
    """(drain seconds, bare loop seconds) against the server at `url`."""
    client = ApiClient(url, token)
    try:
        # The bare loop runs half before and half after the drain: this 2-core VM has slow
        # spells lasting seconds, and bracketing the drain lets one hit both sides of the ratio.
        bare_s = time_bare_requests(url, BARE_REQUESTS // 2)
        drain_s, sent = time_drain(store_path, client, profiler)
        log(f"drain: {drain_s:.2f} s")
        bare_s += time_bare_requests(url, BARE_REQUESTS - BARE_REQUESTS // 2)
        log(f"bare loop: {bare_s:.2f} s")
    finally:
        client.close()
    if sent != DECISIONS:
        raise AssertionError(f"push sent {sent} decisions, expected {DECISIONS}")
    return drain_s, bare_s


def run(workdir: Path, profiler: cProfile.Profile | None = None,
        log: Callable[[str], None] = lambda _line: None,
        shapes: tuple[str, ...] = ("own_process", "one_process")) -> list[Figure]:
    workdir.mkdir(parents=True, exist_ok=True)
    db_path, profile_dir, token = prepare(workdir, log)
    figures = []
    for shape in shapes:
        server_db, store_path = copy_of(db_path, profile_dir, workdir / shape)
        log(f"{shape.replace('_', ' ')}:")
        if shape == "own_process":
            with ServerProcess(server_db, log_path=workdir / "server.log") as server:
                drain_s, bare_s = measure(server.url, token, store_path, profiler, log)
        else:
            with ServerThread(server_db) as server:
                drain_s, bare_s = measure(server.url, token, store_path, profiler, log)
        verify_drained(store_path, server_db, DECISIONS)
        figures += shape_figures(shape, drain_s, bare_s)
    return figures


def shape_figures(shape: str, drain_s: float, bare_s: float) -> list[Figure]:
    """The one-process figures keep the names earlier rounds measured in that shape."""
    tag = "_own_process" if shape == "own_process" else ""
    drain_rate, bare_rate = DECISIONS / drain_s, BARE_REQUESTS / bare_s
    # The ratio's floor is the performance issue's: draining at least 10× a bare request loop.
    return [
        Figure(f"outbox_drain{tag}_10k", drain_s, "s"),
        Figure(f"outbox_drain{tag}_decisions_per_s", drain_rate, "decisions/s", better="higher"),
        Figure(f"bare_http{tag}_requests_per_s", bare_rate, "requests/s", better="higher"),
        Figure(f"outbox_drain{tag}_ratio_to_bare_http", drain_rate / bare_rate,
               f"× bare (>1: {BATCH_SIZE} decisions/request)",
               10.0 if shape == "own_process" else None, better="higher"),
    ]


def profile_server_batches(profiler: cProfile.Profile) -> None:
    """Let `profiler` see every batch the server decides, on whichever worker thread runs it
    (one batch at a time: the push waits for each answer)."""
    import server.api.sync as sync_api
    handler = sync_api.record_decision_batch

    def profiled(*args, **kwargs):
        profiler.enable()
        try:
            return handler(*args, **kwargs)
        finally:
            profiler.disable()

    sync_api.record_decision_batch = profiled


def profile_report(profiler: cProfile.Profile, top: int = 35) -> str:
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).strip_dirs()
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)
    return out.getvalue()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench.outbox_drain")
    parser.add_argument("--profile", action="store_true",
                        help="cProfile the client thread during the drain; figures are not saved")
    parser.add_argument("--profile-server", action="store_true",
                        help="cProfile the server's batch handler instead; figures are not saved")
    args = parser.parse_args(argv)
    profiler = cProfile.Profile() if args.profile or args.profile_server else None
    if args.profile_server:
        profile_server_batches(profiler)
    started = time.perf_counter()

    def log(line: str) -> None:
        print(f"[{time.perf_counter() - started:6.1f} s] {line}", file=sys.stderr)

    # The server's handler can only be profiled in this process: the one-process shape alone.
    shapes = ("one_process",) if args.profile_server else ("own_process", "one_process")
    with tempfile.TemporaryDirectory(prefix="reviewer-drain-") as tmp:
        figures = run(Path(tmp), None if args.profile_server else profiler, log, shapes)
    print(table(figures))
    if profiler:  # cProfile slows the client side down: such figures are not kept
        print("\n(profiled run: figures were not saved)\n")
        print(profile_report(profiler))
    else:
        save(figures)  # replaces only this benchmark's entries
        print(f"\nwritten to {RESULTS_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
