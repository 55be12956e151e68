"""Holds and hand-offs on this machine (keys Shift+H and Ctrl+Shift+H).

A hold parks a case with a reason (waiting for a translation, a legal opinion) for up to
HOLD_LIMIT: the sync worker tells the central API, which keeps renewing the lease until the
limit and then lets it go (renewal answers lost `hold_expired`). Here the hold lapses at the same
limit, by this machine's clock, so the case is back in the work order even offline.

A hand-off is queued until the sync worker has given the case to the named colleague; cases
colleagues handed to this reviewer are pinned to the top of the work list.

All of it is small and read whole, so it lives as JSON in `sync_state`, not in tables.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta

import sqlite_utils

from reviewer.domain import parse_iso, to_iso, utc_now
from reviewer.store.database import read_state, write_state

HOLD_LIMIT = timedelta(hours=4)  # the central API's limit (server/quality/holds.py)
_HOLDS, _UNHOLDS = "holds", "holds_ended"
_HANDOFFS, _PINNED = "handoffs_out", "handed_to_me"


@dataclass(frozen=True)
class Hold:
    case_id: str
    reason: str
    held_at: str
    until: str
    sent: bool = False


@dataclass(frozen=True)
class HandoffRequest:
    case_id: str
    to: str
    note: str


class HoldBook:
    def __init__(self, db: sqlite_utils.Database, clock: Callable[[], datetime] = utc_now,
                 limit: timedelta = HOLD_LIMIT):
        self.db, self.clock, self.limit = db, clock, limit

    # --- holds -----------------------------------------------------------------------------
    def hold(self, case_id: str, reason: str) -> Hold:
        now = self.clock()
        held = Hold(case_id, reason, to_iso(now), to_iso(now + self.limit))
        self._save({**self._holds(), case_id: held})
        return held

    def holds(self) -> dict[str, Hold]:
        """The holds still within their limit (those past it lapse here and now)."""
        self.lapsed()
        return self._holds()

    def is_held(self, case_id: str) -> bool:
        return case_id in self.holds()

    def release(self, case_id: str) -> None:
        """Ended by the reviewer: a hold the central API knows is ended there too."""
        holds = self._holds()
        if case_id in holds and holds[case_id].sent:
            self._write(_UNHOLDS, sorted({*self.unholds(), case_id}))
        self._save({k: v for k, v in holds.items() if k != case_id})

    def unholds(self) -> list[str]:
        return list(json.loads(read_state(self.db, _UNHOLDS, "[]")))

    def unheld(self, case_id: str) -> None:
        self._write(_UNHOLDS, [k for k in self.unholds() if k != case_id])

    def lapsed(self) -> list[str]:
        """Holds that reached their limit: removed, their case ids returned."""
        now, holds = self.clock(), self._holds()
        gone = [k for k, hold in holds.items() if parse_iso(hold.until) <= now]
        if gone:
            self._save({k: v for k, v in holds.items() if k not in gone})
        return gone

    def unsent(self) -> list[Hold]:
        return [hold for hold in self.holds().values() if not hold.sent]

    def mark_sent(self, case_id: str, until: str) -> None:
        holds = self._holds()
        if case_id in holds:  # the server's limit is the one that counts
            holds[case_id] = Hold(**{**asdict(holds[case_id]), "sent": True, "until": until})
            self._save(holds)

    # --- hand-offs -------------------------------------------------------------------------
    def hand_off(self, case_id: str, to: str, note: str) -> None:
        queued = [r for r in self.handoffs() if r.case_id != case_id]
        self._write(_HANDOFFS, [asdict(r) for r in [*queued, HandoffRequest(case_id, to, note)]])
        self.release(case_id)

    def handoffs(self) -> list[HandoffRequest]:
        return [HandoffRequest(**r) for r in json.loads(read_state(self.db, _HANDOFFS, "[]"))]

    def handed_off(self, case_id: str) -> None:
        """Done (or refused, and said so): no longer queued."""
        self._write(_HANDOFFS, [asdict(r) for r in self.handoffs() if r.case_id != case_id])

    def pin(self, case_ids: list[str]) -> None:
        """The cases colleagues handed to this reviewer, as the central API lists them now."""
        self._write(_PINNED, list(case_ids))

    def pinned(self) -> list[str]:
        return list(json.loads(read_state(self.db, _PINNED, "[]")))

    # --- storage ---------------------------------------------------------------------------
    def _holds(self) -> dict[str, Hold]:
        return {k: Hold(**v) for k, v in json.loads(read_state(self.db, _HOLDS, "{}")).items()}

    def _save(self, holds: dict[str, Hold]) -> None:
        self._write(_HOLDS, {k: asdict(v) for k, v in holds.items()})

    def _write(self, key: str, value) -> None:
        write_state(self.db, key, json.dumps(value, sort_keys=True))


def pinned_first(ids: list[str], pinned: list[str], held: set[str]) -> list[str]:
    """The work order with handed-over cases first and held ones last (`ids` itself when
    there are neither: the list may hold 100,000 cases and this runs on every re-filter)."""
    if not pinned and not held:
        return ids
    present = set(ids)
    first = [i for i in pinned if i in present]
    moved = set(first) | held
    return first + [i for i in ids if i not in moved] + [i for i in ids if i in held]
