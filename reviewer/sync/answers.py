"""Central API answers checked against the wire contract (reviewer/contract/) at the edge.

An answer whose outer shape is wrong raises MalformedAnswer: the request counts as answered
badly. One bad item in a list (a case whose media width is "wide", a result without a status)
is skipped and logged with its id, and the rest of the answer is used: one broken case must
not keep a reviewer from the others, nor one broken result from recording the rest of a batch.
Everything past this module sees domain types or items that match the contract.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from reviewer.contract import cases as wire_cases
from reviewer.contract import decisions as wire_decisions
from reviewer.contract import quality as wire_quality
from reviewer.contract import sync as wire_sync
from reviewer.contract.errors import ErrorBody
from reviewer.domain import (
    Case, Decision, MalformedAnswer, Model, Queue, case_id_of, checked, what_is_wrong,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DecisionAnswer:
    status: int  # 201 accepted, 409 conflict, 4xx rejected
    body: dict
    decision_id: str = ""  # whose answer it is (a batch answers each decision apart)


def rationale_rules(data: Any) -> list[dict]:
    rules = checked(wire_quality.RationaleRules, data, "rationale rules").rules
    return [{"policy": rule.policy, "action": rule.action.value} for rule in rules]


def queues(data: Any) -> list[Queue]:
    answer, _ = usable(wire_cases.QueueList, data, "queues", ("queues",), _named("queue", "id"))
    return [Queue.from_contract(queue) for queue in answer.queues]


def claim(data: Any) -> tuple[list[Case], str]:
    """The claimed cases and when their lease expires."""
    answer, kept = usable(wire_cases.ClaimResult, data, "claim", ("cases",),
                          lambda item: f"case {case_id_of(item)}")
    cases = [Case.from_contract(case, raw) for case, raw in zip(answer.cases, kept["cases"])]
    return cases, answer.lease_expires_at


def case(data: Any) -> Case:
    return Case.from_api(data)


def decision(status: int, body: dict, decision_id: str) -> DecisionAnswer:
    """The answer to one POST /v1/decisions; what is stored and shown is the body as sent."""
    model = wire_decisions.DecisionAccepted if status in (200, 201) else ErrorBody
    checked(model, body, f"central API answer to decision {decision_id}")
    return DecisionAnswer(status, body, decision_id)


def batch(data: Any, sent: list[Decision]) -> list[DecisionAnswer]:
    """One answer per result naming a decision of `sent`; a decision whose result is missing
    or skipped gets none (it stays unanswered, to be sent again)."""
    case_of = {d.decision_id: d.case_id for d in sent}

    def name(item: Any) -> str:
        key = _text(item, "idempotency_key")
        return f"result for decision {key} (case {case_of.get(key, '?')})"

    answer, kept = usable(wire_decisions.BatchDecisionsResult, data, "batch", ("results",), name)
    answers: dict[str, DecisionAnswer] = {}
    for result, raw in zip(answer.results, kept["results"]):
        if result.idempotency_key not in case_of or result.idempotency_key in answers:
            log.warning("central API batch answer: skipped a result for a decision not sent "
                        "or answered twice: %s", result.idempotency_key)
        elif result.status in (200, 201) and not isinstance(
                result.body, wire_decisions.DecisionAccepted):
            log.warning("central API batch answer: skipped %s: status %d without an accepted "
                        "decision", name(raw), result.status)
        else:
            answers[result.idempotency_key] = DecisionAnswer(
                result.status, raw["body"], result.idempotency_key)
    return [answers[d.decision_id] for d in sent if d.decision_id in answers]


def lease_renewal(data: Any) -> tuple[dict[str, str], dict[str, str]]:
    """({case_id: new expiry}, {case_id: reason the lease is lost})."""
    answer, _ = usable(wire_sync.LeaseRenewal, data, "lease renewal", ("renewed", "lost"),
                       _named("lease of case", "case_id"))
    return ({r.case_id: r.lease_expires_at for r in answer.renewed},
            {lost.case_id: lost.reason for lost in answer.lost})


def change_feed(data: Any) -> tuple[list[dict], int, bool]:
    """(changes as sent, new cursor, more to fetch)."""
    answer, kept = usable(wire_sync.ChangeFeed, data, "change feed", ("changes",),
                          _named("change of case", "case_id"))
    return kept["changes"], answer.cursor, answer.more


def usable(model: type[Model], data: Any, what: str, lists: tuple[str, ...],
           name: Callable[[Any], str]) -> tuple[Model, dict[str, list]]:
    """`data` validated as `model` once the items of `lists` that do not match are dropped
    (each logged under `name(item)`), and the items kept, as sent, per list."""
    where = f"central API {what} answer"
    try:
        return model.model_validate(data), {key: data[key] for key in lists}
    except ValidationError as exc:
        errors = exc.errors(include_url=False, include_input=False)
    outside = [error for error in errors if _item_of(error, lists) is None]
    if outside:
        raise MalformedAnswer(f"{where}: {what_is_wrong(outside)}")
    bad = _problems_by_item(errors, lists)
    for (key, index), problem in sorted(bad.items()):
        log.warning("%s: skipped %s: %s", where, name(data[key][index]), problem)
    kept = {key: [item for i, item in enumerate(data[key]) if (key, i) not in bad]
            for key in lists}
    return checked(model, {**data, **kept}, where), kept


def _item_of(error: dict, lists: tuple[str, ...]) -> tuple[str, int] | None:
    """(list, index) of the item an error lies in; None for an error outside every item."""
    loc = error["loc"]
    if len(loc) >= 2 and loc[0] in lists and isinstance(loc[1], int):
        return loc[0], loc[1]
    return None


def _problems_by_item(errors: list[dict], lists: tuple[str, ...]) -> dict[tuple[str, int], str]:
    """(list, index) -> what is wrong with that item, its fields named from the item down."""
    grouped: dict[tuple[str, int], list[dict]] = defaultdict(list)
    for error in errors:
        grouped[_item_of(error, lists)].append({**error, "loc": error["loc"][2:]})
    return {item: what_is_wrong(item_errors) for item, item_errors in grouped.items()}


def _named(noun: str, key: str) -> Callable[[Any], str]:
    return lambda item: f"{noun} {_text(item, key)}"


def _text(item: Any, key: str) -> str:
    value = item.get(key) if isinstance(item, dict) else None
    return value[:80] if isinstance(value, str) else "?"
