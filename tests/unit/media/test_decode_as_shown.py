"""Each stage decodes only what it shows: the blurred and reduced stages from one small decode
(a JPEG at 1/8 scale and in grayscale where it can), real pixels from a full one; the result is
the same picture, as unreadable, at the same size, the right way up."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageChops, ImageDraw, ImageStat

from reviewer.media.decode import decode_shown, open_image
from reviewer.media.render import MediaRenderer, RenderStyle, apply_filter
from reviewer.media.stages import Stage
from tests.media_measures import scene

BOX = (1280, 800)


def _jpeg(image: Image.Image, orientation: int = 1) -> bytes:
    out = io.BytesIO()
    exif = Image.Exif()
    if orientation != 1:
        exif[0x0112] = orientation
    image.convert("RGB").save(out, "JPEG", quality=90, exif=exif.tobytes())
    return out.getvalue()


def _photo(size=(4000, 3000), seed=7) -> Image.Image:
    _, textured = scene(seed=seed, size=size)
    return textured.convert("RGB")


def _mean_difference(a: Image.Image, b: Image.Image) -> float:
    return ImageStat.Stat(ImageChops.difference(a, b)).mean[0]


def test_the_blurred_stage_decodes_a_large_jpeg_small_and_in_grayscale():
    still = decode_shown(open_image(_jpeg(_photo())), BOX, "L", side=256)
    assert still.size == (1067, 800)  # the size it is shown at
    assert still.image.mode == "L"
    assert max(still.image.size) <= 500  # 1/8 scale, not the 1067 × 800 shown


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_a_blurred_render_from_the_small_decode_is_the_one_from_a_full_decode(fmt):
    """The blur is worked out from the size shown, so decoding less changes nothing a reviewer
    could see: the same picture, exactly as unreadable."""
    out = io.BytesIO()
    _photo((2400, 1800)).save(out, fmt)
    data = out.getvalue()
    shown = MediaRenderer().render("k", data, BOX, RenderStyle()).image
    full = decode_shown(open_image(data), BOX)  # every pixel, at the size shown
    from_full = apply_filter(full.image, RenderStyle())
    assert shown.size == from_full.size == full.size == (1067, 800)
    assert _mean_difference(shown, from_full) < 1.0  # of 255


def test_the_reduced_stage_from_the_small_decode_keeps_its_size_and_shapes():
    data = _jpeg(_photo((2400, 1800)))
    reduced = MediaRenderer().render("k", data, BOX, RenderStyle(stage=Stage.REDUCED)).image
    full = decode_shown(open_image(data), BOX)
    from_full = apply_filter(full.image, RenderStyle(stage=Stage.REDUCED))
    assert reduced.size == from_full.size == (1067, 800)
    assert _mean_difference(reduced, from_full) < 8.0  # thresholds flip a few outline pixels


def test_real_pixels_are_decoded_at_the_size_shown_not_smaller():
    data = _jpeg(_photo((3000, 2000)))
    revealed = MediaRenderer().render("k", data, (400, 300), RenderStyle(stage=Stage.REVEALED))
    assert revealed.image.size == (400, 267)
    still = decode_shown(open_image(data), (400, 300))
    assert still.image.size == still.size == (400, 267)


@pytest.mark.parametrize("orientation", [3, 6, 8])
def test_exif_rotation_is_applied_by_every_stage_and_sizes_the_decode(orientation):
    """A phone photo stored sideways is shown upright at every stage: the bright half of the
    picture is where the EXIF rotation puts it, blurred or real."""
    picture = Image.new("L", (3000, 2000), 20)
    ImageDraw.Draw(picture).rectangle([0, 0, 1499, 1999], fill=235)  # left half bright
    upright = picture.transpose({3: Image.Transpose.ROTATE_180, 6: Image.Transpose.ROTATE_270,
                                 8: Image.Transpose.ROTATE_90}[orientation])
    data = _jpeg(picture, orientation)
    expected = upright.resize((upright.width // 10, upright.height // 10), Image.Resampling.BOX)
    for stage in Stage:
        shown = MediaRenderer().render("k", data, (600, 600), RenderStyle(stage=stage)).image
        assert shown.size == (upright.width // 5, upright.height // 5), stage
        small = shown.resize(expected.size, Image.Resampling.BOX)
        # Where the picture is bright, the render is too (the blur softens the edge only).
        assert _mean_difference(small, expected) < 40, stage


def test_one_small_decode_serves_the_blurred_and_reduced_stages_and_one_full_the_rest():
    data = _jpeg(_photo((1600, 1200)))
    renderer, loads = MediaRenderer(), []

    def load():
        loads.append(1)
        return data

    for stage, colour in ((Stage.BLURRED, False), (Stage.REDUCED, False)):
        renderer.render_from("k", load, BOX, RenderStyle(stage=stage, colour=colour))
    assert len(loads) == 1
    for colour in (False, True):
        renderer.render_from("k", load, BOX, RenderStyle(stage=Stage.REVEALED, colour=colour))
    assert len(loads) == 2  # colour while revealing filters the decode already made
    other = MediaRenderer()
    other.render_from("k", load, BOX, RenderStyle(stage=Stage.REVEALED))
    other.render_from("k", load, BOX, RenderStyle())  # a full decode serves the blur too
    assert len(loads) == 3


def test_a_colour_preset_blurs_in_colour_from_the_small_decode():
    data = _jpeg(_photo((1600, 1200)))
    shown = MediaRenderer().render("k", data, BOX, RenderStyle(colour=True)).image
    assert shown.mode == "RGB" and shown.size == (1067, 800)


def test_storyboard_frames_are_kept_at_the_size_of_their_cell():
    from reviewer.media.render import decode_media
    from tests.factories import synthetic_animation
    decoded = decode_media(synthetic_animation(frames=12, size=(1600, 1200)), BOX)
    assert len(decoded.frames) == 12  # a 4 × 3 grid: cells of 316 × 262 in a 1280 × 800 box
    assert all(f.width <= 316 and f.height <= 262 for f in decoded.frames)
    shown = MediaRenderer().render("a", synthetic_animation(frames=12, size=(1600, 1200)), BOX)
    assert shown.image.size == (1280, 798) and shown.caption.startswith("Animation: 12 of 12")
