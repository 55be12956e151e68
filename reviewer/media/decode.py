"""Safe decoding of untrusted media bytes into a Pillow image sized for display.

Reported media is hostile input: it may be truncated, lie about its format, or be a
decompression bomb. Only the formats we mean to show are opened, the pixel count is checked
from the header before any pixel is decoded, JPEGs are decoded at reduced size (DCT scaling,
much cheaper than decoding full size and shrinking), and every failure becomes a
`MediaUnavailable` whose reason the viewer shows in place of the image.

"Every failure" includes what the decoders only warn about (Pillow warns, then carries on, on
an APNG whose frame control is invalid) and exceptions of kinds nobody listed (an APNG with
frame-sequence errors raises SyntaxError from a seek): under `hostile_decoding()` a decoder
warning is an error, and `decode_refusal` turns any exception into the one-line reason. A
reviewer, and `main.py render`, see one line; never a traceback or a warning on stderr.
"""

from __future__ import annotations

import io
import logging
import threading
import warnings
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterator

from PIL import Image, UnidentifiedImageError

from reviewer.words import translate

log = logging.getLogger(__name__)

SUPPORTED_FORMATS = ("JPEG", "PNG", "GIF", "WEBP")
# 50 megapixels covers any real phone photo (the benchmark's 24 MP JPEG included) while a
# bomb that claims 100 MP or more is refused from its header alone.
MAX_PIXELS = 50_000_000


