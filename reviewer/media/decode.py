"""Safe decoding of untrusted media bytes into a Pillow image sized for display.

Reported media is hostile input: it may be truncated, lie about its format, or be a
decompression bomb. Only the formats we mean to show are opened, the pixel count is checked
from the header before any pixel is decoded, JPEGs are decoded at reduced size (DCT scaling,
much cheaper than decoding full size and shrinking), and every failure becomes a
`MediaUnavailable` whose reason the viewer shows in place of the image.
"""

from __future__ import annotations

import io
import warnings

from PIL import Image, ImageOps, UnidentifiedImageError

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
        raise MediaUnavailable("Cannot be displayed: the file is empty")
    return data


def open_image(data: bytes) -> Image.Image:
    """Open (headers only) an image of a supported format and size; no pixels decoded yet."""
    image = _open(data)
    if image.width * image.height > MAX_PIXELS:
        raise MediaUnavailable(
            f"Cannot be displayed: {image.width}×{image.height} is too large to open safely")
    return image


def decode_for_display(data: bytes | None, box: tuple[int, int]) -> Image.Image:
    """Decode `data` to an RGB image that fits within `box` (width, height)."""
    return decode_still(open_image(check_bytes(data)), box)


def decode_still(image: Image.Image, box: tuple[int, int]) -> Image.Image:
    if image.format == "JPEG":
        # Decode at 1/2, 1/4 or 1/8 scale: the smallest that still covers what will be shown.
        # (EXIF rotation may swap the sides, so ask for the fitted size either way round.)
        fitted = _fit(image.size, box)
        rotated = _fit(image.size, (box[1], box[0]))
        image.draft("RGB", (min(fitted[0], rotated[0]), min(fitted[1], rotated[1])))
    try:
        image.load()
        image = ImageOps.exif_transpose(image)
        image.thumbnail(box, Image.Resampling.BILINEAR, reducing_gap=2.0)
        return image.convert("RGB")
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as exc:
        raise MediaUnavailable(f"Cannot be displayed: the file is damaged ({_short(exc)})") from exc


def _open(data: bytes) -> Image.Image:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            return Image.open(io.BytesIO(data), formats=SUPPORTED_FORMATS)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise MediaUnavailable("Cannot be displayed: the image is too large to open safely") from None
    except UnidentifiedImageError:
        raise MediaUnavailable(
            "Cannot be displayed: not a JPEG, PNG, GIF or WebP image, or the file is damaged"
        ) from None
    except (OSError, ValueError, SyntaxError) as exc:
        raise MediaUnavailable(f"Cannot be displayed: the file is damaged ({_short(exc)})") from exc


def _fit(size: tuple[int, int], box: tuple[int, int]) -> tuple[int, int]:
    scale = min(box[0] / size[0], box[1] / size[1], 1.0)
    return max(1, round(size[0] * scale)), max(1, round(size[1] * scale))


def _short(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return text if len(text) < 80 else text[:77] + "..."
