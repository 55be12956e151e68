"""Reading cases and media bytes; ingesting cases as a lead; withdrawal."""

from __future__ import annotations

import base64
import hashlib


def test_get_case_with_author_reports_and_media(reader_for):
    case = reader_for("alice").get("/v1/cases/case-awkward-corrupt-media").json()
    assert case["id"] == "case-awkward-corrupt-media"
    assert case["status"] == "open" and case["lease_expires_at"] is None
    assert case["reports"] and case["author"]["handle"]
    assert isinstance(case["author"]["history"], list)
    assert [m["mime"] for m in case["media"]] == ["image/jpeg", "image/png"]
    assert all(m["label"].startswith("Synthetic test pattern") for m in case["media"])


def test_media_bytes_hash_to_their_id(reader_for):
    alice = reader_for("alice")
    case = alice.get("/v1/cases/case-awkward-corrupt-media").json()
    for ref in case["media"]:
        response = alice.get(f"/v1/media/{ref['sha256']}")
        assert response.status_code == 200
        assert response.headers["content-type"] == ref["mime"]
        assert hashlib.sha256(response.content).hexdigest() == ref["sha256"]


def test_unknown_case_and_media_are_404(reader_for):
    alice = reader_for("alice")
    assert alice.get("/v1/cases/case-nope").status_code == 404
    assert alice.get("/v1/cases/case-nope").json() == {"error": "unknown_case"}
    assert alice.get(f"/v1/media/{'0' * 64}").status_code == 404
    assert alice.get("/v1/media/not-a-hash").status_code == 404


def test_awkward_text_comes_back_verbatim(reader_for):
    alice = reader_for("alice")
    html = alice.get("/v1/cases/case-awkward-html").json()["text"]
    assert "<b>bold</b><img src=http://example.invalid/x.png>" in html
    assert len(alice.get("/v1/cases/case-awkward-long-text").json()["text"]) > 20_000
    mixed = alice.get("/v1/cases/case-awkward-mixed-direction").json()["text"]
    assert "\u05e9" in mixed and "\u0645" in mixed and "He wrote" in mixed


def test_lead_posts_a_case_that_can_then_be_claimed(client_for):
    lena, alice = client_for("lena"), client_for("alice")
    broken = b"\xff\xd8\xff\xe0 not really a jpeg"
    new_case = {
        "id": "case-ingested-1",
        "queue_id": "crisis_sweep",
        "text": "<i>ingested</i> \u202eevil\u202c",
        "language": "ar",
        "region": "EG",
        "priority": 1,
        "sla_deadline": "2000-01-01T00:00:00Z",  # long breached: first in line
        "reports": [{"reason": "spam", "reporter_id": "reporter-1"}],
        "author": {"id": "author-ingested", "handle": "ingested", "high_profile": True},
        "media": [{"data_base64": base64.b64encode(broken).decode(), "mime": "image/jpeg",
                   "width": 10, "height": 20, "category": "nudity", "label": "Synthetic"}],
    }
    response = lena.post("/v1/cases", json=new_case)
    assert response.status_code == 201, response.text
    created = response.json()
    assert created["sla_deadline"] == "2000-01-01T00:00:00Z"
    assert created["policy_area"] == "violent_extremism"  # the queue's default
    assert created["media"][0]["sha256"] == hashlib.sha256(broken).hexdigest()
    assert (created["media"][0]["width"], created["media"][0]["height"]) == (10, 20)
    claimed = alice.post("/v1/queues/crisis_sweep/claim", json={"count": 1}).json()
    assert [case["id"] for case in claimed["cases"]] == ["case-ingested-1"]
    assert lena.post("/v1/cases", json=new_case).status_code == 409


def test_posting_a_case_needs_lead_and_a_known_queue(reader_for):
    body = {"queue_id": "appeals", "text": "hi"}
    assert reader_for("sam").post("/v1/cases", json=body).status_code == 403
    unknown = reader_for("lena").post("/v1/cases", json={**body, "queue_id": "nope"})
    assert unknown.status_code == 422 and unknown.json()["error"] == "unknown_queue"


def test_withdraw_closes_case_for_claims(client_for):
    lena, alice = client_for("lena"), client_for("alice")
    response = lena.post("/v1/cases/case-awkward-html/withdraw")
    assert response.status_code == 200 and response.json()["status"] == "withdrawn"
    claimed = alice.post("/v1/queues/hate_harassment/claim", json={"count": 200}).json()
    assert "case-awkward-html" not in {case["id"] for case in claimed["cases"]}
    assert alice.post("/v1/cases/case-awkward-html/withdraw").status_code == 403
