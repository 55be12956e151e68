"""Animations and videos as a storyboard: about a dozen evenly spaced frames in a grid.

Nothing plays by itself and nothing makes a sound: the reviewer sees the whole clip at a glance,
each frame blurred like any still image (the caller filters every frame through the renderer).
The frames are evenly spaced in time, whatever the keyframes are: a clip is judged by what
happens in it, and keyframes can be seconds apart or only one in the whole file.
Videos are read with PyAV (which ships its own FFmpeg), animated GIF and WebP with Pillow.
"""

from __future__ import annotations

import io
import time

from PIL import Image, ImageOps

from reviewer.media.decode import MAX_PIXELS, MediaUnavailable
from reviewer.words import translate

STORYBOARD_FRAMES = 12
# A video's frames are mostly not keyframes (a phone clip may have one a second, an encoder may
# put one in a whole clip), so each storyboard frame is decoded forward from the keyframe
# before it. The work is bounded for a long or hostile file by a count of decoded frames and a
# deadline; when either runs out, the storyboard shows the frames found so far.
_MAX_FRAMES_DECODED = 3000
_DECODE_SECONDS = 5.0
# A target at most this many frames ahead of the last decoded frame is reached by decoding on;
# one further ahead, or behind, by seeking to the keyframe before it first. A seek saves only
# the frames between the last one decoded and that keyframe, so it pays only for a long jump.
_FORWARD_LIMIT_FRAMES = 120
_FRAME_MAX_SIDE = 1024  # frames are kept no larger than a storyboard cell ever needs
_AV_TIME_BASE = 1_000_000  # FFmpeg's AV_TIME_BASE: a container's duration is in microseconds
_VIDEO_FORMATS = {"mov,mp4,m4a,3gp,3g2,mj2", "matroska,webm", "gif"}


def animated_frames(image: Image.Image, wanted: int = STORYBOARD_FRAMES) -> list[Image.Image]:
    """Evenly spaced frames of an animated GIF/WebP (already opened by the safe decoder)."""
    total = getattr(image, "n_frames", 1)
    picks = sorted({round(i * (total - 1) / max(1, wanted - 1)) for i in range(min(wanted, total))})
    frames = []
    for index in picks:
        image.seek(index)
        frames.append(image.convert("RGB"))
    return frames


def video_frames(data: bytes, wanted: int = STORYBOARD_FRAMES) -> list[Image.Image]:
    """About `wanted` evenly spaced frames of the video, decoded without audio."""
    import av  # imported here: only videos need FFmpeg loaded

    try:
        with av.open(io.BytesIO(data), mode="r") as container:
            if container.format.name not in _VIDEO_FORMATS or not container.streams.video:
                raise MediaUnavailable(translate(
                    "core", "Cannot be displayed: not a supported video"))
            stream = container.streams.video[0]
            _check_size(stream.width, stream.height)
            reader = _Reader(container, stream)
            targets = _targets(container, stream, wanted)
            frames = (reader.at(targets) if targets else []) or reader.sampled(wanted)
    except MediaUnavailable:
        raise
    except Exception as exc:  # PyAV raises many kinds (InvalidDataError, EOFError, ...)
        raise MediaUnavailable(translate(
            "core", "Cannot be displayed: the video is damaged ({error})").format(
            error=type(exc).__name__)) from exc
    if not frames:
        raise MediaUnavailable(translate("core", "Cannot be displayed: the video has no frames"))
    return frames


def _check_size(width: int | None, height: int | None) -> None:
    if (width or 0) * (height or 0) > MAX_PIXELS:
        raise MediaUnavailable(translate("core",
                                         "Cannot be displayed: the video frames are too large"))


