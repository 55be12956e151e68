"""A workstation without a screen, for test_crash.py: it works its queue until it is killed.

Run as `python tests/sync/crash_client.py '<json config>'`. It opens the profile store,
claims cases when it has none (SyncEngine.run_once), decides them one by one with
ReviewSession.decide, pushes every few decisions, and exits 0 once `target` decisions are
recorded locally and the outbox is drained.

`mode` arms one SIGKILL of itself at the `trigger`-th occurrence of a moment:

- ``in_write``: inside Outbox.record, after its INSERT and UPDATE, before the COMMIT;
- ``before_send``: the outbox rows are committed as `sending`, the batch is not sent yet;
- ``after_send``: the server has answered the batch, the answer is not recorded yet;
- ``answer_write``: inside Outbox.record_answers, after its UPDATE, before the COMMIT;
- ``none``: no kill (the parent may still kill it from outside at any moment).

Before killing itself it appends what it was doing to the `journal` (one JSON line, fsynced),
so the parent knows which decisions were in flight. Only the core is imported: no Qt, no server.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the repository root

from reviewer.review import outbox as outbox_module  # noqa: E402
from reviewer.store import database as store_module  # noqa: E402
from reviewer.actions import ActionId  # noqa: E402
from reviewer.sync.api_client import ApiClient  # noqa: E402
from reviewer.review.session import ReviewSession  # noqa: E402
from reviewer.store.database import open_store  # noqa: E402
from reviewer.sync.engine import SyncEngine, SyncSettings  # noqa: E402

FINAL_ACTIONS = [ActionId.REMOVE, ActionId.NO_VIOLATION, ActionId.LABEL_SENSITIVE,
                 ActionId.RESTRICT_REACH, ActionId.SUSPEND]
EXIT_OUT_OF_CASES = 3


class Killer:
    def __init__(self, mode: str, trigger: int, journal: Path):
        self.mode = mode
        self.trigger = trigger
        self.journal = journal
        self.seen = 0

    def hit(self, mode: str) -> bool:
        """Count one occurrence of `mode`; True when this is the one to die at."""
        if mode != self.mode:
            return False
        self.seen += 1
        return self.seen == self.trigger

    def die(self, what: str, decision_ids: list[str], **extra) -> None:
        line = json.dumps({"mode": what, "decision_ids": decision_ids, "pid": os.getpid(),
                           **extra})
        with open(self.journal, "a", encoding="utf-8") as journal:
            journal.write(line + "\n")
            journal.flush()
            os.fsync(journal.fileno())
        os.kill(os.getpid(), signal.SIGKILL)


class _SpyConnection:
    """The transaction's connection, noting which outbox rows its statements write."""

    def __init__(self, conn):
        self._conn = conn
        self.inserted: str | None = None  # Outbox.record's new decision
        self.answered: list[str] = []  # Outbox.record_answers' decisions

    def execute(self, sql, params=()):
        if sql.lstrip().upper().startswith("INSERT INTO OUTBOX"):
            self.inserted = params[0]
        return self._conn.execute(sql, params)

    def executemany(self, sql, rows):
        rows = list(rows)
        if sql.lstrip().upper().startswith("UPDATE OUTBOX SET STATE = ?, RESPONSE"):
            self.answered = [row[-1] for row in rows]
        return self._conn.executemany(sql, rows)

    def __getattr__(self, name):
        return getattr(self._conn, name)


def arm(killer: Killer) -> None:
    real_send = ApiClient.send_decision_batch

    class KillInsideWrite(store_module.transaction):
        def __enter__(self):
            self.spy = _SpyConnection(super().__enter__())
            return self.spy

        def __exit__(self, exc_type, exc, tb):
            if exc_type is None:
                self._maybe_die()
            return super().__exit__(exc_type, exc, tb)

        def _maybe_die(self):
            decision_id, answered = self.spy.inserted, self.spy.answered
            if decision_id and killer.hit("in_write"):
                # Written, not committed: this connection sees the row, the file does not.
                seen = self.conn.execute("SELECT count(*) FROM outbox WHERE decision_id = ?",
                                         (decision_id,)).fetchone()[0]
                killer.die("in_write", [decision_id], visible_before_commit=seen)
            if answered and killer.hit("answer_write"):
                marks = ",".join("?" * len(answered))
                states = [r[0] for r in self.conn.execute(
                    f"SELECT DISTINCT state FROM outbox WHERE decision_id IN ({marks})", answered)]
                killer.die("answer_write", answered, states_before_commit=states)

    def send_decision_batch(self, decisions):
        ids = [d.decision_id for d in decisions]
        if killer.hit("before_send"):
            killer.die("before_send", ids)
        answer = real_send(self, decisions)
        if killer.hit("after_send"):
            killer.die("after_send", ids, statuses=[r["status"] for r in answer["results"]])
        return answer

    outbox_module.transaction = KillInsideWrite
    ApiClient.send_decision_batch = send_decision_batch


def run(cfg: dict) -> int:
    store_path = Path(cfg["store"])
    engine = SyncEngine(store_path, ApiClient(cfg["url"], cfg["token"]),
                        settings=SyncSettings(prefetch_per_queue=cfg.get("prefetch", 20),
                                              low_watermark=cfg.get("low_watermark", 5),
                                              media_per_round=0))
    engine._database()  # the worker's connection; the session has its own, as in the app
    db = open_store(store_path)
    session = ReviewSession(db)
    rng = random.Random(cfg["seed"])
    target, push_every = cfg["target"], cfg["push_every"]
    since_push = 0
    while True:
        made = db.execute("SELECT count(*) FROM outbox").fetchone()[0]
        if made >= target:
            engine.push()
            if session.outbox.waiting() == 0:
                return 0
            time.sleep(0.05)  # something is backing off; let it come due
            continue
        if session.current() is None:
            status = engine.run_once()  # push what is waiting, then claim more
            session.reload()
            if session.current() is None:
                if status.online and not status.last_error:
                    print(f"out of cases after {made} decisions", file=sys.stderr)
                    return EXIT_OUT_OF_CASES
                time.sleep(0.05)
                continue
        session.decide(rng.choice(FINAL_ACTIONS))
        since_push += 1
        if since_push >= push_every:
            engine.push()
            since_push = 0


def main() -> int:
    cfg = json.loads(sys.argv[1])
    arm(Killer(cfg["mode"], cfg.get("trigger", 0), Path(cfg["journal"])))
    return run(cfg)


if __name__ == "__main__":
    sys.exit(main())
