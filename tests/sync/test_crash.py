"""1,000 decisions while the workstation process is SIGKILLed 50 times.

`crash_client.py` is a real workstation core without a screen (real store file, real
SyncEngine, real HTTP to the real server). It is killed at the moments that matter: inside the
outbox write before its COMMIT, after the commit before the send, after the send before the
answer is recorded, inside the write of the answer before its COMMIT, and at random moments
from outside. It is started again after every kill,
on the same profile, and finally left to finish. Whatever committed locally must be on the
server exactly once; whatever did not commit must be nowhere.
"""

from __future__ import annotations

import json
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from tests.sync.big_server import start_big_server

DECISIONS = 1000
CHILD = Path(__file__).with_name("crash_client.py")
REPO = Path(__file__).resolve().parents[2]
# 50 kills: the three moments inside the client, plus kills from outside at random times.
KILL_PLAN = (["in_write"] * 12 + ["before_send"] * 10 + ["after_send"] * 8
             + ["answer_write"] * 6 + ["parent"] * 14)
TRIGGERS = {"in_write": (1, 12), "before_send": (1, 3), "after_send": (1, 3),
            "answer_write": (1, 3)}
SELF_KILLS = {mode: KILL_PLAN.count(mode) for mode in TRIGGERS}
PARENT_KILL_AFTER = (0.1, 0.4)  # seconds after spawn; start-up takes ~0.2 s, so some land in it
CHILD_TIMEOUT = 60.0


@pytest.fixture(scope="module")
def big_api(tmp_path_factory):
    api = start_big_server(tmp_path_factory, 1200, "crash", {"crash-reviewer": "reviewer"})
    try:
        yield api
    finally:
        api.stop()


class Workstation:
    """Spawns crash_client.py on one profile, again and again."""

    def __init__(self, api, workdir: Path):
        self.workdir = workdir
        self.store = workdir / "profile" / "store.sqlite3"
        self.journal = workdir / "journal.jsonl"
        self.stderr = workdir / "child-stderr.log"
        self.base = {"store": str(self.store), "url": api.url,
                     "token": api.tokens["crash-reviewer"], "target": DECISIONS,
                     "journal": str(self.journal)}
        self.spawns = 0

    def spawn(self, mode: str, trigger: int = 0, seed: int = 0) -> subprocess.Popen:
        self.spawns += 1
        cfg = {**self.base, "mode": mode, "trigger": trigger, "seed": seed,
               "push_every": 1 + seed % 6}
        with open(self.stderr, "a", encoding="utf-8") as err:
            err.write(f"--- spawn {self.spawns}: mode={mode} trigger={trigger}\n")
            err.flush()
            return subprocess.Popen([sys.executable, str(CHILD), json.dumps(cfg)], cwd=REPO,
                                    stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                    stderr=err)

    def journal_entries(self) -> list[dict]:
        if not self.journal.exists():
            return []
        return [json.loads(line) for line in self.journal.read_text().splitlines() if line]

    def local_rows(self) -> dict[str, tuple]:
        with sqlite3.connect(self.store) as conn:
            return {r[0]: r[1:] for r in conn.execute(
                "SELECT decision_id, case_id, action, state, attempts FROM outbox")}

    def failure(self, what: str) -> str:
        return f"{what}; child stderr:\n{self.stderr.read_text()[-3000:]}"


def test_a_thousand_decisions_survive_fifty_sigkills_exactly_once(big_api, tmp_path):
    rng = random.Random(4242)
    plan = KILL_PLAN[:]
    rng.shuffle(plan)
    station = Workstation(big_api, tmp_path)
    started = time.monotonic()
    kills: Counter[str] = Counter()
    committed_before_kill = []
    for number, mode in enumerate(plan):
        trigger = rng.randint(*TRIGGERS[mode]) if mode in TRIGGERS else 0
        child = station.spawn("none" if mode == "parent" else mode, trigger, seed=number)
        if mode == "parent":
            time.sleep(rng.uniform(*PARENT_KILL_AFTER))
            child.send_signal(signal.SIGKILL)
        try:
            code = child.wait(CHILD_TIMEOUT)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
            pytest.fail(station.failure(f"child {number} ({mode}) hung"))
        assert code == -signal.SIGKILL, station.failure(
            f"child {number} ({mode}, trigger {trigger}) exited {code} instead of being killed; "
            f"{len(station.local_rows())} decisions recorded so far")
        kills[mode] += 1
        committed_before_kill.append(len(station.local_rows()))
    killed_at = len(station.local_rows())

    final = station.spawn("none", seed=999)
    try:
        code = final.wait(CHILD_TIMEOUT)
    except subprocess.TimeoutExpired:
        final.kill()
        final.wait()
        pytest.fail(station.failure("the last child did not finish"))
    assert code == 0, station.failure(f"the last child exited {code}")
    elapsed = time.monotonic() - started
    journal = station.journal_entries()
    print(f"\n50 kills {dict(kills)} then finish: {elapsed:.1f}s; {killed_at} decisions "
          f"recorded before the last start; journal {Counter(j['mode'] for j in journal)}")

    assert sum(kills.values()) == 50
    assert {mode: kills[mode] for mode in SELF_KILLS} == SELF_KILLS
    assert killed_at < DECISIONS, "the kills all landed before any real work"
    # The kills were spread over the work, not bunched at its start.
    assert committed_before_kill[len(plan) // 2] > 0

    # The journal names what was in flight at each self-inflicted kill.
    by_mode: dict[str, list[dict]] = {}
    for entry in journal:
        by_mode.setdefault(entry["mode"], []).append(entry)
    assert {m: len(v) for m, v in by_mode.items()} == SELF_KILLS
    assert all(e["visible_before_commit"] == 1 for e in by_mode["in_write"])
    assert all(s == 201 for e in by_mode["after_send"] for s in e["statuses"])
    assert all(e["states_before_commit"] == ["accepted"] for e in by_mode["answer_write"])

    # Locally: exactly DECISIONS decisions committed, all accepted, store intact.
    local = station.local_rows()
    assert len(local) == DECISIONS
    assert Counter(row[2] for row in local.values()) == {"accepted": DECISIONS}
    with sqlite3.connect(station.store) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        decided_cases = {r[0] for r in conn.execute(
            "SELECT id FROM cases WHERE local_state = 'decided'")}
    assert decided_cases == {row[0] for row in local.values()}

    # On the server: every locally committed decision exactly once, and nothing else.
    on_server = big_api.decisions()
    server_ids = [d["decision_id"] for d in on_server]
    duplicates = [i for i, n in Counter(server_ids).items() if n > 1]
    assert not duplicates, f"{len(duplicates)} decisions recorded twice"
    assert set(server_ids) - set(local) == set(), "server has decisions never committed here"
    assert set(local) - set(server_ids) == set(), "committed decisions never reached the server"
    for decision in on_server:
        case_id, action, _state, _attempts = local[decision["decision_id"]]
        assert (decision["case_id"], decision["action"], decision["reviewer"]) == (
            case_id, action, "crash-reviewer")
    assert len({d["case_id"] for d in on_server}) == DECISIONS  # no case decided twice

    # A decision killed inside its write never happened; one killed around the send did.
    never = [e["decision_ids"][0] for e in by_mode["in_write"]]
    assert not set(never) & set(local) and not set(never) & set(server_ids)
    in_flight = {i for m in ("before_send", "after_send", "answer_write") for e in by_mode[m]
                 for i in e["decision_ids"]}
    assert in_flight <= set(server_ids) and in_flight <= set(local)
    assert big_api.integrity() == "ok"
