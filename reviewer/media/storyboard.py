"""Animations and videos as a storyboard: about a dozen evenly spaced frames in a grid.

Nothing plays by itself and nothing makes a sound: the reviewer sees the whole clip at a glance,
each frame blurred like any still image (the caller filters every frame through the renderer).
Videos are read with PyAV (which ships its own FFmpeg), animated GIF and WebP with Pillow.
"""

from __future__ import annotations

import io

from PIL import Image, ImageOps

from reviewer.media.decode import MAX_PIXELS, MediaUnavailable

STORYBOARD_FRAMES = 12
_MAX_VIDEO_FRAMES_SCANNED = 3000  # bounds the work for a long or hostile file
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
    """About `wanted` keyframes spread over the video, decoded without audio."""
    import av  # imported here: only videos need FFmpeg loaded

    try:
        with av.open(io.BytesIO(data), mode="r") as container:
            if container.format.name not in _VIDEO_FORMATS or not container.streams.video:
                raise MediaUnavailable("Cannot be displayed: not a supported video")
            stream = container.streams.video[0]
            if (stream.width or 0) * (stream.height or 0) > MAX_PIXELS:
                raise MediaUnavailable("Cannot be displayed: the video frames are too large")
            frames = _frames_by_seeking(container, stream, wanted) or _frames_by_scanning(
                container, stream, wanted)
    except MediaUnavailable:
        raise
    except Exception as exc:  # PyAV raises many kinds (InvalidDataError, EOFError, ...)
        raise MediaUnavailable(f"Cannot be displayed: the video is damaged ({type(exc).__name__})") from exc
    if not frames:
        raise MediaUnavailable("Cannot be displayed: the video has no frames")
    return frames


def _frames_by_seeking(container, stream, wanted: int) -> list[Image.Image]:
    """Seek to evenly spaced times; each seek lands on the keyframe before it (cheap)."""
    duration = container.duration  # in av.time_base units (microseconds), None if unknown
    if not duration or duration <= 0:
        return []
    frames, seen = [], set()
    for i in range(wanted):
        container.seek(int(duration * i / wanted), backward=True, any_frame=False)
        frame = next(container.decode(stream), None)
        if frame is not None and frame.pts not in seen:
            seen.add(frame.pts)
            frames.append(frame.to_image())
    return frames


def _frames_by_scanning(container, stream, wanted: int) -> list[Image.Image]:
    container.seek(0)
    frames = [f.to_image() for _, f in zip(range(_MAX_VIDEO_FRAMES_SCANNED), container.decode(stream))]
    if not frames:
        return []
    step = (len(frames) - 1) / max(1, wanted - 1)
    return [frames[round(i * step)] for i in range(min(wanted, len(frames)))]


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
