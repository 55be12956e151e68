"""Quality work for the demo: five of a colleague's decisions under appeal (first in the
appeals queue's work order), golden cases, a required-rationale rule (suspend under
violent_threat) and a little second-review history, so the appeals queue, calibration and the
quality figures show something on first start.

Runs after seed_database (which it leaves as it is: the tests count its cases) and after the
demo reviewer exists, through the same rules the API uses.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import select, update

from reviewer.contract.decisions import DecisionIn
from reviewer.contract.quality import GoldenIn, QueueQuality
from server.auth.accounts import add_reviewer
from server.auth.tokens import Reviewer
from server.decisions import apply_effect_on_case
from server.decision_rows import insert_decision
from server.quality import golden, settings
from server.quality.appeals import APPEALS_QUEUE_ID, open_appeal
from server.queue_catalog import queue_sla_minutes
from server.store.database import open_database
from server.store.schema import authors, cases, guidelines, reviewers
from server.timeutil import utcnow

COLLEAGUE, INTAKE = "demo-colleague", "demo-intake"
# (queue, action, policy, note, appeal statement or None, golden?)
_DECISIONS = (
    ("hate_harassment", "remove", "harassment", "repeated insults at one person",
     "We are friends and were joking; nobody was harassed.", False),
    ("hate_harassment", "suspend", "violent_threat", "explicit threat with a time and place",
     "My account was hacked that night.", False),
    ("hate_harassment", "restrict_reach", "hate_speech", "slur aimed at a group",
     "The word is reclaimed in my community; I used it about myself.", False),
    ("graphic_media", "remove", "graphic_violence", "close-up of an injury",
     "It was a first-aid training video; the wounds are make-up.", False),
    ("crisis_sweep", "remove", "misinformation", "false evacuation claim",
     "I repeated what the local radio said at the time and deleted it when corrected.", False),
    ("graphic_media", "label_sensitive", "graphic_violence", "news footage, no gore", None, True),
    ("hate_harassment", "no_violation", "harassment", "criticism of a public figure", None, True),
)


_APPEALED_AFTER = timedelta(hours=40)  # ago: 8 h or less left of an appeal's 48 h
_DECIDED_BEFORE = timedelta(days=2)  # the appealed decision, before its appeal


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
            for index, (queue_id, action, policy, note, statement, is_golden) in enumerate(
                    _DECISIONS):
                case_id = _ordinary_open_case(conn, queue_id, used)
                # An appealed decision was made days ago and appealed since, so the appeals
                # are due before the appeals queue's ordinary cases (SLA 48 h from the appeal).
                decided = now - _APPEALED_AFTER - _DECIDED_BEFORE if statement else now
                decision = insert_decision(conn, colleague, DecisionIn(
                    decision_id=str(uuid.uuid4()), case_id=case_id, action=action,
                    policy=policy, note=note, decided_at=decided,
                    guideline_version=_guideline_at(conn, policy, decided)), decided)
                apply_effect_on_case(conn, decision, decided)
                if statement:
                    appealed = now - _APPEALED_AFTER - timedelta(hours=index)
                    _first_in_line(conn, open_appeal(conn, intake, decision["decision_id"],
                                                     statement, appealed), appealed)
                if is_golden:
                    golden.mark(conn, intake, GoldenIn(case_id=case_id, expected_action=action,
                                                       expected_policy=policy), now)
    finally:
        database.close()


def _first_in_line(conn, case_id: str, appealed: datetime) -> None:
    """An appeal comes first in the appeals queue's work order (P1, and due soonest): a new
    reviewer who opens the queue meets the appeals, answered with U and O, before its
    ordinary cases. It is due the queue's SLA after it was lodged (a copy's deadline otherwise
    runs from the contested post, days before)."""
    due = appealed + timedelta(minutes=queue_sla_minutes(APPEALS_QUEUE_ID))
    conn.execute(update(cases).where(cases.c.id == case_id).values(priority=1, sla_deadline=due))


def _guideline_at(conn, policy: str, when: datetime) -> str:
    """`<id>@<version>` of the policy document current at `when`, as a workstation records
    it: an appeal then says which version the decision was made under and what changed since."""
    row = conn.execute(
        select(guidelines.c.guideline_id, guidelines.c.version)
        .where(guidelines.c.kind == "policy", guidelines.c.policy_area == policy,
               guidelines.c.published_at <= when)
        .order_by(guidelines.c.version.desc()).limit(1)).first()
    return f"{row.guideline_id}@{row.version}" if row else ""


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
