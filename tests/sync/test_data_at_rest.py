"""Data at rest: case text and media, the organisation's guidelines, the reviewer's decision
notes, incidents and the review sections written here reach the profile directory only sealed
(AES-GCM), and a damaged sealed item is noticed and fetched again. Real server, real store,
real window."""

from __future__ import annotations

import base64
import io
import threading

import pytest
from PIL import Image
from PIL.PngImagePlugin import PngInfo

from reviewer.actions import ActionId
from reviewer.context.guidelines import GuidelineStore
from reviewer.review.outbox import Outbox
from reviewer.review.search_indexer import SearchIndexer
from reviewer.sync.api_client import ApiClient
from reviewer.store.cache_guard import unlock_cache
from reviewer.store.case_cache import CaseCache
from reviewer.context.guidelines import Guideline
from reviewer.domain import Case, Decision
from reviewer.context.investigation import InvestigationStore
from reviewer.context.incidents import IncidentStore, check_incident
from reviewer.media.render import RenderStyle
from reviewer.profile import Profile
from reviewer.review.session import ReviewSession
from reviewer.store.database import open_store
from reviewer.store.search_file import index_path
from reviewer.sync.engine import SyncEngine, SyncSettings
from tests.factories import case_dict, sha, synthetic_png
from tests.qt_wait import pump_until
from ui.app import build_workstation
from ui.context.guidelines_view import GuidelinesView
from ui.media.service import RenderKey

MARKER = "MARKER-at-rest-4e1d7b"
CASE_ID = "case-at-rest"
CLAIM_ALL = dict(prefetch_per_queue=200, low_watermark=199)  # claims every graphic_media case
GUIDELINE = {"id": "violent_graphic", "kind": "policy", "policy_area": "violent_graphic",
             "title": f"Graphic violence thresholds {MARKER}",
             "body": f"Internal enforcement line: {MARKER} applies above the threshold."}
NOTE = f"Escalation plan quokkaplan {MARKER}"  # "quokkaplan" is found by search through it


def marked_png() -> bytes:
    """A synthetic image that also carries the marker in a PNG text chunk."""
    info = PngInfo()
    info.add_text("Comment", MARKER)
    out = io.BytesIO()
    Image.open(io.BytesIO(synthetic_png(240, 180, seed=21))).save(out, "PNG", pnginfo=info)
    return out.getvalue()


IMAGE = marked_png()


@pytest.fixture
def marked_case(central_api):
    with central_api.lead() as lead:
        lead.post("/v1/cases", json={
            "id": CASE_ID, "queue_id": "graphic_media", "priority": 1,
            "text": f"Reported post quoting {MARKER} in full",
            "media": [{"data_base64": base64.b64encode(IMAGE).decode(), "mime": "image/png",
                       "category": "graphic_violence", "label": "Synthetic marked pattern"}],
            "author": {"id": "author-at-rest", "handle": f"handle_{MARKER}"},  # in the context
        }).raise_for_status()
        lead.post("/v1/accounts/author-at-rest/notes", json={  # an account note, in the context
            "note_id": "note-at-rest", "body": f"Server note {MARKER}"}).raise_for_status()
        lead.post("/v1/guidelines", json=GUIDELINE).raise_for_status()  # confidential policy
    return central_api


def leaked(root) -> list[str]:
    """Which secrets appear in clear in any file under the profile directory."""
    files = b"".join(p.read_bytes() for p in root.rglob("*") if p.is_file())
    secrets = {"case-text marker": MARKER.encode(), "image bytes": IMAGE[60:140],
               "marker in UTF-16": MARKER.encode("utf-16-le")}
    return [name for name, needle in secrets.items() if needle in files]


