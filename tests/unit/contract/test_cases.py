"""Queue and case answers are checked against the contract: a bad case is skipped, not fatal."""

import logging

import pytest
from pydantic import ValidationError

from reviewer.contract import cases as wire
from reviewer.domain import Case, MalformedAnswer
from reviewer.sync import answers
from tests.factories import case_dict, synthetic_png


def _claim(*cases: dict) -> dict:
    return {"queue_id": "graphic_media", "lease_expires_at": "2026-11-20T10:30:00Z",
            "cases": list(cases)}


def _queue(queue_id: str, **changes) -> dict:
    return {"id": queue_id, "name": queue_id.title(), "description": "", "open_count": 3,
            "policies": ["violent_graphic"], "default_policy": "violent_graphic", **changes}


def _with_wide_media(case_id: str) -> dict:
    data = case_dict(case_id, media=[synthetic_png()])
    data["media"][0]["width"] = "wide"
    return data


def test_a_claim_with_one_malformed_case_yields_the_others_and_names_the_bad_one(caplog):
    with caplog.at_level(logging.WARNING, logger="reviewer.sync.answers"):
        cases, lease = answers.claim(_claim(case_dict("c1"), _with_wide_media("c-bad"),
                                            case_dict("c3")))
    assert [c.id for c in cases] == ["c1", "c3"] and lease == "2026-11-20T10:30:00Z"
    assert isinstance(cases[0], Case) and cases[0].raw["id"] == "c1"
    [line] = caplog.messages
    assert "skipped case c-bad" in line and "'media.0.width'" in line


def test_a_case_that_is_not_even_an_object_is_skipped_too(caplog):
    with caplog.at_level(logging.WARNING, logger="reviewer.sync.answers"):
        cases, _ = answers.claim(_claim("oops", case_dict("c2")))
    assert [c.id for c in cases] == ["c2"] and "skipped case ?" in caplog.text


@pytest.mark.parametrize("answer", [
    [], "cases", {"queue_id": "q", "cases": []}, {**_claim(), "cases": "none"},
    {**_claim(case_dict("c1")), "lease_expires_at": 5},
])
def test_a_claim_whose_outer_shape_is_wrong_is_malformed(answer):
    with pytest.raises(MalformedAnswer, match="claim answer"):
        answers.claim(answer)


def test_a_bool_is_refused_where_the_contract_wants_a_number_or_a_flag():
    data = case_dict("c1", media=[synthetic_png()])
    data["media"][0]["width"] = True
    with pytest.raises(MalformedAnswer, match="case c1: field 'media.0.width'"):
        Case.from_api(data)
    flagged = case_dict("c2")
    flagged["author"]["high_profile"] = 1
    with pytest.raises(MalformedAnswer, match="author.high_profile"):
        Case.from_api(flagged)
    with pytest.raises(ValidationError):
        wire.Queue.model_validate(_queue("q", open_count=False))


def test_the_server_may_still_send_numbers_it_always_sent():
    case = Case.from_api(case_dict("c1", priority=1, media=[synthetic_png()]))
    assert case.priority == 1 and case.media[0].width == 320
    assert case.author.followers == 12 and case.author.high_profile is False


def test_out_of_range_priority_and_unknown_status_are_refused():
    with pytest.raises(MalformedAnswer, match="'priority'"):
        Case.from_api(case_dict("c1", priority=7))
    with pytest.raises(MalformedAnswer, match="'status'"):
        Case.from_api({**case_dict("c1"), "status": "maybe"})


def test_the_message_names_the_field_but_never_the_content():
    data = case_dict("c1", text="SECRET POST TEXT")
    data["text"] = ["SECRET POST TEXT"]
    with pytest.raises(MalformedAnswer) as caught:
        Case.from_api(data)
    assert "'text'" in str(caught.value) and "SECRET" not in str(caught.value)


def test_queues_skip_a_bad_queue_and_keep_the_others(caplog):
    with caplog.at_level(logging.WARNING, logger="reviewer.sync.answers"):
        queues = answers.queues({"queues": [_queue("a"), _queue("b", breached="many"),
                                            _queue("c", sla_minutes=60)]})
    assert [q.id for q in queues] == ["a", "c"] and "skipped queue b" in caplog.text
    assert queues[0].sla_minutes == 0 and queues[1].sla_minutes == 60  # 0: not given
    with pytest.raises(MalformedAnswer):
        answers.queues({"queues": "not a list"})
