"""The one sync worker: pushes the outbox, follows the change feed, keeps leases and a supply of
claimed cases with their media.

It runs on its own thread with its own store connection and reports a `SyncStatus` through a
plain callback; the UI turns that into a Qt signal in one bridge module. The UI thread never
waits on it: recording a decision only commits to the outbox and calls `wake()`.

It is the only way decisions leave the machine, so nothing may end it: an exception no step
expected ends that round only (logged with its traceback), the next round comes after a
backoff, and rounds that keep failing are reported (reviewer/sync/trouble.py).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable

from reviewer.sync import change_feed
from reviewer.sync.case_lookup import CaseLookup, LookedUp
from reviewer.sync.api_client import ApiClient, ApiRejected, SignInNeeded, Unavailable
from reviewer.sync.backoff import backoff_delay
from reviewer.sync.concern_steps import ConcernSteps
from reviewer.store.cache_guard import purge_settled
from reviewer.store.case_cache import CaseCache
from reviewer.domain import MalformedAnswer
from reviewer.sync.holds import sync_holds
from reviewer.review.outbox import Outbox
from reviewer.sync import trouble
from reviewer.sync.push import OutboxPusher
from reviewer.sync.supply import claim_count
from reviewer.media.presets import never_fetched
from reviewer.store.database import open_store
from reviewer.worker_thread import WakeableThread

log = logging.getLogger(__name__)


SIGN_IN_NEEDED = ("the central API no longer accepts this sign-in; decisions wait here until "
                  "you sign in again (Account menu)")


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
    closed_cases: tuple[str, ...] = ()  # open cases taken off the list (withdrawn, decided elsewhere)
    presets_changed: bool = False  # the organisation's media presets changed this round
    outcomes: tuple[str, ...] = ()  # seniors' verdicts on decisions of ours awaiting approval
    guidelines_changed: bool = False  # a guideline or bulletin was published or updated
    context_changed: int = 0  # accounts whose investigation context or notes were refreshed
    incidents_changed: bool = False  # incidents, their figures or review entries changed
    purged: int = 0  # settled or stale rows deleted from the local cache this round
    needs_sign_in: bool = False  # the central API refused the token (401): sign in again
    alerts_changed: bool = False  # the alerts list changed (reviewer/sync/alerts.py)
    paged_alerts: tuple[int, ...] = ()  # alerts that page this reviewer anew
    trouble: str = ""  # rounds keep failing: the sentence the status bar shows ('' if not)
    looked_up: tuple[LookedUp, ...] = ()  # cases asked for by id (CaseLookup), fetched or not
    figures_changed: bool = False  # the dashboards' figures changed (reviewer/sync/figures.py)


@dataclass
class SyncSettings:
    prefetch_per_queue: int = 50  # cases kept cached per queue so work goes on offline
    low_watermark: int = 20  # claim more when a queue's local supply drops below this
    idle_interval: float = 10.0  # seconds between rounds when nothing wakes the worker
    media_per_round: int = 100
    lease_renew_interval: float = 300.0  # leases last 30 min on the server; renew well before
    presets_interval: float = 60.0  # how often the organisation's media presets are checked
    queues: tuple[str, ...] = field(default_factory=tuple)  # active queues; empty: all
    # Media categories whose bytes are never fetched (`presets.never_fetched`, the one place
    # that list is worked out); the organisation's are added as they arrive.
    never_fetch: frozenset[str] = field(default_factory=never_fetched)


class SyncEngine(WakeableThread):
    thread_name = "sync-worker"

    def __init__(self, store_path: Path, client: ApiClient,
                 on_status: Callable[[SyncStatus], None] = lambda s: None,
                 settings: SyncSettings | None = None):
        super().__init__()
        self.store_path = Path(store_path)
        self.client = client
        self.on_status = on_status
        self.settings = settings or SyncSettings()
        self._offline_rounds = self._failed_rounds = 0
        self._retry_after: float | None = None  # the central API's Retry-After, if it sent one
        self._round_failed = self._counted = False
        self._trouble = trouble.TroubleCounter()
        self._trouble_saved = True  # a record left by an earlier run is cleared once it is over
        self._last_status: SyncStatus | None = None
        self._failed_media: set[str] = set()
        self._last_renewal = -1e9  # due in the first round
        self._let_go = False  # this round's renewal lost leases (a hold's limit, another holder)
        self._outcomes: list[str] = []
        self.lookups = CaseLookup()  # the UI asks, this thread fetches
        self.concerns = ConcernSteps(client, self.settings)  # presets, guidelines, alerts...
        self._db = None

    @property
    def client(self) -> ApiClient:
        return self._client

    @client.setter
    def client(self, client: ApiClient) -> None:  # a new sign-in: every step uses it
        self._client = client
        if hasattr(self, "concerns"):
            self.concerns.client = client

    @property
    def figures(self):
        """The dashboards' figures step (the UI asks it for figures now)."""
        return self.concerns.figures

    @figures.setter
    def figures(self, figures) -> None:
        self.concerns.figures = figures

    # --- thread control -----------------------------------------------------------------
    def start(self) -> None:
        self._db = None  # sqlite3 connections are per thread: the new thread opens its own
        super().start()

    def _loop(self) -> None:
        while not self._stop.is_set():
            status = self.run_once()  # never raises
            self._publish(status)
            self._wake.wait(self._delay_after(status))
            self._wake.clear()

    def _delay_after(self, status: SyncStatus) -> float:
        try:
            return self._next_delay(status)
        except Exception:  # the store cannot say what is due: wait as after a failed round
            log.exception("sync worker could not plan its next round")
            return backoff_delay(self._failed_rounds, base=1.0, cap=30.0)

    def _next_delay(self, status: SyncStatus) -> float:
        if self._round_failed:
            self._failed_rounds += 1
            return backoff_delay(self._failed_rounds - 1, base=1.0, cap=30.0)
        self._failed_rounds = 0
        if not status.online:
            self._offline_rounds += 1
            return backoff_delay(self._offline_rounds - 1, base=1.0, cap=15.0,
                                 retry_after=self._retry_after)
        self._offline_rounds = 0
        if status.new_media >= self.settings.media_per_round:
            return 0.0
        # Wake when the next held (grace window) or backed-off decision becomes due.
        until_due = self._outbox().seconds_until_due()
        return min(self.settings.idle_interval, until_due if until_due is not None else 1e9)

    # --- one round ----------------------------------------------------------------------
    def run_once(self) -> SyncStatus:
        """Push, then pull. Never raises: network trouble, answers that cannot be used and
        anything unexpected end the round and are reported in the status."""
        try:
            return self._round()
        except Exception as exc:  # even the bookkeeping after the steps failed: the store itself
            log.exception("sync round failed")
            self._after_failure(exc)
            return self._failed_status(exc)

    def _round(self) -> SyncStatus:
        new_cases = new_media = 0
        closed: list[str] = []
        presets_changed = guidelines_changed = needs_sign_in = incidents_changed = False
        figures_changed = False
        alerts: tuple[bool, tuple[int, ...]] = (False, ())
        context_changed = purged = 0
        looked_up: list[LookedUp] = []
        failure: Exception | None = None
        self._retry_after, self._counted = None, False
        try:
            # Most important first: on a flaky network a round may end early at any request.
            # Presets (checked once a minute) come before any media fetch, so a category the
            # organisation marks never-render is known before its bytes could be fetched.
            self.push()
            self._outcomes += sync_holds(self._database(), self.client)  # and hand-offs
            looked_up = self.lookups.run(self._database(), self.client)  # someone waits on these
            concerns, db = self.concerns, self._database()
            presets_changed = concerns.follow_presets(db)
            closed = self.follow_changes()
            self.renew_leases(closed)  # before claiming, so a lost lease is replaced at once
            new_cases, new_media = self.pull()
            guidelines_changed = concerns.follow_guidelines(db)
            alerts = concerns.follow_alerts(db)
            context_changed = concerns.follow_accounts(db)
            incidents_changed = concerns.follow_incidents(db)
            figures_changed = concerns.follow_figures(db)
            online, error = True, ""
        except Unavailable as exc:
            online, error = False, f"central API unreachable ({exc})"
            self._retry_after = exc.retry_after
        except SignInNeeded:
            online, error, needs_sign_in = True, SIGN_IN_NEEDED, True
        except (ApiRejected, MalformedAnswer) as exc:
            online, error, failure = True, f"central API answered badly: {exc}", exc
            # An error body may echo what was sent (a note): the log gets the status only.
            log.warning("sync round ended: the central API answered badly: %s",
                        f"HTTP {exc.status}" if isinstance(exc, ApiRejected) else exc)
        except Exception as exc:  # a step met what nobody foresaw: this round ends, not the worker
            log.exception("sync round failed")
            self._after_failure(exc)
            online, error, failure = True, f"{trouble.reason_for(exc)} ({type(exc).__name__})", exc
        shown = self._count_trouble(failure, counts=online and not needs_sign_in)
        purged = self.purge_settled()  # offline too: the cache shrinks whether or not we are online
        log.debug("sync round done: online=%s error=%s", online, error)
        status = self.status(online, error, new_cases, new_media, tuple(closed))
        outcomes, self._outcomes = tuple(self._outcomes), []
        status = replace(status, presets_changed=presets_changed, outcomes=outcomes,
                         guidelines_changed=guidelines_changed, context_changed=context_changed,
                         purged=purged, needs_sign_in=needs_sign_in, looked_up=tuple(looked_up),
                         incidents_changed=incidents_changed,
                         figures_changed=figures_changed,
                         alerts_changed=alerts[0], paged_alerts=alerts[1],
                         trouble=shown.sentence() if shown and online else "")
        self._last_status = status
        return status

    # --- rounds that fail (reviewer/sync/trouble.py) ------------------------------------
    def _count_trouble(self, failure: Exception | None,
                       counts: bool) -> trouble.TroubleRecord | None:
        """Count this round as failed or as gone through; offline and signed-out rounds say
        nothing either way. Returns the trouble to show, if rounds keep failing."""
        self._round_failed, self._counted = failure is not None, True
        if failure is not None:
            record = self._trouble.failed(trouble.reason_for(failure))
            if record is not None:
                self._save_trouble(record)
        elif counts:
            self._trouble.succeeded()
            if self._trouble_saved:
                self._save_trouble(None)
        return self._trouble.current

    def _save_trouble(self, record: trouble.TroubleRecord | None) -> None:
        try:
            db = self._database()
        except Exception:  # the store is the trouble: the status bar still says so
            log.warning("could not keep the sync trouble record", exc_info=True)
            return
        trouble.save(db, record)
        self._trouble_saved = record is not None

    def _after_failure(self, exc: Exception) -> None:
        """Leave the store connection usable for the next round: roll back what the failed
        step left open, and reopen the store after a store error."""
        db, self._round_failed = self._db, True
        if db is None:
            return
        try:
            if db.conn.in_transaction:
                db.conn.rollback()
            if trouble.reason_for(exc) == trouble.STORE:
                db.conn.close()
                self._db = None
        except Exception:  # a broken connection is reopened next round
            log.exception("sync worker could not reset its store connection")
            self._db = None

    def _failed_status(self, exc: Exception) -> SyncStatus:
        """The status of a round that failed past its steps, from what is known without the
        store (the last status's counts)."""
        record = self._trouble.current
        if not self._counted:  # the round failed before it was counted
            record = self._trouble.failed(trouble.reason_for(exc))
            if record is not None:
                self._save_trouble(record)
        last = self._last_status or SyncStatus(None, 0, 0, 0, 0)
        return replace(last, last_error=f"{trouble.reason_for(exc)} ({type(exc).__name__})",
                       new_cases=0, new_media=0, closed_cases=(), presets_changed=False,
                       outcomes=(), guidelines_changed=False, context_changed=0, purged=0,
                       incidents_changed=False,
                       figures_changed=False,
                       trouble=record.sentence() if record else "")

    def purge_settled(self) -> int:
        """Delete cases settled long enough ago and anything past the cache TTL."""
        return purge_settled(self._database())

    def status(self, online: bool | None, error: str = "", new_cases: int = 0,
               new_media: int = 0, closed: tuple[str, ...] = ()) -> SyncStatus:
        c = self._outbox().counts()
        # Held for a senior is accepted too, as far as sync goes: stored, never sent again.
        return SyncStatus(online, c["pending"] + c["sending"],
                          c["accepted"] + c["awaiting_approval"], c["conflict"],
                          c["rejected"], error, new_cases, new_media, closed)

    def push(self) -> int:
        """Send every due decision; stops at the first sign the server is unreachable."""
        return OutboxPusher(self._outbox(), self.client).push_all()

    def follow_changes(self) -> list[str]:
        """Read the change feed to its end; returns the open cases it took off the list (the
        seniors' verdicts on our decisions are kept for the next status)."""
        db, closed, more = self._database(), [], True
        while more:
            since = change_feed.cursor(db)
            changes, cursor, more = self.client.changes(since)
            if more and cursor <= since:  # "more", yet no step forward: it would never end
                raise MalformedAnswer(f"change feed: more after {since}, but the cursor is {cursor}")
            applied = change_feed.apply_changes(db, changes, cursor)
            closed += applied.closed
            self._outcomes += applied.outcomes
        return closed

    def renew_leases(self, closed: list[str]) -> None:
        """Keep the leases on cached open cases alive while online (every few minutes)."""
        if time.monotonic() - self._last_renewal < self.settings.lease_renew_interval:
            return
        cache = CaseCache(self._database())
        ids = cache.open_case_ids()
        for start in range(0, len(ids), 500):
            renewed, lost = self.client.renew_leases(ids[start:start + 500])
            cache.set_leases(renewed)
            closed += cache.mark_lost(lost)
            self._let_go = self._let_go or bool(lost)
        self._last_renewal = time.monotonic()

    def pull(self) -> tuple[int, int]:
        """Refresh queues, claim more cases where the local supply is low, fetch their media.
        Returns (cases added, media fetched)."""
        cache = CaseCache(self._database())
        queues = self.client.queues()
        cache.save_queues(queues)
        local = cache.open_counts()
        # What this round let go goes to a colleague's claim first: no urgent extras now.
        urgent_too, self._let_go = not self._let_go, False
        active = set(self.settings.queues)
        added = 0
        for queue in queues:
            if active and queue.id not in active:
                continue
            count = claim_count(queue, local.get(queue.id, 0),
                                lambda queue_id=queue.id: cache.least_urgent_open(queue_id),
                                self.settings.low_watermark, self.settings.prefetch_per_queue,
                                urgent_too)
            if count:
                cases, lease = self.client.claim(queue.id, count)
                # Our own live leases come back with every claim: only the rest are new here.
                known = cache.open_among([c.id for c in cases])
                cache.save_claimed(cases, lease)
                added += len(cases) - len(known)
        return added, self._fetch_media(cache)

    def _fetch_media(self, cache: CaseCache) -> int:
        wanted = [s for s in cache.missing_media(self.settings.media_per_round,
                                                 frozenset(self.settings.never_fetch))
                  if s not in self._failed_media]
        for sha in wanted:
            try:
                data, mime = self.client.media(sha)
            except SignInNeeded:
                raise
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
