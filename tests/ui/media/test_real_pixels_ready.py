"""The blurred and reduced stages decode small; while the reduced stage is held, the decode
pool gets real pixels ready (decoded, not shown), so the reveal's next step is not a decode."""

from __future__ import annotations

from reviewer.media.presets import MediaPreset
from reviewer.media.render import style_for
from reviewer.media.stages import Stage
from reviewer.store.case_cache import CaseCache
from reviewer.store.database import open_store
from tests.factories import sha, synthetic_png
from tests.qt_wait import pump_until
from ui.media.service import MediaService, RenderKey

PHOTO = synthetic_png(1600, 1200, seed=12, fmt="JPEG")
BOX = (640, 480)


def _service(tmp_path, monkeypatch) -> tuple[MediaService, list[str]]:
    path = tmp_path / "store.sqlite3"
    CaseCache(open_store(path)).save_media(sha(PHOTO), "image/jpeg", PHOTO)
    reads: list[str] = []
    real = CaseCache.media_bytes
    monkeypatch.setattr(CaseCache, "media_bytes",
                        lambda self, sha256: reads.append(sha256) or real(self, sha256))
    return MediaService(path), reads


def _rendered(qapp, service: MediaService, key: RenderKey):
    got = {}
    service.rendered.connect(lambda k, result: got.setdefault(k, result))
    service.request(key)
    pump_until(lambda: key in got, what="render")
    return got[key]


def test_holding_the_reduced_stage_gets_real_pixels_ready(qapp, tmp_path, monkeypatch):
    service, reads = _service(tmp_path, monkeypatch)
    preset, renderer = MediaPreset(), service._renderer
    blurred = RenderKey(sha(PHOTO), BOX, style_for(preset, "gore"))
    reduced = RenderKey(sha(PHOTO), BOX, style_for(preset, "gore", stage=Stage.REDUCED))
    real = RenderKey(sha(PHOTO), BOX, style_for(preset, "gore", stage=Stage.REVEALED))
    try:
        assert _rendered(qapp, service, blurred).image is not None
        assert not renderer.is_decoded(sha(PHOTO), BOX, real.style)  # blurred decodes small
        assert _rendered(qapp, service, reduced).image is not None
        pump_until(lambda: renderer.is_decoded(sha(PHOTO), BOX, real.style),
                   what="real pixels decoded")
        reads_before = len(reads)
        assert _rendered(qapp, service, real).image.width() == 640
        assert len(reads) == reads_before  # a filter of what is decoded, not a decode
    finally:
        service.shutdown()


def test_nothing_is_made_ready_for_a_never_render_style(tmp_path, monkeypatch):
    service, reads = _service(tmp_path, monkeypatch)
    never = style_for(MediaPreset(never_render=True), "csam_suspected", stage=Stage.REDUCED)
    service._renderer.prepare_real_pixels(sha(PHOTO), lambda: PHOTO, BOX, never)
    assert not service._renderer.is_decoded(sha(PHOTO), BOX,
                                            style_for(MediaPreset(), "gore", revealed=True))
    service.shutdown()
