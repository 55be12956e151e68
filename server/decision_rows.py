"""Decision rows: inserting one (or buffering many), rendering one, and finding the one that
currently stands.

Shared by decisions.py (the idempotent endpoints), four_eyes.py (approval and reversal) and
escalations.py. A decision row is never edited once written: a reversal or an approval is a
new row naming the earlier one (`reverses`, `approves`), so the record stays complete.
"""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache

from sqlalchemy import Connection, bindparam, delete, insert, select, update

from server.auth.tokens import Reviewer
from reviewer.contract.actions import FINAL_ACTIONS
from reviewer.contract.decisions import DecisionIn
from server.audit import record_audits
from server.changes import record_changes
from server.store.bulk import BulkStatement, PerDialect, list_value, member_of
from server.store.schema import cases, decisions, idempotency_keys, lease_grants
from server.timeutil import to_iso, to_naive_utc

_INSERT_DECISION = insert(decisions)
# DecisionWrites' statements, run with a row per buffered decision.
_INSERT_DECISIONS = BulkStatement(_INSERT_DECISION)
_INSERT_KEYS = BulkStatement(insert(idempotency_keys))
# One statement per effect (SET from the parameters' other keys) for all its cases at once:
# SQLite updates 500 cases so in ~1.6 ms against ~2.7 ms a row at a time through executemany,
# and no parameters are worked out per row.
_UPDATE_CASES = PerDialect(lambda dialect: update(cases).where(
    member_of(cases.c.id, "case_ids_", dialect)))
_FORGET_GRANTS = BulkStatement(
    delete(lease_grants).where(lease_grants.c.case_id == bindparam("case_id_")))
_REVERSED_IDS = (select(decisions.c.reverses)
                 .where(decisions.c.case_id == bindparam("case_id_"),
                        decisions.c.reverses.is_not(None))
                 .scalar_subquery())
# Built once: the 409 path of a batch runs it per item.
_SELECT_WINNER = (  # the final decision that closed the case: the latest one, because an
    select(decisions)  # escalation or a reversal after a decision reopens the case
    .where(decisions.c.case_id == bindparam("case_id_"),
           decisions.c.action.in_(sorted(FINAL_ACTIONS)),
           decisions.c.pending.is_(False),  # it waited for a senior; it never closed anything
           decisions.c.decision_id.not_in(_REVERSED_IDS))
    .order_by(decisions.c.seq.desc())
    .limit(1)
)
_SELECT_LATEST = (select(decisions).where(decisions.c.case_id == bindparam("case_id_"))
                  .order_by(decisions.c.seq.desc()).limit(1))


# A batch renders its decisions with one `now` as recorded_at: rendered once, not 500 times.
_recorded_iso = lru_cache(maxsize=16)(to_iso)


def decision_dict(row) -> dict:
    decision = {
        "decision_id": row.decision_id,
        "case_id": row.case_id,
        "action": row.action,
        "policy": row.policy,
        "note": row.note,
        "decided_at": to_iso(row.decided_at),
        "reviewer": row.reviewer_name,
        "recorded_at": _recorded_iso(row.recorded_at),
    }
    # Only when the client sent one: an older client's answers stay exactly as they were.
    if row.guideline_version:
        decision["guideline_version"] = row.guideline_version
    if getattr(row, "incident_id", ""):
        decision["incident_id"] = row.incident_id
    return decision


def insert_decision(conn: Connection, reviewer: Reviewer, decision_in: DecisionIn,
                    now: datetime, **links) -> dict:
    """Write one decision row; `links` may set `pending`, `approves`, `reverses`,
    `request_hash`, and override `action` / `policy` (an approval copies them from the
    decision it approves)."""
    values = decision_values(reviewer, decision_in, now, **links)
    conn.execute(_INSERT_DECISION, values)
    return decision_dict(_Row(values))


