"""The renderer's decode cache: a small decode (blurred and reduced stages) is made once per
media and serves every box it is shown at; the cache is bounded by bytes as well as count."""

from __future__ import annotations

from PIL import ImageChops, ImageStat

from reviewer.media.render import MediaRenderer, RenderStyle
from reviewer.media.stages import Stage
from tests.factories import synthetic_png

PNG = synthetic_png(1400, 900, seed=5)
JPEG = synthetic_png(1600, 1200, seed=6, fmt="JPEG")
# One tile, two side by side, four in a grid: the boxes one picture meets in the media grid.
BOXES = [(1024, 448), (512, 448), (512, 192)]


def _counted(data: bytes):
    reads: list[int] = []
    return reads, lambda: reads.append(1) or data


def test_a_small_decode_serves_every_box_without_decoding_again():
    renderer = MediaRenderer()
    for data in (PNG, JPEG):
        reads, load = _counted(data)
        for box in BOXES:
            for stage in (Stage.BLURRED, Stage.REDUCED):
                assert renderer.render_from(f"k{len(data)}", load, box,
                                            RenderStyle(stage=stage)).image is not None
        assert reads == [1]  # decoded once, for the first box


def test_each_box_gets_the_render_a_fresh_decode_for_that_box_gives():
    """Same size and the same picture as decoding for that box alone: the small copy covers
    the blur's work copy at any size shown."""
    shared = MediaRenderer()
    for box in BOXES:
        reused = shared.render("k", PNG, box, RenderStyle()).image
        fresh = MediaRenderer().render("k", PNG, box, RenderStyle()).image
        assert reused.size == fresh.size
        assert reused.size[0] <= box[0] and reused.size[1] <= box[1]
        assert ImageStat.Stat(ImageChops.difference(reused, fresh)).mean[0] < 1.0


def test_real_pixels_are_still_decoded_for_their_box():
    renderer = MediaRenderer()
    reads, load = _counted(JPEG)
    for box in BOXES[:2]:
        image = renderer.render_from("k", load, box, RenderStyle(stage=Stage.REVEALED)).image
        assert image.size[0] == box[0] or image.size[1] == box[1]  # at the size shown
    assert len(reads) == 2


def test_the_decode_cache_is_bounded_by_bytes():
    one = MediaRenderer().render("k", PNG, BOXES[0], RenderStyle(stage=Stage.REVEALED)).image
    per_decode = one.width * one.height * 3
    renderer = MediaRenderer(cache_bytes=per_decode * 2)
    for n in range(5):
        renderer.render(f"k{n}", PNG, BOXES[0], RenderStyle(stage=Stage.REVEALED))
    assert renderer._decoded.held_bytes <= per_decode * 2
    assert [key[0] for key in renderer._decoded] == ["k3", "k4"]  # the latest are kept
