"""Guidelines and bulletins: publishing (leads), reading with a cursor, acknowledging once, the
acknowledgement report; and the guideline version every decision records."""

from __future__ import annotations

from server.demo.guidelines import CRISIS_BULLETIN_ID, policy_areas

BULLETIN = {"id": "floods-2026", "title": "Flood rescue appeals", "kind": "bulletin",
            "queue_id": "crisis_sweep", "policy_area": "spam",
            "body": "Donation links to the official relief fund are not spam."}


def _all_versions(client, since: int = 0) -> list[dict]:
    versions, more = [], True
    while more:
        page = client.get("/v1/guidelines", params={"since": since, "limit": 5}).json()
        versions += page["guidelines"]
        since, more = page["cursor"], page["more"]
    return versions


def test_the_seeded_library_covers_every_policy_area_and_has_a_crisis_bulletin(reader_for):
    versions = _all_versions(reader_for("alice"))
    documents = {v["id"] for v in versions if v["kind"] == "policy"}
    assert set(policy_areas()) <= documents
    assert [v["version"] for v in versions if v["id"] == "hate_speech"] == [1, 2, 3]
    bulletin = next(v for v in versions if v["id"] == CRISIS_BULLETIN_ID)
    assert bulletin["queue_id"] == "crisis_sweep" and bulletin["requires_ack"]
    assert bulletin["acknowledged_at"] is None
    assert [v["seq"] for v in versions] == sorted(v["seq"] for v in versions)


def test_a_reviewer_cannot_publish_and_a_senior_neither(client_for):
    for name in ("alice", "sam"):
        answer = client_for(name).post("/v1/guidelines", json=BULLETIN)
        assert answer.status_code == 403
        assert answer.json() == {"error": "forbidden", "required_role": "lead"}
    assert all(v["id"] != BULLETIN["id"] for v in _all_versions(client_for("alice")))


def test_publishing_appends_versions_and_the_cursor_brings_only_new_ones(client_for):
    alice, lena = client_for("alice"), client_for("lena")
    cursor = alice.get("/v1/guidelines", params={"limit": 1000}).json()["cursor"]
    first = lena.post("/v1/guidelines", json=BULLETIN)
    assert first.status_code == 201, first.text
    second = lena.post("/v1/guidelines", json={**BULLETIN, "body": BULLETIN["body"] + " More."})
    assert (first.json()["version"], second.json()["version"]) == (1, 2)
    assert second.json()["published_by"] == "lena" and second.json()["requires_ack"] is True
    new = alice.get("/v1/guidelines", params={"since": cursor}).json()
    assert [(v["id"], v["version"]) for v in new["guidelines"]] == [
        (BULLETIN["id"], 1), (BULLETIN["id"], 2)]
    assert new["guidelines"][0]["body"] == BULLETIN["body"]  # version 1 was not edited
    assert alice.get("/v1/guidelines", params={"since": new["cursor"]}).json()["guidelines"] == []
    policy = lena.post("/v1/guidelines", json={"id": "spam", "title": "Spam", "body": "v4"})
    assert policy.json()["version"] == 2 and policy.json()["requires_ack"] is False


def test_publishing_checks_its_input(client_for):
    lena = client_for("lena")
    for bad in ({**BULLETIN, "id": "Has Spaces"}, {**BULLETIN, "kind": "memo"},
                {**BULLETIN, "body": ""}, {**BULLETIN, "surprise": 1}):
        assert lena.post("/v1/guidelines", json=bad).status_code == 422
    unknown = lena.post("/v1/guidelines", json={**BULLETIN, "queue_id": "nope"})
    assert unknown.status_code == 422 and unknown.json()["error"] == "unknown_queue"


def test_acknowledging_is_idempotent_audited_once_and_reported_to_leads(client_for):
    alice, bob, lena = client_for("alice"), client_for("bob"), client_for("lena")
    path = f"/v1/guidelines/{CRISIS_BULLETIN_ID}/versions/1"
    first = alice.post(path + "/ack")
    assert first.status_code == 200, first.text
    again = alice.post(path + "/ack")
    assert again.json() == first.json()  # the first time is kept
    audit = [e for e in lena.get("/v1/audit").json()["entries"] if e["action"] == "guideline_ack"]
    assert [(e["actor"], e["detail"]) for e in audit] == [
        ("alice", {"guideline_id": CRISIS_BULLETIN_ID, "version": 1})]
    assert bob.get(path + "/acks").status_code == 403
    report = lena.get(path + "/acks").json()
    assert [a["reviewer"] for a in report["acknowledged"]] == ["alice"]
    assert {r["reviewer"] for r in report["not_acknowledged"]} == {"bob", "sam", "lena"}
    mine = next(v for v in _all_versions(alice) if v["id"] == CRISIS_BULLETIN_ID)
    assert mine["acknowledged_at"] == first.json()["acknowledged_at"]
    theirs = next(v for v in _all_versions(bob) if v["id"] == CRISIS_BULLETIN_ID)
    assert theirs["acknowledged_at"] is None
    assert alice.post(f"/v1/guidelines/{CRISIS_BULLETIN_ID}/versions/9/ack").status_code == 404


def test_decisions_record_the_guideline_version_and_old_clients_still_work(
        client_for, decision_body, post_decision, post_batch):
    alice, lena = client_for("alice"), client_for("lena")
    with_version = decision_body("case-00006", "remove", guideline_version="harassment@1")
    answer = post_decision(alice, with_version)
    assert answer.status_code == 201, answer.text
    assert answer.json()["decision"]["guideline_version"] == "harassment@1"
    assert post_decision(alice, with_version).json() == answer.json()  # replayed as stored
    old_client = decision_body("case-00003", "no_violation")  # no guideline_version at all
    old_answer = post_decision(alice, old_client)
    assert old_answer.status_code == 201
    assert "guideline_version" not in old_answer.json()["decision"]  # the answer it always got
    batched = decision_body("case-00001", "no_violation", guideline_version="spam@2")
    assert post_batch(alice, [batched]).json()["results"][0]["status"] == 201
    recorded = {d["decision_id"]: d.get("guideline_version", "")
                for d in lena.get("/v1/decisions").json()["decisions"]}
    assert recorded[with_version["decision_id"]] == "harassment@1"
    assert recorded[old_client["decision_id"]] == ""
    assert recorded[batched["decision_id"]] == "spam@2"
    too_long = decision_body("case-00002", "no_violation", guideline_version="x" * 65)
    assert post_decision(alice, too_long).status_code == 422


def test_the_admin_cli_publishes_the_next_version_from_a_file(tmp_path, db_path, capsys):
    import main  # the entry point, as `python main.py admin publish-guideline` runs it

    text = tmp_path / "spam.md"
    text.write_text("Bulk replies from new accounts are spam.\n\nSelect them in the sweep.")
    argv = ["admin", "publish-guideline", "--file", str(text), "--id", "spam", "--title",
            "Spam", "--policy-area", "spam", "--db", str(db_path)]
    assert main.main(argv) == 0
    assert "published spam@2 (policy)" in capsys.readouterr().out
    assert main.main([*argv[:5], "Not An Id", *argv[6:]]) == main.EXIT_USAGE
    assert "guideline id must match" in capsys.readouterr().err