class MediaUnavailable(Exception):
    """The media cannot be shown; `reason` is a short sentence for the reviewer."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


NOT_DOWNLOADED = "Not downloaded yet — it appears once the central API is reachable"


class NotDownloaded(MediaUnavailable):
    """The bytes are not in the local cache yet: unlike the other reasons, this one passes."""

    def __init__(self):
        super().__init__(NOT_DOWNLOADED)


def check_bytes(data: bytes | None) -> bytes:
    if data is None:
        raise NotDownloaded()
    if not data:
        raise MediaUnavailable(translate("core", "Cannot be displayed: the file is empty"))
    return data


def open_image(data: bytes) -> Image.Image:
    """Open (headers only) an image of a supported format and size; no pixels decoded yet."""
    image = _open(data)
    if image.width * image.height > MAX_PIXELS:
        raise MediaUnavailable(translate(
            "core", "Cannot be displayed: {width}×{height} is too large to open safely").format(
            width=image.width, height=image.height))
    return image


def decode_for_display(data: bytes | None, box: tuple[int, int]) -> Image.Image:
    """Decode `data` to an RGB image that fits within `box` (width, height)."""
    return decode_still(open_image(check_bytes(data)), box)


def decode_still(image: Image.Image, box: tuple[int, int]) -> Image.Image:
    """An opened still, decoded to RGB at the size it fits `box` at."""
    return decode_shown(image, box).image


@dataclass(frozen=True)
class Shown:
    """A decoded still and the size it is shown at: `image` is that size, or (for a `side`
    decode) a smaller copy that still covers a `side`-pixel work copy of it."""

    image: Image.Image
    size: tuple[int, int]


def decode_shown(image: Image.Image, box: tuple[int, int], mode: str = "RGB",
                 side: int | None = None) -> Shown:
    """Decode an opened still (mode "RGB" or "L") for showing within `box`, upright.

    Without `side`: at the fitted size. With `side`: only as large as a copy of the fitted
    size no larger than `side` pixels needs (the blurred and reduced stages compute on such a
    copy and scale the result up), so a JPEG decodes at 1/8 scale where it can, and in
    grayscale straight from its luma when `mode` is "L": a fraction of the work and memory of
    a full decode, and the same pixels where the copy is made."""
    try:
        with hostile_decoding():
            # Read from the header (a JPEG's APP1) before decoding, so the decode is sized for
            # the picture the right way up.
            method = _TRANSPOSE.get(image.getexif().get(_ORIENTATION, 1))
            swapped = method in _SWAPS_SIDES
            upright = (image.height, image.width) if swapped else image.size
            shown = _fit(upright, box)
            least = shown if side is None else _fit(shown, (side, side))
            if image.format == "JPEG":
                image.draft(mode if mode == "L" else "RGB",
                            (least[1], least[0]) if swapped else least)
                # The bytes are in memory already: handed over in one piece, not re-copied
                # 64 KB at a time (with the unread rest of each piece copied again).
                image.decodermaxblock = _WHOLE_FILE
            image.load()
            if method is not None:  # no copy at all for the common upright file
                image = image.transpose(method)
            image = _resized(image, shown) if side is None else _reduced(image, least)
            return Shown(image if image.mode == mode else image.convert(mode), shown)
    except Exception as exc:  # noqa: BLE001 -- hostile input: any decoder error is a refusal
        raise decode_refusal(exc) from exc


_ORIENTATION = 0x0112
_WHOLE_FILE = 1 << 30  # a read size larger than any file that passes `open_image`
_TRANSPOSE = {2: Image.Transpose.FLIP_LEFT_RIGHT, 3: Image.Transpose.ROTATE_180,
              4: Image.Transpose.FLIP_TOP_BOTTOM, 5: Image.Transpose.TRANSPOSE,
              6: Image.Transpose.ROTATE_270, 7: Image.Transpose.TRANSVERSE,
              8: Image.Transpose.ROTATE_90}
_SWAPS_SIDES = {Image.Transpose.TRANSPOSE, Image.Transpose.ROTATE_270,
                Image.Transpose.TRANSVERSE, Image.Transpose.ROTATE_90}
_RESAMPLED_MODES = ("L", "RGB", "RGBA", "LA")  # others (palette, CMYK...) convert first


def _resized(image: Image.Image, size: tuple[int, int]) -> Image.Image:
    if image.size == size:
        return image
    if image.mode not in _RESAMPLED_MODES:
        image = image.convert("RGB")
    return image.resize(size, Image.Resampling.BILINEAR, reducing_gap=2.0)


def _reduced(image: Image.Image, least: tuple[int, int]) -> Image.Image:
    """Box-averaged by a whole factor, staying at least `least`: the work copy is box-averaged
    from it, so nothing finer than what it keeps is lost."""
    if image.mode not in _RESAMPLED_MODES:
        image = image.convert("RGB")
    factor = min(image.width // least[0], image.height // least[1])
    return image.reduce(factor) if factor >= 2 else image


def decode_refusal(exc: BaseException, what: str = "file") -> MediaUnavailable:
    """The one-line reason for any exception (or warning raised as one) a decoder met."""
    if isinstance(exc, MediaUnavailable):
        return exc
    log.debug("decoder refused a %s", what, exc_info=exc)  # the traceback, for a developer only
    damaged = (translate("core", "Cannot be displayed: the animation is damaged ({error})")
               if what == "animation"
               else translate("core", "Cannot be displayed: the file is damaged ({error})"))
    return MediaUnavailable(damaged.format(error=_short(exc)))


# Warnings raised from the decoders (Pillow's modules, or ours calling them) while any decode
# runs. UserWarning and RuntimeWarning (DecompressionBombWarning is one) are what Pillow says
# about bad data; deprecations are about our code, not the file, and are left alone.
_DECODER_MODULES = r"(PIL|reviewer\.media)(\.|$)"
_guard_lock = threading.Lock()
_guard_depth = 0
_guard_filters: list[tuple] = []


@contextmanager
def hostile_decoding() -> Iterator[None]:
    """Within it, a decoder's warning is raised as an exception (see the module docstring).

    The decode pool runs several decodes at once, and `warnings.catch_warnings` is not
    thread-safe (a thread leaving restores a snapshot another thread has changed since), so
    the filters are put in place by the first decode in and taken out by the last one out."""
    global _guard_depth
    with _guard_lock:
        if _guard_depth == 0:
            _install_filters()
        _guard_depth += 1
    try:
        yield
    finally:
        with _guard_lock:
            _guard_depth -= 1
            if _guard_depth == 0:
                _remove_filters()


def _install_filters() -> None:
    for category in (UserWarning, RuntimeWarning):
        warnings.filterwarnings("error", category=category, module=_DECODER_MODULES)
        _guard_filters.append(warnings.filters[0])


def _remove_filters() -> None:
    for entry in _guard_filters:
        try:
            warnings.filters.remove(entry)  # ours only: filters others set meanwhile stay
        except ValueError:  # the list was replaced meanwhile (a test's catch_warnings ended)
            pass
    _guard_filters.clear()
    getattr(warnings, "_filters_mutated", lambda: None)()  # the module caches its filters


def _open(data: bytes) -> Image.Image:
    try:
        with hostile_decoding():  # a decompression-bomb warning is a refusal, not a line on stderr
            return Image.open(io.BytesIO(data), formats=SUPPORTED_FORMATS)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise MediaUnavailable(translate(
            "core", "Cannot be displayed: the image is too large to open safely")) from None
    except UnidentifiedImageError:
        raise MediaUnavailable(translate(
            "core", "Cannot be displayed: not a JPEG, PNG, GIF or WebP image, or the file is "
                    "damaged")) from None
    except Exception as exc:  # noqa: BLE001 -- hostile input: any decoder error is a refusal
        raise decode_refusal(exc) from exc


def _fit(size: tuple[int, int], box: tuple[int, int]) -> tuple[int, int]:
    scale = min(box[0] / size[0], box[1] / size[1], 1.0)
    return max(1, round(size[0] * scale)), max(1, round(size[1] * scale))


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__  # one line, whatever the decoder said
    return text if len(text) < 80 else text[:77] + "..."
