"""The sync worker's incident step (SyncEngine.follow_incidents): send the review sections
written here, then fetch the incidents with their live figures and case ids.

Sections go first (the reviewer's own work). Each is sent under its client-made `entry_id`,
which the central API keeps as an idempotency key: an entry whose answer was lost is sent again
and stored once. A refusal that sending again will not change (403, 404, 409, 422) is kept
beside the entry, never dropped silently. Incidents are fetched every `interval` seconds.
"""

from __future__ import annotations

import logging
import time

import sqlite_utils

from reviewer.context.incidents import IncidentStore, check_incident
from reviewer.domain import MalformedAnswer
from reviewer.sync.api_client import ApiClient, ApiRejected, SignInNeeded

log = logging.getLogger(__name__)

FIGURES_INTERVAL_S = 15.0  # how fresh the live figures on screen are while online


class IncidentSync:
    def __init__(self, client: ApiClient, interval: float = FIGURES_INTERVAL_S):
        self.client = client
        self.interval = interval
        self._last_fetch = -1e9

    def run(self, db: sqlite_utils.Database, force: bool = False) -> bool:
        """One step; True if the incidents or the entries' states changed."""
        store = IncidentStore(db)
        changed = self.push_entries(store)
        if force or changed or time.monotonic() - self._last_fetch >= self.interval:
            changed |= self.fetch(store)
        return changed

    def push_entries(self, store: IncidentStore) -> bool:
        sent = False
        for entry in store.pending_entries():
            try:
                self.client.incident_call("POST", entry.incident_id, "review/entries",
                                          entry.to_api())
            except SignInNeeded:
                raise  # waits for the reviewer to sign in again
            except ApiRejected as exc:
                log.warning("review entry %s refused: HTTP %s", entry.entry_id[:8], exc.status)
                store.mark_entry(entry.entry_id, "rejected", _refusal(exc.status))
            else:
                store.mark_entry(entry.entry_id, "sent")
            sent = True
        return sent

    def fetch(self, store: IncidentStore) -> bool:
        incidents = []
        for data in self.client.incidents():
            try:
                incidents.append(check_incident(data))
            except MalformedAnswer as exc:  # one bad incident must not hide the others
                log.warning("ignoring an incident: %s", exc)
        self._last_fetch = time.monotonic()
        return store.save_all(incidents)


def _refusal(status: int) -> str:
    return {403: "not accepted: you are not on this incident",
            404: "not accepted: the central API does not know this incident",
            409: "not accepted: its id was used for another entry",
            422: "not accepted: the central API refused its text"}.get(
        status, f"not accepted (HTTP {status})")


def fetch_review(client: ApiClient, incident_id: str):
    """The post-incident review from the central API, checked against the contract."""
    from reviewer.contract.incidents import IncidentReview

    data = client.incident_call("GET", incident_id, "review")
    try:
        return IncidentReview.model_validate(data)
    except ValueError as exc:
        raise MalformedAnswer(f"incident review: {exc}") from None
