"""Earlier decisions on the same or near-identical media, served with every case."""

from __future__ import annotations

import base64
import io
import random

from PIL import Image
from sqlalchemy import delete, select

from server.demo.synthetic_media import draw_image
from server.media_history.fingerprints import NEAR_IDENTICAL_BITS, dhash
from server.store.database import open_database
from server.store.schema import SCHEMA_VERSION, media_fingerprints, media_hash_bands
QUEUE = "graphic_media"


def _png(seed: int) -> bytes:
    return draw_image(random.Random(seed), f"HISTORY {seed}", image_format="PNG",
                      size=(320, 240)).data


def _copy(data: bytes) -> bytes:
    """The same picture re-encoded smaller as a JPEG: other bytes, other sha256."""
    image = Image.open(io.BytesIO(data)).convert("RGB").resize((256, 192))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    return out.getvalue()


def _ingest(lena, data: bytes, mime: str = "image/png") -> str:
    created = lena.post("/v1/cases", json={
        "queue_id": QUEUE, "text": "history test",
        "media": [{"data_base64": base64.b64encode(data).decode(), "mime": mime,
                   "category": "graphic_violence", "label": "Synthetic drawing"}]})
    assert created.status_code == 201, created.text
    return created.json()["id"]


def _prior(client, case_id: str) -> list[dict]:
    return client.get(f"/v1/cases/{case_id}").json()["media"][0].get("prior_decisions", [])


def test_a_copy_of_an_image_decided_before_arrives_with_that_decision(
        client_for, decision_body, post_decision):
    lena, sam = client_for("lena"), client_for("sam")
    picture, other = _png(1), _png(2)
    decided, same, near, unrelated = (_ingest(lena, picture), _ingest(lena, picture),
                                      _ingest(lena, _copy(picture), "image/jpeg"),
                                      _ingest(lena, other))
    removal = decision_body(decided, "remove", policy="graphic_violence")
    assert post_decision(sam, removal).status_code == 201
    assert post_decision(sam, decision_body(unrelated, "no_violation",
                                            policy="graphic_violence")).status_code == 201

    [exact] = _prior(sam, same)
    assert (exact["action"], exact["policy"], exact["count"], exact["match"]) == (
        "remove", "graphic_violence", 1, "exact")
    assert exact["since"].endswith("Z")
    assert [(p["action"], p["match"]) for p in _prior(sam, near)] == [("remove", "near")]
    assert _prior(sam, decided) == []  # a case is not its own history
    # Claims carry it too: the same picture in a claimed case.
    claimed = sam.post(f"/v1/queues/{QUEUE}/claim", json={"count": 200}).json()["cases"]
    by_id = {case["id"]: case for case in claimed}
    assert by_id[same]["media"][0]["prior_decisions"] == [exact]

    reversal = decision_body(decided, "reverse", note="wrong picture")
    del reversal["policy"]
    assert post_decision(sam, reversal).status_code == 201
    assert _prior(sam, same) == []  # a reversed decision is no longer what happened


def test_copies_hash_close_and_other_drawings_far():
    for seed in range(5):
        picture = _png(seed)
        copy_bits = (dhash(picture) ^ dhash(_copy(picture))).bit_count()
        other_bits = (dhash(picture) ^ dhash(_png(seed + 100))).bit_count()
        assert copy_bits <= NEAR_IDENTICAL_BITS < other_bits
    assert dhash(b"not an image") is None


def test_media_stored_before_fingerprints_is_hashed_by_the_upgrade(sqlite_path):
    database = open_database(sqlite_path)
    with database.write() as conn:
        stored = conn.execute(select(media_fingerprints.c.sha256)).scalars().all()
        assert stored  # the seed's media was hashed as it was stored
        conn.execute(delete(media_hash_bands))
        conn.execute(delete(media_fingerprints))
        conn.exec_driver_sql("PRAGMA user_version = 7")
    database.close()
    database = open_database(sqlite_path)
    with database.read() as conn:
        assert sorted(conn.execute(select(media_fingerprints.c.sha256)).scalars()) == \
            sorted(stored)
        assert conn.exec_driver_sql("PRAGMA user_version").scalar_one() == SCHEMA_VERSION
    database.close()
