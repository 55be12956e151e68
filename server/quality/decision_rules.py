"""What quality adds to recording a decision (called from server/decisions.py, inside the
decision's transaction).

Before anything is written (`check`): the reviewer whose decision is being appealed or
second-reviewed may not answer it (403 `own_decision`); a disagreement is a senior's call;
appeals take `uphold`/`overturn` and nothing else does; a required rationale must be there
(422 `rationale_required`). After a final decision is accepted (`after_final`): a live case's
decision may be drawn for a blind second review; a second review, golden check or senior's
settling is graded on its link, never on the live record (except that a senior's differing
call supersedes the first decision).
"""

from __future__ import annotations

import hashlib
from datetime import datetime

from sqlalchemy import Connection, select, update

from reviewer.contract.actions import APPEAL_ACTIONS
from reviewer.contract.decisions import DecisionIn
from server.auth.tokens import Reviewer
from server.errors import ApiError
from server.quality.copies import copy_case, link, link_of
from server.quality.settings import RationaleRules, queue_settings, require_rationale
from server.quality.supersede import supersede
from server.store.schema import decisions
from server.store.quality_schema import golden_cases, quality_links

_NOT_SAMPLED = frozenset({"appeals", "escalations"})  # already a second look
_DISAGREEMENT_QUEUE = "escalations"
_DISAGREEMENT_PRIORITY = 2


LOOK_UP = object()  # `check`'s default: read the case's quality link


def check(conn: Connection, reviewer: Reviewer, case, decision_in: DecisionIn,
          found=LOOK_UP, rules: RationaleRules | None = None):
    """Raises the 403/422 a quality rule answers; returns the case's link (or None).

    A decision batch passes the link (`found`, None for none) and the rules it read once."""
    if found is LOOK_UP:
        found = link_of(conn, case.id)
    action = decision_in.action.value
    if found is not None and found.kind != "golden" and found.outcome is None and (
            found.excluded_reviewer_id == reviewer.id or found.first_reviewer == reviewer.name):
        raise ApiError(403, "own_decision")
    if found is not None and found.kind == "disagreement" and not reviewer.at_least("senior"):
        raise ApiError(403, "forbidden", required_role="senior")
    is_appeal = found is not None and found.kind == "appeal"
    if action in APPEAL_ACTIONS and not is_appeal:
        raise ApiError(422, "not_an_appeal")
    if is_appeal and action not in APPEAL_ACTIONS | {"escalate"}:
        raise ApiError(422, "appeal_needs_uphold_or_overturn")
    if action not in ("approve", "reverse"):  # they copy a decision that met the rules
        policy = decision_in.policy or (found.policy if found else "")
        if rules is None:
            require_rationale(conn, policy, action, decision_in.note)
        else:
            rules.require(policy, action, decision_in.note)
    return found


def after_final(conn: Connection, reviewer: Reviewer, case, found, decision: dict,
                now: datetime) -> None:
    """`decision` (a final one, just accepted on `case`) as quality sees it."""
    if found is None:
        _maybe_second_review(conn, case, decision, now)
    elif found.outcome is None and found.kind in _GRADERS:
        _GRADERS[found.kind](conn, reviewer, found, decision, now)


def drawn(decision_id: str, share: float) -> bool:
    """Deterministic per decision (the same draw in every process, on every retry)."""
    point = int(hashlib.sha256(decision_id.encode("utf-8")).hexdigest()[:8], 16) / 2**32
    return point < share


def sampled(case) -> bool:
    """May a final decision on `case` (found with no link) be drawn for a second review?"""
    return case.queue_id not in _NOT_SAMPLED and case.status != "decided"  # not a second look


def _maybe_second_review(conn: Connection, case, decision: dict, now: datetime) -> None:
    if not sampled(case):
        return
    if not drawn(decision["decision_id"], queue_settings(conn, case.queue_id)
                 ["second_review_share"]):
        return
    first = _decision_row(conn, decision["decision_id"])
    copy_id = copy_case(conn, case.id, now)
    link(conn, copy_id, "second_review", first, now, excluded_reviewer_id=first.reviewer_id)


def _grade_second_review(conn, reviewer, found, decision, now) -> None:
    first = _decision_row(conn, found.source_decision_id)
    agreed = decision["action"] == first.action
    _answered(conn, found.case_id, "agreed" if agreed else "disagreed", reviewer, now)
    if not agreed:
        copy_id = copy_case(conn, first.case_id, now, queue_id=_DISAGREEMENT_QUEUE,
                            priority=_DISAGREEMENT_PRIORITY)
        # The second decision rides along as the statement: the senior sees both calls.
        link(conn, copy_id, "disagreement", first, now, excluded_reviewer_id=first.reviewer_id,
             statement=f"{decision['action']} ({decision['policy']}) by {decision['reviewer']}"
                       f": {decision['note']}")


def _grade_golden(conn, reviewer, found, decision, now) -> None:
    golden = conn.execute(select(golden_cases).where(
        golden_cases.c.case_id == found.source_case_id)).first()
    matched = golden is not None and decision["action"] == golden.expected_action and \
        golden.expected_policy in ("", decision["policy"])
    _answered(conn, found.case_id, "matched" if matched else "missed", reviewer, now)


def _settle_disagreement(conn, senior, found, decision, now) -> None:
    first = _decision_row(conn, found.source_decision_id)
    if decision["action"] == first.action:
        _answered(conn, found.case_id, "first_stands", senior, now)
        return
    _answered(conn, found.case_id, "changed", senior, now)
    supersede(conn, senior, first, decision["action"], decision["policy"],
              decision["note"] or "settled after a blind second review", now,
              decision["decision_id"])


_GRADERS = {"second_review": _grade_second_review, "golden": _grade_golden,
            "disagreement": _settle_disagreement}


def _answered(conn, case_id: str, outcome: str, reviewer: Reviewer, now: datetime) -> None:
    conn.execute(update(quality_links).where(quality_links.c.case_id == case_id).values(
        outcome=outcome, answered_by=reviewer.name, answered_at=now))


def _decision_row(conn: Connection, decision_id: str):
    return conn.execute(select(decisions).where(decisions.c.decision_id == decision_id)).one()
