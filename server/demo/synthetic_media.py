"""Synthetic, non-graphic test images drawn with Pillow.

Every image is a gradient, a few geometric shapes, a large block caption such as "SAMPLE 17"
and a simple cartoon face made of circles (its thin lines and small eyes show at a glance how
strong a blur is). Nothing here is, or resembles, real imagery. Output is deterministic for a
given random.Random state.
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageFont, ImageOps

MIN_SIDE = 320
MAX_SIDE = 1600
FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "GIF": "image/gif", "WEBP": "image/webp"}


@dataclass(frozen=True)
class SyntheticImage:
    data: bytes
    mime: str
    width: int
    height: int


def draw_image(rng: random.Random, caption: str, *, image_format: str | None = None,
               size: tuple[int, int] | None = None) -> SyntheticImage:
    """Draw one image and encode it (format chosen by `rng` unless given)."""
    image_format = image_format or rng.choice(sorted(FORMATS))
    width, height = size or (rng.randint(MIN_SIDE, MAX_SIDE), rng.randint(MIN_SIDE, MAX_SIDE))
    image = _gradient(rng, width, height)
    draw = ImageDraw.Draw(image)
    _draw_shapes(draw, rng, width, height)
    _draw_face(draw, rng, width, height)
    _draw_caption(draw, caption, width, height)
    return SyntheticImage(_encode(image, image_format), FORMATS[image_format], width, height)


def truncated_jpeg(rng: random.Random, caption: str) -> SyntheticImage:
    """A JPEG cut off part-way: the header still parses, decoding the pixels fails."""
    whole = draw_image(rng, caption, image_format="JPEG", size=(640, 480))
    return SyntheticImage(whole.data[: len(whole.data) * 2 // 5], "image/jpeg", 640, 480)


def _random_colour(rng: random.Random) -> tuple[int, int, int]:
    return (rng.randint(30, 230), rng.randint(30, 230), rng.randint(30, 230))


def _gradient(rng: random.Random, width: int, height: int) -> Image.Image:
    # A 256x256 ramp scaled and coloured is far cheaper than drawing a gradient line by line.
    ramp = Image.linear_gradient("L").rotate(rng.choice([0, 45, 90, 135]), expand=False)
    ramp = ramp.resize((width, height), Image.Resampling.BILINEAR)
    return ImageOps.colorize(ramp, _random_colour(rng), _random_colour(rng))


def _draw_shapes(draw: ImageDraw.ImageDraw, rng: random.Random, width: int, height: int) -> None:
    for _ in range(rng.randint(3, 8)):
        x0, y0 = rng.randrange(width), rng.randrange(height)
        x1 = min(width, x0 + rng.randint(width // 10, width // 3))
        y1 = min(height, y0 + rng.randint(height // 10, height // 3))
        colour = _random_colour(rng)
        kind = rng.choice(["rectangle", "ellipse", "triangle"])
        if kind == "rectangle":
            draw.rectangle((x0, y0, x1, y1), fill=colour, outline=(0, 0, 0), width=3)
        elif kind == "ellipse":
            draw.ellipse((x0, y0, x1, y1), fill=colour, outline=(0, 0, 0), width=3)
        else:
            draw.polygon([(x0, y1), ((x0 + x1) // 2, y0), (x1, y1)], fill=colour)


def _draw_face(draw: ImageDraw.ImageDraw, rng: random.Random, width: int, height: int) -> None:
    """A smiley: head, two eyes with pupils, a smile. Fine detail that blur should hide."""
    radius = min(width, height) // 5
    cx = rng.randint(radius, width - radius)
    # Upper two thirds only: the caption owns the bottom band.
    cy = rng.randint(radius, max(radius, height * 2 // 3 - radius))
    line = max(2, radius // 25)
    draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius),
                 fill=(255, 220, 90), outline=(0, 0, 0), width=line)
    eye_r, pupil_r = max(4, radius // 6), max(2, radius // 14)
    for ex in (cx - radius // 3, cx + radius // 3):
        ey = cy - radius // 4
        draw.ellipse((ex - eye_r, ey - eye_r, ex + eye_r, ey + eye_r),
                     fill=(255, 255, 255), outline=(0, 0, 0), width=line)
        draw.ellipse((ex - pupil_r, ey - pupil_r, ex + pupil_r, ey + pupil_r), fill=(0, 0, 0))
    mouth = radius // 2
    draw.arc((cx - mouth, cy - mouth // 2, cx + mouth, cy + mouth), 20, 160,
             fill=(0, 0, 0), width=line)


def _draw_caption(draw: ImageDraw.ImageDraw, caption: str, width: int, height: int) -> None:
    size = max(24, min(width // max(6, len(caption)) * 2, height // 5))
    font = ImageFont.load_default(size=size)
    left, top, right, bottom = draw.textbbox((0, 0), caption, font=font)
    x = (width - (right - left)) // 2
    y = height - (bottom - top) - height // 12
    draw.text((x, y), caption, font=font, fill=(255, 255, 255),
              stroke_width=max(2, size // 12), stroke_fill=(0, 0, 0))


def _encode(image: Image.Image, image_format: str) -> bytes:
    buffer = io.BytesIO()
    if image_format == "JPEG":
        image.save(buffer, "JPEG", quality=80)
    elif image_format == "PNG":
        image.save(buffer, "PNG", compress_level=1)  # speed over size: seeding must be quick
    elif image_format == "GIF":
        image.quantize(colors=64).save(buffer, "GIF")
    else:
        image.save(buffer, "WEBP", quality=75, method=0)
    return buffer.getvalue()
