"""The organisation's required-rationale rules on this machine: which policy and action need a
written note (reviewer/contract/quality.py RationaleRule).

The sync worker keeps them (sync_state, key RULES_KEY) as the central API publishes them, so
the decision flow asks for the note before the server would refuse the decision; a decision
refused anyway (422 `rationale_required`) ends in the conflicts view, never dropped.
"""

from __future__ import annotations

import json
from weakref import WeakKeyDictionary

import sqlite_utils

from reviewer.store.database import read_state, write_state

RULES_KEY = "rationale_rules"
ANY_POLICY = "*"

# The rules as last read, per store connection, with what tells of a write since: the store's
# data_version (moves when another connection, the sync worker, commits) and this connection's
# total_changes (moves with every row written here, by any code). Every decision asks.
_kept: WeakKeyDictionary[sqlite_utils.Database, tuple[tuple[int, int], frozenset]] = (
    WeakKeyDictionary())


def save_rules(db: sqlite_utils.Database, rules: list[dict]) -> bool:
    """Keep `rules` ([{policy, action}], already checked against the contract); True if
    they changed."""
    text = json.dumps(sorted((rule["policy"], rule["action"]) for rule in rules))
    if text == read_state(db, RULES_KEY, "[]"):
        return False
    write_state(db, RULES_KEY, text)
    return True


def required_rule(db: sqlite_utils.Database, policy: str, action: str) -> tuple[str, str] | None:
    """(policy, action) of the rule that asks for a note here, or None."""
    rules = _rules(db)
    for candidate in ((policy, action), (ANY_POLICY, action)):
        if candidate in rules:
            return candidate
    return None


def _rules(db: sqlite_utils.Database) -> frozenset[tuple[str, str]]:
    if db.conn.in_transaction:  # a write here may yet be rolled back: keep nothing from it
        return _read_rules(db)
    version = (db.conn.execute("PRAGMA data_version").fetchone()[0], db.conn.total_changes)
    kept = _kept.get(db)
    if kept is None or kept[0] != version:
        kept = _kept[db] = (version, _read_rules(db))
    return kept[1]


def _read_rules(db: sqlite_utils.Database) -> frozenset[tuple[str, str]]:
    return frozenset(tuple(rule) for rule in json.loads(read_state(db, RULES_KEY, "[]")))


def describe(rule: tuple[str, str]) -> str:
    policy, action = rule
    where = "any policy" if policy == ANY_POLICY else policy
    return f"your organisation requires a written reason for {action} under {where}"
