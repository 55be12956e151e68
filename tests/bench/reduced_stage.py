"""The two candidate reduced-detail renderings, measured: what each keeps of the shapes and
tones of a scene, how much of its texture it drops, and what it costs on a 1024 px image.

Run with `python -m tests.bench.reduced_stage`; the figures are quoted in
reviewer/media/reduced.py, where they decide the default. The blurred stage is measured too, as
the line a reduced rendering has to do better than on shapes.
"""

from __future__ import annotations

import statistics
import time

from PIL import Image

from reviewer.media import reduced
from reviewer.media.render import RenderStyle, apply_filter
from tests.media_measures import measure, scene

SEEDS = range(8)
RUNS = 5


def _blurred(image: Image.Image) -> Image.Image:
    return apply_filter(image, RenderStyle())


def _ms(render, image: Image.Image) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        render(image)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    scenes = [scene(seed) for seed in SEEDS]
    colour = scenes[0][1].convert("RGB")
    print(f"{'':10}{'edge F1':>9}{'tone err':>10}{'texture':>9}{'ms grey':>9}{'ms RGB':>8}")
    for name, render in (("blurred", _blurred), *reduced.RENDERINGS.items()):
        measures = [measure(clean, textured, render(textured)) for clean, textured in scenes]
        row = [statistics.mean(getattr(m, f) for m in measures)
               for f in ("edge_f1", "tone_error", "texture_kept")]
        print(f"{name:10}{row[0]:9.2f}{row[1]:10.2f}{row[2]:9.3f}"
              f"{_ms(render, scenes[0][1]):9.1f}{_ms(render, colour):8.1f}")


if __name__ == "__main__":
    main()
