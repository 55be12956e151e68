"""Property-based: every operation of /openapi.json, called with generated requests as a lead.

No 5xx, and every answer matches its documented status, content type and schema. The server is
a real one over a copy of the seeded file; the lead token may withdraw, delete and decide
whatever the generator comes up with, so it is not shared with other tests. Bounded to a few
examples per operation so the whole module stays well under a minute.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from hypothesis.configuration import set_hypothesis_home_dir
from schemathesis.checks import (
    content_type_conformance, not_a_server_error, response_schema_conformance,
    status_code_conformance,
)

from server.app import create_app
from server.runner import ServerThread

EXAMPLES_PER_OPERATION = 50
# Hypothesis keeps caches in ./.hypothesis by default; keep the checkout clean.
set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "reviewer-server-hypothesis")
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance]


@pytest.fixture(scope="module")
def fuzzed_server(databases, seeded_template) -> Iterator[ServerThread]:
    path = databases.copy(seeded_template.path)
    # No rate limit: the generator sends hundreds of requests as fast as it can.
    running = ServerThread(path, app_options={"rate_limit_per_second": 0}).start()
    yield running
    running.stop()


def _spec() -> dict:
    """/openapi.json as the server generates it; needed at collection, before any server runs
    (schemathesis' lazy `from_fixture` does not work with this pytest)."""
    with tempfile.TemporaryDirectory() as workdir:
        app = create_app(Path(workdir) / "spec.sqlite3")
        try:
            return app.openapi()
        finally:
            app.state.database.close()


schema = schemathesis.openapi.from_dict(_spec())


@schema.parametrize()
@settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, database=None,
          suppress_health_check=list(HealthCheck))
def test_every_operation_answers_as_documented(case, fuzzed_server, seeded_template):
    lead = {"Authorization": f"Bearer {seeded_template.tokens['lena']}"}
    case.call_and_validate(base_url=fuzzed_server.url, headers=lead, checks=CHECKS)
