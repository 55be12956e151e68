"""The organisation's required-rationale rules on this machine: which policy and action need a
written note (reviewer/contract/quality.py RationaleRule).

The sync worker keeps them (sync_state, key RULES_KEY) as the central API publishes them, so
the decision flow asks for the note before the server would refuse the decision; a decision
refused anyway (422 `rationale_required`) ends in the conflicts view, never dropped.
"""

from __future__ import annotations

import json

import sqlite_utils

from reviewer.store.database import read_state, write_state

RULES_KEY = "rationale_rules"
ANY_POLICY = "*"


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
    rules = {tuple(rule) for rule in json.loads(read_state(db, RULES_KEY, "[]"))}
    for candidate in ((policy, action), (ANY_POLICY, action)):
        if candidate in rules:
            return candidate
    return None


def describe(rule: tuple[str, str]) -> str:
    policy, action = rule
    where = "any policy" if policy == ANY_POLICY else policy
    return f"your organisation requires a written reason for {action} under {where}"
