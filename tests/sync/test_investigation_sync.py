"""Investigation context through the real sync worker and the real server: cached sealed and
readable offline; an account note written offline reaches the server exactly once and shows on
every cached case of the account."""

from __future__ import annotations

from collections import defaultdict

import httpx

from reviewer.sync.api_client import ApiClient
from reviewer.store.crypto import CacheCipher, new_key
from reviewer.context.investigation import InvestigationStore
from reviewer.store.database import open_store, unlock_store
from reviewer.sync.engine import SyncEngine, SyncSettings

SETTINGS = SyncSettings(prefetch_per_queue=12, low_watermark=3)


def _sealed_engine(tmp_path, central_api, role="reviewer"):
    path = tmp_path / "profile" / "store.sqlite3"
    unlock_store(path, CacheCipher(new_key()))
    client = ApiClient(central_api.url, central_api.tokens[role])
    return SyncEngine(path, client, settings=SETTINGS), path


def _two_cases_of_one_author(store: InvestigationStore):
    by_author = defaultdict(list)
    for case_id in store.cases.open_case_ids():
        case = store.cases.case(case_id)
        by_author[case.author.id].append(case)
    return next(cases[:2] for cases in by_author.values() if len(cases) >= 2)


def _server_notes(central_api, case_id: str) -> list[dict]:
    with central_api.lead() as lead:
        answer = lead.get(f"/v1/cases/{case_id}/context")
        answer.raise_for_status()
        return answer.json()["notes"]


def test_context_is_cached_and_readable_with_the_server_stopped(tmp_path, central_api):
    engine, path = _sealed_engine(tmp_path, central_api)
    status = engine.run_once()
    assert status.online and status.context_changed > 0
    central_api.server.stop()

    store = InvestigationStore(open_store(path))
    for case_id in store.cases.open_case_ids():
        case = store.cases.case(case_id)
        shown = store.load(case)
        assert shown.context is not None, case_id
        assert shown.context["author"]["id"] == case.author.id
        assert shown.context["author"]["high_profile"] == case.author.high_profile
        assert {r["reporter_id"] for r in shown.context["reporters"]} == {
            r["reporter_id"] for r in case.reports}
    assert store.db.execute("SELECT count(*) FROM case_context WHERE sealed = 0 AND error = ''"
                            ).fetchone()[0] == 0
    hashed = store.db.execute("SELECT count(*) FROM media WHERE dhash IS NOT NULL").fetchone()[0]
    assert hashed == store.db.execute("SELECT count(*) FROM media").fetchone()[0] > 0
    # The seed re-encodes some crisis images: the hash computed here finds those copies.
    reasons = {r.why for case_id in store.cases.open_case_ids()
               for r in store.load(store.cases.case(case_id)).related}
    assert any("near-identical media" in why for why in reasons)
    status = engine.run_once()
    assert status.online is False  # and nothing above needed it


def test_a_note_written_offline_reaches_the_server_once_and_follows_the_account(
        tmp_path, central_api):
    engine, path = _sealed_engine(tmp_path, central_api)
    engine.run_once()
    store = InvestigationStore(open_store(path))
    first, second = _two_cases_of_one_author(store)
    before = len(_server_notes(central_api, first.id))

    central_api.server.stop()
    note = store.add_note(first, "Offline note: check <i>linked</i> accounts")
    assert engine.run_once().online is False
    shown = store.load(second).notes  # at once, on another case of the same author
    assert (shown[0].note_id, shown[0].state) == (note.note_id, "pending")

    central_api.server.start()
    status = engine.run_once()
    assert status.online and status.context_changed >= 1
    # The answer "got lost": the worker sends it again; the server keeps one.
    store.db.execute("UPDATE account_notes SET state = 'pending'")
    store.db.conn.commit()
    engine.run_once()
    on_server = [n for n in _server_notes(central_api, second.id) if n["note_id"] == note.note_id]
    assert len(on_server) == 1 and on_server[0]["reviewer"] == "reviewer-one"
    assert len(_server_notes(central_api, first.id)) == before + 1
    shown = store.load(second).notes
    assert [(n.note_id, n.reviewer, n.state) for n in shown if n.note_id == note.note_id] == [
        (note.note_id, "reviewer-one", "sent")]  # the server's copy, naming its writer


def test_a_note_the_server_refuses_is_shown_as_not_accepted(tmp_path, central_api):
    engine, path = _sealed_engine(tmp_path, central_api)
    engine.run_once()
    store = InvestigationStore(open_store(path))
    case = store.cases.case(store.cases.open_case_ids()[0])
    store.add_note(case, "x" * 6000)  # longer than the server takes
    assert engine.run_once().online
    (note,) = [n for n in store.load(case).notes if n.reviewer == ""]
    assert note.state == "rejected" and "refused" in note.error
    with httpx.Client(base_url=central_api.url) as anonymous:
        assert anonymous.get(f"/v1/cases/{case.id}/context").status_code == 401
