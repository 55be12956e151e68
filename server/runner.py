"""Running the API: in a background thread (tests, demo, embedded default) or in the foreground.

Access logs are off: they would be noise, and request lines are no place for anything a reviewer
sends. Only warnings and errors are logged.
"""

from __future__ import annotations

import gc
import os
import socket
import sys
import threading
import time
from pathlib import Path

import httpx
import uvicorn

from server.auth.accounts import add_reviewer, issue_token
from server.app import create_app
from server.demo.crisis import CrisisFeed, put_on_call
from server.demo.history import seed_history
from server.demo.seed import seed_database
from server.demo.quality import seed_quality
from server.store.database import database_url, describe, open_database

DEMO_DB_NAME = "central-api.sqlite3"


class ServerThread:
    """The API on `host:port` in a daemon thread. Port 0 picks a free port.

    After `stop()`, `start()` may be called again: the server comes back on the same port, which
    is how tests simulate an outage and a recovery.
    """

    def __init__(self, db_path: str | Path, host: str = "127.0.0.1", port: int = 0,
                 app_options: dict | None = None) -> None:
        # A SQLite file, or a database URL (kept a str: Path would fold its "//")
        self.db_path = db_path if isinstance(db_path, str) and "://" in db_path else Path(db_path)
        self.host = host
        self.port = port
        self.app_options = app_options or {}  # extra create_app keywords (key retention, clock)
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._socket: socket.socket | None = None

    @property
    def url(self) -> str:
        """`http://127.0.0.1:43123`; the port is only known once started."""
        if self.port == 0:
            raise RuntimeError("ServerThread.url is known only after start()")
        return f"http://{self.host}:{self.port}"

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self, timeout: float = 15.0) -> ServerThread:
        """Start serving; returns once `/v1/health` answers (raises if it does not in time)."""
        if self.running:
            raise RuntimeError("server already running")
        self._socket = _bind(self.host, self.port)
        self.port = self._socket.getsockname()[1]
        try:
            app = create_app(self.db_path, **self.app_options)
        except BaseException:
            self._socket.close()
            self._socket = None
            raise
        self._server = uvicorn.Server(_config(app))
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [self._socket]},
            name=f"api-server-{self.port}", daemon=True,
        )
        self._thread.start()
        self._wait_until_healthy(timeout)
        freeze_startup_heap()
        return self

    def stop(self, timeout: float = 5.0) -> None:
        """Stop serving and release the port and the database. Safe to call twice."""
        server, thread = self._server, self._thread
        if server is not None and thread is not None:
            server.should_exit = True
            thread.join(timeout)
            if thread.is_alive():  # a client holding a request open; stop waiting for it
                server.force_exit = True
                thread.join(timeout)
            server.config.app.state.database.close()
        if self._socket is not None:
            self._socket.close()
        self._server = self._thread = self._socket = None

    def __enter__(self) -> ServerThread:
        return self.start()

    def __exit__(self, *_exc) -> None:
        self.stop()

    def _wait_until_healthy(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        with httpx.Client(timeout=1.0) as client:
            while time.monotonic() < deadline:
                if not self.running:
                    self.stop()
                    raise RuntimeError("API server thread exited during start-up")
                try:
                    if client.get(f"{self.url}/v1/health").status_code == 200:
                        return
                except httpx.TransportError:
                    pass
                time.sleep(0.01)
        self.stop()
        raise TimeoutError(f"API server on {self.url} did not become healthy in {timeout}s")


def serve_forever(db_path: str | Path, host: str = "127.0.0.1", port: int = 8000, *,
                  workers: int = 1, migrate: bool = True) -> None:
    """Serve in the foreground until interrupted (Ctrl-C / SIGTERM), for `main.py serve`.

    `workers` processes share the port (uvicorn's supervisor), each with its own app built by
    `app_from_environment`; the schema is migrated (or, `migrate` False, checked: raises
    SchemaOutOfDate) once here, before any of them starts. Several workers need PostgreSQL:
    SQLite keeps per-process state (rate buckets, login throttle) that they would not share.
    """
    if workers > 1 and database_url(db_path).get_backend_name() != "postgresql":
        raise ValueError("--workers above 1 needs a PostgreSQL database (--db postgresql://...)")
    open_database(db_path, migrate_schema=migrate).close()
    os.environ[DB_ENV_VAR] = str(db_path)
    print(f"Central API on http://{host}:{port} (database {describe(db_path)}, "
          f"{workers} worker{'s' if workers > 1 else ''})", file=sys.stderr)
    try:
        uvicorn.run(f"{__name__}:app_from_environment", factory=True, host=host, port=port,
                    workers=workers, log_level="warning", access_log=False, lifespan="on",
                    timeout_graceful_shutdown=2)
    except KeyboardInterrupt:
        pass  # uvicorn shuts down cleanly, then re-raises Ctrl-C; a traceback would be noise


DB_ENV_VAR = "REVIEWER_SERVER_DB"  # how serve_forever tells its worker processes the database


def app_from_environment():
    """uvicorn's app factory: each worker process opens its own connections (a database
    engine must never cross a fork). The schema is already up to date: serve_forever saw to it."""
    app = create_app(os.environ[DB_ENV_VAR], migrate=False)
    freeze_startup_heap()
    collect_young_objects_less_often()
    return app


SERVER_YOUNG_THRESHOLD = 20_000  # gc.set_threshold's first figure in a process of its own


def collect_young_objects_less_often() -> None:
    """A decision batch holds some 7,000 containers (rows, answers) until it commits, so at
    Python's default of 700 new containers the collector ran ~10 times a batch, walking them
    again and promoting them, for ~20 ms of each 10,000 decisions; they are freed by their
    counts, not by the collector, when the batch ends. Only where the server has the process
    to itself: a workstation serving its demo keeps its own pauses short."""
    gc.set_threshold(SERVER_YOUNG_THRESHOLD, *gc.get_threshold()[1:])


_heap_frozen = False
_heap_frozen_lock = threading.Lock()


def freeze_startup_heap() -> None:
    """What a process made to serve (FastAPI, SQLAlchemy, pydantic, the app and its routes)
    lives as long as it serves: moved out of the garbage collector's reach (gc.freeze, as the
    workstation does with its own start-up), so a full collection no longer walks it again.
    Those walks held the interpreter ~110-140 ms each, four times while 10,000 decisions drain.
    Collected first, so no garbage is frozen with it; once per process, as later servers of
    one process (tests start hundreds) add little that lives long."""
    global _heap_frozen
    with _heap_frozen_lock:
        if _heap_frozen:
            return
        _heap_frozen = True
    gc.collect()
    gc.freeze()


DEMO_REVIEWER = "demo-reviewer"


def start_demo_server(workdir: str | Path, fresh: bool = True) -> tuple[ServerThread, str]:
    """Serve the demo database in `workdir` as "demo-reviewer" (role reviewer): seeded anew if
    `fresh` or if there is none yet, else the one an earlier demo left (its decisions, its
    acknowledged bulletins), with a new token for the same reviewer.

    Returns the running server and the demo reviewer's token.
    """
    workdir = Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    db_path = workdir / DEMO_DB_NAME
    if not fresh and db_path.exists():
        try:
            token = issue_token(db_path, DEMO_REVIEWER)
            return _with_crisis(ServerThread(db_path).start(), db_path), token
        except LookupError:
            pass  # an unfinished earlier seeding: start over
    for suffix in ("", "-wal", "-shm"):  # fresh means fresh: no stale WAL either
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    seed_database(db_path)
    token = add_reviewer(db_path, DEMO_REVIEWER, "reviewer")
    seed_quality(db_path)  # appeals, golden cases, a required rationale
    seed_history(db_path, with_reviewer=DEMO_REVIEWER)  # figures for the dashboards
    return _with_crisis(ServerThread(db_path).start(), db_path), token


def _with_crisis(server: ServerThread, db_path: Path) -> ServerThread:
    """The demo's crisis (server/demo/crisis.py) arrives while this server runs."""
    put_on_call(db_path, DEMO_REVIEWER)
    CrisisFeed(db_path, lambda: server.running).start()
    return server


def _bind(host: str, port: int) -> socket.socket:
    # proto=IPPROTO_TCP matters: asyncio only sets TCP_NODELAY on accepted sockets whose proto
    # says TCP, and without it Nagle + delayed ACK add ~40 ms to every keep-alive response.
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    # Lets a restarted server take its old port back while old connections sit in TIME_WAIT.
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(128)
    return sock


def _config(app, host: str = "127.0.0.1", port: int = 0) -> uvicorn.Config:
    return uvicorn.Config(
        app, host=host, port=port, log_level="warning", access_log=False,
        lifespan="off", timeout_graceful_shutdown=2,
    )
