"""Shared fixtures: a real central API on a loopback port with a real seeded SQLite file."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass

import httpx
import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("REVIEWER_TOKEN", None)  # tests pass tokens explicitly
# Workstations started by tests (in-process or as main.py) write their log file here, not in
# the user's log directory.
os.environ.setdefault("REVIEWER_LOG_DIR", tempfile.mkdtemp(prefix="reviewer-test-logs-"))


@dataclass
class CentralApi:
    url: str
    tokens: dict[str, str]  # role -> token
    server: object
    db_path: object

    def lead(self) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=10,
                            headers={"Authorization": f"Bearer {self.tokens['lead']}"})

    def decisions(self, case_id: str | None = None) -> list[dict]:
        with self.lead() as client:
            params = {"case_id": case_id} if case_id else {}
            response = client.get("/v1/decisions", params=params)
            response.raise_for_status()
            return response.json()["decisions"]


@pytest.fixture
def central_api(tmp_path):
    from server.auth.accounts import add_reviewer
    from server.runner import ServerThread
    from server.demo.seed import seed_database

    db_path = tmp_path / "central.sqlite3"
    seed_database(db_path, seed=7, cases=80)
    tokens = {role: add_reviewer(db_path, f"{role}-one", role) for role in ("reviewer", "senior", "lead")}
    tokens["reviewer2"] = add_reviewer(db_path, "reviewer-two", "reviewer")
    server = ServerThread(db_path).start()
    try:
        yield CentralApi(server.url, tokens, server, db_path)
    finally:
        server.stop()
