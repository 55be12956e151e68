"""A real central API with a large seeded SQLite file, for the sync stress tests.

Seeding 1,200 cases draws images and takes seconds, so it happens once per test session into a
template file; each test module gets its own copy of the file and its own server, so no test
sees another's claims or decisions.
"""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import httpx

from server.auth.accounts import add_reviewer
from server.runner import ServerThread
from server.demo.seed import seed_database

_TEMPLATES: dict[int, Path] = {}


@dataclass
class BigServer:
    server: ServerThread
    db_path: Path
    tokens: dict[str, str]  # reviewer name -> token

    @property
    def url(self) -> str:
        return self.server.url

    @property
    def port(self) -> int:
        return self.server.port

    def decisions(self) -> list[dict]:
        """Every decision on the server, in recording order (asked as the lead)."""
        headers = {"Authorization": f"Bearer {self.tokens['lead']}"}
        with httpx.Client(base_url=self.url, timeout=30, headers=headers) as client:
            response = client.get("/v1/decisions")
            response.raise_for_status()
            return response.json()["decisions"]

    def integrity(self) -> str:
        with sqlite3.connect(self.db_path) as conn:
            return conn.execute("PRAGMA integrity_check").fetchone()[0]

    def stop(self) -> None:
        self.server.stop()


def seeded_copy(tmp_path_factory, cases: int, name: str) -> Path:
    """A private copy of a database seeded with `cases` cases (seeded once per session)."""
    if cases not in _TEMPLATES:
        template = tmp_path_factory.mktemp(f"template-{cases}") / "central.sqlite3"
        seed_database(template, seed=11, cases=cases)
        with sqlite3.connect(template) as conn:  # fold any WAL into the file before copying it
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        _TEMPLATES[cases] = template
    target = tmp_path_factory.mktemp(name) / "central.sqlite3"
    shutil.copyfile(_TEMPLATES[cases], target)
    return target


def start_big_server(tmp_path_factory, cases: int, name: str,
                     reviewers: dict[str, str]) -> BigServer:
    """Seeded copy + reviewers (name -> role; a lead named 'lead' is always added) + server."""
    db_path = seeded_copy(tmp_path_factory, cases, name)
    tokens = {who: add_reviewer(db_path, who, role)
              for who, role in {**reviewers, "lead": "lead"}.items()}
    return BigServer(ServerThread(db_path).start(), db_path, tokens)


def claim_cases(url: str, token: str, count: int) -> tuple[list, list]:
    """(cases, queues): `count` cases claimed over all queues straight from the server."""
    from reviewer.sync.api_client import ApiClient

    client = ApiClient(url, token, timeout=30)
    claimed: dict = {}  # by id: a claim hands the caller's own live leases back first
    try:
        queues = client.queues()
        while len(claimed) < count:
            before = len(claimed)
            for queue in queues:
                want = min(200, count - len(claimed))
                if want <= 0:
                    break
                cases, _lease = client.claim(queue.id, want)
                claimed.update((case.id, case) for case in cases)
            if len(claimed) == before:
                raise RuntimeError(f"server ran out of cases after {len(claimed)} of {count}")
        return list(claimed.values())[:count], queues
    finally:
        client.close()


def save_claimed(store_path: Path, cases: list, queues: list) -> None:
    """Put claimed cases (and the queue list) into a profile store, as a pull would."""
    from reviewer.store.case_cache import CaseCache
    from reviewer.store.database import open_store

    db = open_store(store_path)
    try:
        cache = CaseCache(db)
        cache.save_queues(queues)
        cache.save_cases(cases, None)
    finally:
        db.conn.close()


def expire_leases(db_path: Path, case_ids: list[str]) -> None:
    """Make the leases on these cases run out now, as 30 minutes offline would.

    Written straight into the server's file (there is no endpoint for it); the columns are
    SQLAlchemy's naive UTC DateTime text, which compares as text.
    """
    with sqlite3.connect(db_path, timeout=30) as conn:
        conn.executemany("UPDATE cases SET lease_expires_at = '2000-01-01 00:00:00.000000' "
                         "WHERE id = ?", [(case_id,) for case_id in case_ids])
    conn.close()


def claim_everything(url: str, token: str) -> list:
    """Claim every open case nobody holds, over all queues."""
    from reviewer.sync.api_client import ApiClient

    client = ApiClient(url, token, timeout=30)
    claimed: dict = {}  # by id: a claim hands the caller's own live leases back first
    try:
        for queue in client.queues():
            while True:
                before = len(claimed)
                claimed.update((case.id, case) for case in client.claim(queue.id, 200)[0])
                if len(claimed) == before:
                    break
        return list(claimed.values())
    finally:
        client.close()
