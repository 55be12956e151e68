"""The wire action vocabulary: what a decision may do, and what each action implies.

Both the server's rules (which decision closes a case, which waits for a senior, which may
omit its policy) and the workstation's decision keys are derived from these sets, so adding or
renaming an action is one edit here.
"""

from __future__ import annotations

from enum import Enum


class Action(str, Enum):
    no_violation = "no_violation"
    remove = "remove"
    label_sensitive = "label_sensitive"
    restrict_reach = "restrict_reach"
    suspend = "suspend"
    escalate = "escalate"
    approve = "approve"  # a senior upholds the decision awaiting approval (four eyes)
    reverse = "reverse"  # undo the decision that closed a case; it reopens
    uphold = "uphold"  # an appeal: the contested decision stands
    overturn = "overturn"  # an appeal: the contested decision is reversed (a new decision)


# Spelled out: approve and reverse are neither final actions of their own nor escalations.
# Plain strings, not members: the server compares them with stored rows and SQL values.
FINAL_ACTIONS = frozenset(a.value for a in (
    Action.no_violation, Action.remove, Action.label_sensitive, Action.restrict_reach,
    Action.suspend))
# The only answers to an appeal case (and only to one): they close the appeal, and an
# overturn records a reversal of the contested decision (server/quality/appeals.py).
APPEAL_ACTIONS = frozenset({Action.uphold.value, Action.overturn.value})
# A decision with one of these closes the case (`decided`): a final action, a senior's
# approve, which upholds the pending decision's verdict, or an appeal's answer.
CLOSING_ACTIONS = FINAL_ACTIONS | {Action.approve.value} | APPEAL_ACTIONS
# A reviewer's enforcement on a high-profile author waits for a senior (four eyes).
ENFORCEMENT_ACTIONS = FINAL_ACTIONS - {Action.no_violation.value}
# These may omit `policy`: approve copies the pending one's, reverse the reversed one's, an
# appeal's answer the contested one's.
POLICY_OPTIONAL_ACTIONS = frozenset({Action.approve.value, Action.reverse.value}) \
    | APPEAL_ACTIONS
# The server refuses these without a non-blank note (422 `note_required`): a reversal must
# say why. A client may ask for a note on more actions; it may not send these without one.
NOTE_REQUIRED_ACTIONS = frozenset({Action.reverse.value})
