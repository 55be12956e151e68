"""Synthetic animated PNGs with broken frame control, built chunk by chunk from a good one.

Pillow meets each of these differently: frame-sequence errors raise SyntaxError from a seek,
missing frame data raises it later, and an acTL that announces no frames makes Pillow warn and
fall back to the still image. Only synthetic patterns: no real imagery.
"""

from __future__ import annotations

import io
import struct
import zlib

from PIL import Image

from tests.factories import synthetic_png

SIGNATURE = b"\x89PNG\r\n\x1a\n"


def good_apng(frames: int = 4, size: tuple[int, int] = (64, 48)) -> bytes:
    images = [Image.open(io.BytesIO(synthetic_png(*size, seed=i))).convert("RGB")
              for i in range(frames)]
    out = io.BytesIO()
    images[0].save(out, "PNG", save_all=True, append_images=images[1:], duration=100, loop=0)
    return out.getvalue()


def chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    found, pos = [], len(SIGNATURE)
    while pos < len(data):
        length = struct.unpack(">I", data[pos:pos + 4])[0]
        found.append((data[pos + 4:pos + 8], data[pos + 8:pos + 8 + length]))
        pos += 12 + length
    return found


def build(parts: list[tuple[bytes, bytes]]) -> bytes:
    """A PNG of these chunks, each with a correct CRC (so only the frame control is wrong)."""
    out = SIGNATURE
    for kind, body in parts:
        out += struct.pack(">I", len(body)) + kind + body
        out += struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
    return out


def repeated_sequence_numbers() -> bytes:
    """Every fcTL and fdAT claims sequence number 0: Pillow raises SyntaxError on seek."""
    return build([(k, struct.pack(">I", 0) + b[4:] if k in (b"fcTL", b"fdAT") else b)
                  for k, b in chunks(good_apng())])


def missing_frame_data() -> bytes:
    """The first fdAT is left out: its frame has control but no pixels."""
    parts = chunks(good_apng())
    first = next(i for i, (kind, _) in enumerate(parts) if kind == b"fdAT")
    return build(parts[:first] + parts[first + 1:])


def no_frames_announced() -> bytes:
    """acTL says zero frames: Pillow warns "Invalid APNG" and would show the still image."""
    return build([(k, struct.pack(">II", 0, 0) if k == b"acTL" else b)
                  for k, b in chunks(good_apng())])


MALFORMED = {
    "repeated sequence numbers": repeated_sequence_numbers,
    "missing frame data": missing_frame_data,
    "no frames announced": no_frames_announced,
}
