"""The sync worker's guideline step: acknowledgements made here go up every round, new
guideline versions come down at most once a minute (the library changes rarely; a bulletin
within a minute is soon enough). What is kept, and how it is read, is
reviewer/context/guidelines.py.

One version that does not match what a guideline must carry is skipped and logged; the rest
of the page is kept, so one broken document never keeps the others from the reviewer.
"""

from __future__ import annotations

import logging
import time

import sqlite_utils

from reviewer.context.guidelines import Guideline, GuidelineStore
from reviewer.domain import MalformedAnswer
from reviewer.sync.api_client import ApiRejected, SignInNeeded

log = logging.getLogger(__name__)

FETCH_INTERVAL_S = 60.0  # the library changes rarely; a new bulletin within a minute is soon enough


class GuidelineSync:
    """The sync worker's guideline step: pushes acknowledgements made here every round and
    fetches new versions at most once per `interval` seconds."""

    def __init__(self, client) -> None:
        self.client = client  # reviewer.sync.api_client.ApiClient
        self._last_fetch = -1e9  # due in the first round

    def run(self, db: sqlite_utils.Database, interval: float = FETCH_INTERVAL_S) -> bool:
        """True if new versions arrived. Raises Unavailable like every other step."""
        store = GuidelineStore(db)
        self.push_acks(store)
        if time.monotonic() - self._last_fetch < interval:
            return False
        added = self.fetch(store)
        self._last_fetch = time.monotonic()
        return added > 0

    def fetch(self, store: GuidelineStore) -> int:
        added, more = 0, True
        while more:
            since = store.cursor()
            items, cursor, more = self.client.guidelines(since)
            if more and cursor <= since:  # "more", yet no step forward: it would never end
                raise MalformedAnswer(f"guidelines: more after {since}, but the cursor is {cursor}")
            usable = [(version, item) for item in items if (version := _usable(item))]
            acknowledged = {(v.guideline_id, v.version): item["acknowledged_at"]
                            for v, item in usable if isinstance(item.get("acknowledged_at"), str)}
            added += store.save([v for v, _ in usable], cursor, acknowledged)
        return added

    def push_acks(self, store: GuidelineStore) -> int:
        sent = 0
        for guideline_id, version in store.pending_acks():
            try:
                self.client.acknowledge_guideline(guideline_id, version)
            except SignInNeeded:
                raise  # not refused: it waits for the reviewer to sign in again
            except ApiRejected as exc:  # unknown version, or refused: resending will not help
                log.warning("acknowledgement of %s@%s refused: %s", guideline_id, version,
                            exc.status)
                store.mark_ack_sent(guideline_id, version, f"HTTP {exc.status}")
                continue
            store.mark_ack_sent(guideline_id, version)
            sent += 1
        return sent


def _usable(item) -> Guideline | None:
    try:
        return Guideline.from_api(item)
    except MalformedAnswer as exc:
        log.warning("central API guidelines answer: skipped a version: %s", exc)
        return None
