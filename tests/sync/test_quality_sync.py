"""Quality against the real server: the organisation's required-rationale rules reach the
workstation, which then asks for the note; a decision refused anyway (422) ends in the
conflicts view naming the rule, never dropped."""

from __future__ import annotations

import threading

from reviewer.actions import ActionId
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
