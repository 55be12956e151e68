"""The sync worker's alerts step (SyncEngine.follow_alerts): send the acknowledgements and
resolves made here, then fetch the alerts the central API lists, into the local store.

Changes made here go first: they are the reviewer's own work, and the list fetched after them
then already shows them. A change whose answer was lost is sent again under its transition id
and applied once (reviewer/context/alerts.py). Each alert is checked against the contract on
its own; a malformed one is skipped and logged, the others kept.
"""

from __future__ import annotations

import logging

import sqlite_utils

from reviewer.context.alerts import AlertStore, check_alert
from reviewer.domain import MalformedAnswer
from reviewer.sync.api_client import ApiClient, ApiRejected, SignInNeeded

log = logging.getLogger(__name__)


class AlertSync:
    def __init__(self, client: ApiClient):
        self.client = client
        self.me = ""  # whose pages notify here: asked once, the first time we are online
        self._seen: tuple = ()

    def run(self, db: sqlite_utils.Database) -> tuple[bool, tuple[int, ...]]:
        """One round: (the list changed, ids of alerts that page this reviewer anew).
        Network trouble (Unavailable) is raised for the sync round to report."""
        store = AlertStore(db)
        pushed = self.push(store)
        served = []
        for data in self.client.alerts():
            try:
                served.append(check_alert(data))
            except MalformedAnswer as exc:
                log.warning("ignoring an alert: %s", exc)
        if not self.me and any(a["pages"] for a in served):
            self.me = self._whoami()
        paged = store.save(served, self.me)
        seen = tuple(sorted((a["id"], a["state"], a["updated_at"]) for a in served))
        changed, self._seen = pushed or seen != self._seen, seen
        return changed, tuple(paged)

    def _whoami(self) -> str:
        try:
            return self.client.me()["name"]
        except ApiRejected as exc:
            if isinstance(exc, SignInNeeded):
                raise
            return ""  # a central API that cannot say: no page is taken for ours

    def push(self, store: AlertStore) -> bool:
        sent = False
        for transition_id, alert_id, to in store.due_transitions():
            try:
                answer = self.client.alert_transition(alert_id, transition_id, to)
            except SignInNeeded:
                raise  # not refused: it waits (as `sending`) for the reviewer to sign in again
            except ApiRejected as exc:  # 404, 422: sending again will not change the answer
                log.warning("alert change %s refused: HTTP %s", transition_id[:8], exc.status)
                store.mark_failed(transition_id, _refusal(exc.status), final=True)
                continue
            try:
                alert = check_alert(answer)
            except MalformedAnswer as exc:  # recorded there all the same: never sent twice
                log.warning("alert change %s: %s", transition_id[:8], exc)
                alert = None
            store.mark_sent(transition_id, alert)
            sent = True
        return sent


def _refusal(status: int) -> str:
    return {404: "not accepted: the central API no longer has this alert",
            422: "not accepted: the central API refused it"}.get(
        status, f"not accepted (HTTP {status})")
