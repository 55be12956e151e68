"""The reduced-detail stage: it keeps the shapes of a scene and drops its texture, goes through
the one renderer for stills and storyboards alike, and is shown only where a preset allows it."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from reviewer.media import render
from reviewer.media.presets import MediaPreset, PresetBook
from reviewer.media.render import MediaRenderer, style_for
from reviewer.media.stages import Stage
from tests.factories import synthetic_animation
from tests.media_measures import edge_map, measure, scene

BOX = (512, 384)


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def _rendered(data: bytes, stage: Stage, preset: MediaPreset = MediaPreset()) -> Image.Image:
    style = style_for(preset, "graphic_violence", stage=stage)
    return MediaRenderer().render("k", data, BOX, style).image


@pytest.mark.parametrize("seed", [1, 2])
def test_reduced_keeps_the_shapes_and_drops_the_texture(seed):
    clean, textured = scene(seed, BOX)
    data = _png(textured)
    reduced = measure(clean, textured, _rendered(data, Stage.REDUCED))
    blurred = measure(clean, textured, _rendered(data, Stage.BLURRED))
    real = measure(clean, textured, _rendered(data, Stage.REVEALED))
    assert reduced.edge_f1 > 0.8 and blurred.edge_f1 < 0.3  # outlines agree with the scene's
    assert reduced.tone_error < 0.1  # light and dark areas stay where they were
    assert reduced.texture_kept < 0.1 and real.texture_kept > 0.9  # the detail is gone


def test_every_storyboard_frame_is_reduced_by_the_renderer(monkeypatch):
    frames = []
    real = render.reduce_detail
    monkeypatch.setattr(render, "reduce_detail",
                        lambda image, *size: frames.append(image) or real(image, *size))
    data = synthetic_animation(frames=12)
    reduced = MediaRenderer().render("a", data, BOX, style_for(MediaPreset(), "gore",
                                                               stage=Stage.REDUCED))
    blurred = MediaRenderer().render("a", data, BOX, style_for(MediaPreset(), "gore"))
    assert len(frames) == 12 and reduced.caption.startswith("Animation: 12 of 12 frames")
    outlines = [edge_map(r.image.convert("L")).histogram()[255] for r in (reduced, blurred)]
    assert outlines[0] > 1.5 * outlines[1]  # the bars are outlined, not only the frames


def test_a_preset_says_which_stages_it_allows():
    no_real = MediaPreset(reveal=False)
    assert style_for(no_real, "gore", stage=Stage.REVEALED).stage is Stage.REDUCED  # stops there
    assert style_for(no_real, "gore", revealed=True).revealed is False
    no_reduced = MediaPreset(reduced=False)
    assert style_for(no_reduced, "gore", stage=Stage.REDUCED).stage is Stage.BLURRED
    assert style_for(no_reduced, "gore", stage=Stage.REVEALED).stage is Stage.REVEALED
    assert style_for(MediaPreset(), "gore", stage=Stage.REDUCED, colour=True).colour is False
    assert style_for(MediaPreset(), "gore", stage=Stage.REVEALED, colour=True).colour is True
    never = PresetBook.load().for_category("csam_suspected")
    assert not any(never.allows(stage) for stage in Stage)


def test_reduced_can_only_be_switched_off_by_a_stricter_layer():
    org = PresetBook.load().with_org({"category": {"gore": {"reduced": False}}})
    assert not org.for_category("gore").reduced and org.for_category("nudity").reduced
    mine = org.with_user(MediaPreset(reveal=False))
    assert not mine.for_category("nudity").allows(Stage.REVEALED)
    assert mine.for_category("nudity").allows(Stage.REDUCED)
    assert not mine.with_user(MediaPreset(reduced=True)).for_category("gore").reduced
