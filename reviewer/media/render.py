"""The one media renderer: every view of reported media goes through `MediaRenderer.render`.

Default output is blurred and grayscale. The blur radius is a fraction of the rendered longer
side (8% by default), not a fixed pixel count, so a face or a line of text is unrecognisable at
any display size. Blurring happens on a small copy that is then scaled up: for a radius this
large the result looks the same and costs a tiny fraction of a full-size Gaussian. So the
blurred and reduced stages decode no more than that copy needs (a 24 MP JPEG at 1/8 scale,
straight to grayscale), and only real pixels decode at the size shown. The style's
stage says how much more is shown: the reduced-detail stage (shapes and flat tones, no texture:
reviewer/media/reduced.py) or real pixels; `style_for` never puts a stage in a style that the
category's preset does not allow.

The renderer is also the one place that refuses: a style made for a never-render category (the
category and its preset travel in `RenderStyle`) gets no pixels, only a `NeverRendered` reason,
before any byte is read or decoded. Callers show that reason; none of them checks the rule.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Callable

from PIL import Image, ImageFilter, ImageOps

from reviewer.media import storyboard
from reviewer.media.bytes_lru import BytesLru
from reviewer.media.decode import (MediaUnavailable, NotDownloaded, check_bytes, decode_refusal,
                                   decode_shown, hostile_decoding, open_image)
from reviewer.media.presets import MediaPreset
from reviewer.media.reduced import WORK_SIDE, reduce_detail
from reviewer.media.stages import Stage
from reviewer.words import translate

DEFAULT_BLUR_FRACTION = 0.08
_BLUR_WORK_SIDE = 96  # longer side of the copy the blur is computed on
# The blurred and reduced stages never need more of a still than a copy this large (see
# `decode_shown`): one small decode serves both, and only real pixels decode at full size.
_SMALL_SIDE = max(_BLUR_WORK_SIDE, WORK_SIDE)


@dataclass(frozen=True)
class RenderStyle:
    stage: Stage = Stage.BLURRED
    colour: bool = False  # False: grayscale
    blur_fraction: float = DEFAULT_BLUR_FRACTION
    category: str = ""  # the media's category, named in a refusal
    never_render: bool = False  # the category's preset: the renderer refuses any pixels

    @property
    def revealed(self) -> bool:
        """Real pixels."""
        return self.stage is Stage.REVEALED


def style_for(preset: MediaPreset, category: str, revealed: bool = False,
              colour: bool = False, stage: Stage | None = None) -> RenderStyle:
    """The style a category's preset allows: the stage asked for (`revealed` is short for real
    pixels), or the most detailed one below it the preset permits; colour only with real pixels
    and where the preset permits it; nothing at all where it never renders. The category is
    required so no view can ask for a render without the renderer knowing what it is
    rendering."""
    shown = preset.highest_allowed(stage or (Stage.REVEALED if revealed else Stage.BLURRED))
    return RenderStyle(stage=shown,
                       colour=(colour and preset.colour and shown is Stage.REVEALED)
                       or not preset.grayscale,
                       blur_fraction=preset.blur_fraction,
                       category=category, never_render=preset.never_render)


def stage_refused_reason(category: str, stage: Stage) -> str:
    """The words for a stage the category's preset does not allow."""
    name = category.replace("_", " ").lower() or "default"
    return translate("core", "Not shown: the {preset} preset does not allow the {stage} "
                             "stage.").format(preset=name, stage=stage.words)


def never_rendered_reason(category: str) -> str:
    """The words every view shows in place of a never-rendered item."""
    return translate("core", "Not shown: the {category} category is never rendered.").format(
        category=category.replace("_", " ").lower())


class NeverRendered(MediaUnavailable):
    """The style's category is never rendered: hash and metadata only, no pixels."""

    def __init__(self, category: str):
        super().__init__(never_rendered_reason(category))
        self.category = category


def refuse_never_rendered(style: RenderStyle) -> None:
    """Raise `NeverRendered` for a style whose category is never rendered."""
    if style.never_render:
        raise NeverRendered(style.category)


@dataclass(frozen=True)
class RenderedMedia:
    """Either an image ready to paint (`image`) or the reason none can be shown."""

    image: Image.Image | None
    reason: str = ""
    caption: str = ""  # e.g. "Video: 12 frames · muted · not playing"
    never_rendered: bool = False  # refused: the category is never rendered
    waiting: bool = False  # the bytes are not here yet; the same render may succeed later

    @classmethod
    def unavailable(cls, exc: MediaUnavailable) -> "RenderedMedia":
        return cls(None, exc.reason, never_rendered=isinstance(exc, NeverRendered),
                   waiting=isinstance(exc, NotDownloaded))


@dataclass(frozen=True)
class Need:
    """How much of the media a style's filter needs decoded."""

    mode: str  # "L" (grayscale) or "RGB"
    small: bool  # True: a copy covering `_SMALL_SIDE` is enough (blurred and reduced stages)

    @classmethod
    def of(cls, style: RenderStyle) -> "Need":
        # Real pixels always decode in colour, so turning colour on while revealing (the step
        # after) filters what is decoded already instead of decoding again.
        full = style.stage is Stage.REVEALED
        return cls("RGB" if style.colour or full else "L", not full)

    def served_by(self) -> tuple["Need", ...]:
        """The decodes that serve this need, least work first."""
        richer = (Need("RGB", True), FULL) if self.small else (FULL,)
        return tuple(dict.fromkeys((self, *richer)))


