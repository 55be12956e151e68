"""A throwaway PostgreSQL cluster for one test run: initdb + pg_ctl in a temporary directory.

The server suite runs against a real PostgreSQL, never a system service: this starts a private
cluster on a free loopback port (trust authentication, fsync off: nothing in it must survive),
hands out databases by URL, and deletes everything at the end. PostgreSQL refuses to run as
root, so under root (CI containers) the server runs as the `postgres` account the Debian
package creates. `packaging/system-deps.sh test` installs the package.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import psycopg

SUPERUSER = "postgres"


def find_pg_bin() -> Path | None:
    """The directory holding initdb and pg_ctl: on PATH, else Debian's versioned directory."""
    on_path = shutil.which("initdb")
    if on_path:
        return Path(on_path).parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                      key=lambda path: int(Path(path).parts[-3]))
    return Path(versions[-1]).parent if versions else None


class PostgresCluster:
    """Start with `start()`, stop with `stop()`; `url(name)` addresses one database in it."""

    def __init__(self, bin_dir: Path) -> None:
        self.bin_dir = bin_dir
        self.port = 0
        self._root: Path | None = None
        self._run_as = _unprivileged_user()
        self._created = 0

    @property
    def data_dir(self) -> Path:
        assert self._root is not None
        return self._root / "data"

    def start(self) -> PostgresCluster:
        self._root = Path(tempfile.mkdtemp(prefix="reviewer-pg-"))
        if self._run_as is not None:
            os.chown(self._root, self._run_as.pw_uid, self._run_as.pw_gid)
        self._pg("initdb", "-D", str(self.data_dir), "-U", SUPERUSER, "--auth=trust",
                 "-E", "UTF8", "--locale=C", "--no-sync")
        self.port = _free_port()
        options = (f"-p {self.port} -k {self._root} -c listen_addresses=127.0.0.1 "
                   "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
                   "-c max_connections=300 -c shared_buffers=64MB")
        self._pg("pg_ctl", "-D", str(self.data_dir), "-l", str(self._root / "server.log"),
                 "-o", options, "-w", "-t", "60", "start")
        return self

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def create_database(self, template: str | None = None) -> str:
        """A new empty database (or a copy of `template`); returns its name."""
        self._created += 1
        name = f"db_{os.getpid()}_{self._created}"
        copy = f" TEMPLATE {template} STRATEGY FILE_COPY" if template else ""
        self.execute(f"CREATE DATABASE {name}{copy}")
        return name

    def drop_database(self, name: str) -> None:
        self.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def execute(self, sql: str) -> None:
        with psycopg.connect(self._dsn(), autocommit=True) as conn:
            conn.execute(sql)

    def stop(self) -> None:
        if self._root is None:
            return
        try:
            self._pg("pg_ctl", "-D", str(self.data_dir), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self._root, ignore_errors=True)
            self._root = None

    def _dsn(self) -> str:
        return f"host=127.0.0.1 port={self.port} user={SUPERUSER} dbname=postgres"

    def _pg(self, program: str, *args: str) -> None:
        kwargs = {}
        if self._run_as is not None:
            kwargs = {"user": self._run_as.pw_uid, "group": self._run_as.pw_gid,
                      "extra_groups": [], "cwd": str(self._root)}
        result = subprocess.run([str(self.bin_dir / program), *args], capture_output=True,
                                text=True, timeout=120, **kwargs)
        if result.returncode != 0:
            raise RuntimeError(f"{program} failed ({result.returncode}):\n{result.stdout}"
                               f"{result.stderr}{self._server_log()}")

    def _server_log(self) -> str:
        log = self._root / "server.log" if self._root else None
        return log.read_text(errors="replace")[-2000:] if log and log.exists() else ""


def _unprivileged_user() -> pwd.struct_passwd | None:
    """Who runs the server when we are root (PostgreSQL refuses root); None: ourselves."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    raise RuntimeError("running as root and no `postgres` or `nobody` account to run as")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
