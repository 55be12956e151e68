"""Quality against the real server: the organisation's required-rationale rules reach the
workstation, which then asks for the note; a decision refused anyway (422) ends in the
conflicts view naming the rule, never dropped."""

from __future__ import annotations

import sqlite3
import threading
from contextlib import closing

from reviewer.actions import ActionId
from reviewer.review.holds import HoldBook
from reviewer.review.rationale import required_rule
from reviewer.review.session import ReviewSession
from reviewer.store.database import open_store
from reviewer.sync.api_client import ApiClient
from reviewer.sync.engine import SyncEngine, SyncSettings
from ui.sync.conflicts_view import outcome_text


def _engine(tmp_path, central_api):
    settings = SyncSettings(prefetch_per_queue=10, low_watermark=3, presets_interval=0)
    path = tmp_path / "profile" / "store.sqlite3"
    client = ApiClient(central_api.url, central_api.tokens["reviewer"])
    return SyncEngine(path, client, settings=settings), path


def _until_sent(engine):
    for _ in range(40):
        status = engine.run_once()
        if status.online and status.waiting == 0:
            return status
        threading.Event().wait(0.25)
    raise AssertionError(f"never synced: {status}")


def test_rules_reach_the_workstation_and_a_refusal_is_shown_not_dropped(tmp_path, central_api):
    engine, path = _engine(tmp_path, central_api)
    engine.run_once()
    session = ReviewSession(open_store(path), undo_grace_s=0)
    case = session.current()
    policy = session.default_policy(case)
    assert required_rule(session.cache.db, policy, "remove") is None
    with central_api.lead() as lead:
        lead.put("/v1/quality/rationale-rules", json={"rules": [
            {"policy": policy, "action": "remove"}]}).raise_for_status()
    engine.run_once()
    assert required_rule(session.cache.db, policy, "remove") == (policy, "remove")
    assert required_rule(session.cache.db, policy, "suspend") is None

    # Sent anyway without a note (an older flow, a rule published meanwhile): refused, kept.
    decision = session.decide(ActionId.REMOVE, "", policy)
    _until_sent(engine)
    [entry] = session.outbox.unacknowledged()
    assert (entry.decision.decision_id, entry.state) == (decision.decision_id, "rejected")
    outcome, why = outcome_text(entry)
    assert outcome == "Rejected" and f"remove under {policy}" in why
    assert central_api.decisions(case.id) == []


def _second_engine(tmp_path, central_api):
    settings = SyncSettings(prefetch_per_queue=10, low_watermark=3, presets_interval=0,
                            lease_renew_interval=0)
    path = tmp_path / "colleague" / "store.sqlite3"
    client = ApiClient(central_api.url, central_api.tokens["reviewer2"])
    return SyncEngine(path, client, settings=settings), path


def test_a_hold_keeps_the_lease_until_the_limit_and_a_hand_off_reaches_the_colleague(
        tmp_path, central_api):
    engine, path = _engine(tmp_path, central_api)
    engine.settings.lease_renew_interval = 0  # every round renews
    engine.run_once()
    session = ReviewSession(open_store(path))
    book = HoldBook(session.cache.db)
    held_id, handed_id = session.case_ids[:2]
    book.hold(held_id, "waiting for a translation")
    engine.run_once()
    [hold] = book.holds().values()
    assert hold.sent and held_id in session.cache.open_case_ids()
    with closing(sqlite3.connect(central_api.db_path)) as raw:
        (reason,) = raw.execute("SELECT reason FROM case_holds WHERE case_id = ?",
                                (held_id,)).fetchone()
    assert reason == "waiting for a translation"
    engine.run_once()  # renewed while held
    assert held_id in session.cache.open_case_ids()

    # The central API's clock passes the limit (its row says so): the next renewal lets go.
    with closing(sqlite3.connect(central_api.db_path)) as raw:
        raw.execute("UPDATE case_holds SET held_until = '2000-01-01 00:00:00.000000'")
        raw.commit()
    engine.run_once()
    assert held_id not in session.cache.open_case_ids()
    with closing(sqlite3.connect(central_api.db_path)) as raw:
        assert raw.execute("SELECT lease_holder FROM cases WHERE id = ?",
                           (held_id,)).fetchone() == (None,)

    book.hand_off(handed_id, "reviewer-two", "you read Tagalog")
    status = engine.run_once()
    assert any(f"{handed_id} handed to reviewer-two" in line for line in status.outcomes)
    assert book.handoffs() == []
    colleague, colleague_path = _second_engine(tmp_path, central_api)
    colleague.run_once()
    theirs = ReviewSession(open_store(colleague_path))
    assert theirs.case_ids[0] == handed_id  # at the top of their list
    assert theirs.current().raw["handoff"]["note"] == "you read Tagalog"
    engine.run_once()  # ours renews, learns it is someone else's now
    assert handed_id not in session.cache.open_case_ids()


def test_an_appeal_is_answered_from_the_workstation_and_the_original_decider_is_refused(
        tmp_path, central_api):
    engine, path = _engine(tmp_path, central_api)
    engine.run_once()
    mine = ReviewSession(open_store(path), undo_grace_s=0)
    case = mine.current()
    decision = mine.decide(ActionId.REMOVE, "insult", mine.default_policy(case))
    _until_sent(engine)
    with central_api.lead() as lead:
        made = lead.post("/v1/appeals", json={"decision_id": decision.decision_id,
                                              "statement": "Out of context"})
    appeal_id = made.json()["case"]["id"]

    colleague, colleague_path = _second_engine(tmp_path, central_api)
    colleague.run_once()
    theirs = ReviewSession(open_store(colleague_path), undo_grace_s=0)
    theirs.go_to(appeal_id)
    assert theirs.current().raw["appeal"]["statement"] == "Out of context"
    theirs.decide(ActionId.OVERTURN, "context shows a quote", "")
    _until_sent(colleague)
    recorded = [(d["action"], d["reviewer"]) for d in central_api.decisions(case.id)]
    assert recorded == [("remove", "reviewer-one"), ("reverse", "reviewer-two"),
                        ("no_violation", "reviewer-two")]
    assert appeal_id not in mine.cache.open_case_ids()  # never handed to its decider


def test_a_hand_off_to_nobody_known_says_so_in_words_and_keeps_the_case(tmp_path, central_api):
    engine, path = _engine(tmp_path, central_api)
    engine.run_once()
    session = ReviewSession(open_store(path))
    book = HoldBook(session.cache.db)
    case_id = session.case_ids[0]
    book.hand_off(case_id, "maria", "you read Tagalog")
    status = engine.run_once()
    [said] = [line for line in status.outcomes if "maria" in line]
    assert said == (f"{case_id} NOT handed to maria: the central API knows no colleague named "
                    "“maria” — it stays in your list")
    assert "HTTP" not in said and "{" not in said
    assert case_id in session.cache.open_case_ids()
