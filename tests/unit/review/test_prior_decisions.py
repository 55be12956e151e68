"""Which decision earlier decisions on a case's media suggest, and when they suggest none."""

from __future__ import annotations

from reviewer.actions import ActionId
from reviewer.domain import Case
from reviewer.review.prior_decisions import known_lines, suggest
from tests.factories import case_dict, synthetic_png

A, B = synthetic_png(64, 48, seed=1), synthetic_png(64, 48, seed=2)
POLICIES = ("violent_graphic", "adult_nudity")


def _prior(action="remove", policy="violent_graphic", count=3, match="exact"):
    return {"action": action, "policy": policy, "count": count,
            "since": "2026-11-25T08:00:00Z", "match": match}


def _case(*histories):
    raw = case_dict("c1", media=[A, B][:len(histories)])
    for item, history in zip(raw["media"], histories):
        item["prior_decisions"] = history
    return Case.from_api(raw)


def test_one_enforcement_verdict_is_suggested_whatever_else_the_case_holds():
    found = suggest(_case([_prior()], []), POLICIES)
    assert (found.action, found.policy, found.count, found.match) == (
        ActionId.REMOVE, "violent_graphic", 3, "exact")
    near = suggest(_case([_prior(match="near", count=2), _prior(count=1, match="near")]), None)
    assert (near.count, near.match) == (3, "near")


def test_an_appeal_gets_no_suggestion_only_uphold_or_overturn_answer_it():
    case = _case([_prior()], [])
    contested = {"decision_id": "d-1", "case_id": "c0", "action": "suspend",
                 "policy": "violent_graphic", "note": "", "reviewer": "colleague",
                 "recorded_at": "2026-01-01T00:00:00Z", "guideline_version": ""}
    raw = dict(case.raw, appeal={"decision": contested, "statement": "My account was hacked.",
                                 "guideline_now": "", "changed_since": []})
    assert suggest(case, POLICIES) is not None
    assert suggest(Case.from_api(raw), POLICIES) is None


def test_no_violation_needs_every_item_cleared_before():
    cleared = _prior("no_violation")
    assert suggest(_case([cleared], []), POLICIES) is None
    assert suggest(_case([cleared], [cleared]), POLICIES).action == ActionId.NO_VIOLATION
    # An enforcement verdict on one item outweighs a clearance of another.
    assert suggest(_case([cleared], [_prior()]), POLICIES).action == ActionId.REMOVE


def test_disagreement_notes_and_foreign_policies_suggest_nothing():
    assert suggest(_case([_prior(), _prior(policy="adult_nudity")]), POLICIES) is None
    assert suggest(_case([_prior()], [_prior("label_sensitive")]), POLICIES) is None
    assert suggest(_case([_prior("suspend")]), POLICIES) is None  # a suspension says why
    assert suggest(_case([_prior(policy="spam")]), POLICIES) is None
    assert suggest(_case([]), POLICIES) is None
    assert suggest(Case.from_api(case_dict("c2")), POLICIES) is None  # text only


def test_every_earlier_decision_is_told_as_a_line():
    case = _case([_prior(count=14), _prior("no_violation", count=1, match="near")])
    assert known_lines(case.media[0]) == [
        "Same image: Remove (violent graphic), 14× this week",
        "Near-identical image: No violation (violent graphic), 1× this week"]
