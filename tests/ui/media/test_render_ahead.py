"""Renders ahead (the next cases' media) go to the decode pool one at a time, so a worker is
always free for what is on screen, and an item wanted on screen does not wait in their queue."""

from __future__ import annotations

import threading

from reviewer.media.presets import MediaPreset
from reviewer.media.render import style_for
from reviewer.store.case_cache import CaseCache
from reviewer.store.database import open_store
from tests.factories import sha, synthetic_png
from tests.qt_wait import pump_until
from ui.media.service import MediaService, RenderKey

PHOTO = synthetic_png(400, 300, seed=3, fmt="JPEG")


def test_renders_ahead_go_one_at_a_time_and_what_is_on_screen_goes_first(qapp, tmp_path):
    path = tmp_path / "store.sqlite3"
    CaseCache(open_store(path)).save_media(sha(PHOTO), "image/jpeg", PHOTO)
    service = MediaService(path, workers=2)
    gate, started = threading.Event(), []
    render = service._render

    def held_render(key, ahead):
        started.append((key.box, ahead))
        if ahead:
            gate.wait(10)  # the render ahead is still running
        render(key, ahead)

    service._render = held_render
    got = {}
    service.rendered.connect(lambda key, result: got.setdefault(key, result))
    keys = [RenderKey(sha(PHOTO), (100 + i, 80), style_for(MediaPreset(), "gore"))
            for i in range(4)]
    try:
        for key in keys:
            service.request(key, ahead=True)
        pump_until(lambda: started, what="the first render ahead")
        service.request(keys[3])  # its case is on screen now
        pump_until(lambda: keys[3] in got, what="the render on screen, beside the one ahead")
        assert started == [(keys[0].box, True), (keys[3].box, False)]
        assert not service.idle()  # two renders ahead still wait
        gate.set()
        pump_until(service.idle, what="every render done")
        assert started[2:] == [(keys[1].box, True), (keys[2].box, True)]
        assert all(got[key].image is not None for key in keys)
    finally:
        service.shutdown()
