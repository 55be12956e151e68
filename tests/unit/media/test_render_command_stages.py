"""`main.py render --stage reduced` writes the reduced-detail stage through the one renderer,
and a category that does not allow that stage exits 2 with one line and writes nothing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PIL import Image, ImageChops

import main
from reviewer.media.presets import PresetBook
from reviewer.media.render import MediaRenderer, style_for
from reviewer.media.stages import Stage
from tests.media_measures import measure, scene

ROOT = Path(__file__).resolve().parents[3]


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "main.py", "render", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)


def _scene_file(tmp_path: Path) -> tuple[Path, Image.Image, Image.Image]:
    clean, textured = scene(3, (640, 480))
    source = tmp_path / "scene.png"
    textured.save(source)
    return source, clean, textured


def test_the_reduced_stage_is_written_as_the_viewer_renders_it(tmp_path):
    source, clean, textured = _scene_file(tmp_path)
    reduced, blurred = tmp_path / "reduced.png", tmp_path / "blurred.png"
    run = _run(str(source), "--out", str(reduced), "--category", "gore", "--size", "640x480",
               "--stage", "reduced")
    assert run.returncode == 0, run.stderr
    assert _run(str(source), "--out", str(blurred), "--category", "gore",
                "--size", "640x480").returncode == 0  # the default stays the blurred view
    written = Image.open(reduced).convert("L")
    style = style_for(PresetBook.load().for_category("gore"), "gore", stage=Stage.REDUCED)
    viewer = MediaRenderer().render("k", source.read_bytes(), (640, 480), style).image
    assert ImageChops.difference(written, viewer.convert("L")).getbbox() is None
    assert measure(clean, textured, written).edge_f1 > 0.8
    assert measure(clean, textured, Image.open(blurred)).edge_f1 < 0.3


def test_a_never_rendered_category_refuses_the_reduced_stage_too(tmp_path):
    source, _clean, _textured = _scene_file(tmp_path)
    out = tmp_path / "out.png"
    run = _run(str(source), "--out", str(out), "--category", "ncii_suspected", "--stage", "reduced")
    assert run.returncode == 2 and not out.exists() and run.stdout == ""
    assert run.stderr.strip().splitlines() == [
        "error: Not shown: the ncii suspected category is never rendered."]


def test_a_category_whose_preset_forbids_reduced_detail_exits_2_with_one_line(
        tmp_path, monkeypatch, capsys):
    source, _clean, _textured = _scene_file(tmp_path)
    out = tmp_path / "out.png"
    shipped = PresetBook.load
    monkeypatch.setattr(PresetBook, "load", staticmethod(
        lambda *a: shipped(*a).with_org({"category": {"gore": {"reduced": False}}})))
    code = main.main(["render", str(source), "--out", str(out), "--category", "gore",
                      "--stage", "reduced"])
    captured = capsys.readouterr()
    assert code == 2 and not out.exists() and captured.out == ""
    assert captured.err.splitlines() == [
        "error: Not shown: the gore preset does not allow the reduced detail stage."]
    assert main.main(["render", str(source), "--out", str(out), "--category", "gore"]) == 0


def test_real_pixels_are_not_a_stage_the_command_writes(tmp_path):
    source, _clean, _textured = _scene_file(tmp_path)
    run = _run(str(source), "--out", str(tmp_path / "out.png"), "--stage", "revealed")
    assert run.returncode == 2 and "invalid choice" in run.stderr
