"""Rendering a 24-megapixel JPEG as the viewer shows it by default, against a bare decode.

The filtered view (decode + blur + grayscale) should cost no more than Pillow's plain full
decode of the same file: reduced-size JPEG decoding (DCT scaling) means the viewer never
decodes the 24 million pixels it would only blur away. Peak memory is measured in a fresh child
process per path, so the two figures do not hide in each other's high-water mark.

Real pixels (the reveal's second step) decode more than the blurred stage does, so their first
render is timed too, with no target: what a reviewer waits for after asking for real pixels.
"""

from __future__ import annotations

import io
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

from PIL import Image, ImageDraw

from tests.bench.results import Figure

SIZE = (6000, 4000)  # 24 megapixels, a current phone camera
VIEW_BOX = (1280, 800)  # a generous single-media tile
RUNS = 7


def make_photo(path: Path) -> Path:
    """A code-drawn 24 MP JPEG with noise and edges, so its size and decode cost are realistic."""
    rng = random.Random(24)
    image = Image.effect_noise((SIZE[0] // 4, SIZE[1] // 4), 60).convert("RGB").resize(SIZE)
    draw = ImageDraw.Draw(image)
    for _ in range(300):
        x, y = rng.randrange(SIZE[0]), rng.randrange(SIZE[1])
        draw.rectangle([x, y, x + rng.randrange(40, 600), y + rng.randrange(40, 400)],
                       outline=(rng.randrange(256), rng.randrange(256), 0), width=8)
    image.save(path, "JPEG", quality=90)
    return path


def _filtered(data: bytes, stage=None) -> None:
    from reviewer.media.presets import PresetBook
    from reviewer.media.render import MediaRenderer, style_for
    preset = PresetBook.load().for_category("graphic_violence")
    style = style_for(preset, "graphic_violence", stage=stage)
    MediaRenderer().render("bench", data, VIEW_BOX, style)  # fresh: no decode cache


def _real_pixels(data: bytes) -> None:
    from reviewer.media.stages import Stage
    _filtered(data, Stage.REVEALED)


def _bare(data: bytes) -> None:
    Image.open(io.BytesIO(data)).load()


def _median_ms(fn, data: bytes) -> float:
    fn(data)  # warm-up: imports, first allocation
    samples = []
    for _ in range(RUNS):
        start = time.perf_counter()
        fn(data)
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def _peak_mb(path: Path, which: str) -> float:
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the forking parent across
    # exec, so a child of a big parent would report the parent's peak.
    code = (f"from tests.bench.media_render import _{which}; "
            f"_{which}(open({str(path)!r}, 'rb').read()); "
            "print([l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')][0])")
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True,
                         check=True)
    return int(out.stdout.strip().splitlines()[-1]) / 1024


def run(workdir: Path) -> list[Figure]:
    workdir.mkdir(parents=True, exist_ok=True)
    photo = make_photo(workdir / "photo-24mp.jpg")
    data = photo.read_bytes()
    filtered, bare = _median_ms(_filtered, data), _median_ms(_bare, data)
    real = _median_ms(_real_pixels, data)
    return [
        Figure("render_24mp_filtered_median", filtered, "ms"),
        Figure("decode_24mp_bare_median", bare, "ms"),
        # At most half a bare decode: the renderer decodes at the size it shows (draft mode).
        Figure("render_24mp_ratio_to_bare_decode", filtered / bare, "ratio", 0.5),
        Figure("render_24mp_real_pixels_median", real, "ms"),
        Figure("render_24mp_filtered_peak_rss", _peak_mb(photo, "filtered"), "MB"),
        Figure("decode_24mp_bare_peak_rss", _peak_mb(photo, "bare"), "MB"),
    ]
