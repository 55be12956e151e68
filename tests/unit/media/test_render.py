"""Safe decoding, the default filter and the refusal: bad files become a named reason, never a
crash, and a never-render category never becomes pixels."""

import io

import pytest
from PIL import Image, ImageStat

from reviewer.media.decode import MediaUnavailable, decode_for_display
from reviewer.media.presets import MediaPreset
from reviewer.media.stages import Stage
from reviewer.media.render import (MediaRenderer, NeverRendered, RenderStyle, apply_filter,
                                   style_for)
from tests.factories import synthetic_animation, synthetic_png


def _edge_energy(image: Image.Image) -> float:
    """Mean absolute difference between neighbouring pixels: high for sharp, ~0 for blurred."""
    gray = image.convert("L")
    shifted = gray.transform(gray.size, Image.Transform.AFFINE, (1, 0, 1, 0, 1, 0))
    from PIL import ImageChops
    return ImageStat.Stat(ImageChops.difference(gray, shifted)).mean[0]


def test_default_render_is_blurred_and_grayscale():
    data = synthetic_png(640, 480)
    sharp = MediaRenderer().render("k", data, (640, 480), RenderStyle(stage=Stage.REVEALED, colour=True)).image
    shown = MediaRenderer().render("k", data, (640, 480)).image
    assert shown.mode == "L"
    assert _edge_energy(shown) < _edge_energy(sharp) / 8


def test_blur_scales_with_the_rendered_size():
    data = synthetic_png(1600, 1200)
    for box in ((320, 240), (1600, 1200)):
        shown = MediaRenderer().render("k", data, box).image
        assert _edge_energy(shown) < 1.5, box


def test_reveal_is_sharp_but_still_grayscale_until_colour_is_asked_for():
    data = synthetic_png(320, 240)
    revealed = MediaRenderer().render("k", data, (320, 240), RenderStyle(stage=Stage.REVEALED)).image
    assert revealed.mode == "L"
    coloured = MediaRenderer().render("k", data, (320, 240), RenderStyle(stage=Stage.REVEALED, colour=True)).image
    assert coloured.mode == "RGB"


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "GIF", "WEBP"])
def test_supported_formats_decode_and_fit_the_box(fmt):
    image = decode_for_display(synthetic_png(1200, 800, fmt=fmt), (300, 300))
    assert max(image.size) <= 300 and image.mode == "RGB"


def _bad_files():
    jpeg = synthetic_png(400, 300, fmt="JPEG")
    flipped = bytearray(jpeg)
    for i in range(200, len(flipped), 97):
        flipped[i] ^= 0xFF
    bmp = io.BytesIO()
    Image.new("RGB", (10, 10)).save(bmp, "BMP")
    return {
        "empty": b"",
        "truncated": jpeg[: len(jpeg) // 3],
        "bit-flipped": bytes(flipped),
        "lying header": b"\x89PNG\r\n\x1a\n" + b"not really a png" * 20,
        "unsupported format": bmp.getvalue(),
        "random bytes": bytes(range(256)) * 8,
    }


@pytest.mark.parametrize("name", list(_bad_files()))
def test_bad_files_become_a_placeholder_with_a_reason(name):
    result = MediaRenderer().render("k", _bad_files()[name], (320, 240))
    if result.image is None:
        assert result.reason.startswith("Cannot be displayed")
    else:  # a bit flip inside the entropy data can still decode: then it must still be blurred
        assert _edge_energy(result.image) < 3


def test_huge_dimensions_are_refused_from_the_header():
    out = io.BytesIO()
    Image.new("L", (12000, 9000)).save(out, "PNG")  # 108 megapixels, compresses to little
    with pytest.raises(MediaUnavailable, match="too large"):
        decode_for_display(out.getvalue(), (400, 400))


def test_media_not_yet_downloaded_says_so():
    result = MediaRenderer().render("k", None, (320, 240))
    assert result.image is None and "Not downloaded yet" in result.reason


def _video(frames: int = 48, fmt: str = "mp4", codec: str = "mpeg4") -> bytes:
    import av
    out = io.BytesIO()
    with av.open(out, "w", format=fmt) as container:
        stream = container.add_stream(codec, rate=12)
        stream.width, stream.height, stream.pix_fmt = 320, 240, "yuv420p"
        for i in range(frames):
            frame = av.VideoFrame.from_image(Image.open(io.BytesIO(synthetic_png(320, 240, seed=i))).convert("RGB"))
            for packet in stream.encode(frame):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)
    return out.getvalue()


