"""Decision answers, one at a time or in a batch, are checked against the contract; a result
that does not match is skipped, and its decision is sent again later rather than lost."""

import json
import logging
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from reviewer.actions import ActionId
from reviewer.domain import Case, Decision, MalformedAnswer
from reviewer.review.outbox import Outbox
from reviewer.store.case_cache import CaseCache
from reviewer.store.database import open_store
from reviewer.sync import answers
from reviewer.sync.api_client import ApiClient
from reviewer.sync.push import OutboxPusher
from tests.factories import case_dict


def _accepted(decision: Decision) -> dict:
    return {"status": "accepted", "decision": {
        **decision.to_api(), "reviewer": "alice", "recorded_at": "2026-11-20T10:00:01Z"}}


def _result(decision: Decision, status: int = 201, body: dict | None = None) -> dict:
    return {"idempotency_key": decision.decision_id, "status": status,
            "body": _accepted(decision) if body is None else body}


def _decisions(*case_ids: str) -> list[Decision]:
    return [Decision.new(case_id, ActionId.REMOVE, "violent_graphic") for case_id in case_ids]


def test_a_batch_with_one_malformed_result_answers_the_others(caplog):
    one, two, three = sent = _decisions("c1", "c2", "c3")
    broken = {**_result(two), "status": True}
    with caplog.at_level(logging.WARNING, logger="reviewer.sync.answers"):
        got = answers.batch({"results": [_result(one), broken, _result(three, 409, {
            "error": "conflict", "winning_decision": None})]}, sent)
    assert [(a.decision_id, a.status) for a in got] == [(one.decision_id, 201),
                                                        (three.decision_id, 409)]
    assert got[0].body == _accepted(one)  # the body as sent: the outbox stores it
    [line] = caplog.messages
    assert f"decision {two.decision_id} (case c2)" in line and "'status'" in line


def test_results_out_of_order_or_for_other_keys_are_matched_by_key(caplog):
    one, two = sent = _decisions("c1", "c2")
    stranger = _decisions("c9")[0]
    got = answers.batch({"results": [_result(two), _result(stranger), _result(one)]}, sent)
    assert [a.decision_id for a in got] == [one.decision_id, two.decision_id]
    assert stranger.decision_id in caplog.text


def test_an_accepted_status_without_an_accepted_decision_is_skipped():
    [one] = sent = _decisions("c1")
    assert answers.batch({"results": [_result(one, 201, {"error": "nope"})]}, sent) == []


def test_a_batch_answer_whose_outer_shape_is_wrong_is_malformed():
    with pytest.raises(MalformedAnswer, match="batch answer"):
        answers.batch({"results": {"not": "a list"}}, _decisions("c1"))


def test_a_single_decision_answer_is_checked_by_its_status():
    [one] = _decisions("c1")
    assert answers.decision(201, _accepted(one), one.decision_id).status == 201
    assert answers.decision(409, {"error": "deleted"}, one.decision_id).status == 409
    with pytest.raises(MalformedAnswer, match="'decision.action'"):
        answers.decision(201, {"status": "accepted", "decision": {
            **_accepted(one)["decision"], "action": "obliterate"}}, one.decision_id)
    with pytest.raises(MalformedAnswer):
        answers.decision(422, {"detail": "no error named"}, one.decision_id)


class _BatchAnswering(BaseHTTPRequestHandler):
    """Answers a batch with a good result for the first decision and a broken one for the rest."""

    def do_POST(self):  # noqa: N802
        sent = json.loads(self.rfile.read(int(self.headers["Content-Length"])))["decisions"]
        results = [{"idempotency_key": item["idempotency_key"], "status": 201,
                    "body": {"status": "accepted", "decision": {
                        **item["decision"], "reviewer": "alice",
                        "recorded_at": "2026-11-20T10:00:01Z"}}}
                   for item in sent]
        for result in results[1:]:
            result["body"]["decision"]["decided_at"] = 12
        body = json.dumps({"results": results}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def test_the_outbox_records_the_usable_results_and_sends_the_rest_again(tmp_path):
    db = open_store(tmp_path / "store.sqlite3")
    CaseCache(db).save_cases([Case.from_api(case_dict(c)) for c in ("c1", "c2")], None)
    outbox, sent = Outbox(db), _decisions("c1", "c2")
    for decision in sent:
        outbox.record(decision)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _BatchAnswering)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        client = ApiClient(f"http://127.0.0.1:{httpd.server_port}", "t")
        assert OutboxPusher(outbox, client).push_batch(outbox.due())
    finally:
        httpd.shutdown()
    assert outbox.counts()["accepted"] == 1 and outbox.waiting() == 1
    [waiting] = outbox.entries("pending")
    assert waiting.decision == sent[1] and "no usable result" in waiting.last_error
    assert waiting.attempts == 1


def test_each_batch_result_body_is_read_as_the_one_model_it_matches():
    """The body's union is tried in order (left_to_right): an accepted decision, a conflict
    and an error each end up as the model they would have been in pydantic's smart mode."""
    from reviewer.contract.decisions import (
        BatchDecisionsResult, DecisionAccepted, DecisionConflict,
    )
    from reviewer.contract.errors import InvalidRequest
    one, two, three, four = _decisions("c1", "c2", "c3", "c4")
    results = BatchDecisionsResult.model_validate({"results": [
        _result(one), _result(two, 409, {"error": "conflict", "winning_decision": _accepted(
            two)["decision"]}),
        _result(three, 409, {"error": "withdrawn", "winning_decision": None, "detail": []}),
        _result(four, 403, {"error": "not_your_case"})]}).results
    assert [type(r.body) for r in results] == [
        DecisionAccepted, DecisionConflict, DecisionConflict, InvalidRequest]
