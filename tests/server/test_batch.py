"""POST /v1/decisions/batch: per-item answers as the single endpoint gives them, one key space,
whole-batch replay, size and speed, concurrency."""

from __future__ import annotations

import threading
import uuid

import httpx

DECIDED = "case-awkward-html"  # decided by the first single-endpoint call in the mixed test
OPEN = "case-awkward-long-text"
WITHDRAWN = "case-awkward-mixed-direction"


def _mixed_items(decision_body, earlier: dict) -> dict[str, dict]:
    """One batch item of every kind, by the answer it should get; dicts keep their order."""
    return {
        "new": decision_body(OPEN, "label_sensitive"),
        "replay": earlier,
        "conflict": decision_body(DECIDED, "no_violation"),
        "reused": {**earlier, "note": "changed my mind"},
        "invalid": decision_body(OPEN, "delete_everything"),
        "mismatch": {"idempotency_key": "another-key", "decision": decision_body(OPEN)},
        "unknown": decision_body("case-nope"),
        "withdrawn": decision_body(WITHDRAWN),
        "lost_in_batch": decision_body(OPEN, "remove"),  # `new` decided OPEN just before
        "no_key": {"idempotency_key": "", "decision": decision_body(OPEN)},
    }


def test_mixed_batch_answers_each_item_like_the_single_endpoint(
        client_for, decision_body, post_decision, post_batch):
    alice = client_for("alice")
    client_for("lena").post(f"/v1/cases/{WITHDRAWN}/withdraw").raise_for_status()
    earlier = decision_body(DECIDED, "remove")
    single = post_decision(alice, earlier)
    items = _mixed_items(decision_body, earlier)
    response = post_batch(alice, list(items.values()))
    assert response.status_code == 200, response.text
    results = dict(zip(items, response.json()["results"], strict=True))
    for name, item in items.items():
        assert results[name]["idempotency_key"] == item.get("idempotency_key",
                                                            item.get("decision_id"))
    assert {name: r["status"] for name, r in results.items()} == {
        "new": 201, "replay": 201, "conflict": 409, "reused": 422, "invalid": 422,
        "mismatch": 422, "unknown": 404, "withdrawn": 409, "lost_in_batch": 409, "no_key": 422}
    body = {name: r["body"] for name, r in results.items()}
    accepted = body["new"]["decision"]
    assert accepted == {**items["new"], "reviewer": "alice", "recorded_at": accepted["recorded_at"]}
    assert body["replay"] == single.json()
    assert body["conflict"] == {"error": "conflict", "winning_decision": single.json()["decision"]}
    assert body["reused"] == {"error": "idempotency_key_reused"}
    assert (body["invalid"]["error"], body["invalid"]["detail"][0]["loc"]) == (
        "invalid_body", ["action"])
    assert body["mismatch"] == {"error": "idempotency_key_mismatch"}
    assert body["unknown"] == {"error": "unknown_case"}
    assert body["withdrawn"] == {"error": "withdrawn", "winning_decision": None}
    assert body["lost_in_batch"] == {"error": "conflict", "winning_decision": accepted}
    assert body["no_key"] == {"error": "missing_idempotency_key"}


def test_replayed_batch_answers_the_same_and_4xx_items_are_not_stored(
        client_for, decision_body, post_decision, post_batch):
    alice = client_for("alice")
    earlier = decision_body(DECIDED, "remove")
    post_decision(alice, earlier)
    items = _mixed_items(decision_body, earlier)
    first = post_batch(alice, list(items.values()))
    again = post_batch(alice, list(items.values()))
    assert again.status_code == 200 and again.content == first.content
    # 404 and 422 were not stored: those keys still take a corrected body (and answer 409
    # because the cases are decided by now).
    corrected = [{**items["unknown"], "case_id": DECIDED}, {**items["invalid"], "action": "remove"}]
    assert [post_decision(alice, body).status_code for body in corrected] == [409, 409]