def _incident_and_review_read_back(db) -> None:
    """An incident's title and a review section written here: sealed, read back whole."""
    incidents = IncidentStore(db)
    incidents.save_one(check_incident({
        "id": "inc-at-rest", "title": f"Dam-burst hoax {MARKER}", "severity": "high",
        "regions": ["BR"], "commander": "sam", "state": "open", "alert_id": None,
        "declared_at": "2026-12-01T10:00:00Z", "declared_by": "sam", "contained_at": None,
        "closed_at": None, "bulletin": None, "case_ids": ["case-elsewhere"],
        "figures": {"cases_in": 1, "decided": 0, "pending": 1, "sla_breaches": 0,
                    "reviewers_working": 1}}))
    entry = incidents.write_entry("inc-at-rest", "root_cause", f"Root cause: {MARKER}")
    assert MARKER in incidents.incident("inc-at-rest")["title"]
    assert [e.body for e in incidents.pending_entries() if e.entry_id == entry] == [
        f"Root cause: {MARKER}"]
    assert incidents.tag_for("case-elsewhere") == "inc-at-rest"


def test_the_workstation_keeps_case_text_and_media_sealed_on_disk(qtbot, tmp_path, marked_case):
    profile = Profile(tmp_path / "profile").ensure()
    window = build_workstation(profile, marked_case.url, marked_case.tokens["reviewer"],
                               SyncSettings(**CLAIM_ALL, idle_interval=0.5), undo_grace_s=0)
    qtbot.addWidget(window)
    # This machine has no keyring: the status line says the cache lasts this session only.
    assert "session only" in window.status_line.text()
    window.bridge.start()  # the sync worker writes from its own thread
    cache = window.session.cache
    pump_until(lambda: cache.media_bytes(sha(IMAGE)) is not None, timeout=30, what="media cached")
    window.session.reload()
    window.session.go_to(CASE_ID)
    assert MARKER in window.session.current().text  # the UI thread reads it back
    investigation = InvestigationStore(cache.db)  # context and account notes, sealed too
    pump_until(lambda: investigation.context(CASE_ID)[0] is not None, timeout=30,
               what="context cached")
    investigation.add_note(window.session.current(), f"Local note {MARKER}")
    assert {f"Server note {MARKER}", f"Local note {MARKER}"} <= {
        n.body for n in investigation.load(window.session.current()).notes}
    _incident_and_review_read_back(cache.db)
    key = RenderKey(sha(IMAGE), (200, 150), RenderStyle())  # blurred, grayscale
    window.media.request(key)  # the decode pool reads it back on its own threads
    pump_until(lambda: window.media.result(key) is not None, what="rendered")
    assert window.media.result(key).image is not None
    _guideline_and_note_read_back(qtbot, window)
    # The background search index, kept in its own file, has the case's words and the note.
    index = window.work_list.indexer.index
    window.work_list.indexer.catch_up()
    pump_until(lambda: CASE_ID in (index.search("quokkaplan") or ()) and
               CASE_ID in (index.search("4e1d7b") or ()), timeout=30, what="indexed")
    assert index.file.path == index_path(profile.store_path) and index.file.path.exists()

    assert leaked(profile.root) == []  # before any checkpoint: nothing in clear in the WAL
    open_store(profile.store_path).execute("PRAGMA wal_checkpoint(TRUNCATE)")
    with index._lock:
        index.file.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert leaked(profile.root) == []


def test_a_flipped_byte_is_detected_and_the_item_fetched_again(tmp_path, marked_case):
    profile = Profile(tmp_path / "profile").ensure()
    unlock_cache(profile)
    client = ApiClient(marked_case.url, marked_case.tokens["reviewer"])
    engine = SyncEngine(profile.store_path, client, settings=SyncSettings(**CLAIM_ALL))
    _on_another_thread(engine.run_once)
    cache = CaseCache(open_store(profile.store_path))

    _flip_one_byte(cache.db, "media", "data", "sha256", sha(IMAGE))
    assert cache.media_bytes(sha(IMAGE)) is None  # detected: treated as not fetched yet
    assert sha(IMAGE) in cache.missing_media(500)
    _on_another_thread(engine.run_once)  # the next round fetches it again
    assert cache.media_bytes(sha(IMAGE)) == IMAGE

    _flip_one_byte(cache.db, "cases", "sealed_payload", "id", CASE_ID)
    session = ReviewSession(cache.db)
    session.go_to(CASE_ID)
    shown = session.current()  # detected: skipped, never garbage on screen and never a crash
    assert shown is None or shown.id != CASE_ID
    assert CASE_ID not in session.case_ids
    session.reload()
    assert CASE_ID not in session.case_ids
    # Fetched again from the central API (GET /v1/cases/{id}), it is cached sealed once more.
    cache.save_cases([client.case(CASE_ID)], None)
    assert MARKER in cache.case(CASE_ID).text