FULL = Need("RGB", False)


@dataclass(frozen=True)
class Decoded:
    frames: tuple[Image.Image, ...]  # one for a still image
    caption: str = ""
    # A still's size on screen (its frame may be smaller); for a small decode, the upright
    # picture's own size, fitted to each box as it is rendered.
    shown: tuple[int, int] | None = None
    need: Need = FULL  # what it serves (storyboards are always decoded in full)

    @property
    def nbytes(self) -> int:
        return sum(f.width * f.height * len(f.getbands()) for f in self.frames)


# The small decode kept in the store for a mode ("L", "RGB"), or None: decode the original.
KeptSmall = Callable[[str], "Decoded | None"]

_ANY_BOX = (1 << 30, 1 << 30)  # a small decode's key and size: the same copy serves every box


def apply_filter(image: Image.Image, style: RenderStyle,
                 size: tuple[int, int] | None = None) -> Image.Image:
    """The filtered pixels of one still or storyboard frame, at `size` (default: its own);
    none for a never-render style. A blurred or reduced rendering needs only a copy of the
    image as large as its work copy, so `image` may be smaller than `size` for those."""
    refuse_never_rendered(style)
    size = size or image.size
    if not style.colour and image.mode != "L":
        image = ImageOps.grayscale(image)
    if style.stage is Stage.REVEALED:
        return image if image.size == size else image.resize(size, Image.Resampling.BILINEAR)
    if style.stage is Stage.REDUCED:
        return reduce_detail(image, size)
    return _blur(image, style.blur_fraction, size)


def _blur(image: Image.Image, fraction: float, size: tuple[int, int]) -> Image.Image:
    # Worked out from the size shown, not the size of `image`, so the blur is as strong
    # whatever size the decode came out at.
    width, height = size
    scale = max(1.0, max(width, height) / _BLUR_WORK_SIDE)
    small_size = (max(1, round(width / scale)), max(1, round(height / scale)))
    small = image.resize(small_size, Image.Resampling.BOX)
    radius = max(1.0, fraction * max(small_size))
    small = small.filter(ImageFilter.GaussianBlur(radius))
    return small.resize((width, height), Image.Resampling.BILINEAR)


def fit_within(size: tuple[int, int], box: tuple[int, int]) -> tuple[int, int]:
    scale = min(box[0] / size[0], box[1] / size[1], 1.0)
    return max(1, round(size[0] * scale)), max(1, round(size[1] * scale))


class MediaRenderer:
    """Decode once per media for the blurred and reduced stages (once per size for real
    pixels), filter per style. Safe to call from several threads."""

    def __init__(self, cache_items: int = 256, cache_bytes: int = 48 << 20):
        # Held by count and by bytes: a small decode is ~0.25 MB, a full one at a large box
        # several MB, and a count alone let a few reveals at full screen hold hundreds.
        self._decoded: BytesLru[tuple, Decoded] = BytesLru(_nbytes, cache_bytes, cache_items)
        self._lock = threading.Lock()  # the pool's threads share the cache

    def render(self, key: str, data: bytes | None, box: tuple[int, int],
               style: RenderStyle = RenderStyle()) -> RenderedMedia:
        return self.render_from(key, lambda: data, box, style)

    def render_from(self, key: str, load: Callable[[], bytes | None], box: tuple[int, int],
                    style: RenderStyle = RenderStyle(), kept: KeptSmall | None = None
                    ) -> RenderedMedia:
        """As `render`, but the bytes come from `load()`, called only when a decode needs them:
        a refused style, or media already decoded for this box, never reads them. `kept(mode)`
        gives the small decode kept in the store, if any (reviewer/media/small_copies.py): the
        blurred and reduced stages render from it instead of decoding the original."""
        try:
            refuse_never_rendered(style)
            decoded = self._decoded_for(key, load, box, Need.of(style), kept)
            return self._filtered(decoded, box, style)
        except MediaUnavailable as exc:
            return RenderedMedia.unavailable(exc)

    def prepare_real_pixels(self, key: str, load: Callable[[], bytes | None],
                            box: tuple[int, int], shown: RenderStyle) -> None:
        """While `shown` (the reduced stage) is on screen, decode real pixels into the cache,
        showing nothing: the reveal's next, deliberate step then only filters. Nothing for any
        other stage or a never-render style; a decode that fails is left for the render that
        asks to say why."""
        if shown.never_render or shown.stage is not Stage.REDUCED:
            return
        try:
            self._decoded_for(key, load, box, FULL)
        except MediaUnavailable:
            pass

    def is_decoded(self, key: str, box: tuple[int, int], style: RenderStyle) -> bool:
        """Whether rendering `style` needs no decode (its decode is in the cache)."""
        with self._lock:
            return any(_cache_key(key, box, need) in self._decoded
                       for need in Need.of(style).served_by())

    @staticmethod
    def refusal(style: RenderStyle) -> RenderedMedia | None:
        """The renderer's answer for `style` when it needs no bytes at all (a refusal), else
        None: lets a view show the refusal at once instead of queueing for it."""
        try:
            refuse_never_rendered(style)
        except NeverRendered as exc:
            return RenderedMedia.unavailable(exc)
        return None

    @staticmethod
    def _filtered(decoded: Decoded, box: tuple[int, int], style: RenderStyle) -> RenderedMedia:
        if decoded.shown is not None:
            shown = fit_within(decoded.shown, box)  # a full decode's is already `box`'s
            return RenderedMedia(apply_filter(decoded.frames[0], style, shown))
        cell = _cell(box, len(decoded.frames))
        # Each frame is filtered at its own size, so the blur scales with what is shown.
        frames = [apply_filter(_fit(f, cell), style) for f in decoded.frames]
        return RenderedMedia(storyboard.compose(frames, box), caption=decoded.caption)

    def _decoded_for(self, key: str, load: Callable[[], bytes | None],
                     box: tuple[int, int], need: Need, kept: KeptSmall | None = None) -> Decoded:
        with self._lock:
            for served_by in need.served_by():
                cached = self._decoded.get(_cache_key(key, box, served_by))
                if cached is not None:
                    return cached
        decoded = kept(need.mode) if kept is not None and need.small else None
        if decoded is None or decoded.need != need:
            data = check_bytes(load())
            try:
                with hostile_decoding():
                    decoded = decode_media(data, box, need)
            except Exception as exc:  # noqa: BLE001 -- hostile input: one line, no traceback
                raise decode_refusal(exc) from exc
        with self._lock:
            self._decoded.put(_cache_key(key, box, decoded.need), decoded)
        return decoded

    def forget(self) -> None:
        with self._lock:
            self._decoded.clear()


