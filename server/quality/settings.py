"""Per-queue quality settings (second-review share, golden rate) and required-rationale rules.

Both are organisation policy a lead sets over the API; they live in the database so every API
process applies the same ones, and the rules reach workstations through GET so a workstation
asks for the note before the server would refuse the decision.
"""

from __future__ import annotations

from sqlalchemy import Connection, delete, insert, or_, select, update

from reviewer.contract.quality import QueueQuality
from server.errors import ApiError
from server.store.quality_schema import queue_quality, rationale_rules

ANY_POLICY = "*"


def queue_settings(conn: Connection, queue_id: str) -> dict:
    row = conn.execute(select(queue_quality).where(queue_quality.c.queue_id == queue_id)).first()
    if row is None:
        return QueueQuality(queue_id=queue_id).model_dump()
    return {"queue_id": queue_id, "second_review_share": row.second_review_share,
            "golden_rate": row.golden_rate}


def set_queue_settings(conn: Connection, queue_id: str, settings: QueueQuality) -> dict:
    values = {"second_review_share": settings.second_review_share,
              "golden_rate": settings.golden_rate}
    found = conn.execute(update(queue_quality).where(queue_quality.c.queue_id == queue_id)
                         .values(**values)).rowcount
    if not found:
        conn.execute(insert(queue_quality).values(queue_id=queue_id, **values))
    return queue_settings(conn, queue_id)


def list_rules(conn: Connection) -> list[dict]:
    rows = conn.execute(select(rationale_rules)
                        .order_by(rationale_rules.c.policy, rationale_rules.c.action))
    return [{"policy": row.policy, "action": row.action} for row in rows]


def replace_rules(conn: Connection, rules: list[dict]) -> list[dict]:
    conn.execute(delete(rationale_rules))
    unique = {(rule["policy"], rule["action"]) for rule in rules}
    if unique:
        conn.execute(insert(rationale_rules),
                     [{"policy": policy, "action": action} for policy, action in sorted(unique)])
    return list_rules(conn)


def require_rationale(conn: Connection, policy: str, action: str, note: str) -> None:
    """422 `rationale_required`, naming the rule, when a rule asks for a note and none came."""
    if note.strip():
        return
    rule = conn.execute(select(rationale_rules).where(
        rationale_rules.c.action == action,
        or_(rationale_rules.c.policy == policy, rationale_rules.c.policy == ANY_POLICY))
        .order_by(rationale_rules.c.policy.desc())).first()  # the named policy before "*"
    if rule is not None:
        _refuse(rule.policy, rule.action)


class RationaleRules:
    """Every rule, read once: a decision batch checks hundreds of decisions against them."""

    def __init__(self, conn: Connection) -> None:
        self._rules = {(row.policy, row.action) for row in conn.execute(select(rationale_rules))}

    def require(self, policy: str, action: str, note: str) -> None:
        """As `require_rationale`, which takes the greater policy (the named one before "*")."""
        if note.strip():
            return
        matching = [named for named in (policy, ANY_POLICY) if (named, action) in self._rules]
        if matching:
            _refuse(max(matching), action)


def _refuse(policy: str, action: str):
    raise ApiError(422, "rationale_required", rule={"policy": policy, "action": action})


def second_review_shares(conn: Connection) -> dict[str, float]:
    """Queue id -> second-review share, for the queues a lead has set (others: the default)."""
    return dict(conn.execute(select(queue_quality.c.queue_id,
                                    queue_quality.c.second_review_share)).all())
