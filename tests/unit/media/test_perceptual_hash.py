"""The perceptual hash (PDQ): the same drawing re-encoded, resized or slightly brightened stays
within NEAR_IDENTICAL_BITS; a different drawing does not. Synthetic drawings only."""

from __future__ import annotations

import io
import random

import pytest
from PIL import Image, ImageEnhance

from reviewer.media.perceptual_hash import (
    NEAR_IDENTICAL_BITS, pdq_bytes, distance, near_identical, to_hex,
)
from server.demo.synthetic_media import draw_image
from tests.factories import synthetic_animation, synthetic_png


def drawing(seed: int) -> Image.Image:
    image = draw_image(random.Random(seed), f"SAMPLE {seed}", image_format="PNG")
    return Image.open(io.BytesIO(image.data)).convert("RGB")


def encode(image: Image.Image, fmt: str, **options) -> bytes:
    out = io.BytesIO()
    image.save(out, fmt, **options)
    return out.getvalue()


VARIANTS = {
    "re-encoded as JPEG": lambda im: encode(im, "JPEG", quality=60),
    "resized to half": lambda im: encode(im.resize((im.width // 2, im.height // 2)), "PNG"),
    "slightly brightened, WebP": lambda im: encode(ImageEnhance.Brightness(im).enhance(1.1),
                                                   "WEBP", quality=75),
}


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_the_same_drawing_changed_a_little_is_near_identical(seed, variant):
    original = drawing(seed)
    a, b = pdq_bytes(encode(original, "PNG")), pdq_bytes(VARIANTS[variant](original))
    assert a is not None and b is not None
    assert near_identical(a, b), f"{variant}: {distance(a, b)} bits apart"


def test_different_drawings_are_not_near_identical():
    hashes = [pdq_bytes(encode(drawing(seed), "PNG")) for seed in range(12)]
    for i, a in enumerate(hashes):
        for b in hashes[i + 1:]:
            assert distance(a, b) > NEAR_IDENTICAL_BITS


def test_hex_form_round_trips_and_compares():
    value = pdq_bytes(synthetic_png(320, 240, seed=2))
    assert len(to_hex(value)) == 64 and distance(to_hex(value), value) == 0
    assert 0 <= value < 2 ** 256


def test_animations_hash_their_first_frame_and_unsafe_bytes_have_no_hash():
    frames = synthetic_animation(frames=5)
    first = Image.open(io.BytesIO(frames)).convert("RGB")
    assert distance(pdq_bytes(frames), pdq_bytes(encode(first, "PNG"))) <= 2
    assert pdq_bytes(b"") is None
    assert pdq_bytes(b"\x00\x00\x00\x18ftypmp42 not an image") is None  # video: no hash
    broken = synthetic_png(640, 480, seed=1, fmt="JPEG")
    assert pdq_bytes(broken[: len(broken) // 3]) is None  # truncated: no hash, no crash
