"""The small decode of a cached still, made once when the media arrives and kept in the store.

The blurred and reduced stages render from one small decode per picture (`Need(small=True)` in
reviewer/media/render.py): for a PNG that is Pillow inflating the whole file, 10-50 ms, on the
way to a case's first paint. The sync worker decodes every new item anyway to hash it
(reviewer/media/hashes.py), off the UI thread; there it also makes this decode, exactly as the
renderer would (`small_of_still`, the renderer's own function, sharing the hash's decode where
a format decodes at full size anyway: `hash_and_pack`), and keeps it packed (mode,
size, the size shown, the pixels as they are) and sealed (reviewer/store/small_media.py). The
renderer then reads the copy, well under a millisecond, and renders the same pixels.

The pixels are kept raw, not deflated: a copy is read on the way to a case's first paint and
written once, so its read is what counts. Inflating one cost a decode thread 0.1-0.4 ms of CPU
(a fifth of the instructions of a render from the copy) while the UI thread paints the case on
the same two cores; deflate saved ~30% of ~70 KB, as a photo's grain compresses little. Copies
kept deflated before (`_DEFLATED`) are still read.

Only the grayscale copy is kept: every preset starts grayscale, and a JPEG's grayscale decode
reads its luma, which a colour copy made grey again would not match bit for bit. Animations,
videos and files the decoder refuses get no copy (an empty one, so they are not tried again):
their render stays as it is. A copy that is missing or does not unpack is no error: the
renderer decodes the original, as without copies.
"""

from __future__ import annotations

import logging
import struct
import zlib
from typing import Callable

import sqlite_utils
from PIL import Image

from reviewer.media import storyboard
from reviewer.media.decode import check_bytes, hostile_decoding, open_image
from reviewer.media.perceptual_hash import pdq_bytes, pdq_of
from reviewer.media.render import Decoded, Need, decode_small, small_of_still
from reviewer.store.small_media import SmallMedia

log = logging.getLogger(__name__)

KEPT_MODE = "L"
_KEPT = Need(KEPT_MODE, True)
_HEADER = struct.Struct(">4s2sIIII")  # magic, mode, width, height, shown width, shown height
_MAGIC = b"SMC2"  # the pixels follow the header as they are
_DEFLATED = b"SMC1"  # the pixels follow deflated (copies kept before)


def pack_small(data: bytes) -> bytes:
    """The packed small decode of a still's bytes; b"" for anything else (video, animation, a
    file the decoder refuses), whose render does not come from a small copy."""
    return _packed(lambda: decode_small(data, KEPT_MODE))


def hash_and_pack(data: bytes) -> tuple[int | None, bytes]:
    """The item's PDQ hash (`pdq_bytes`) and its packed small copy (`pack_small`). A still of a
    format decoded at full size whatever is asked (PNG, WebP, GIF) is decoded once for both:
    for a PNG that decode is most of the cost of each. A JPEG decodes twice, each a draft at
    its own scale; anything else as the two functions do."""
    still = _loaded_still(data)
    if still is None:
        return pdq_bytes(data), pack_small(data)
    return pdq_of(still), _packed(lambda: small_of_still(still, KEPT_MODE))


_SHARED_FORMATS = ("PNG", "WEBP", "GIF")


def _loaded_still(data: bytes) -> Image.Image | None:
    if storyboard.looks_like_video(data):
        return None
    try:
        with hostile_decoding():
            image = open_image(check_bytes(data))
            if image.format not in _SHARED_FORMATS or getattr(image, "n_frames", 1) > 1:
                return None
            image.load()
            return image
    except Exception:  # noqa: BLE001 -- hostile bytes: the two functions say what they say
        return None


def _packed(decode: Callable[[], Decoded]) -> bytes:
    try:
        with hostile_decoding():
            decoded = decode()
    except Exception:  # noqa: BLE001 -- hostile bytes: the renderer says why when it shows them
        return b""
    if decoded.need != _KEPT or len(decoded.frames) != 1 or decoded.shown is None:
        return b""
    frame = decoded.frames[0]
    if frame.mode != KEPT_MODE:
        return b""
    return _HEADER.pack(_MAGIC, KEPT_MODE.encode("ascii").ljust(2), *frame.size,
                        *decoded.shown) + frame.tobytes()


def unpack_small(packed: bytes) -> Decoded | None:
    """The decode `pack_small` kept; None if it is not one (the renderer decodes the original)."""
    try:
        magic, mode, width, height, shown_w, shown_h = _HEADER.unpack_from(packed)
        mode = mode.decode("ascii").strip()
        if magic not in (_MAGIC, _DEFLATED) or mode != KEPT_MODE or min(
                width, height, shown_w, shown_h) < 1:
            return None
        pixels = memoryview(packed)[_HEADER.size:]
        if magic == _DEFLATED:
            pixels = zlib.decompress(pixels)
        if len(pixels) != width * height:
            return None
        frame = Image.frombytes(mode, (width, height), pixels)
    except Exception:  # noqa: BLE001 -- a damaged copy is only a missed shortcut
        return None
    return Decoded((frame,), shown=(shown_w, shown_h), need=Need(mode, True))


def keep_small_copy(store: SmallMedia, sha256: str, data: bytes) -> None:
    """Make and keep the small copy of cached media (the sync worker, once per item)."""
    store.keep(sha256, KEPT_MODE, pack_small(data))


def kept_small(store: SmallMedia, sha256: str, mode: str) -> Decoded | None:
    """The kept small decode of media in `mode`, or None: decode the original instead. A copy
    that does not unpack is dropped, so the worker makes it again."""
    if mode != KEPT_MODE:
        return None
    packed = store.packed(sha256, mode)
    if packed is None:
        return None
    decoded = unpack_small(packed)
    if decoded is None:
        log.warning("kept small copy of %s is damaged; dropped", sha256[:12])
        store.drop(sha256, mode)
    return decoded


def keep_small_copies(db: sqlite_utils.Database, load, limit: int) -> int:
    """Copies for hashed media that has none (a store from before they were kept), up to
    `limit`; `load(sha)` gives the media's bytes. Returns how many it made."""
    store = SmallMedia(db)
    done = 0
    for sha in store.waiting(KEPT_MODE, max(0, limit)):
        data = load(sha)
        if data is None:
            continue
        keep_small_copy(store, sha, data)
        done += 1
    return done