def decision_values(reviewer: Reviewer, decision_in: DecisionIn, now: datetime,
                    **links) -> dict:
    """The row `insert_decision` writes (DecisionWrites buffers it instead)."""
    return {
        "decision_id": decision_in.decision_id,
        "case_id": decision_in.case_id,
        "action": decision_in.action.value,
        "policy": decision_in.policy,
        "note": decision_in.note,
        "decided_at": to_naive_utc(decision_in.decided_at),
        "reviewer_id": reviewer.id,
        "reviewer_name": reviewer.name,
        "recorded_at": now,
        "pending": False,
        "approves": None,
        "reverses": None,
        "request_hash": None,
        "guideline_version": decision_in.guideline_version,
        "incident_id": decision_in.incident_id,
        **links,
    }


def winning_row(conn: Connection, case_id: str):
    """The latest final decision that is neither reversed nor still waiting for approval."""
    return conn.execute(_SELECT_WINNER, {"case_id_": case_id}).first()


def winning_decision(conn: Connection, case_id: str) -> dict | None:
    row = winning_row(conn, case_id)
    return decision_dict(row) if row is not None else None


def latest_decision_row(conn: Connection, case_id: str):
    """On an awaiting_approval case this is the pending decision: nothing else is recorded
    on it until a senior answers (conflicts are not decisions)."""
    return conn.execute(_SELECT_LATEST, {"case_id_": case_id}).first()


class DecisionWrites:
    """The rows of accepted decisions, written together: a batch of 500 decisions then costs a
    few statements instead of a few thousand (each statement costs more in SQLAlchemy and the
    driver than in the database).

    `flush` writes each table's rows in the order they came, so change-feed and audit seqs,
    and every row the transaction reads afterwards, are as if each had been written at once.
    Flush before anything reads what is buffered.
    """

    def __init__(self) -> None:
        self.decisions: list[dict] = []
        self.changes: list[dict] = []
        self.case_effects: dict[str, dict] = {}  # case id -> the columns set on it
        self.forgotten_grants: list[dict] = []
        self.audits: list[dict] = []
        self.keys: list[dict] = []

    def decision(self, reviewer: Reviewer, decision_in: DecisionIn, now: datetime,
                 **links) -> dict:
        """As `insert_decision`, buffered."""
        values = decision_values(reviewer, decision_in, now, **links)
        self.decisions.append(values)
        return decision_dict(_Row(values))

    def update_case(self, case_id: str, values: dict) -> None:
        # Updates set constant values, so a later one on the same case is the earlier one with
        # the later values merged over it.
        self.case_effects[case_id] = {**self.case_effects.get(case_id, {}), **values}

    def forget_lease_grants(self, case_id: str) -> None:
        self.forgotten_grants.append({"case_id_": case_id})

    def flush(self, conn: Connection) -> None:
        _INSERT_DECISIONS.execute(conn, self.decisions)
        record_changes(conn, self.changes)
        _update_cases(conn, self.case_effects)
        _FORGET_GRANTS.execute(conn, self.forgotten_grants)
        record_audits(conn, self.audits)
        _INSERT_KEYS.execute(conn, self.keys)
        self.__init__()


def _update_cases(conn: Connection, effects: dict[str, dict]) -> None:
    """One UPDATE per distinct set of values (a batch has two or three: decided, escalated,
    awaiting approval), naming its cases as one list parameter."""
    cases_by_effect: dict[tuple, list[str]] = {}
    for case_id, values in effects.items():
        cases_by_effect.setdefault(tuple(values.items()), []).append(case_id)
    for effect, case_ids in cases_by_effect.items():
        conn.execute(_UPDATE_CASES(conn),
                     {**dict(effect), "case_ids_": list_value(conn, sorted(case_ids))})


class _Row:
    """Attribute access over a dict, so a just-inserted decision renders like a fetched one."""

    def __init__(self, values: dict) -> None:
        self.__dict__.update(values)
