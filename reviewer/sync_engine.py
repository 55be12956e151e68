"""The one sync worker: pushes the outbox, keeps a supply of claimed cases and their media.

It runs on its own thread with its own store connection and reports a `SyncStatus` through a
plain callback; the UI turns that into a Qt signal in one bridge module. The UI thread never
waits on it: recording a decision only commits to the outbox and calls `wake()`.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Callable

from reviewer.api_client import ApiClient, ApiRejected, Unavailable
from reviewer.backoff import backoff_delay
from reviewer.case_cache import CaseCache
from reviewer.domain import Decision, MalformedAnswer, to_iso, utc_now
from reviewer.outbox import Outbox
from reviewer.store import open_store

log = logging.getLogger(__name__)

# A decision whose answers keep coming back unreadable is given up (shown as rejected) after
# this many attempts, instead of being retried forever. Network outages do not count.
MAX_MALFORMED_ATTEMPTS = 8


@dataclass(frozen=True)
class SyncStatus:
    online: bool | None  # None until the first contact has been tried
    waiting: int  # decisions not yet acknowledged by the central API
    accepted: int
    conflicts: int
    rejected: int
    last_error: str = ""
    new_cases: int = 0  # cases added to the local cache by this round
    new_media: int = 0  # media items fetched by this round


@dataclass
class SyncSettings:
    prefetch_per_queue: int = 50  # cases kept cached per queue so work goes on offline
    low_watermark: int = 20  # claim more when a queue's local supply drops below this
    idle_interval: float = 10.0  # seconds between rounds when nothing wakes the worker
    media_per_round: int = 100


class SyncEngine:
    def __init__(self, store_path: Path, client: ApiClient,
                 on_status: Callable[[SyncStatus], None] = lambda s: None,
                 settings: SyncSettings | None = None):
        self.store_path = Path(store_path)
        self.client = client
        self.on_status = on_status
        self.settings = settings or SyncSettings()
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._offline_rounds = 0
        self._failed_media: set[str] = set()
        self._db = None

    # --- thread control -----------------------------------------------------------------
    def start(self) -> None:
        self._thread = threading.Thread(target=self._loop, name="sync-worker", daemon=True)
        self._thread.start()

    def wake(self) -> None:
        self._wake.set()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread:
            self._thread.join(timeout)

    def _loop(self) -> None:
        while not self._stop.is_set():
            status = self.run_once()
            self._publish(status)
            if status.online:
                self._offline_rounds = 0
                more = self._outbox().due(1) or status.new_media >= self.settings.media_per_round
                delay = 0.0 if more else self.settings.idle_interval
            else:
                delay = backoff_delay(self._offline_rounds, base=1.0, cap=15.0)
                self._offline_rounds += 1
            self._wake.wait(delay)
            self._wake.clear()

    # --- one round ----------------------------------------------------------------------
    def run_once(self) -> SyncStatus:
        """Push, then pull. Never raises for network trouble: it reports it in the status."""
        new_cases = new_media = 0
        try:
            self.push()
            new_cases, new_media = self.pull()
            online, error = True, ""
        except Unavailable as exc:
            online, error = False, f"central API unreachable ({exc})"
        except (ApiRejected, MalformedAnswer) as exc:
            online, error = True, f"central API answered badly: {exc}"
        log.debug("sync round done: online=%s error=%s", online, error)
        return self.status(online, error, new_cases, new_media)

    def status(self, online: bool | None, error: str = "", new_cases: int = 0,
               new_media: int = 0) -> SyncStatus:
        c = self._outbox().counts()
        return SyncStatus(online, c["pending"] + c["sending"], c["accepted"], c["conflict"],
                          c["rejected"], error, new_cases, new_media)

    def push(self) -> int:
        """Send every due decision; stops at the first sign the server is unreachable."""
        outbox, sent = self._outbox(), 0
        while batch := outbox.due(limit=50):
            for decision in batch:
                self._send_one(outbox, decision)
                sent += 1
        return sent

    def _send_one(self, outbox: Outbox, decision: Decision) -> None:
        outbox.mark_sending(decision.decision_id)
        try:
            answer = self.client.post_decision(decision)
        except Unavailable as exc:
            self._retry_later(outbox, decision, str(exc), exc.retry_after)
            raise
        except MalformedAnswer as exc:
            attempts = self._attempts(decision.decision_id)
            if attempts + 1 >= MAX_MALFORMED_ATTEMPTS:
                outbox.mark_done(decision.decision_id, "rejected", {"error": str(exc)})
            else:
                self._retry_later(outbox, decision, str(exc), None)
            return
        if answer.status in (200, 201):
            outbox.mark_done(decision.decision_id, "accepted", answer.body)
        elif answer.status == 409:
            outbox.mark_done(decision.decision_id, "conflict", answer.body)
        else:
            outbox.mark_done(decision.decision_id, "rejected",
                             {"status": answer.status, **answer.body})

    def _retry_later(self, outbox: Outbox, decision: Decision, error: str,
                     retry_after: float | None) -> None:
        delay = backoff_delay(self._attempts(decision.decision_id), retry_after=retry_after)
        when = to_iso(utc_now() + timedelta(seconds=delay))
        outbox.mark_retry(decision.decision_id, error, when)

    def _attempts(self, decision_id: str) -> int:
        row = self._database().execute(
            "SELECT attempts FROM outbox WHERE decision_id = ?", (decision_id,)).fetchone()
        return row[0] if row else 0

    def pull(self) -> tuple[int, int]:
        """Refresh queues, claim more cases where the local supply is low, fetch their media.
        Returns (cases added, media fetched)."""
        cache = CaseCache(self._database())
        queues = self.client.queues()
        cache.save_queues(queues)
        local = cache.open_counts()
        added = 0
        for queue in queues:
            have = local.get(queue.id, 0)
            if have < self.settings.low_watermark and queue.open_count > 0:
                cases, lease = self.client.claim(queue.id, self.settings.prefetch_per_queue - have)
                cache.save_cases(cases, lease)
                added += len(cases)
        return added, self._fetch_media(cache)

    def _fetch_media(self, cache: CaseCache) -> int:
        wanted = [s for s in cache.missing_media(self.settings.media_per_round)
                  if s not in self._failed_media]
        for sha in wanted:
            try:
                data, mime = self.client.media(sha)
            except ApiRejected as exc:
                # The server does not have it (or will not give it): the viewer shows a
                # placeholder naming the reason; asking again every round would only add load.
                log.warning("media %s unavailable: %s", sha[:12], exc)
                self._failed_media.add(sha)
                continue
            cache.save_media(sha, mime, data)
        return len(wanted)

    # --- per-thread store ---------------------------------------------------------------
    def _database(self):
        if self._db is None:  # opened on the thread that uses it (sqlite3 objects are per-thread)
            self._db = open_store(self.store_path)
        return self._db

    def _outbox(self) -> Outbox:
        return Outbox(self._database())

    def _publish(self, status: SyncStatus) -> None:
        try:
            self.on_status(status)
        except Exception:  # a broken listener must not kill the only sync worker
            log.exception("sync status listener failed")
