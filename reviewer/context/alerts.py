"""Alerts as the workstation sees them: kept in the local store, so the alerts panel reads
offline; acknowledged and resolved here at once, the change queued to reach the central API.

Each acknowledgement or resolve is a row in `alert_outbox` with a client-generated
transition id, the central API's idempotency key. Its life is the decision outbox's:
pending -> sending (written before the request, so after a crash it is sent again under the
same id and the server replays its answer) -> sent | rejected. Until the central API's own copy
of the alert says so, the panel shows the state made here.

An alert as served is kept whole (`data`), sealed like case content: its title names hashtags
and accounts. Who was paged is in it; `paged_me_at` and `notified_at` make sure this reviewer
is notified once per page that names them.
"""

from __future__ import annotations

import json
import logging
import uuid
from dataclasses import dataclass

import sqlite_utils

from reviewer.contract.alerts import Alert
from reviewer.domain import MalformedAnswer, to_iso, utc_now
from reviewer.store.crypto import TamperedItem
from reviewer.store.database import store_cipher, transaction

log = logging.getLogger(__name__)

_ORDER = {"open": 0, "acknowledged": 1, "resolved": 2}
_WAITING = ("pending", "sending")
MAX_ATTEMPTS = 20  # a transition the central API keeps failing on is given up, not retried forever


def alert_seal_context(alert_id: int) -> bytes:
    return b"alert\0" + str(alert_id).encode("ascii")


def check_alert(data: object) -> dict:
    """An alert from the central API, checked against the contract (MalformedAnswer if not)."""
    try:
        return Alert.model_validate(data).model_dump()
    except ValueError as exc:
        raise MalformedAnswer(f"alert: {exc}") from None


@dataclass(frozen=True)
class AlertView:
    """One row of the alerts panel."""

    id: int
    kind: str
    severity: str
    state: str  # as far as this workstation knows: its own change counts at once
    title: str
    case_ids: tuple[str, ...]
    opened_at: str
    updated_at: str
    paged: tuple[str, ...]  # "level: reviewer", oldest first
    waiting: bool  # a change made here has not reached the central API yet
    error: str = ""  # why a change made here was not accepted


