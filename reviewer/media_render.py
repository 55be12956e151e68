"""The one media renderer: every view of reported media goes through `MediaRenderer.render`.

Default output is blurred and grayscale. The blur radius is a fraction of the rendered longer
side (8% by default), not a fixed pixel count, so a face or a line of text is unrecognisable at
any display size. Blurring happens on a small copy that is then scaled up: for a radius this
large the result looks the same and costs a tiny fraction of a full-size Gaussian.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass

from PIL import Image, ImageFilter, ImageOps

from reviewer.media_decode import MediaUnavailable, decode_for_display

DEFAULT_BLUR_FRACTION = 0.08
_BLUR_WORK_SIDE = 96  # longer side of the copy the blur is computed on


@dataclass(frozen=True)
class RenderStyle:
    revealed: bool = False  # False: blurred
    colour: bool = False  # False: grayscale
    blur_fraction: float = DEFAULT_BLUR_FRACTION


@dataclass(frozen=True)
class RenderedMedia:
    """Either an image ready to paint (`image`) or the reason none can be shown."""

    image: Image.Image | None
    reason: str = ""


def apply_filter(image: Image.Image, style: RenderStyle) -> Image.Image:
    if not style.colour:
        image = ImageOps.grayscale(image)
    if style.revealed:
        return image
    return _blur(image, style.blur_fraction)


def _blur(image: Image.Image, fraction: float) -> Image.Image:
    width, height = image.size
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
    """Decode once per (media, size), filter per style. Safe to call from several threads."""

    def __init__(self, cache_items: int = 48):
        self._decoded: OrderedDict[tuple[str, int], Image.Image] = OrderedDict()
        self._cache_items = cache_items
        self._lock = threading.Lock()

    def render(self, key: str, data: bytes | None, box: tuple[int, int],
               style: RenderStyle = RenderStyle()) -> RenderedMedia:
        try:
            image = self._decoded_for(key, data, max(box))
        except MediaUnavailable as exc:
            return RenderedMedia(None, exc.reason)
        if image.size[0] > box[0] or image.size[1] > box[1]:
            image = image.resize(fit_within(image.size, box), Image.Resampling.BILINEAR)
        return RenderedMedia(apply_filter(image, style))

    def _decoded_for(self, key: str, data: bytes | None, max_side: int) -> Image.Image:
        cache_key = (key, max_side)
        with self._lock:
            if cache_key in self._decoded:
                self._decoded.move_to_end(cache_key)
                return self._decoded[cache_key]
        image = decode_for_display(data, max_side)
        with self._lock:
            self._decoded[cache_key] = image
            while len(self._decoded) > self._cache_items:
                self._decoded.popitem(last=False)
        return image

    def forget(self) -> None:
        with self._lock:
            self._decoded.clear()
