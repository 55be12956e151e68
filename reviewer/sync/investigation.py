"""The sync worker's investigation step (SyncEngine.follow_accounts): hash newly cached media,
send account notes written here, and keep every open cached case's context fresh.

Order matters on a flaky network: the local hashing needs no network, notes are the reviewer's
own work (sent before anything is fetched), and contexts come last, never-fetched and most
urgent cases first, in batches of CONTEXT_BATCH per request. A note's client-generated id is
its idempotency key, so a note whose answer was lost is sent again safely and stored once.
"""

from __future__ import annotations

import logging
from datetime import timedelta

import sqlite_utils

from reviewer.sync.api_client import ApiClient, ApiRejected, SignInNeeded
from reviewer.domain import MalformedAnswer, to_iso, utc_now
from reviewer.context.investigation import InvestigationStore, check_context
from reviewer.media.hashes import hash_cached_media

log = logging.getLogger(__name__)

CONTEXT_MAX_AGE = timedelta(minutes=5)  # a context older than this is fetched again
CONTEXT_BATCH = 50  # cases per POST /v1/case-contexts (the server takes up to 100)
CONTEXTS_PER_ROUND = 250  # about every cached open case, with the default 50 per queue


class AccountFollower:
    def __init__(self, db: sqlite_utils.Database, client: ApiClient,
                 max_age: timedelta = CONTEXT_MAX_AGE):
        self.db = db
        self.client = client
        self.store = InvestigationStore(db)
        self.max_age = max_age

    def run(self) -> int:
        """One round; returns how many accounts' context or notes changed. Network trouble
        (Unavailable) is raised for the sync round to report."""
        hash_cached_media(self.db)
        changed = self.push_notes()
        changed |= self.refresh_contexts()
        self.store.forget_orphans()
        return len(changed)

    def push_notes(self) -> set[str]:
        """Send notes written here; returns the accounts (author keys) they were on."""
        accounts = set()
        for note_id, author_key, author_id, body in self.store.pending_notes():
            try:
                self.client.post_account_note(author_id, note_id, body)
            except SignInNeeded:
                raise  # not refused: it waits for the reviewer to sign in again
            except ApiRejected as exc:
                # 403/404/409/422 will not change by sending again: shown beside the note.
                log.warning("account note %s rejected: HTTP %s", note_id[:8], exc.status)
                self.store.mark_note(note_id, "rejected", _rejection(exc.status))
            else:
                self.store.mark_note(note_id, "sent")
                self.store.refresh_account(author_key)  # its contexts now list the note
            accounts.add(author_key)
        return accounts

    def refresh_contexts(self) -> set[str]:
        """Fetch the contexts that are missing or stale; returns accounts whose changed."""
        due = self.store.due_case_ids(to_iso(utc_now() - self.max_age), CONTEXTS_PER_ROUND)
        changed = set()
        for start in range(0, len(due), CONTEXT_BATCH):
            contexts, unavailable = self.client.case_contexts(due[start:start + CONTEXT_BATCH])
            for data in contexts:
                try:
                    context = check_context(data)
                except MalformedAnswer as exc:  # one bad context must not stop the others
                    log.warning("ignoring a context: %s", exc)
                    continue
                if self.store.save_context(context):
                    changed.add(str(context["author"].get("id", "")))
            for case_id, error in unavailable.items():
                self.store.save_unavailable(case_id, error)
        return {self.store.cases.author_key(author_id) for author_id in changed}


def _rejection(status: int) -> str:
    return {403: "not accepted: you may no longer read this account's cases",
            404: "not accepted: the central API does not know this account",
            409: "not accepted: its id was used for another note",
            422: "not accepted: the central API refused its text"}.get(
        status, f"not accepted (HTTP {status})")