def test_video_becomes_a_blurred_storyboard():
    result = MediaRenderer().render("v", _video(), (800, 600))
    assert result.image is not None and result.image.mode == "L"
    assert result.caption.startswith("Video:") and "muted" in result.caption
    assert _edge_energy(result.image) < 3


def test_damaged_video_is_a_placeholder():
    data = _video()
    result = MediaRenderer().render("v", data[: len(data) // 5], (800, 600))
    assert result.image is None or _edge_energy(result.image) < 3
    if result.image is None:
        assert result.reason.startswith("Cannot be displayed")


def test_bad_corpus_ends_in_bounded_time_and_memory():
    """Every kind of bad file a reviewer meets (truncated, mislabelled, hostile) and a
    100-megapixel bomb, decoded one after another: each becomes a placeholder (or a blurred image) without a hang or a memory spike.
    The bounds are generous on purpose: they catch a hang or a full decode, not a slow machine."""
    import resource
    import time
    out = io.BytesIO()
    Image.new("L", (10_000, 10_000)).save(out, "PNG")  # 100 MP, ~100 KB compressed
    corpus = {**_bad_files(), "100 megapixels": out.getvalue()}
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    for name, data in corpus.items():
        started = time.monotonic()
        result = MediaRenderer().render(name, data, (800, 600))
        assert time.monotonic() - started < 10, name
        assert result.image is not None or result.reason.startswith("Cannot be displayed"), name
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert grown_mb < 200  # a full 100 MP decode would take ~300 MB at least


# --- the refusal: a never-render category gets no pixels, whatever the caller asks for -------

NEVER_PRESET = MediaPreset(never_render=True)  # reveal and colour allowed: the refusal still wins


def _never_styles(category: str = "csam_suspected") -> list[RenderStyle]:
    return [style_for(NEVER_PRESET, category, revealed=r, colour=c)
            for r in (False, True) for c in (False, True)]


@pytest.mark.parametrize("kind", ["still", "animation", "video"])
def test_never_render_style_is_refused_without_reading_the_bytes(kind):
    data = {"still": synthetic_png(320, 240), "animation": synthetic_animation(),
            "video": _video(frames=12)}[kind]
    reads = []
    for style in _never_styles():
        load = lambda: reads.append(1) or data  # noqa: E731 (records that it was called)
        result = MediaRenderer().render_from("k", load, (320, 240), style)
        assert result.image is None and result.never_rendered
        assert result.reason == "Not shown: the csam suspected category is never rendered."
        assert MediaRenderer().render("k", data, (320, 240), style).image is None
    assert reads == []


def test_refusal_holds_for_media_already_decoded_under_another_preset():
    renderer, data = MediaRenderer(), synthetic_png(320, 240)
    assert renderer.render("k", data, (320, 240), style_for(MediaPreset(), "nudity")).image
    # The organisation marks the category never-render: the decoded frames stay unused.
    refused = renderer.render_from("k", lambda: data, (320, 240), style_for(NEVER_PRESET, "nudity"))
    assert refused.image is None and refused.reason.startswith("Not shown: the nudity category")


def test_no_filtered_pixels_leave_the_filter_for_a_never_render_style():
    """Every still and every storyboard frame passes `apply_filter`: it refuses too."""
    with pytest.raises(NeverRendered) as refused:
        apply_filter(Image.new("RGB", (40, 30)), style_for(NEVER_PRESET, "ncii_suspected"))
    assert refused.value.category == "ncii_suspected"


def test_the_renderer_says_so_at_once_when_it_needs_no_bytes():
    assert MediaRenderer.refusal(style_for(MediaPreset(), "gore")) is None
    refused = MediaRenderer.refusal(style_for(NEVER_PRESET, "csam_suspected"))
    assert refused.image is None and refused.never_rendered and not refused.waiting


def test_missing_bytes_wait_and_other_failures_do_not():
    assert MediaRenderer().render("k", None, (320, 240)).waiting
    assert not MediaRenderer().render("k", b"", (320, 240)).waiting
