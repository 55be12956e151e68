"""A video's storyboard: about a dozen frames evenly spaced in time, whatever its keyframes,
within a bounded amount of decoding for a long or hostile file.

The test videos are drawn here with PyAV: frame `i` is a flat grey field at a level that
encodes `i`, with a white block at a position that also moves with `i` (synthetic patterns,
nothing else). Their GOPs are long on purpose, so keyframes alone cannot make a storyboard.
"""

from __future__ import annotations

import io

from PIL import Image, ImageDraw, ImageStat

from reviewer.media import storyboard

SIZE = (160, 120)
LEVEL_STEP = 5  # frame i has a background of grey level 10 + 5 i


def numbered_video(frames: int = 48, gop: int = 1000, rate: int = 12) -> bytes:
    """An MP4 whose frame `i` shows `i`; `gop` frames between keyframes (1000: only the first)."""
    import av
    out = io.BytesIO()
    with av.open(out, "w", format="mp4") as container:
        stream = container.add_stream("mpeg4", rate=rate)
        stream.width, stream.height, stream.pix_fmt = *SIZE, "yuv420p"
        stream.codec_context.gop_size = gop
        stream.bit_rate = 4_000_000  # little drift in the grey level a frame encodes
        stream.codec_context.options = {"sc_threshold": "1000000000"}  # no keyframe at a change
        for i in range(frames):
            for packet in stream.encode(av.VideoFrame.from_image(_numbered_frame(i))):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)
    return out.getvalue()


def _numbered_frame(i: int) -> Image.Image:
    level = 10 + LEVEL_STEP * i
    image = Image.new("RGB", SIZE, (level, level, level))
    ImageDraw.Draw(image).rectangle((100 + i % 40, 90, 110 + i % 40, 110), fill="white")
    return image


def frame_number(image: Image.Image) -> int:
    """Which numbered frame an image is, read from its grey field (the block is elsewhere)."""
    field = image.convert("L").crop((4, 4, 90, 80))
    return round((ImageStat.Stat(field).mean[0] - 10) / LEVEL_STEP)


def keyframes(data: bytes) -> int:
    import av
    with av.open(io.BytesIO(data)) as container:
        return sum(p.is_keyframe for p in container.demux(container.streams.video[0]) if p.size)


def test_a_video_with_one_keyframe_gives_twelve_evenly_spaced_frames():
    data = numbered_video(frames=48, gop=1000)
    assert keyframes(data) == 1
    frames = storyboard.video_frames(data)
    assert [frame_number(f) for f in frames] == list(range(0, 48, 4))


def test_targets_far_apart_are_reached_by_seeking_to_their_keyframe(monkeypatch):
    # Every target counts as far ahead, so each one is a seek to the keyframe before it
    # followed by decoding forward: the path a long video takes.
    monkeypatch.setattr(storyboard, "_FORWARD_LIMIT_FRAMES", 0)
    data = numbered_video(frames=48, gop=20)
    assert keyframes(data) == 3
    assert [frame_number(f) for f in storyboard.video_frames(data)] == list(range(0, 48, 4))


def test_a_short_video_gives_each_of_its_frames_once():
    frames = storyboard.video_frames(numbered_video(frames=5))
    assert [frame_number(f) for f in frames] == [0, 1, 2, 3, 4]


def test_decoding_stops_at_its_budget_and_shows_the_frames_found_so_far(monkeypatch):
    monkeypatch.setattr(storyboard, "_MAX_FRAMES_DECODED", 20)
    frames = storyboard.video_frames(numbered_video(frames=48, gop=1000))
    assert [frame_number(f) for f in frames] == [0, 4, 8, 12, 16]


def test_a_clip_is_never_larger_than_a_storyboard_needs(monkeypatch):
    monkeypatch.setattr(storyboard, "_FRAME_MAX_SIDE", 64)
    frames = storyboard.video_frames(numbered_video(frames=12))
    assert len(frames) == 12 and all(max(f.size) <= 64 for f in frames)


def test_a_video_that_does_not_say_how_long_it_is_is_sampled_evenly(monkeypatch):
    # A stream without a duration (some WebM, a damaged header): every frame is decoded once
    # and a bounded, evenly thinned set of them is kept.
    monkeypatch.setattr(storyboard, "_targets", lambda *args: [])
    frames = storyboard.video_frames(numbered_video(frames=48, gop=1000))
    assert [frame_number(f) for f in frames] == list(range(0, 48, 4))
