"""Fixtures: a real server (ServerThread on a loopback port) over a real database, on both back
ends: every test that uses a database runs once on a SQLite file and once on a PostgreSQL
database in a throwaway cluster started for the run (tests/postgres_cluster.py).

Seeding draws images, so it happens once per session and back end into a template. Tests that
change state (`client_for`) get their own copy of it (a file copy, or CREATE DATABASE ...
TEMPLATE) and their own server, so they cannot see each other's claims or decisions; tests that
only read (`reader_for`) share one server, which saves a start and a stop per test.
"""

from __future__ import annotations

import shutil
import threading
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from sqlalchemy import insert

from server.auth.accounts import add_reviewer
from server.store.database import Database, open_database
from server.store.portable import insert_ignoring_conflicts
from server.runner import ServerThread
from server.store.schema import authors, cases
from server.demo.seed import seed_database
from server.timeutil import to_iso, utcnow
from tests.postgres_cluster import PostgresCluster, find_pg_bin

SEEDED_CASES = 60
REVIEWERS = {"alice": "reviewer", "bob": "reviewer", "sam": "senior", "lena": "lead"}
BACKENDS = ("sqlite", "postgresql")
NO_POSTGRES = ("PostgreSQL NOT TESTED: no initdb on PATH or under /usr/lib/postgresql/*/bin "
               "(run `bash packaging/system-deps.sh test` as root to install it)")

Target = Path | str  # a SQLite file, or a PostgreSQL URL


@pytest.fixture(scope="session")
def postgres_cluster() -> Iterator[PostgresCluster]:
    bin_dir = find_pg_bin()
    if bin_dir is None:
        pytest.skip(NO_POSTGRES)
    cluster = PostgresCluster(bin_dir).start()
    yield cluster
    cluster.stop()


class Databases:
    """Makes databases of one back end: new ones, and copies of a template."""

    def __init__(self, backend: str, tmp_path_factory, cluster: PostgresCluster | None) -> None:
        self.backend = backend
        self._tmp = tmp_path_factory
        self._cluster = cluster

    def new(self, name: str = "central") -> Target:
        if self._cluster is None:
            return self._tmp.mktemp(name) / f"{name}.sqlite3"
        return self._cluster.url(self._cluster.create_database())

    def copy(self, template: Target) -> Target:
        if self._cluster is None:
            path = self._tmp.mktemp("copy") / "central.sqlite3"
            shutil.copyfile(template, path)
            return path
        return self._cluster.url(self._cluster.create_database(template=_name_of(template)))

    def drop(self, target: Target) -> None:
        if self._cluster is not None:
            self._cluster.drop_database(_name_of(target))


def _name_of(url: str) -> str:
    return url.rsplit("/", 1)[1]


@pytest.fixture(scope="session", params=BACKENDS)
def databases(request, tmp_path_factory) -> Databases:
    cluster = request.getfixturevalue("postgres_cluster") if request.param == "postgresql" \
        else None
    return Databases(request.param, tmp_path_factory, cluster)


@pytest.fixture(scope="session")
def backend(databases) -> str:
    """"sqlite" or "postgresql": the back end this test runs on."""
    return databases.backend


@dataclass(frozen=True)
class SeededTemplate:
    path: Target
    tokens: dict[str, str]  # reviewer name -> bearer token


@pytest.fixture(scope="session")
def seeded_template(databases) -> SeededTemplate:
    target = databases.new("template")
    seed_database(target, seed=7, cases=SEEDED_CASES)
    tokens = {name: add_reviewer(target, name, role) for name, role in REVIEWERS.items()}
    return SeededTemplate(target, tokens)


@pytest.fixture
def db_path(seeded_template, databases, background_stops) -> Iterator[Target]:
    """This test's own copy of the seeded database (named for the SQLite case it began as)."""
    target = databases.copy(seeded_template.path)
    yield target
    for stopper in background_stops:  # a database in use cannot be dropped quietly
        stopper.join()
    databases.drop(target)


@pytest.fixture
def sqlite_path(db_path) -> Path:
    """db_path, for the tests that open the SQLite file itself (raw sqlite3, file bytes)."""
    if not isinstance(db_path, Path):
        pytest.skip("a test of the SQLite file itself")
    return db_path


@pytest.fixture(scope="session")
def background_stops() -> Iterator[list[threading.Thread]]:
    """Servers stop in the background: uvicorn takes ~0.15 s to stop, the next test needn't wait."""
    stopping: list[threading.Thread] = []
    yield stopping
    for thread in stopping:
        thread.join()


