"""Rate limiting per token: 429 with Retry-After past the burst, generous by default."""

from __future__ import annotations

import inspect

import httpx
import pytest
from fastapi.routing import APIRoute

from server.app import create_app
from server.auth.rate_limit import (
    BURST_ENV_VAR, DEFAULT_BURST, PER_SECOND_ENV_VAR, RateLimit, TokenBuckets,
)
from server.runner import ServerThread


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_bucket_allows_the_burst_then_the_rate():
    clock = FakeClock()
    buckets = TokenBuckets(RateLimit(per_second=2, burst=3), clock)
    assert [buckets.take("a") for _ in range(3)] == [0.0, 0.0, 0.0]
    assert buckets.take("a") == pytest.approx(0.5)
    assert buckets.take("b") == 0.0  # another token has its own bucket
    clock.now += 0.5
    assert buckets.take("a") == 0.0
    assert buckets.take("a") > 0
    clock.now += 60  # refills up to the burst, not beyond
    assert [buckets.take("a") for _ in range(4)][-1] > 0


def test_limits_come_from_arguments_then_environment(monkeypatch):
    monkeypatch.delenv(PER_SECOND_ENV_VAR, raising=False)
    monkeypatch.delenv(BURST_ENV_VAR, raising=False)
    assert RateLimit.resolve(None, None).burst == DEFAULT_BURST
    monkeypatch.setenv(PER_SECOND_ENV_VAR, "0")
    assert not RateLimit.resolve(None, None).enabled
    monkeypatch.setenv(BURST_ENV_VAR, "7")
    assert RateLimit.resolve(3, None) == RateLimit(3.0, 7)
    monkeypatch.setenv(PER_SECOND_ENV_VAR, "fast")
    with pytest.raises(ValueError):
        RateLimit.resolve(None, None)
    with pytest.raises(ValueError):
        RateLimit.resolve(-1, 5)


def test_past_the_burst_a_token_gets_429_with_retry_after(db_path, seeded_template):
    options = {"rate_limit_per_second": 0.5, "rate_limit_burst": 3}
    with ServerThread(db_path, app_options=options) as server:
        def client(name: str) -> httpx.Client:
            token = seeded_template.tokens[name]
            return httpx.Client(base_url=server.url, headers={"Authorization": f"Bearer {token}"})

        with client("alice") as alice, client("bob") as bob:
            assert [alice.get("/v1/me").status_code for _ in range(3)] == [200] * 3
            limited = alice.get("/v1/me")
            assert (limited.status_code, limited.json()) == (429, {"error": "rate_limited"})
            assert int(limited.headers["retry-after"]) >= 1
            assert bob.get("/v1/me").status_code == 200  # per token, not per server
            assert alice.get("/v1/health").status_code == 200  # liveness is never limited


def test_default_limit_lets_a_workstation_burst(reader_for):
    alice = reader_for("alice")
    case = alice.get("/v1/cases/case-awkward-corrupt-media").json()
    sha256 = case["media"][0]["sha256"]
    # A media prefetch after a big claim: a few hundred requests as fast as they go.
    statuses = {alice.get(f"/v1/media/{sha256}").status_code for _ in range(300)}
    assert statuses == {200}


def test_made_up_tokens_are_counted_per_address(db_path, seeded_template):
    """A new invented token per request gets no fresh bucket each time: unknown tokens share
    their address's bucket; a known token keeps its own."""
    options = {"rate_limit_per_second": 0.5, "rate_limit_burst": 3}
    with ServerThread(db_path, app_options=options) as server:
        statuses = [httpx.get(f"{server.url}/v1/me", headers={
            "Authorization": f"Bearer made-up-{attempt}"}).status_code for attempt in range(5)]
        assert statuses == [401, 401, 401, 429, 429]
        alice = {"Authorization": f"Bearer {seeded_template.tokens['alice']}"}
        assert httpx.get(f"{server.url}/v1/me", headers=alice).status_code == 200


def test_api_processes_on_one_database_share_their_buckets(db_path, seeded_template, backend):
    """Two API processes (here: two apps with their own connections) on one PostgreSQL count
    one token's requests together; N workers must not mean N times the limit."""
    if backend != "postgresql":
        pytest.skip("SQLite serves from one process")
    options = {"rate_limit_per_second": 0.5, "rate_limit_burst": 4}
    alice = {"Authorization": f"Bearer {seeded_template.tokens['alice']}"}
    with ServerThread(db_path, app_options=options) as one, \
            ServerThread(db_path, app_options=options) as other:
        statuses = [httpx.get(f"{server.url}/v1/me", headers=alice).status_code
                    for server in (one, other, one, other, one, other)]
    assert statuses == [200, 200, 200, 200, 429, 429]


def test_no_route_hands_a_dependency_of_ours_to_the_thread_pool(db_path):
    """FastAPI runs a plain-function dependency on the thread pool and back; the caller the
    limiter looked up, and the database handle, are had on the event loop instead."""
    app = create_app(db_path)
    try:
        ours = {dependency.call for route in _api_routes(app.routes)
                for dependency in _dependencies(route.dependant)
                if dependency.call.__module__.startswith("server.")}
    finally:
        app.state.database.close()
    assert ours, "no dependencies of ours found"
    assert [call for call in ours if not inspect.iscoroutinefunction(call)] == []


def _api_routes(routes):
    for route in routes:
        if isinstance(route, APIRoute):
            yield route
        included = getattr(route, "original_router", None)  # an included router's own routes
        if included is not None:
            yield from _api_routes(included.routes)


def _dependencies(dependant):
    for dependency in dependant.dependencies:
        yield dependency
        yield from _dependencies(dependency)


def test_without_the_limiter_a_token_is_looked_up_by_authentication(db_path, seeded_template):
    tokens = seeded_template.tokens
    with ServerThread(db_path, app_options={"rate_limit_per_second": 0}) as running:
        def me(token):
            return httpx.get(f"{running.url}/v1/me", headers={"Authorization": f"Bearer {token}"})

        assert me(tokens["alice"]).json() == {"name": "alice", "role": "reviewer"}
        assert (me("made-up").status_code, me("made-up").json()) == (401, {"error": "unauthorized"})
        lead_only = httpx.get(f"{running.url}/v1/decisions",
                              headers={"Authorization": f"Bearer {tokens['alice']}"})
        assert lead_only.json() == {"error": "forbidden", "required_role": "lead"}
