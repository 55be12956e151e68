"""Inputs the fuzzer found answering 500 or an undocumented 400: now 422, nothing stored."""

from __future__ import annotations

import json

LONE_SURROGATE = "\\ud800"  # a JSON escape that decodes to a str SQLite cannot store


def _decision_text(key: str, note: str) -> str:
    return ('{"decision_id": "%s", "case_id": "case-awkward-html", "action": "remove", '
            '"policy": "p", "note": "%s", "decided_at": "2024-01-01T00:00:00Z"}' % (key, note))


def _post_text(client, path: str, text: str, **headers):
    return client.post(path, content=text.encode(),
                       headers={"Content-Type": "application/json", **headers})


def test_lone_surrogates_are_422_not_500(client_for):
    alice, lena = client_for("alice"), client_for("lena")
    single = _post_text(alice, "/v1/decisions", _decision_text("k1", LONE_SURROGATE),
                        **{"Idempotency-Key": "k1"})
    assert (single.status_code, single.json()["error"]) == (422, "invalid_body")
    batch = _post_text(alice, "/v1/decisions/batch", '{"decisions": [{"idempotency_key": "k2", '
                       '"decision": %s}]}' % _decision_text("k2", LONE_SURROGATE))
    renew = _post_text(alice, "/v1/leases/renew", '{"case_ids": ["%s"]}' % LONE_SURROGATE)
    ingest = _post_text(lena, "/v1/cases",
                        '{"queue_id": "appeals", "text": "%s"}' % LONE_SURROGATE)
    for response in (batch, renew, ingest):
        assert (response.status_code, response.json()["error"]) == (422, "invalid_request")
    # A surrogate pair is fine, and so is the same key once the body is fixed.
    pair = _post_text(alice, "/v1/decisions", _decision_text("k1", "\\ud83d\\ude00"),
                      **{"Idempotency-Key": "k1"})
    assert pair.status_code == 201 and pair.json()["decision"]["note"] == "\U0001f600"


def test_bodies_that_are_not_utf8_are_422(client_for):
    alice = client_for("alice")
    for path in ("/v1/leases/renew", "/v1/decisions/batch", "/v1/queues/appeals/claim"):
        response = alice.post(path, content=b'{"x": "\xff"}',
                              headers={"Content-Type": "application/json"})
        assert (response.status_code, response.json()["error"]) == (422, "invalid_request")


def test_integers_beyond_sqlite_are_422(client_for):
    alice, lena = client_for("alice"), client_for("lena")
    for path in ("/v1/changes", "/v1/audit"):
        response = lena.get(path, params={"since": 2**63})
        assert (response.status_code, response.json()["error"]) == (422, "invalid_request")
    assert lena.get("/v1/changes", params={"since": 2**63 - 1}).json()["changes"] == []
    huge = {"queue_id": "appeals", "text": "x",
            "author": {"id": "author-huge", "handle": "h", "followers": 2**63}}
    response = lena.post("/v1/cases", content=json.dumps(huge),
                         headers={"Content-Type": "application/json"})
    assert (response.status_code, response.json()["error"]) == (422, "invalid_request")
    assert alice.get("/v1/me").status_code == 200


def test_the_largest_values_the_models_allow_are_stored(client_for):
    """2^63 - 1 followers and pixels, 200-character names: what the contract accepts, every
    column holds (a 32-bit column or a shorter one would answer 500)."""
    lena = client_for("lena")
    most = 2**63 - 1
    case_in = {"queue_id": "appeals", "text": "x", "policy_area": "p" * 64,
               "author": {"id": "author-most", "handle": "h" * 200, "display_name": "d" * 200,
                          "followers": most},
               "media": [{"data_base64": "bm90IGFuIGltYWdl", "mime": "image/png",
                          "width": most, "height": most}]}
    response = lena.post("/v1/cases", json=case_in)
    assert response.status_code == 201, response.text
    case = response.json()
    assert (case["author"]["followers"], case["media"][0]["width"]) == (most, most)
    assert (case["author"]["display_name"], case["policy_area"]) == ("d" * 200, "p" * 64)


def test_names_longer_than_their_columns_are_422(client_for):
    lena = client_for("lena")
    for case_in in ({"queue_id": "appeals", "text": "x", "policy_area": "p" * 65},
                    {"queue_id": "appeals", "text": "x",
                     "author": {"id": "a-long", "handle": "h", "display_name": "d" * 201}}):
        response = lena.post("/v1/cases", json=case_in)
        assert (response.status_code, response.json()["error"]) == (422, "invalid_request")


def test_u0000_anywhere_is_422_and_nothing_is_stored(client_for):
    alice, lena = client_for("alice"), client_for("lena")
    single = _post_text(alice, "/v1/decisions", _decision_text("k0", "a\\u0000b"),
                        **{"Idempotency-Key": "k0"})
    assert (single.status_code, single.json()["error"]) == (422, "invalid_body")
    ingest = _post_text(lena, "/v1/cases", '{"queue_id": "appeals", "text": "a\\u0000"}')
    key = _post_text(lena, "/v1/cases", '{"queue_id": "appeals", "text": "a", "x\\u0000": 1}')
    for response in (ingest, key, alice.get("/v1/cases/case%00x"),
                     lena.get("/v1/changes", params={"since": "1\x00"})):
        assert (response.status_code, response.json()["error"]) == (422, "invalid_request")
    assert lena.get("/v1/decisions").json()["decisions"] == []
    # An escaped backslash before "u0000" is text, not U+0000.
    fine = _post_text(alice, "/v1/decisions", _decision_text("k0", "\\\\u0000"),
                      **{"Idempotency-Key": "k0"})
    assert fine.status_code == 201 and fine.json()["decision"]["note"] == "\\u0000"
