"""Media in a never-render category: hashes and metadata only; the bytes never reach the disk."""

from __future__ import annotations

import base64

import httpx

from reviewer.sync.api_client import ApiClient
from reviewer.store.database import open_store
from reviewer.sync.engine import SyncEngine, SyncSettings
from tests.factories import sha, synthetic_png


def test_never_render_bytes_are_not_fetched_or_cached(tmp_path, central_api):
    stand_in = synthetic_png(200, 150, seed=42)  # a harmless pattern standing in for such media
    marker = synthetic_png(210, 150, seed=43)
    with httpx.Client(base_url=central_api.url, timeout=10,
                      headers={"Authorization": f"Bearer {central_api.tokens['lead']}"}) as lead:
        lead.post("/v1/cases", json={
            "id": "case-never-render", "queue_id": "graphic_media", "text": "reported image",
            "priority": 1, "media": [
                {"data_base64": base64.b64encode(stand_in).decode(), "mime": "image/png",
                 "category": "csam_suspected", "label": "Hash match (synthetic stand-in)"},
                {"data_base64": base64.b64encode(marker).decode(), "mime": "image/png",
                 "category": "graphic_violence", "label": "Ordinary item in the same case"}],
        }).raise_for_status()
    path = tmp_path / "profile" / "store.sqlite3"
    engine = SyncEngine(path, ApiClient(central_api.url, central_api.tokens["reviewer"]),
                        settings=SyncSettings(prefetch_per_queue=200, low_watermark=199))
    engine.run_once()
    db = open_store(path)
    assert db.execute("SELECT 1 FROM cases WHERE id = 'case-never-render'").fetchone()
    cached = {row[0] for row in db.execute("SELECT sha256 FROM media")}
    assert sha(marker) in cached and sha(stand_in) not in cached
    files = b"".join(p.read_bytes() for p in path.parent.iterdir() if p.is_file())
    assert stand_in[40:120] not in files  # not in the database, its WAL, or anywhere else


def test_org_presets_arrive_tighten_and_purge_cached_bytes(tmp_path):
    from server.auth.accounts import add_reviewer
    from server.runner import ServerThread
    from server.demo.seed import seed_database
    db_path = tmp_path / "central.sqlite3"
    seed_database(db_path, seed=5, cases=40)
    token = add_reviewer(db_path, "r", "reviewer")
    org = {"category": {"graphic_violence": {"never_render": True}, "nudity": {"blur_fraction": 0.2}}}
    server = ServerThread(db_path, app_options={"org_presets": org}).start()
    try:
        path = tmp_path / "profile" / "store.sqlite3"
        engine = SyncEngine(path, ApiClient(server.url, token),
                            settings=SyncSettings(prefetch_per_queue=40, low_watermark=39))
        status = engine.run_once()
        assert status.presets_changed and engine.run_once().presets_changed is False
        db = open_store(path)
        from reviewer.media.presets import effective_books
        book, _ = effective_books(db, None)
        assert book.for_category("nudity").blur_fraction == 0.2
        assert "graphic_violence" in book.never_rendered()
        fetched = db.execute("SELECT count(*) FROM media m JOIN case_media cm ON cm.sha256 = m.sha256 "
                             "WHERE cm.category = 'graphic_violence'").fetchone()[0]
        assert fetched == 0
    finally:
        server.stop()
