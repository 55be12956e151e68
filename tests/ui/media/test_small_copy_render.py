"""The decode pool renders the blurred and reduced stages from the small copy the sync worker
kept (reviewer/media/small_copies.py), and real pixels from the original bytes."""

from __future__ import annotations

from reviewer.media.hashes import hash_cached_media
from reviewer.media.presets import MediaPreset
from reviewer.media.render import MediaRenderer, style_for
from reviewer.media.stages import Stage
from reviewer.store.case_cache import CaseCache
from reviewer.store.database import open_store
from tests.factories import sha, synthetic_png
from tests.qt_wait import pump_until
from ui.media.qt_images import to_qimage
from ui.media.service import MediaService, RenderKey

PHOTO = synthetic_png(900, 600, seed=4)


def test_the_blurred_stage_renders_from_the_kept_copy_and_real_pixels_from_the_original(
        qapp, tmp_path):
    path = tmp_path / "store.sqlite3"
    cache = CaseCache(open_store(path))
    cache.save_media(sha(PHOTO), "image/png", PHOTO)
    hash_cached_media(cache.db)
    # The original's bytes no longer decode: only a render from the kept copy has pixels.
    cache.db.execute("UPDATE media SET data = ? WHERE sha256 = ?", (b"not an image", sha(PHOTO)))
    cache.db.conn.commit()
    blurred = style_for(MediaPreset(), "spam")
    revealed = style_for(MediaPreset(), "spam", stage=Stage.REVEALED)
    keys = [RenderKey(sha(PHOTO), (480, 320), blurred), RenderKey(sha(PHOTO), (480, 320),
                                                                  revealed)]
    service = MediaService(path, workers=1)
    try:
        for key in keys:
            service.request(key)
        pump_until(service.idle, what="both renders")
        shown, real = (service.result(key) for key in keys)
        expected = MediaRenderer().render("x", PHOTO, (480, 320), blurred).image
        assert shown.image is not None and shown.image == to_qimage(expected)
        assert real.image is None and "damaged" in real.reason
    finally:
        service.shutdown()