def test_a_key_is_one_record_across_single_and_batch(client_for, decision_body, post_decision,
                                                      post_batch):
    alice, lena = client_for("alice"), client_for("lena")
    first = decision_body(DECIDED, "escalate")
    second = decision_body(OPEN, "remove")
    single_first = post_decision(alice, first)
    batch = post_batch(alice, [first, second])
    single_second = post_decision(alice, second)
    assert [r["status"] for r in batch.json()["results"]] == [201, 201]
    # The batch embeds the stored bytes, and the single endpoint replays them.
    assert single_first.content in batch.content
    assert single_second.status_code == 201 and single_second.content in batch.content
    # Each body under one key is still one decision, however it arrived.
    recorded = [d["decision_id"] for d in lena.get("/v1/decisions").json()["decisions"]]
    assert recorded == [first["decision_id"], second["decision_id"]]
    # And a different body under a key first sent in a batch is refused by the single endpoint.
    reused = post_decision(alice, {**second, "note": "other"})
    assert (reused.status_code, reused.json()) == (422, {"error": "idempotency_key_reused"})


def test_batch_of_500_is_recorded_and_replays(client_for, decision_body, post_batch, bulk_cases):
    # How fast is `make bench`'s question (the drain figures), not a test's on a shared machine.
    alice, lena = client_for("alice"), client_for("lena")
    case_ids = bulk_cases(500)
    bodies = [decision_body(case_id, "remove") for case_id in case_ids]
    response = post_batch(alice, bodies)
    assert response.status_code == 200, response.text
    assert [r["status"] for r in response.json()["results"]] == [201] * 500
    assert post_batch(alice, bodies).content == response.content
    assert len(lena.get("/v1/decisions").json()["decisions"]) == 500


def test_batch_shape_is_checked_as_a_whole(client_for, decision_body, post_batch):
    alice = client_for("alice")
    too_many = [decision_body(OPEN) for _ in range(501)]
    for bad in ({"decisions": []}, {"decisions": [{"decision": decision_body(OPEN)}]},
                {"nothing": 1}, {"decisions": too_many}):
        response = alice.post("/v1/decisions/batch", json=bad)
        assert response.status_code == 422
        assert response.json()["error"] == "invalid_request"
    # A `decision` that is not even an object is that item's own problem.
    odd = post_batch(alice, [{"idempotency_key": "k-1", "decision": "remove it"},
                             decision_body(OPEN)])
    assert [r["status"] for r in odd.json()["results"]] == [422, 201]


def test_concurrent_batches_have_one_winner_per_case(server, seeded_template, decision_body,
                                                     bulk_cases):
    case_ids = bulk_cases(150)
    batches = {"alice": case_ids[:100], "bob": case_ids[50:]}  # 50 cases in both
    answers: dict[str, list[dict]] = {}
    start_together = threading.Barrier(len(batches))

    def push(name: str) -> None:
        bodies = [decision_body(case_id, "remove", note=name) for case_id in batches[name]]
        items = [{"idempotency_key": b["decision_id"], "decision": b} for b in bodies]
        headers = {"Authorization": f"Bearer {seeded_template.tokens[name]}"}
        with httpx.Client(base_url=server.url, headers=headers, timeout=30.0) as client:
            start_together.wait()
            response = client.post("/v1/decisions/batch", json={"decisions": items})
        answers[name] = response.json()["results"]

    threads = [threading.Thread(target=push, args=(name,)) for name in batches]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    outcomes: dict[str, list[dict]] = {case_id: [] for case_id in case_ids}
    for name, results in answers.items():
        for case_id, result in zip(batches[name], results, strict=True):
            outcomes[case_id].append(result)
    for case_id, results in outcomes.items():
        winners = [r["body"]["decision"] for r in results if r["status"] == 201]
        assert len(winners) == 1, case_id
        losers = [r["body"] for r in results if r["status"] != 201]
        assert all(body == {"error": "conflict", "winning_decision": winners[0]}
                   for body in losers)


def test_batch_needs_reviewer_token(client_for):
    body = {"decisions": [{"idempotency_key": str(uuid.uuid4()), "decision": {}}]}
    response = client_for(None).post("/v1/decisions/batch", json=body)
    assert (response.status_code, response.json()) == (401, {"error": "unauthorized"})
