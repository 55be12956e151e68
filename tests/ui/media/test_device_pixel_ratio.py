"""Media for the screen's device pixel ratio: a 2× screen gets twice the pixels each way, drawn
at the same logical size, and the blurred rendering is exactly as unreadable as at 1×."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from PIL import Image, ImageChops, ImageStat

from reviewer.media.render import MediaRenderer, RenderStyle
from reviewer.media.stages import Stage
from tests.factories import synthetic_png
from tests.media_measures import scene
from ui.media.service import RenderKey, RenderResult

ROOT = Path(__file__).resolve().parents[3]


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def test_a_2x_key_asks_for_twice_the_pixels_and_paints_at_the_same_size(qapp):
    data = synthetic_png(1600, 1200, seed=5)
    key = RenderKey.on_screen("x", (400, 300), RenderStyle(stage=Stage.REVEALED), 2.0)
    assert key.box == (800, 600)
    result = RenderResult.of(MediaRenderer().render("x", data, key.box, key.style), key.scale)
    assert (result.image.width(), result.image.height()) == (800, 600)  # real pixels, not upscaled
    logical = result.image.deviceIndependentSize()
    assert (logical.width(), logical.height()) == (400, 300)


def test_the_blur_at_2x_hides_exactly_as_much_as_at_1x():
    _, textured = scene(seed=11, size=(1600, 1200))
    data, renderer = _png(textured), MediaRenderer()
    one = renderer.render("s", data, (400, 300), RenderStyle()).image
    two = renderer.render("s", data, (800, 600), RenderStyle()).image
    assert two.size == (800, 600)
    # Brought back to the same size, the two blurred renders are the same picture: the radius
    # grew with the pixels, so no more detail survives on the sharper screen.
    difference = ImageStat.Stat(ImageChops.difference(two.resize(one.size, Image.Resampling.BOX),
                                                      one)).mean[0]
    assert difference < 2.0  # of 255
    # And it is really blurred: the clean neighbour-to-neighbour steps of the textured original
    # are gone at both ratios.
    for image in (one, two):
        shifted = ImageChops.offset(image, 1, 0)
        assert ImageStat.Stat(ImageChops.difference(image, shifted)).mean[0] < 1.5


SCRIPT = textwrap.dedent("""
    import sys, tempfile
    from pathlib import Path
    from PySide6.QtWidgets import QApplication
    app = QApplication(sys.argv[:1])
    from reviewer.profile import Profile
    from tests.qt_wait import pump_until
    from tests.ui.conftest import prepare_store
    from ui.app import build_workstation
    profile = Profile(Path(tempfile.mkdtemp()) / "p").ensure()
    prepare_store(profile)
    window = build_workstation(profile, None, None, undo_grace_s=0)
    window.show()
    pump_until(lambda: window.media_grid.is_settled(), what="media painted")
    tile = window.media_grid.visible_tiles()[0]
    image = tile.base.image
    logical = image.deviceIndependentSize()
    print(tile.devicePixelRatioF(), image.width(), image.height(),
          round(logical.width()), round(logical.height()), *tile.base_key.box)
    window.close()
""")


def test_the_window_on_a_2x_screen_renders_tiles_with_2x_pixels(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_SCALE_FACTOR": "2",
           "PYTHONPATH": str(ROOT)}
    run = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, env=env, capture_output=True,
                         text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    ratio, width, height, logical_w, logical_h, box_w, box_h = map(float, run.stdout.split()[-7:])
    assert ratio == 2.0
    assert (width, height) == (logical_w * 2, logical_h * 2)
    assert width <= box_w and height <= box_h and box_w >= 2 * 32
