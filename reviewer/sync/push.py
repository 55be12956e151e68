"""Pushing the outbox to the central API in batches, each decision under its own key.

One request carries up to BATCH_SIZE decisions, so a backlog of thousands drains in a few
dozen round trips. Every answer is terminal (accepted, conflict, rejected) except trouble
reaching the server, which puts the batch back to pending with backoff.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import timedelta
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

        One request is out at a time, and batch N+1 goes out as soon as N's answer arrives:
        the server decides N+1 while this thread checks and records N's answers (a commit and
        its fsync) and reads N+2 from the outbox. The server therefore meets the batches one
        after the other, in outbox order, as before. A request still out when something here
        fails is waited for and left `sending`: it goes again under the same keys, and the
        server replays its stored answers.
        """
        sent, batch = 0, self.outbox.due(limit=BATCH_SIZE)
        stop = False  # a batch was answered badly: record the one still out, send no more
        if not batch:
            return 0
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="outbox-push") as sender:
            out: Future | None = self._send(sender, batch)
            while out is not None:
                following = [] if stop else self.outbox.due(
                    BATCH_SIZE, in_flight={d.decision_id for d in batch})
                answers = self._answers(batch, out.result)
                if answers is None:
                    break  # answered badly: those wait for their backoff, do not spin on them
                out = self._send(sender, following) if following else None
                if self._checked(batch, answers):
                    sent += len(batch)
                else:
                    stop = True
                batch = following
                if out is None and not stop and (batch := self.outbox.due(limit=BATCH_SIZE)):
                    out = self._send(sender, batch)  # decided here meanwhile
        return sent

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
