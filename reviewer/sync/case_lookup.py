"""Cases the reviewer asks for by id that are not cached here: fetched by the sync worker.

A reviewer who knows a case id (from a colleague, an alert, a report) may open it although it
was never claimed onto this machine. The UI asks (`request`, any thread), the sync worker
fetches it in its next round (`run`, on its own thread, so the UI never waits on the network)
and caches it as an open case, not leased to this reviewer: a decision on it is recorded like
any other, and the central API answers a conflict if someone else holds it. What became of
each request comes back in the round's status.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import sqlite_utils

from reviewer.domain import MalformedAnswer
from reviewer.store.case_cache import CaseCache
from reviewer.sync.api_client import ApiClient, ApiRejected, SignInNeeded
from reviewer.words import QT_TRANSLATE_NOOP, translate

_REFUSALS = {404: QT_TRANSLATE_NOOP("core", "the central API does not know it"),
             403: QT_TRANSLATE_NOOP("core", "it is outside the queues you may work")}


@dataclass(frozen=True)
class LookedUp:
    case_id: str
    found: bool
    message: str  # what the reviewer is told


class CaseLookup:
    def __init__(self) -> None:
        self._wanted: list[str] = []
        self._lock = threading.Lock()

    def request(self, case_id: str) -> None:
        with self._lock:
            if case_id not in self._wanted:
                self._wanted.append(case_id)

    def run(self, db: sqlite_utils.Database, client: ApiClient) -> list[LookedUp]:
        """Fetch what was asked for. An outage raises (Unavailable) with the rest still asked
        for, so the next round tries again; every other answer ends the request."""
        with self._lock:
            wanted, self._wanted = self._wanted, []
        done: list[LookedUp] = []
        try:
            while wanted:
                done.append(self._fetch(db, client, wanted[0]))
                wanted.pop(0)
        finally:
            with self._lock:
                self._wanted[:0] = wanted
        return done

    @staticmethod
    def _fetch(db: sqlite_utils.Database, client: ApiClient, case_id: str) -> LookedUp:
        try:
            case = client.case(case_id)
        except SignInNeeded:
            raise
        except ApiRejected as exc:
            why = (translate("core", _REFUSALS[exc.status]) if exc.status in _REFUSALS
                   else translate("core", "the central API refused it (HTTP {status})").format(
                       status=exc.status))
            return LookedUp(case_id, False, translate(
                "core", "Case {case} cannot be opened: {why}.").format(case=case_id, why=why))
        except MalformedAnswer:
            return LookedUp(case_id, False, translate(
                "core", "Case {case} cannot be opened: the central API's answer could not be "
                        "read.").format(case=case_id))
        status = case.raw.get("status", "open")
        if status not in ("open", "awaiting_approval"):  # awaiting: a senior may approve it
            return LookedUp(case_id, False, translate(
                "core", "Case {case} is {status} on the central API: nothing to decide.").format(
                case=case_id, status=status))
        CaseCache(db).save_cases([case], None)
        return LookedUp(case_id, True, translate(
            "core", "Case {case} fetched from the central API. It is not leased to you: another "
                    "reviewer may hold it.").format(case=case_id))
