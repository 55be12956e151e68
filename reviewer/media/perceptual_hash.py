"""A 64-bit difference hash (dHash) of cached media, for finding near-identical items.

Two images whose hashes differ in at most NEAR_IDENTICAL_BITS bits are treated as the same
picture re-encoded, resized, cropped a little or slightly brightened: the shape of a crisis
sweep, where one image comes back in many copies. The hash is computed here, from the cached
bytes, through the same hostile-input-safe decoder the viewer uses (format whitelist, pixel cap
from the header, reduced-size JPEG decoding): nothing about it needs the central API.

Hand-written rather than the `imagehash` package: dHash is the dozen lines below on top of
Pillow, which we already have, while imagehash would add numpy, scipy and PyWavelets (well over
100 MB) to a desktop build for no more than that.

Animated GIF/WebP are hashed by their first frame (what the safe decoder opens); videos are not
images to the decoder and get no hash (they still match by identical bytes, sha256). Never-
render media is never fetched, so it never has a hash either.
"""

from __future__ import annotations

import logging

from PIL import Image

from reviewer.media.decode import MediaUnavailable, check_bytes, decode_still, open_image

log = logging.getLogger(__name__)

HASH_BITS = 64
# Re-encoding, resizing and a slight brightening move a dHash by 0-5 bits on our synthetic
# drawings; two different drawings differ by 16 or more. Six leaves room for the first and stays
# far from the second (the usual dHash threshold is 5-10 bits).
NEAR_IDENTICAL_BITS = 6
_WORK_BOX = (128, 128)  # decoded at most this large: plenty for a 9x8 thumbnail, cheap


def dhash_image(image: Image.Image) -> int:
    """The 64-bit dHash of a decoded image: for each of 8 rows of a 9x8 grayscale thumbnail,
    one bit per pair of neighbours (1 where the left pixel is brighter)."""
    small = image.convert("L").resize((9, 8), Image.Resampling.LANCZOS)
    pixels = small.tobytes()  # 72 bytes, row by row
    value = 0
    for row in range(8):
        for col in range(8):
            left, right = pixels[row * 9 + col], pixels[row * 9 + col + 1]
            value = (value << 1) | (left > right)
    return value


def dhash_bytes(data: bytes | None) -> int | None:
    """The hash of media bytes, or None when they are not an image we decode safely
    (videos, damaged files, bombs): such items are only related by identical bytes."""
    try:
        return dhash_image(decode_still(open_image(check_bytes(data)), _WORK_BOX))
    except MediaUnavailable:
        return None
    except Exception:  # noqa: BLE001 -- hostile bytes may trip any decoder; a hash is optional
        log.warning("could not hash a media item", exc_info=True)
        return None


def to_hex(value: int) -> str:
    return f"{value:016x}"


def distance(a: int | str, b: int | str) -> int:
    """Hamming distance between two hashes (ints, or the 16-digit hex the store keeps)."""
    a = int(a, 16) if isinstance(a, str) else a
    b = int(b, 16) if isinstance(b, str) else b
    return (a ^ b).bit_count()


def near_identical(a: int | str, b: int | str) -> bool:
    return distance(a, b) <= NEAR_IDENTICAL_BITS
