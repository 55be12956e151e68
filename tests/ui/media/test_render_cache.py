"""The decode pool keeps finished renders by their bytes: the latest stay, the oldest go once
the bound is passed, and a render asked again while kept is answered without the pool."""

from __future__ import annotations

from reviewer.media.presets import MediaPreset
from reviewer.media.render import style_for
from reviewer.store.case_cache import CaseCache
from reviewer.store.database import open_store
from tests.factories import sha, synthetic_png
from tests.qt_wait import pump_until
from ui.media.service import MediaService, RenderKey

PHOTO = synthetic_png(800, 600, seed=9, fmt="JPEG")


def test_renders_are_kept_by_bytes_latest_first(qapp, tmp_path):
    path = tmp_path / "store.sqlite3"
    CaseCache(open_store(path)).save_media(sha(PHOTO), "image/jpeg", PHOTO)
    style = style_for(MediaPreset(), "gore")
    keys = [RenderKey(sha(PHOTO), (320 + 32 * i, 240), style) for i in range(5)]
    one_tile = 320 * 240  # each fits 320 x 240, grey: a byte a pixel
    service = MediaService(path, workers=1, cache_bytes=one_tile * 3)  # done in order
    try:
        for key in keys:
            service.request(key)
        pump_until(service.idle, what="every render")
        kept = [key for key in keys if key in service._results]
        assert kept == keys[-3:]  # as many of the latest as fit
        assert service._results.held_bytes == one_tile * 3
        assert service.result(keys[-1]).image is not None  # kept: answered at once
    finally:
        service.shutdown()