def _targets(container, stream, wanted: int) -> list[int]:
    """`wanted` evenly spaced timestamps in the stream's time base, the first at its start;
    none when the file does not say how long it is."""
    start = stream.start_time or 0
    duration = stream.duration
    if not duration and container.duration and stream.time_base:
        duration = int(container.duration / _AV_TIME_BASE / stream.time_base)
    if not duration or duration <= 0 or not stream.time_base:
        return []
    return [start + duration * i // wanted for i in range(wanted)]


class _Reader:
    """Decodes forward from where it is, seeking only for a target far ahead or behind; counts
    every frame it decodes against one budget and one deadline."""

    def __init__(self, container, stream):
        self.container, self.stream = container, stream
        self.frames = None  # the decoding iterator, positioned after `self.last`
        self.last: int | None = None  # pts of the last frame decoded
        self.decoded = 0
        self.deadline = time.monotonic() + _DECODE_SECONDS
        rate = stream.average_rate or stream.guessed_rate or 25
        self.forward_limit = int(_FORWARD_LIMIT_FRAMES / rate / stream.time_base) if stream.time_base else 0

    def at(self, targets: list[int]) -> list[Image.Image]:
        """The first frame at or after each target (one image per distinct frame)."""
        images, seen = [], set()
        for target in targets:
            frame = self._frame_at(target)
            if frame is None:
                break  # the file ended early, or the budget is spent: show what there is
            if frame.pts not in seen:
                seen.add(frame.pts)
                images.append(_image(frame))
        return images

    def sampled(self, wanted: int) -> list[Image.Image]:
        """Evenly spaced frames of a video of unknown length, holding at most 2 × `wanted`
        images: every `stride`-th frame is kept, and the stride doubles when they fill up."""
        kept: list[Image.Image] = []
        stride = 1
        self._seek(None)
        for index, frame in enumerate(self._decoding()):
            if index % stride == 0:
                kept.append(_image(frame))
                if len(kept) >= 2 * wanted:
                    kept, stride = kept[::2], stride * 2
        step = (len(kept) - 1) / max(1, wanted - 1)
        return [kept[round(i * step)] for i in range(min(wanted, len(kept)))]

    def _frame_at(self, target: int):
        ahead = self.last is not None and self.last < target <= self.last + self.forward_limit
        if not ahead:
            self._seek(target)
        for frame in self._decoding():
            if frame.pts is not None and frame.pts >= target:
                return frame
        return None

    def _seek(self, target: int | None) -> None:
        """To the keyframe at or before `target` (the start for None); decoding goes on
        forward from there to the frame wanted."""
        self.container.seek(target or 0, backward=True, any_frame=False, stream=self.stream)
        self.frames, self.last = self.container.decode(self.stream), None

    def _decoding(self):
        for frame in self.frames:
            self.decoded += 1
            if self.decoded > _MAX_FRAMES_DECODED or time.monotonic() > self.deadline:
                return
            _check_size(frame.width, frame.height)  # the header may lie about later frames
            if frame.pts is not None:
                self.last = frame.pts
            yield frame


def _image(frame) -> Image.Image:
    """One frame as a picture no larger than a storyboard ever shows it."""
    scale = min(1.0, _FRAME_MAX_SIDE / max(frame.width, frame.height))
    width, height = max(2, int(frame.width * scale)), max(2, int(frame.height * scale))
    return frame.reformat(width=width, height=height, format="rgb24").to_image()


def looks_like_video(data: bytes) -> bool:
    head = data[:16]
    return head[4:8] == b"ftyp" or head[:4] == b"\x1a\x45\xdf\xa3"  # MP4/MOV, Matroska/WebM


def grid_shape(count: int) -> tuple[int, int]:
    columns = 4 if count > 6 else 3 if count > 4 else 2 if count > 1 else 1
    return columns, -(-count // columns)


def compose(frames: list[Image.Image], box: tuple[int, int]) -> Image.Image:
    """Lay already-filtered frames out in a grid that fits `box`."""
    columns, rows = grid_shape(len(frames))
    cell = (max(1, box[0] // columns), max(1, box[1] // rows))
    mode = "RGB" if any(f.mode == "RGB" for f in frames) else "L"
    sheet = Image.new(mode, (cell[0] * columns, cell[1] * rows), 24 if mode == "L" else (24, 24, 24))
    for i, frame in enumerate(frames):
        fitted = ImageOps.contain(frame.convert(mode), (cell[0] - 4, cell[1] - 4))
        x = (i % columns) * cell[0] + (cell[0] - fitted.width) // 2
        y = (i // columns) * cell[1] + (cell[1] - fitted.height) // 2
        sheet.paste(fitted, (x, y))
    return sheet
