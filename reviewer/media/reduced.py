"""The reduced-detail stage: shapes, layout and flat tones of an image, without its texture.

Reviewers decide better and suffer less when they see the least realistic rendering that is
enough: a cartoonised picture keeps who is where and what the shapes are, while the
photographic detail that makes graphic media distressing (skin, wounds, fluids, faces) is gone.
Two renderings were measured on synthetic scenes (shapes with noise and fine stripes drawn over
them; tests/media_measures.py, `python -m tests.bench.reduced_stage`), both at 1024×768:

                 edge F1   tone error   texture kept   ms, 1024 px grey / colour
    blurred        0.00       0.06         0.00            3 / 3   (the stage before)
    cartoon        0.91       0.05         0.01           45 / 140
    edges          0.99       0.36         0.01           35-50 / 140

(ms: median of 5 on this 2-core machine while other tests ran; both cost about the same.)
Edge F1: the rendering's outlines against the clean scene's (shapes kept; 1 is all of them
and nothing else). Tone error: how far the large light and dark areas moved (0 is where they
were). Texture kept: high-frequency energy inside the shapes, against the original's.
Both drop ~99% of the texture and keep the shapes; the edge drawing loses every tone (a dark
pool and a light one look the same, a figure is an outline on an empty page), which a decision
often needs, so the cartoon is the default. The posterised flat areas add a few outlines of
their own where a gradient crosses a tone step, which is what costs it edge precision, and a
thin bright bar is drawn as its two outlines, so it reads as a dark line.

The work is done on a copy no larger than `WORK_SIDE` and scaled back up: detail finer than
that is gone at any display size, and the filters cost the same whatever the source size.
"""

from __future__ import annotations

from PIL import Image, ImageChops, ImageFilter, ImageOps

WORK_SIDE = 256  # longer side of the copy the reduced stage is computed on
_MEDIAN = 5  # twice: speckle and fine texture go, outlines stay where they were
_TONE_STEP = 32  # eight flat tones per channel, each the middle of its band so areas keep
_FLAT_TONES = [min(255, v // _TONE_STEP * _TONE_STEP + _TONE_STEP // 2) for v in range(256)]
_OUTLINE_THRESHOLD = 24


def cartoon(image: Image.Image, size: tuple[int, int] | None = None) -> Image.Image:
    """Flat posterised tones with dark outlines: the default reduced-detail rendering, at
    `size` (default: the image's own; the image need only cover the work copy of it)."""
    size = size or image.size
    small = _smoothed(image, size)
    flat = small.point(_FLAT_TONES * len(small.getbands()))  # posterised, not darkened
    lines = _outlines(small).convert(flat.mode)
    return ImageChops.multiply(flat, lines).resize(size, Image.Resampling.BILINEAR)


def edges(image: Image.Image, size: tuple[int, int] | None = None) -> Image.Image:
    """Dark outlines on an even grey page: the alternative measured against `cartoon`."""
    size = size or image.size
    lines = _outlines(_smoothed(image, size)).point(lambda v: 40 if v == 0 else 200)
    return lines.convert(image.mode).resize(size, Image.Resampling.BILINEAR)


def _smoothed(image: Image.Image, size: tuple[int, int]) -> Image.Image:
    # The work copy's size comes from the size shown, so it is the same whatever size the
    # decode came out at.
    scale = max(1.0, max(size) / WORK_SIDE)
    small = image.resize((max(1, round(size[0] / scale)), max(1, round(size[1] / scale))),
                         Image.Resampling.BOX)
    median = ImageFilter.MedianFilter(_MEDIAN)
    return small.filter(median).filter(median)


def _outlines(small: Image.Image) -> Image.Image:
    """0 on an outline, 255 elsewhere; the image's own border is not an outline."""
    found = small.convert("L").filter(ImageFilter.FIND_EDGES)
    if found.width > 2 and found.height > 2:
        found = ImageOps.expand(found.crop((1, 1, found.width - 1, found.height - 1)), 1, 0)
    return found.point(lambda v: 0 if v > _OUTLINE_THRESHOLD else 255)


RENDERINGS = {"cartoon": cartoon, "edges": edges}
DEFAULT = "cartoon"


def reduce_detail(image: Image.Image, size: tuple[int, int] | None = None) -> Image.Image:
    """The reduced-detail stage of one still or storyboard frame, at `size` (default: its own)."""
    return RENDERINGS[DEFAULT](image, size)
