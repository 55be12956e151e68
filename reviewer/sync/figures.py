"""The sync worker's figures step: the dashboards' figures come down once a minute (or at once
when the dashboards open or ask), and are kept whole in the store (reviewer/figures/store.py),
so the dashboards read offline and never touch the network themselves.

A reviewer's exposure stays on this machine; only when the central API says the organisation's
policy is `daily_totals` are the daily totals of the last 30 days sent — never per case, never
by stage. The team view is asked for until the central API refuses it (a reviewer's sign-in),
then once every ten minutes: a role can change. Answers are checked against the contract; one
that does not match is skipped and logged and the last good one stays.
"""

from __future__ import annotations

import logging
import time
from datetime import date
from typing import Callable

import sqlite_utils

from reviewer.contract.figures import MyFigures, TeamFigures
from reviewer.contract.quality import QualityFigures
from reviewer.domain import MalformedAnswer, checked
from reviewer.figures.local import exposure_days
from reviewer.figures.store import ME, QUALITY, TEAM, FigureStore
from reviewer.sync.api_client import ApiRejected, SignInNeeded

log = logging.getLogger(__name__)

FETCH_INTERVAL_S = 60.0
REFUSED_RETRY_S = 600.0


class FigureSync:
    def __init__(self, interval: float = FETCH_INTERVAL_S,
                 until: Callable[[], str | None] = lambda: None) -> None:
        self.interval = interval
        self.until = until  # the window's end; None: the central API's now (tests fix it)
        # Not in the first round: a short-lived process (`main.py sync --once`) never wants
        # them, and the dashboards ask as they open.
        self._last_fetch = time.monotonic()
        self._team_refused_at = -1e9

    def ask(self) -> None:
        """Fetch in the next round (called from the UI thread: one assignment, no lock)."""
        self._last_fetch = -1e9

    def run(self, db: sqlite_utils.Database, client) -> bool:
        """True if any stored figures changed. Raises Unavailable like every other step."""
        if time.monotonic() - self._last_fetch < self.interval:
            return False
        store = FigureStore(db)
        changed = self._fetch(store, ME, lambda: client.figures("me", self.until()), MyFigures)
        changed |= self._fetch(store, QUALITY, client.quality_figures, QualityFigures)
        if time.monotonic() - self._team_refused_at >= REFUSED_RETRY_S:
            changed |= self._fetch(store, TEAM, lambda: client.figures("team", self.until()),
                                   TeamFigures)
        self._share_exposure(db, store, client)
        self._last_fetch = time.monotonic()
        return changed

    def _fetch(self, store: FigureStore, kind: str, ask, model) -> bool:
        try:
            answer = checked(model, ask(), f"figures {kind}").model_dump()
        except SignInNeeded:
            raise
        except ApiRejected as exc:
            if exc.status == 404:  # a central API without these figures: "no data yet"
                return store.save(kind, {"absent": True})
            if exc.status == 403:
                if kind == TEAM:
                    self._team_refused_at = time.monotonic()
                return store.save(kind, {"refused": f"HTTP {exc.status}"})
            log.warning("figures %s refused: HTTP %s", kind, exc.status)
            return False
        except MalformedAnswer as exc:
            log.warning("central API figures answer skipped: %s", exc)
            return False
        return store.save(kind, answer)

    @staticmethod
    def _share_exposure(db: sqlite_utils.Database, store: FigureStore, client) -> None:
        me = store.load(ME)
        if not (me and me.data.get("exposure_policy") == "daily_totals"):
            return  # the default: exposure never leaves this machine
        days = [{"day": d.day, "exposure_s": round(d.total_s, 3)}
                for d in exposure_days(db, date.today()) if d.total_s > 0]
        if not days:
            return
        try:
            client.share_exposure(days)
        except SignInNeeded:
            raise
        except ApiRejected as exc:  # the policy changed since: nothing to do but not send
            log.info("exposure totals not taken: HTTP %s", exc.status)