def test_content_cached_in_clear_before_the_upgrade_leaves_no_trace(tmp_path):
    profile = Profile(tmp_path / "profile").ensure()
    clear = CaseCache(open_store(profile.store_path))  # a store written without a key
    clear.save_cases([Case.from_api(case_dict("old", text=MARKER, media=[IMAGE]))], None)
    clear.save_media(sha(IMAGE), "image/png", IMAGE)
    clear.save_cases([Case.from_api(case_dict("old", text=MARKER + " again", media=[IMAGE]))], None)
    assert leaked(profile.root)  # the premise: it is in clear, in the WAL
    GuidelineStore(clear.db).save([Guideline.from_api(
        {**GUIDELINE, "version": 1, "seq": 1, "queue_id": "", "requires_ack": False,
         "published_at": "2026-11-20T10:00:00Z", "published_by": "lead"})], 1)
    decision = Decision.new("sent-earlier", ActionId.ESCALATE, "violent_graphic", NOTE)
    Outbox(clear.db).record(decision)
    Outbox(clear.db).record_answers([(decision.decision_id, "accepted", {"note": NOTE})])

    unlock_cache(profile)
    assert leaked(profile.root) == []  # sealed, free pages dropped, WAL emptied
    db = open_store(profile.store_path)
    assert CaseCache(db).case("old").text == MARKER + " again"
    assert GuidelineStore(db).get("violent_graphic").body == GUIDELINE["body"]
    (entry,) = Outbox(db).entries()
    assert entry.decision.note == NOTE and entry.response == {"note": NOTE}


def _guideline_and_note_read_back(qtbot, window) -> None:
    """The guideline syncs and reads back in the library view; a decision note is recorded,
    sent (the central API's answer quotes it) and found by search."""
    library = GuidelineStore(window.session.cache.db)
    pump_until(lambda: library.for_policy("violent_graphic") is not None, timeout=30,
               what="guideline synced")
    view = GuidelinesView(library, window)
    qtbot.addWidget(view)
    assert view.show_document(GUIDELINE["id"])
    assert view.title.text().startswith(GUIDELINE["title"])
    assert view.text.toPlainText() == GUIDELINE["body"]
    decision = window.session.decide(ActionId.ESCALATE, note=NOTE)
    outbox = Outbox(window.session.cache.db)
    pump_until(lambda: outbox.counts()["accepted"] == 1, timeout=30, what="decision accepted")
    (entry,) = outbox.entries()
    assert entry.decision.note == NOTE and entry.response["decision"]["note"] == NOTE
    indexer = SearchIndexer(None)
    indexer.run_once(window.session.cache.db)
    assert indexer.index.search("quokkaplan") == {decision.case_id}


def _on_another_thread(work) -> None:
    """Run as the sync worker does: a thread with its own store connection."""
    thread = threading.Thread(target=work)
    thread.start()
    thread.join(60)


def _flip_one_byte(db, table: str, column: str, where: str, key: str) -> None:
    blob = bytearray(db.execute(f"SELECT {column} FROM {table} WHERE {where} = ?",
                                (key,)).fetchone()[0])
    blob[len(blob) // 2] ^= 0x01
    db.execute(f"UPDATE {table} SET {column} = ? WHERE {where} = ?", (bytes(blob), key))
    db.conn.commit()