def _nbytes(decoded: Decoded) -> int:
    return decoded.nbytes


def _cache_key(key: str, box: tuple[int, int], need: Need) -> tuple:
    """A small decode covers the work copy of the picture at any size shown, so it is kept
    once per media, whichever layout (one, two or four tiles) or view asked for it first."""
    return (key, _ANY_BOX if need.small else box, need)


def decode_small(data: bytes, mode: str) -> Decoded:
    """The small decode the blurred and reduced stages render from, in `mode`, for any box."""
    return decode_media(data, _ANY_BOX, Need(mode, True))


def decode_media(data: bytes, box: tuple[int, int], need: Need = FULL) -> Decoded:
    """A still, an animation or a video, as frames no larger than needed for `box`; a still
    only as much as `need` asks (storyboards always in full: their frames are small)."""
    if storyboard.looks_like_video(data):
        frames = storyboard.video_frames(data)
        return _storyboard(frames, box, f"Video: {len(frames)} frames · muted · not playing")
    image = open_image(data)
    total = getattr(image, "n_frames", 1)
    if total > 1:
        try:
            frames = storyboard.animated_frames(image)
        except Exception as exc:  # noqa: BLE001 -- e.g. SyntaxError: APNG frame-sequence errors
            raise decode_refusal(exc, "animation") from exc
        return _storyboard(frames, box,
                           f"Animation: {len(frames)} of {total} frames · not playing")
    if need.small:
        return small_of_still(image, need.mode)
    still = decode_shown(image, box, need.mode)
    return Decoded((still.image,), shown=still.size, need=need)


def small_of_still(image: Image.Image, mode: str) -> Decoded:
    """The small decode of an opened still (loaded already or not), in `mode`: the size shown
    is the upright picture's own, and each render fits it to its own box."""
    still = decode_shown(image, _ANY_BOX, mode, _SMALL_SIDE)
    return Decoded((still.image,), shown=still.size, need=Need(mode, True))


def _storyboard(frames: list[Image.Image], box: tuple[int, int], caption: str) -> Decoded:
    """Frames kept at the size of their cell in the grid, which every stage shows them at: a
    dozen frames of a large animation cost a dozen cells, not a dozen screens, in the cache."""
    if len(frames) == 1:  # shown as a still, across the whole box
        frame = _fit(_rgb(frames[0]), box)
        return Decoded((frame,), shown=frame.size)
    cell = _cell(box, len(frames))
    return Decoded(tuple(_fit(_rgb(f), cell) for f in frames), caption)


def _cell(box: tuple[int, int], count: int) -> tuple[int, int]:
    """The most a storyboard frame is shown at (`storyboard.compose` leaves a margin)."""
    columns, rows = storyboard.grid_shape(count)
    return max(1, box[0] // columns - 4), max(1, box[1] // rows - 4)


def _rgb(image: Image.Image) -> Image.Image:
    return image if image.mode == "RGB" else image.convert("RGB")


def _fit(image: Image.Image, box: tuple[int, int]) -> Image.Image:
    if image.size[0] > box[0] or image.size[1] > box[1]:
        return image.resize(fit_within(image.size, box), Image.Resampling.BILINEAR)
    return image
