"""PDQ, the 256-bit perceptual hash of cached media, for finding near-identical items.

PDQ is the hash that hash-sharing programmes exchange, and the one the central API compares
incoming media with loaded hash lists by (server/alerts/hash_lists.py): one hash on both sides,
so "related media" here and a hash-list match there mean the same thing. Two images whose
hashes differ in at most NEAR_IDENTICAL_BITS bits are the same picture re-encoded, resized,
cropped a little or slightly brightened: the shape of a crisis sweep, where one image comes
back in many copies. The hash is computed here, from the cached bytes, through the same
hostile-input-safe decoder the viewer uses (format whitelist, pixel cap from the header,
reduced-size JPEG decoding): nothing about it needs the central API.

`pdqhash` (Meta's reference C++ behind Cython, with numpy) computes it; see pyproject.toml.
Animated GIF/WebP are hashed by their first frame (what the safe decoder opens); videos are not
images to the decoder and get no hash (they still match by identical bytes, sha256). Never-
render media is never fetched, so it never has a hash either.
"""

from __future__ import annotations

import logging

from PIL import Image

from reviewer.media.decode import MediaUnavailable, check_bytes, decode_still, open_image

log = logging.getLogger(__name__)

HASH_BITS = 256
# Re-encoding, resizing and a slight brightening move PDQ by 0-16 bits on our synthetic
# drawings; two different drawings differ by 96 or more. 31 is the threshold hash-sharing
# programmes use for a match, and sits well between the two.
NEAR_IDENTICAL_BITS = 31
_WORK_BOX = (512, 512)  # PDQ's own reference scales larger images down to this first


def pdq_image(image: Image.Image) -> int:
    """The 256-bit PDQ hash of a decoded image, as an int (bit 255 first)."""
    import numpy
    import pdqhash

    bits, _quality = pdqhash.compute(numpy.asarray(image.convert("RGB")))
    return int.from_bytes(numpy.packbits(bits.astype(numpy.uint8)).tobytes(), "big")


def pdq_bytes(data: bytes | None) -> int | None:
    """The hash of media bytes, or None when they are not an image we decode safely
    (videos, damaged files, bombs): such items are only related by identical bytes."""
    try:
        image = open_image(check_bytes(data))
    except MediaUnavailable:
        return None
    return pdq_of(image)


def pdq_of(image: Image.Image) -> int | None:
    """As `pdq_bytes`, for an opened image (loaded already or not), by its first frame."""
    try:
        return pdq_image(decode_still(image, _WORK_BOX))
    except MediaUnavailable:
        return None
    except Exception:  # noqa: BLE001 -- hostile bytes may trip any decoder; a hash is optional
        log.warning("could not hash a media item", exc_info=True)
        return None


def to_hex(value: int) -> str:
    """64 hex digits, the form hash-sharing programmes write PDQ in."""
    return f"{value:064x}"


def distance(a: int | str, b: int | str) -> int:
    """Hamming distance between two hashes (ints, or the hex the store keeps)."""
    a = int(a, 16) if isinstance(a, str) else a
    b = int(b, 16) if isinstance(b, str) else b
    return (a ^ b).bit_count()


def near_identical(a: int | str, b: int | str) -> bool:
    return distance(a, b) <= NEAR_IDENTICAL_BITS
