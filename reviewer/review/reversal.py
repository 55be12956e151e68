"""Which decision a reversal reverses, and how it is named to the reviewer.

A reversal is a new decision on record, so the reviewer sees exactly what it reverses before
writing why: the case, the action, the policy and when (local time). It acts on the case on
screen when that case carries a final decision of this reviewer's that the central API
accepted; from anywhere else the reviewer picks one of their recent accepted decisions, newest
first — never the latest one by default, which may be a case they are not looking at.
"""

from __future__ import annotations

from datetime import datetime
from typing import Callable

from reviewer.actions import DECISION_KINDS
from reviewer.domain import Decision, parse_iso
from reviewer.review.outbox import Outbox
from reviewer.words import Phrase, translate

RECENT = 30  # how far back the chooser reaches: a shift's recent work, not its whole history


def reversible(outbox: Outbox, limit: int = RECENT) -> list[Decision]:
    """Our accepted final decisions not reversed yet, newest first."""
    return outbox.accepted_finals(limit)


def on_screen(candidates: list[Decision], shown_case_id: str) -> Decision | None:
    """The decision to reverse without asking: the one on the case on screen, if it has one."""
    return next((d for d in candidates if shown_case_id and d.case_id == shown_case_id), None)


def describe(decision: Decision, now: datetime | None = None,
             policy_name: Callable[[str], str] = str) -> str:
    """'case-00051 · Remove under Hate speech · today 14:03' (the reviewer's local time;
    `policy_name` names the policy as reviewers call it)."""
    kind = DECISION_KINDS[decision.action]
    template = (translate("core", "{case} · {action} under {policy} · {when}") if kind.needs_policy
                else translate("core", "{case} · {action} · {when}"))
    return Phrase(template, case=decision.case_id, action=Phrase(kind.label),
                  policy=policy_name(decision.policy), when=when(decision.decided_at, now))


def when(decided_at: str, now: datetime | None = None) -> str:
    moment = parse_iso(decided_at).astimezone()
    today = (now or datetime.now().astimezone()).date()
    if moment.date() == today:
        return Phrase(translate("core", "today {time}"), time=f"{moment:%H:%M}")
    if (today - moment.date()).days == 1:
        return Phrase(translate("core", "yesterday {time}"), time=f"{moment:%H:%M}")
    return f"{moment:%Y-%m-%d %H:%M}"
