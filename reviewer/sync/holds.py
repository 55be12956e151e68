"""The sync worker's part of holds and hand-offs (reviewer/review/holds.py): tell the central
API about new holds, give queued hand-offs, and fetch the cases colleagues handed to us.

A refused request (409 `not_your_lease`: the case went elsewhere meanwhile; 422
`unknown_colleague`) ends with one line for the reviewer, never retried forever.
"""

from __future__ import annotations

import logging

import sqlite_utils

from reviewer.review.holds import HoldBook
from reviewer.store.case_cache import CaseCache
from reviewer.sync.api_client import ApiClient, ApiRejected
from reviewer.words import Phrase, translate

log = logging.getLogger(__name__)


def sync_holds(db: sqlite_utils.Database, client: ApiClient) -> list[str]:
    """One round; returns lines for the reviewer (refusals, hand-offs given)."""
    book, said = HoldBook(db), []
    for hold in book.unsent():
        try:
            answer = client.hold(hold.case_id, hold.reason)
        except ApiRejected as exc:
            book.release(hold.case_id)
            said.append(Phrase(translate("core", "Hold on {case} not kept by the central API "
                                         "(HTTP {status})"), case=hold.case_id, status=exc.status))
            continue
        book.mark_sent(hold.case_id, str(answer.get("held_until", hold.until)))
    for case_id in book.unholds():
        client.unhold(case_id)
        book.unheld(case_id)
    for request in book.handoffs():
        try:
            client.hand_off(request.case_id, request.to, request.note)
            said.append(Phrase(translate("core", "{case} handed to {to}"),
                               case=request.case_id, to=request.to))
        except ApiRejected as exc:
            said.append(Phrase(translate("core", "{case} NOT handed to {to}: {why} — it stays in "
                                         "your list"), case=request.case_id, to=request.to,
                               why=_refusal(exc, request.to)))
        book.handed_off(request.case_id)
    cases, lease = client.handoffs()
    cache = CaseCache(db)
    if cases:
        cache.save_claimed(cases, lease)
    book.pin([case.id for case in cases])
    return said


def _refusal(exc: ApiRejected, to: str) -> str:
    """The central API's refusal in words (its body stays out: it is for machines)."""
    if "unknown_colleague" in str(exc):
        return Phrase(translate("core", "the central API knows no colleague named “{to}”"), to=to)
    if exc.status == 403:
        return Phrase(translate("core", "you may not hand this case on"))
    if exc.status in (404, 409):
        return Phrase(translate("core", "the case is no longer open to you"))
    return Phrase(translate("core", "the central API refused it (HTTP {status})"),
                  status=exc.status)
