"""Media in a never-render category: hashes and metadata only; the bytes never reach the disk."""

from __future__ import annotations

import base64

import httpx

from reviewer.api_client import ApiClient
from reviewer.store import open_store
from reviewer.sync_engine import SyncEngine, SyncSettings
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
