"""The wire action vocabulary and the workstation's decision keys are one list, not two."""

from reviewer.actions import DECISION_KINDS, ActionId
from reviewer.contract.actions import (
    CLOSING_ACTIONS, ENFORCEMENT_ACTIONS, FINAL_ACTIONS, NOTE_REQUIRED_ACTIONS,
    POLICY_OPTIONAL_ACTIONS, Action,
)


def test_every_contract_action_has_exactly_one_action_id_and_vice_versa():
    for action in Action:
        assert [a for a in ActionId if a.value == action.value] == [ActionId(action.value)]
    assert {a.value for a in DECISION_KINDS} == {a.value for a in Action}


def test_decision_kinds_follow_the_contracts_sets_in_its_order():
    assert list(DECISION_KINDS) == [ActionId(a.value) for a in Action]
    assert {a.value for a, kind in DECISION_KINDS.items() if kind.final} == CLOSING_ACTIONS
    asking = {a.value for a, kind in DECISION_KINDS.items() if kind.needs_note}
    assert asking >= NOTE_REQUIRED_ACTIONS


def test_the_sets_hold_plain_values_and_nest_as_the_rules_assume():
    for named in (FINAL_ACTIONS, CLOSING_ACTIONS, ENFORCEMENT_ACTIONS, POLICY_OPTIONAL_ACTIONS,
                  NOTE_REQUIRED_ACTIONS):
        assert all(type(value) is str for value in named)
        assert named <= {a.value for a in Action}
    assert ENFORCEMENT_ACTIONS < FINAL_ACTIONS < CLOSING_ACTIONS
    assert "escalate" not in CLOSING_ACTIONS and "reverse" not in CLOSING_ACTIONS
    assert not POLICY_OPTIONAL_ACTIONS & FINAL_ACTIONS