class AlertStore:
    def __init__(self, db: sqlite_utils.Database):
        self.db = db
        self.cipher = store_cipher(db)

    # --- what the panel shows ------------------------------------------------------------
    def alerts(self) -> list[AlertView]:
        """Unresolved first, most severe and newest first within each."""
        local = self._local_changes()
        views = [self._view(row, local.get(row[0])) for row in self.db.execute(
            "SELECT id, sealed, data FROM alerts").fetchall()]
        views = [v for v in views if v is not None]
        severity = {"critical": 0, "high": 1, "medium": 2, "low": 3}
        views.sort(key=lambda v: (v.opened_at, v.id), reverse=True)  # then, stable:
        views.sort(key=lambda v: (v.state == "resolved", severity.get(v.severity, 4)))
        return views

    def alert(self, alert_id: int) -> AlertView | None:
        return next((v for v in self.alerts() if v.id == alert_id), None)

    def paging_me(self) -> int | None:
        """The open alert that paged this reviewer last, if any: the one they come to see."""
        row = self.db.execute(
            "SELECT id FROM alerts WHERE state = 'open' AND paged_me_at != '' "
            "ORDER BY paged_me_at DESC, id DESC LIMIT 1").fetchone()
        return row[0] if row else None

    def open_count(self) -> int:
        return sum(1 for v in self.alerts() if v.state == "open")

    # --- changes made here ---------------------------------------------------------------
    def acknowledge(self, alert_id: int) -> bool:
        return self._queue(alert_id, "acknowledged")

    def resolve(self, alert_id: int) -> bool:
        return self._queue(alert_id, "resolved")

    def _queue(self, alert_id: int, to: str) -> bool:
        """Queue the change durably; False if the alert is already there (or further)."""
        view = self.alert(alert_id)
        if view is None or _ORDER[view.state] >= _ORDER[to]:
            return False
        with transaction(self.db) as conn:
            conn.execute("INSERT INTO alert_outbox (transition_id, alert_id, to_state, "
                         "created_at) VALUES (?, ?, ?, ?)",
                         (str(uuid.uuid4()), alert_id, to, to_iso(utc_now())))
        return True

    def due_transitions(self) -> list[tuple[str, int, str]]:
        """(transition id, alert id, to) waiting to be sent, oldest first; marked `sending`
        before they go, so a crash mid-request resends under the same id."""
        with transaction(self.db) as conn:
            rows = conn.execute("SELECT transition_id, alert_id, to_state FROM alert_outbox "
                                "WHERE state IN ('pending', 'sending') ORDER BY created_at, "
                                "rowid").fetchall()
            conn.executemany("UPDATE alert_outbox SET state = 'sending', attempts = attempts + 1 "
                             "WHERE transition_id = ?", [(r[0],) for r in rows])
        return [(r[0], int(r[1]), r[2]) for r in rows]

    def mark_sent(self, transition_id: str, alert: dict | None) -> None:
        with transaction(self.db) as conn:
            conn.execute("UPDATE alert_outbox SET state = 'sent', sent_at = ? "
                         "WHERE transition_id = ?", (to_iso(utc_now()), transition_id))
        if alert is not None:
            self.save([alert], replace_all=False)

    def mark_failed(self, transition_id: str, error: str, final: bool) -> None:
        """`final`: the central API refused it (4xx) or it failed MAX_ATTEMPTS times."""
        with transaction(self.db) as conn:
            conn.execute(
                "UPDATE alert_outbox SET last_error = ?, state = CASE WHEN ? OR attempts >= ? "
                "THEN 'rejected' ELSE 'pending' END WHERE transition_id = ?",
                (error, int(final), MAX_ATTEMPTS, transition_id))

    def waiting_count(self) -> int:
        return self.db.execute("SELECT count(*) FROM alert_outbox WHERE state IN "
                               "('pending', 'sending')").fetchone()[0]

    # --- what the central API says --------------------------------------------------------
    def save(self, alerts: list[dict], me: str = "", replace_all: bool = True) -> list[int]:
        """Keep the served alerts (with `replace_all`, forget those no longer served). Returns
        the ids of alerts that page `me` anew (a page naming me not yet notified)."""
        paged = []
        with transaction(self.db) as conn:
            for alert in alerts:
                paged_at = _my_latest_page(alert, me)
                sealed, data = self._seal(json.dumps(alert, ensure_ascii=False), alert["id"])
                old = conn.execute("SELECT notified_at FROM alerts WHERE id = ?",
                                   (alert["id"],)).fetchone()
                conn.execute(
                    "INSERT INTO alerts (id, state, severity, updated_at, paged_me_at, sealed, "
                    "data) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
                    "state = excluded.state, severity = excluded.severity, updated_at = "
                    "excluded.updated_at, paged_me_at = CASE WHEN excluded.paged_me_at = '' "
                    "THEN alerts.paged_me_at ELSE excluded.paged_me_at END, sealed = "
                    "excluded.sealed, data = excluded.data",
                    (alert["id"], alert["state"], alert["severity"], alert["updated_at"],
                     paged_at, sealed, data))
                if paged_at and alert["state"] == "open" and (old is None or old[0] < paged_at):
                    paged.append(alert["id"])
                    conn.execute("UPDATE alerts SET notified_at = ? WHERE id = ?",
                                 (paged_at, alert["id"]))
            if replace_all:
                kept = [a["id"] for a in alerts]
                marks = ",".join("?" * len(kept)) or "NULL"
                conn.execute(f"DELETE FROM alerts WHERE id NOT IN ({marks}) AND id NOT IN "
                             "(SELECT alert_id FROM alert_outbox WHERE state IN "
                             "('pending', 'sending'))", kept)
        return paged

    # --- inside -------------------------------------------------------------------------
    def _local_changes(self) -> dict[int, tuple[str, bool, str]]:
        """Per alert, the furthest state changed to here: (state, still waiting, error)."""
        found: dict[int, tuple[str, bool, str]] = {}
        for alert_id, to, state, error in self.db.execute(
                "SELECT alert_id, to_state, state, last_error FROM alert_outbox "
                "ORDER BY created_at, rowid").fetchall():
            if state == "rejected":
                found.setdefault(alert_id, ("", False, error))
                continue
            found[alert_id] = (to, state in _WAITING, "")
        return found

    def _view(self, row, local: tuple[str, bool, str] | None) -> AlertView | None:
        alert = self._open(row[0], row[1], row[2])
        if alert is None:
            return None
        state, waiting, error = alert["state"], False, ""
        if local is not None:
            error = local[2]
            if local[0] and _ORDER[local[0]] > _ORDER[state]:
                state, waiting = local[0], local[1]
        return AlertView(
            id=alert["id"], kind=alert["kind"], severity=alert["severity"], state=state,
            title=alert["title"], case_ids=tuple(alert["case_ids"]),
            opened_at=alert["opened_at"], updated_at=alert["updated_at"],
            paged=tuple(f"{p['level']}: {p['reviewer']}" for p in alert.get("pages", [])),
            waiting=waiting, error=error)

    def _seal(self, text: str, alert_id: int) -> tuple[int, bytes]:
        if self.cipher is None:
            return 0, text.encode("utf-8")  # a store without a key (tests) keeps it in clear
        return 1, self.cipher.seal(text.encode("utf-8"), alert_seal_context(alert_id))

    def _open(self, alert_id: int, sealed: int, data: bytes) -> dict | None:
        try:
            if not sealed:
                return json.loads(bytes(data).decode("utf-8"))
            if self.cipher is None:
                return None  # sealed, and this connection has no key
            return json.loads(self.cipher.open(data, alert_seal_context(alert_id)))
        except (TamperedItem, ValueError):
            log.warning("a cached alert did not open; it comes again with the next sync")
            with transaction(self.db) as conn:
                conn.execute("DELETE FROM alerts WHERE id = ?", (alert_id,))
            return None


def _my_latest_page(alert: dict, me: str) -> str:
    return max((p["paged_at"] for p in alert.get("pages", []) if me and p["reviewer"] == me),
               default="")

