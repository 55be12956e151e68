"""The last answer of each figures endpoint, as the sync worker stored it: the dashboards read
only this, so they open offline (showing when the figures were synced) and never wait on the
network. A refusal is kept too (a reviewer asking for the team view), so the view can say why.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timezone

import sqlite_utils

from reviewer.store.database import transaction

ME, TEAM, QUALITY = "me", "team", "quality"


@dataclass(frozen=True)
class Stored:
    data: dict  # the answer, or {"refused": "<error>"} / {"absent": true}
    fetched_at: str

    @property
    def usable(self) -> bool:
        return not ({"refused", "absent"} & set(self.data))


class FigureStore:
    def __init__(self, db: sqlite_utils.Database):
        self.db = db

    def save(self, kind: str, data: dict, at: datetime | None = None) -> bool:
        """Keep `data` as the latest `kind`; True if it differs from what was kept."""
        text = json.dumps(data, sort_keys=True)
        before = self.db.execute("SELECT data FROM figures WHERE kind = ?", (kind,)).fetchone()
        stamp = (at or datetime.now(timezone.utc)).strftime("%Y-%m-%dT%H:%M:%SZ")
        with transaction(self.db) as conn:
            conn.execute("INSERT INTO figures (kind, fetched_at, data) VALUES (?, ?, ?) "
                         "ON CONFLICT(kind) DO UPDATE SET fetched_at = excluded.fetched_at, "
                         "data = excluded.data", (kind, stamp, text))
        return before is None or before[0] != text

    def load(self, kind: str) -> Stored | None:
        row = self.db.execute("SELECT data, fetched_at FROM figures WHERE kind = ?",
                              (kind,)).fetchone()
        if row is None:
            return None
        try:
            data = json.loads(row[0])
        except ValueError:  # a damaged row: as if never synced, the next round replaces it
            return None
        return Stored(data, row[1]) if isinstance(data, dict) else None
