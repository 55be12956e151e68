"""Health, authentication and roles, queues, OpenAPI, restart: over real HTTP."""

from __future__ import annotations

import httpx

from server.runner import ServerThread

EXPECTED_QUEUES = {"escalations", "graphic_media", "crisis_sweep", "appeals", "hate_harassment"}


def test_health_needs_no_token(reader_for):
    response = reader_for(None).get("/v1/health")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["server_time"].endswith("Z")


def test_missing_or_unknown_token_is_401(reader_for, shared_server):
    missing = reader_for(None).get("/v1/me")
    assert missing.status_code == 401
    assert missing.json() == {"error": "unauthorized"}
    assert missing.headers["www-authenticate"] == "Bearer"
    unknown = httpx.get(f"{shared_server.url}/v1/queues", headers={"Authorization": "Bearer nope"})
    assert unknown.status_code == 401
    assert unknown.json() == {"error": "unauthorized"}


def test_role_too_low_is_403_naming_the_role(reader_for):
    for name in ("alice", "sam"):
        response = reader_for(name).get("/v1/decisions")
        assert response.status_code == 403
        assert response.json() == {"error": "forbidden", "required_role": "lead"}
    assert reader_for("lena").get("/v1/decisions").status_code == 200


def test_me_names_the_caller(reader_for):
    assert reader_for("alice").get("/v1/me").json() == {"name": "alice", "role": "reviewer"}
    # A lead may do everything a reviewer may.
    assert reader_for("lena").get("/v1/me").json() == {"name": "lena", "role": "lead"}


def test_queues_have_policies_and_open_counts(reader_for):
    queues = reader_for("alice").get("/v1/queues").json()["queues"]
    assert {queue["id"] for queue in queues} == EXPECTED_QUEUES
    assert sum(queue["open_count"] for queue in queues) == 60  # every seeded case is open
    for queue in queues:
        assert queue["default_policy"] in queue["policies"]
        assert queue["name"] and queue["description"]


def test_unknown_route_answers_in_contract_shape(reader_for):
    response = reader_for("alice").get("/v1/nothing-here")
    assert response.status_code == 404
    assert response.json() == {"error": "not_found"}


def test_openapi_lists_every_path(reader_for):
    spec = reader_for(None).get("/openapi.json").json()
    assert set(spec["paths"]) == {
        "/v1/health", "/v1/me", "/v1/queues", "/v1/queues/{queue_id}/claim",
        "/v1/cases", "/v1/cases/{case_id}", "/v1/cases/{case_id}/withdraw",
        "/v1/media/{sha256}", "/v1/decisions",
        # sync additions
        "/v1/decisions/batch", "/v1/leases/renew", "/v1/changes", "/v1/cases/{case_id}/priority",
        # authorization additions
        "/v1/escalations/{case_id}/approve", "/v1/audit", "/v1/media-presets",
        # guidelines and bulletins
        "/v1/guidelines", "/v1/guidelines/{guideline_id}/versions/{version}/ack",
        "/v1/guidelines/{guideline_id}/versions/{version}/acks",
        # sign-in
        "/v1/login", "/v1/logout",
        # investigation context and account notes
        "/v1/cases/{case_id}/context", "/v1/case-contexts", "/v1/accounts/{author_id}/notes",
        # quality
        "/v1/appeals", "/v1/cases/{case_id}/hold", "/v1/cases/{case_id}/handoff", "/v1/quality",
        "/v1/handoffs",
        "/v1/quality/queues/{queue_id}", "/v1/quality/rationale-rules", "/v1/quality/golden",
        # dashboards' figures
        "/v1/figures/exposure", "/v1/figures/me", "/v1/figures/team",
        # incidents
        "/v1/incidents", "/v1/incidents/{incident_id}", "/v1/incidents/{incident_id}/bulletin",
        "/v1/incidents/{incident_id}/cases", "/v1/incidents/{incident_id}/members",
        "/v1/incidents/{incident_id}/review", "/v1/incidents/{incident_id}/review/entries",
        "/v1/incidents/{incident_id}/state", "/v1/incidents/{incident_id}/sweeps",
        # alerts, hash lists and on-call
        "/v1/alerts", "/v1/alerts/config", "/v1/alerts/{alert_id}/transitions",
        "/v1/hash-lists", "/v1/hash-lists/{list_id}", "/v1/oncall",
        "/v1/oncall/people/{name}/time-zone", "/v1/oncall/shifts", "/v1/oncall/shifts/{shift_id}",
    }
    assert set(spec["paths"]["/v1/decisions"]) == {"get", "post"}
    assert set(spec["paths"]["/v1/cases/{case_id}"]) == {"get", "delete"}
    post = spec["paths"]["/v1/decisions"]["post"]
    assert {"201", "401", "404", "409", "422"} <= set(post["responses"])
    assert "Idempotency-Key" in [param["name"] for param in post["parameters"]]
    assert "requestBody" in post
    # Every schema reference resolves.
    schemas = spec["components"]["schemas"]
    for ref in _refs(spec):
        assert ref.removeprefix("#/components/schemas/") in schemas


def test_server_restarts_on_the_same_port(db_path):
    server = ServerThread(db_path).start()
    try:
        url = server.url
        server.stop()
        try:
            httpx.get(f"{url}/v1/health", timeout=1.0)
            reachable = True
        except httpx.TransportError:
            reachable = False
        assert not reachable
        server.start()
        assert server.url == url
        assert httpx.get(f"{url}/v1/health").status_code == 200
    finally:
        server.stop()


def _refs(node) -> list[str]:
    if isinstance(node, dict):
        found = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        return found + [ref for value in node.values() for ref in _refs(value)]
    if isinstance(node, list):
        return [ref for value in node for ref in _refs(value)]
    return []
