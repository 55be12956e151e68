"""Synthetic scenes and simple, honest measures of what a rendering keeps of them.

A scene is drawn twice: clean (flat shapes on a smooth gradient: what a decision needs, who or
what is where) and textured (the same with noise and fine stripes over it: the photographic
detail a reduced rendering should drop). The measures compare a rendering of the textured
scene against the clean one:

- edge F1: its outlines against the clean scene's, at the reduced stage's working size, a
  couple of pixels of tolerance (1: every shape outline and nothing else);
- tone error: mean difference of the two at 32 px on the long side, as a fraction of full scale
  (0: light and dark areas stay where they were);
- texture kept: high-frequency energy inside the shapes (away from their outlines), against the
  textured original's (1: all of it, 0: none).
Pillow only: no image science library is needed for these.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageStat

from reviewer.media.reduced import WORK_SIDE

_EDGE_THRESHOLD = 40


def scene(seed: int, size: tuple[int, int] = (1024, 768)) -> tuple[Image.Image, Image.Image]:
    """(clean, textured) grayscale scenes: rectangles, ellipses and a bar on a gradient."""
    rnd = random.Random(seed)
    width, height = size
    clean = Image.linear_gradient("L").resize(size).point(lambda v: 60 + v // 3)
    draw = ImageDraw.Draw(clean)
    unit = min(size) // 3
    for i in range(5):
        x0, y0 = rnd.randint(0, width - unit), rnd.randint(0, height - unit)
        box = [x0, y0, x0 + rnd.randint(unit // 2, unit), y0 + rnd.randint(unit // 2, unit)]
        (draw.ellipse if i % 2 else draw.rectangle)(box, fill=rnd.choice([20, 90, 170, 235]))
    draw.line([(width // 20, height - height // 12), (width - width // 12, height // 10)],
              fill=240, width=max(3, width // 70))
    return clean, _textured(clean)


def _textured(clean: Image.Image) -> Image.Image:
    grey = Image.new("L", clean.size, 128)
    noise = ImageChops.subtract(Image.effect_noise(clean.size, 40), grey)
    stripes = Image.new("L", clean.size, 100)
    draw = ImageDraw.Draw(stripes)
    for x in range(-clean.height, clean.width, 4):
        draw.line([(x, 0), (x + clean.height // 3, clean.height)], fill=156, width=1)
    textured = ImageChops.add(clean, noise, 1, 0)
    textured = ImageChops.add(textured, ImageChops.subtract(stripes, grey))
    return ImageChops.subtract(textured, ImageChops.subtract(grey, stripes))


@dataclass(frozen=True)
class Measure:
    edge_f1: float
    tone_error: float
    texture_kept: float


def measure(clean: Image.Image, textured: Image.Image, rendered: Image.Image) -> Measure:
    rendered = rendered.convert("L")
    return Measure(edge_f1(clean, rendered), tone_error(clean, rendered),
                   texture_kept(clean, textured, rendered))


def edge_map(gray: Image.Image) -> Image.Image:
    found = gray.filter(ImageFilter.FIND_EDGES)
    found = found.crop((1, 1, found.width - 1, found.height - 1)).resize(gray.size)
    return found.point(lambda v: 255 if v > _EDGE_THRESHOLD else 0)


def edge_f1(clean: Image.Image, rendered: Image.Image) -> float:
    size = _work_size(clean.size)
    want, got = (edge_map(i.resize(size, Image.Resampling.BOX)) for i in (clean, rendered))
    recall = _share(want, got.filter(ImageFilter.MaxFilter(5)))
    precision = _share(got, want.filter(ImageFilter.MaxFilter(5)))
    return 2 * recall * precision / max(1e-9, recall + precision)


def tone_error(clean: Image.Image, rendered: Image.Image) -> float:
    scale = 32 / max(clean.size)
    size = (max(1, round(clean.width * scale)), max(1, round(clean.height * scale)))
    small = [i.resize(size, Image.Resampling.BOX) for i in (clean, rendered)]
    return ImageStat.Stat(ImageChops.difference(*small)).mean[0] / 255


def texture_kept(clean: Image.Image, textured: Image.Image, rendered: Image.Image) -> float:
    inside = ImageChops.invert(edge_map(clean).filter(ImageFilter.MaxFilter(9)))
    return _high_frequency(rendered, inside) / max(1e-9, _high_frequency(textured, inside))


def _high_frequency(gray: Image.Image, mask: Image.Image) -> float:
    detail = ImageChops.difference(gray, gray.filter(ImageFilter.GaussianBlur(2)))
    return ImageStat.Stat(detail, mask).mean[0]


def _share(part: Image.Image, within: Image.Image) -> float:
    """The fraction of `part`'s set pixels that are also set in `within`."""
    total = part.histogram()[255]
    return ImageChops.multiply(part, within).histogram()[255] / total if total else 1.0


def _work_size(size: tuple[int, int]) -> tuple[int, int]:
    scale = max(1.0, max(size) / WORK_SIDE)
    return max(1, round(size[0] / scale)), max(1, round(size[1] / scale))