@pytest.fixture
def server(db_path, background_stops) -> Iterator[ServerThread]:
    running = ServerThread(db_path).start()
    yield running
    stopper = threading.Thread(target=running.stop, name=f"stop-{running.port}")
    stopper.start()
    background_stops.append(stopper)


@pytest.fixture(scope="session")
def shared_server(databases, seeded_template) -> Iterator[ServerThread]:
    """One server for read-only tests. Nothing may change its state."""
    running = ServerThread(databases.copy(seeded_template.path)).start()
    yield running
    running.stop()


@pytest.fixture
def client_for(server, seeded_template) -> Iterator[Callable[[str | None], httpx.Client]]:
    """client_for("alice") -> an httpx.Client authenticated as alice (None: no token)."""
    yield from _client_factory(server, seeded_template)


@pytest.fixture
def reader_for(shared_server, seeded_template) -> Iterator[Callable[[str | None], httpx.Client]]:
    """Like client_for, against the shared server: for tests that change nothing."""
    yield from _client_factory(shared_server, seeded_template)


def _client_factory(server: ServerThread, seeded_template: SeededTemplate):
    clients: list[httpx.Client] = []

    def make(name: str | None) -> httpx.Client:
        headers = {} if name is None else {
            "Authorization": f"Bearer {seeded_template.tokens[name]}"
        }
        client = httpx.Client(base_url=server.url, headers=headers, timeout=10.0)
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


@pytest.fixture
def server_db(db_path) -> Iterator[Database]:
    """The test server's own database, opened beside it: to set up or inspect raw rows."""
    database = open_database(db_path)
    yield database
    database.close()


@pytest.fixture
def bulk_cases(server_db) -> Callable[..., list[str]]:
    """bulk_cases(count, queue_id="appeals") -> ids of `count` new open cases, inserted directly
    (ingesting hundreds over HTTP would cost seconds a test does not need to spend)."""
    made = 0

    def make(count: int, queue_id: str = "appeals") -> list[str]:
        nonlocal made
        now = utcnow()
        ids = [f"case-bulk-{made + i:04d}" for i in range(count)]
        made += count
        with server_db.write() as conn:
            conn.execute(insert_ignoring_conflicts(conn, authors).values(
                id="author-bulk", handle="bulk_author", display_name="Bulk", created_at=now,
                history=[]))
            conn.execute(insert(cases), [
                {"id": case_id, "queue_id": queue_id, "author_id": "author-bulk",
                 "text": "bulk case", "language": "en", "region": "US", "policy_area": "spam",
                 "priority": 3, "sla_deadline": now, "created_at": now, "status": "open"}
                for case_id in ids
            ])
        return ids

    return make


@pytest.fixture
def post_batch() -> Callable[..., httpx.Response]:
    """post_batch(client, bodies) -> response; each item's key is its body's decision_id."""
    return send_batch


@pytest.fixture
def decision_body() -> Callable[..., dict]:
    """decision_body(case_id, action="remove", **overrides) -> a valid body with a fresh id."""
    return make_decision_body


@pytest.fixture
def post_decision() -> Callable[..., httpx.Response]:
    """post_decision(client, body, key=None) -> response; the key defaults to decision_id."""
    return send_decision


# Plain functions behind the fixtures above (fixtures, not imports: this directory is not a
# package, and a `server` package name here would shadow the real one).
def make_decision_body(case_id: str, action: str = "remove", **overrides) -> dict:
    body = {
        "decision_id": str(uuid.uuid4()),
        "case_id": case_id,
        "action": action,
        "policy": "harassment",
        "note": "test note",
        "decided_at": to_iso(utcnow()),
    }
    body.update(overrides)
    return body


def send_decision(client: httpx.Client, body: dict, key: str | None = None) -> httpx.Response:
    return client.post(
        "/v1/decisions", json=body, headers={"Idempotency-Key": key or body["decision_id"]}
    )


def batch_item(body: object, key: str | None = None) -> dict:
    return {"idempotency_key": key if key is not None else body["decision_id"], "decision": body}


def send_batch(client: httpx.Client, bodies: list) -> httpx.Response:
    """Bodies are decision bodies (keyed by their decision_id) or ready-made batch items."""
    items = [body if "idempotency_key" in body else batch_item(body) for body in bodies]
    return client.post("/v1/decisions/batch", json={"decisions": items})
