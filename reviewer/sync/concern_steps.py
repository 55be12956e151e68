"""The sync worker's per-concern steps: the organisation's presets and rationale rules,
guidelines and bulletins, alerts, account context, incidents and the dashboards' figures.

Each concern keeps its own module (reviewer/sync/<concern>.py); this holds the objects that
remember state between rounds (what was fetched when, who we are) and hands each the
latest sign-in's client. The engine (reviewer/sync/engine.py) runs them after the case supply.
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING, Protocol

from reviewer.media.presets import PresetError, never_fetched, save_org
from reviewer.review.rationale import save_rules
from reviewer.store.case_cache import CaseCache
from reviewer.sync.alerts import AlertSync
from reviewer.sync.api_client import ApiClient
from reviewer.sync.figures import FigureSync
from reviewer.sync.guidelines import GuidelineSync
from reviewer.sync.incidents import IncidentSync
from reviewer.sync.investigation import AccountFollower

if TYPE_CHECKING:
    import sqlite_utils


class StepSettings(Protocol):
    """What the steps read of the engine's SyncSettings (and widen: never_fetch)."""

    presets_interval: float
    never_fetch: frozenset[str]

log = logging.getLogger(__name__)


class ConcernSteps:
    def __init__(self, client: ApiClient, settings: StepSettings) -> None:
        self.client = client  # replaced when the reviewer signs in again
        self.settings = settings
        self._last_presets = -1e9  # due in the first round
        self.guidelines = GuidelineSync(client)
        self.alerts = AlertSync(client)  # remembers who we are
        self.incidents = IncidentSync(client)
        self.figures = FigureSync()  # the dashboards may ask for figures now

    def _current(self, sync):
        sync.client = self.client
        return sync

    def follow_presets(self, db: sqlite_utils.Database) -> bool:
        """Fetch the organisation's media presets (and the rules that require a note, asked
        before the server refuses); a category that became never-render has its cached bytes
        deleted at once and is never fetched again."""
        if time.monotonic() - self._last_presets < self.settings.presets_interval:
            return False
        try:
            changed = save_org(db, self.client.media_presets())
            save_rules(db, self.client.rationale_rules())
        except PresetError as exc:
            log.warning("ignoring the organisation's media presets: %s", exc)
            return False
        never = never_fetched(db)
        self.settings.never_fetch = frozenset(self.settings.never_fetch) | never
        if changed:
            CaseCache(db).purge_media_of(never)
        self._last_presets = time.monotonic()
        return changed

    def follow_guidelines(self, db: sqlite_utils.Database) -> bool:
        """Push bulletin acknowledgements made here (every round) and fetch new guideline
        versions and bulletins (once a minute, like the presets). True if new ones arrived."""
        return self._current(self.guidelines).run(db, self.settings.presets_interval)

    def follow_alerts(self, db: sqlite_utils.Database) -> tuple[bool, tuple[int, ...]]:
        """Send alert changes made here and fetch the alerts: (changed, alert ids paging us)."""
        return self._current(self.alerts).run(db)

    def follow_accounts(self, db: sqlite_utils.Database) -> int:
        """Fetch investigation context for cached cases' accounts and push account notes
        (and hash newly cached media for related cases)."""
        return AccountFollower(db, self.client).run()

    def follow_incidents(self, db: sqlite_utils.Database) -> bool:
        """Push review sections written here; fetch incidents and live figures."""
        return self._current(self.incidents).run(db)

    def follow_figures(self, db: sqlite_utils.Database) -> bool:
        return self.figures.run(db, self.client)
