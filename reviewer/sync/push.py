"""Pushing the outbox to the central API in batches, each decision under its own key.

One request carries up to BATCH_SIZE decisions, so a backlog of thousands drains in a few
dozen round trips. Every answer is terminal (accepted, conflict, rejected) except trouble
reaching the server, which puts the batch back to pending with backoff.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from datetime import timedelta
from itertools import takewhile
from typing import Any

from reviewer.sync.answers import DecisionAnswer
from reviewer.sync.answers import batch as read_batch
from reviewer.sync.api_client import ApiClient, ApiRejected, SignInNeeded, Unavailable
from reviewer.sync.backoff import backoff_delay
from reviewer.domain import Decision, MalformedAnswer, to_iso, utc_now
from reviewer.review.outbox import Outbox

# The central API's largest batch (MAX_BATCH): each request and its three commits (the outbox's
# before and after, the server's) are shared by 500 decisions. The server holds SQLite's write
# lock while it decides one batch; claims made while 10,000 decisions drain wait about as long
# as with batches of 200 (measured side by side: median 0.3 s at load 7).
BATCH_SIZE = 500
# A batch the server keeps refusing as a whole (unreadable answers, a 4xx for the request) is
# given up after this many attempts and shown as rejected, instead of being retried forever.
# Network outages do not count towards it: those are retried until the server is back.
MAX_BAD_ATTEMPTS = 8
# Requests out at once: the server decides one batch while the next ones wait there (push_all).
# Three, not two: with two, the server often had decided both before the first answer was
# back here and the next batch had arrived (each request's bytes wait for its event loop while
# a worker thread decides), and idled; own-process drain of 10,000, 10 alternating runs,
# median 544 -> 526 ms.
MAX_IN_FLIGHT = 3
SIGN_IN_RETRY_S = 30  # after a 401, decisions wait unsent; tried again this often (uncounted)


def state_for(answer: DecisionAnswer) -> str:
    if answer.status in (200, 201):
        return "accepted"
    if answer.status == 409:
        return "conflict"
    return "rejected"


class OutboxPusher:
    def __init__(self, outbox: Outbox, client: ApiClient):
        self.outbox = outbox
        self.client = client

    def push_all(self) -> int:
        """Send every due decision. Raises Unavailable at the first sign of an outage.

        Several requests are out at a time (MAX_IN_FLIGHT): while the server decides batch N,
        the next ones are already on their way and wait there for N's transaction, so the
        server never idles while this thread checks and records N's answers (a commit and its
        fsync) and reads what goes next. A batch never carries a decision on a case that a
        request still out carries (it ends before that decision), so each case's decisions
        reach the server one after the other, in outbox order, as they did with one request
        out. A request still out when something here fails is waited for and left `sending`:
        it goes again under the same keys, and the server replays its stored answers.
        Answers are taken as they come, not in the order sent: the server's worker threads
        race for its write lock, so it often decides N+1 before N, and waiting for N there
        left the server idle once it had decided both (requests out carry no case in common,
        so their answers may be recorded in either order).
        """
        sent, stop = 0, False  # stop: a batch was answered badly; record what is out, send no more
        out: deque[tuple[list[Decision], Future]] = deque()
        with ThreadPoolExecutor(max_workers=MAX_IN_FLIGHT,
                                thread_name_prefix="outbox-push") as sender:
            self._send_more(sender, out)
            while out:
                batch, request = self._first_answered(out)
                answers = self._answers(batch, request.result)
                if answers is None:
                    break  # answered badly: those wait for their backoff, do not spin on them
                if not stop:  # before recording these answers: the server has work queued
                    self._send_more(sender, out, answered=batch)
                if self._checked(batch, answers):
                    sent += len(batch)
                else:
                    stop = True
                if not out and not stop:
                    self._send_more(sender, out)  # decided here meanwhile
        return sent

    @staticmethod
    def _first_answered(out: deque[tuple[list[Decision], Future]]
                        ) -> tuple[list[Decision], Future]:
        """Take the first request out to be answered (or to fail) off `out`."""
        done, _ = wait([request for _, request in out], return_when=FIRST_COMPLETED)
        entry = next(entry for entry in out if entry[1] in done)  # the oldest of those done
        out.remove(entry)
        return entry

    def _send_more(self, sender: ThreadPoolExecutor, out: deque[tuple[list[Decision], Future]],
                   answered: list[Decision] = ()) -> None:
        """Send due decisions until MAX_IN_FLIGHT requests are out. `answered`: a batch whose
        answer is in but not yet recorded (still `sending` in the outbox), not sent again."""
        while len(out) < MAX_IN_FLIGHT:
            in_flight = [decision for batch, _ in out for decision in batch]
            batch = self.outbox.due(BATCH_SIZE, in_flight={
                decision.decision_id for decision in (*in_flight, *answered)})
            if in_flight:  # stop before a case a request still out carries
                busy = {decision.case_id for decision in in_flight}
                batch = list(takewhile(lambda decision: decision.case_id not in busy, batch))
            if not batch:
                return
            out.append((batch, self._send(sender, batch)))

    def push_batch(self, batch: list[Decision]) -> bool:
        """Send one batch and record its answers, on this thread; False if answered badly."""
        self.outbox.mark_sending([d.decision_id for d in batch])
        answers = self._answers(batch, lambda: self.client.send_decision_batch(batch))
        return answers is not None and self._checked(batch, answers)

    def _send(self, sender: ThreadPoolExecutor, batch: list[Decision]) -> Future:
        self.outbox.mark_sending([d.decision_id for d in batch])  # before the request goes out
        return sender.submit(self.client.send_decision_batch, batch)

    def _answers(self, batch: list[Decision], answered: Callable[[], Any]) -> Any:
        """The batch's answer, decoded, from `answered` (the request's result); None if the
        request was refused as a whole."""
        ids = [d.decision_id for d in batch]
        try:
            return answered()
        except Unavailable as exc:
            self._retry_later(ids, str(exc), exc.retry_after)
            raise
        except SignInNeeded:
            when = to_iso(utc_now() + timedelta(seconds=SIGN_IN_RETRY_S))
            self.outbox.mark_waiting(ids, "waiting for the reviewer to sign in again", when)
            raise
        except (MalformedAnswer, ApiRejected) as exc:
            self._give_up_or_retry(ids, f"central API answered badly: {exc}")
            return None

    def _checked(self, batch: list[Decision], data: Any) -> bool:
        """Check the answer against the contract and record it; False if it is unusable."""
        try:
            answers = read_batch(data, batch)
        except MalformedAnswer as exc:
            self._give_up_or_retry([d.decision_id for d in batch],
                                   f"central API answered badly: {exc}")
            return False
        self._record(batch, answers)
        return True

    def _record(self, batch: list[Decision], answers: list[DecisionAnswer]) -> None:
        self.outbox.record_answers(
            [(a.decision_id, state_for(a), _with_status(a)) for a in answers])
        if len(answers) == len(batch):
            return  # read_batch answers each decision sent at most once: every one is answered
        answered = {a.decision_id for a in answers}
        if unanswered := [d.decision_id for d in batch if d.decision_id not in answered]:
            # Their results were missing or malformed (answers.py logged which): sent again
            # later under the same keys, and given up on like any batch answered badly.
            self._give_up_or_retry(unanswered, "central API answered badly: no usable result")

    def _retry_later(self, ids: list[str], error: str, retry_after: float | None) -> None:
        delay = backoff_delay(self.outbox.attempts(ids[0]), retry_after=retry_after)
        self.outbox.mark_retry(ids, error, to_iso(utc_now() + timedelta(seconds=delay)))

    def _give_up_or_retry(self, ids: list[str], error: str) -> None:
        if self.outbox.attempts(ids[0]) + 1 >= MAX_BAD_ATTEMPTS:
            self.outbox.record_answers([(i, "rejected", {"error": error}) for i in ids])
        else:
            self._retry_later(ids, error, None)


def _with_status(answer: DecisionAnswer) -> dict:
    return {"http_status": answer.status, **answer.body}
