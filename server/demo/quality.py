"""Quality work for the demo: a colleague's decisions under appeal, golden cases, a
required-rationale rule (suspend under violent_threat) and a little second-review history, so
the appeals queue, calibration and the quality figures show something on first start.

Runs after seed_database (which it leaves as it is: the tests count its cases) and after the
demo reviewer exists, through the same rules the API uses.
"""

from __future__ import annotations

import uuid
from pathlib import Path

from sqlalchemy import select

from reviewer.contract.decisions import DecisionIn
from reviewer.contract.quality import GoldenIn, QueueQuality
from server.auth.accounts import add_reviewer
from server.auth.tokens import Reviewer
from server.decisions import apply_effect_on_case
from server.decision_rows import insert_decision
from server.quality import golden, settings
from server.quality.appeals import open_appeal
from server.store.database import open_database
from server.store.schema import authors, cases, reviewers
from server.timeutil import utcnow

COLLEAGUE, INTAKE = "demo-colleague", "demo-intake"
# (queue, action, policy, note, appeal statement or None, golden?)
_DECISIONS = (
    ("hate_harassment", "remove", "harassment", "repeated insults at one person",
     "We are friends and were joking; nobody was harassed.", False),
    ("hate_harassment", "suspend", "violent_threat", "explicit threat with a time and place",
     "My account was hacked that night.", False),
    ("graphic_media", "label_sensitive", "graphic_violence", "news footage, no gore", None, True),
    ("hate_harassment", "no_violation", "harassment", "criticism of a public figure", None, True),
)


def seed_quality(db_path: str | Path) -> None:
    add_reviewer(db_path, COLLEAGUE, "reviewer")
    add_reviewer(db_path, INTAKE, "lead")
    database = open_database(db_path)
    try:
        with database.write() as conn:
            colleague, intake = _reviewer(conn, COLLEAGUE), _reviewer(conn, INTAKE)
            now = utcnow()
            settings.replace_rules(conn, [{"policy": "violent_threat", "action": "suspend"}])
            settings.set_queue_settings(conn, "hate_harassment", QueueQuality(
                second_review_share=0.05, golden_rate=0.1))
            used: set[str] = set()
            for queue_id, action, policy, note, statement, is_golden in _DECISIONS:
                case_id = _ordinary_open_case(conn, queue_id, used)
                decision = insert_decision(conn, colleague, DecisionIn(
                    decision_id=str(uuid.uuid4()), case_id=case_id, action=action,
                    policy=policy, note=note, decided_at=now), now)
                apply_effect_on_case(conn, decision, now)
                if statement:
                    open_appeal(conn, intake, decision["decision_id"], statement, now)
                if is_golden:
                    golden.mark(conn, intake, GoldenIn(case_id=case_id, expected_action=action,
                                                       expected_policy=policy), now)
    finally:
        database.close()


def _reviewer(conn, name: str) -> Reviewer:
    row = conn.execute(select(reviewers).where(reviewers.c.name == name)).one()
    return Reviewer(row.id, row.name, row.role)


def _ordinary_open_case(conn, queue_id: str, used: set[str]) -> str:
    """The first open case of the queue by an author who is not high-profile."""
    case_id = conn.execute(
        select(cases.c.id).join(authors, authors.c.id == cases.c.author_id)
        .where(cases.c.queue_id == queue_id, cases.c.status == "open",
               authors.c.high_profile.is_(False), cases.c.id.not_in(used or {""}))
        .order_by(cases.c.id).limit(1)).scalar_one()
    used.add(case_id)
    return case_id
