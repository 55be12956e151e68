"""Deciding from description first: what earlier decisions on the same media say, and the
decision they suggest.

The central API tells, per media item, how other cases showing the same picture (identical
bytes, or near-identical by perceptual hash) were decided this week. Shown before anything is
revealed, that often settles a case without looking at it at all; where it clearly does, the
workstation offers that decision as the default, one key to confirm. "Clearly" is kept
narrow on purpose, because a wrong default is cheap to press:

- every item that has a history has a single verdict (its earlier decisions agree);
- one enforcement verdict suggests itself (a picture removed before is removable here,
  whatever else the case holds); two different ones suggest nothing;
- "no violation" only when every media item was so decided (an unseen item may still violate);
- never an action that asks for a note (a suspension must say why), never a policy the
  case's queue does not enforce;
- nothing on an appeal: only uphold or overturn answer it, and those rest on the appeal, not
  on how the picture was decided elsewhere.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reviewer.actions import DECISION_KINDS, ActionId, decision_label
from reviewer.domain import Case, MediaRef, PriorDecision
from reviewer.words import Phrase, translate

_NO_VIOLATION = ActionId.NO_VIOLATION.value
PolicyName = Callable[[str], str]  # a policy id -> what reviewers call it


@dataclass(frozen=True)
class Suggestion:
    case_id: str
    action: ActionId
    policy: str
    count: int  # earlier decisions behind it
    match: str  # "exact" when any identical copy backs it, else "near"

    def matches(self, case_id: str, action: ActionId, policy: str) -> bool:
        """Whether a recorded decision is the one suggested (what the exposure log counts)."""
        return (case_id, action, policy) == (self.case_id, self.action, self.policy)

    def reason(self, policy_name: PolicyName | None = None) -> Phrase:
        return _line(self.match, self.action.value, self.policy, self.count, policy_name)


def known_lines(media: MediaRef, policy_name: PolicyName | None = None) -> list[Phrase]:
    """One line per earlier decision on this item, most frequent first. `policy_name` names
    a policy as reviewers call it (the title of its policy document); without one, the id is
    shown with spaces for underscores."""
    return [_line(p.match, p.action, p.policy, p.count, policy_name)
            for p in media.prior_decisions]


def suggest(case: Case | None, policies: tuple[str, ...] | None) -> Suggestion | None:
    """The decision earlier decisions on this case's media clearly point to, or None.
    `policies`: the queue's policies (None: the queue is not known here)."""
    if case is None or not case.media or case.is_appeal:
        return None
    verdicts = [_verdict(item.prior_decisions) for item in case.media]
    if any(v is False for v in verdicts):
        return None  # some item's earlier decisions disagree with each other
    enforced = {v[:2] for v in verdicts if v and v[0] != _NO_VIOLATION}
    if len(enforced) > 1 or (not enforced and not all(verdicts)):
        return None
    chosen = [v for v in verdicts if v and (not enforced or v[:2] in enforced)]
    action, policy = chosen[0][:2]
    if action not in {a.value for a in DECISION_KINDS} or DECISION_KINDS[
            ActionId(action)].needs_note:
        return None
    if policies is not None and policy not in policies:
        return None
    return Suggestion(case.id, ActionId(action), policy, sum(v[2] for v in chosen),
                      "exact" if any(v[3] for v in chosen) else "near")


def _verdict(prior: tuple[PriorDecision, ...]) -> tuple[str, str, int, bool] | bool | None:
    """(action, policy, count, any exact match) when an item's earlier decisions agree;
    None without any; False when they disagree."""
    if not prior:
        return None
    if len({(p.action, p.policy) for p in prior}) > 1:
        return False
    return (prior[0].action, prior[0].policy, sum(p.count for p in prior),
            any(p.match == "exact" for p in prior))


def _line(match: str, action: str, policy: str, count: int,
          policy_name: PolicyName | None) -> Phrase:
    what = decision_label(action)  # a Phrase: it reads in the interface's language
    shown_policy = policy_name(policy) if policy_name else policy.replace("_", " ")
    if match == "exact":
        template = translate("core", "Same image: {action} ({policy}), {count}× this week")
    else:
        template = translate("core",
                             "Near-identical image: {action} ({policy}), {count}× this week")
    return Phrase(template, action=what, policy=shown_policy, count=count)

