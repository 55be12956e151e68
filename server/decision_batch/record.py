"""POST /v1/decisions/batch: one answer per item, in order, in one transaction, each exactly
what POST /v1/decisions would answer (same rules: decisions.decide_case).

Most items are plain: a new key, a valid body, a case read in the window's one statement
(view.py), no quality link, no four-eyes answer pending. Those are decided against the view
and their rows go to one DecisionWrites, written together; the cases of those that name an
incident join it together too (an unknown incident answers 422 as the single endpoint does;
incidents are read once per batch, as no decision makes one). Any other item (a case met earlier
in the batch, a quality link, an approval, a reversal, a key repeated or purged)
is decided one at a time by decisions.decide_one, after the buffered rows are written, so it
reads the database as if every item before it had been written at once. One that may change
other cases than its own (a quality link: appeals, second reviews, disagreements) also sends
the batch back to the database for the rest of its items.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from sqlalchemy import Connection

from server.auth.tokens import Reviewer
from server.decision_batch.view import BatchView, case_id_of, shares_by_queue
from server.decision_rows import DecisionWrites
from server.decisions import (
    KeyedDecision, StoredResponse, decide_case, decide_one, encode_body, key_row, replay,
    stored_rows, validate,
)
from server.errors import ApiError
from server.four_eyes import AWAITING
from server.incidents.membership import join_cases
from server.incidents.record import require_incident
from server.quality import decision_rules
from server.quality.settings import RationaleRules
from server.store.database import Database, lock_batch
from server.timeutil import utcnow

WINDOW = 500  # items read per statement (a push sends up to 500); again after an unusual item
_ONE_AT_A_TIME = object()  # _plain's answer for an item decided by decide_one
_FOUR_EYES = frozenset({"approve", "reverse"})  # four_eyes.py answers them, one at a time


def record_decision_batch(
    database: Database, reviewer: Reviewer, requests: list[KeyedDecision]
) -> list[StoredResponse]:
    """Handle POST /v1/decisions/batch: one answer per request, in order, one transaction."""
    keys = [request.key for request in requests]
    with database.read() as conn:
        # A retried batch is answered without the write lock. A new one is known by its first
        # key alone: one lookup, where asking all 500 keys cost as much as reading them again
        # under the lock (view.py does).
        stored = stored_rows(conn, keys) if keys and keys[0] and stored_rows(conn, keys[:1]) else {}
    if stored and all(key in stored for key in keys):
        return [replay(stored[request.key], request) for request in requests]
    with database.write() as conn:
        lock_batch(conn, keys, [case_id_of(request.payload) for request in requests])
        return _Batch(conn, reviewer, requests, utcnow()).decide()


class _Batch:
    def __init__(self, conn: Connection, reviewer: Reviewer, requests: list[KeyedDecision],
                 now: datetime) -> None:
        self.conn, self.reviewer, self.requests, self.now = conn, reviewer, requests, now
        self.writes = DecisionWrites()
        self.rules = RationaleRules(conn)
        self.shares = shares_by_queue(conn)
        self.view: BatchView | None = None
        self.seen_keys: set[str] = set()
        self.touched: set[str] = set()  # cases whose rows in the view are out of date
        self.drawn: list[tuple] = []  # (case, decision) drawn for a second review
        self.incidents: dict[str, bool] = {}  # incident id -> it exists
        self.joining: defaultdict[str, list[str]] = defaultdict(list)  # incident -> cases

    def decide(self) -> list[StoredResponse]:
        answers = []
        for index, request in enumerate(self.requests):
            if self.view is None or index >= self.view.end:
                self.view = BatchView.read(self.conn, self.requests, index, index + WINDOW)
            answer = self._plain(request)
            if answer is _ONE_AT_A_TIME:
                answer = self._one_at_a_time(request)
            self.seen_keys.add(request.key)
            answers.append(answer)
        self._flush()
        return answers

    def _plain(self, request: KeyedDecision):
        """The answer, or _ONE_AT_A_TIME for an item the view cannot decide alone."""
        view = self.view
        if not request.key or request.key in self.seen_keys:
            return _ONE_AT_A_TIME
        if request.key in view.stored:
            return replay(view.stored[request.key], request)
        try:
            decision_in = validate(request.payload, request.key)
            if decision_in.decision_id in view.recorded or decision_in.case_id in self.touched:
                return _ONE_AT_A_TIME
            if decision_in.incident_id and not self._incident_exists(decision_in.incident_id):
                raise ApiError(422, "unknown_incident")  # not stored: the client may fix it
            case = view.cases.get(decision_in.case_id)
            if case is None:
                raise ApiError(404, "unknown_case")
            if (decision_in.case_id in view.links or case.status == AWAITING
                    or decision_in.action.value in _FOUR_EYES):
                return _ONE_AT_A_TIME
            self.touched.add(case.id)
            response, final = decide_case(self.conn, self.writes, self.reviewer, case,
                                          decision_in, self.now, found=None, rules=self.rules,
                                          request_hash=request.request_hash)
        except ApiError as exc:  # 403, 404 and 422 are this item's answer; nothing was written
            return StoredResponse(exc.status, encode_body(exc.body))
        if final is not None and decision_rules.sampled(case) and decision_rules.drawn(
                decision_in.decision_id, self.shares[case.queue_id]):
            self.drawn.append((case, final[1]))
        if response.status_code == 201 and decision_in.incident_id:
            self.joining[decision_in.incident_id].append(case.id)
        if response.keyed:
            self.writes.keys.append(key_row(request, response, self.now))
        return response

    def _incident_exists(self, incident_id: str) -> bool:
        if incident_id not in self.incidents:
            try:
                require_incident(self.conn, incident_id)
                self.incidents[incident_id] = True
            except ApiError:
                self.incidents[incident_id] = False
        return self.incidents[incident_id]

    def _one_at_a_time(self, request: KeyedDecision) -> StoredResponse:
        self._flush()  # it reads (and may change) what the items before it wrote
        answer = decide_one(self.conn, self.reviewer, request, self.now)
        case_id = case_id_of(request.payload)
        if case_id in self.view.links:  # quality work may change other cases and links
            self.view, self.touched = None, set()  # read the rest again, as they are now
        elif case_id:
            self.touched.add(case_id)  # otherwise it wrote its own case only
        return answer

    def _flush(self) -> None:
        self.writes.flush(self.conn)
        for case, decision in self.drawn:  # reads the decision row: after the flush
            decision_rules.after_final(self.conn, self.reviewer, case, None, decision, self.now)
        self.drawn = []
        for incident_id, case_ids in self.joining.items():  # after, as the single endpoint
            join_cases(self.conn, None, incident_id, case_ids, "decision", self.now)
        self.joining.clear()
