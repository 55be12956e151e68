"""The workstation as someone installs it: the wheel built from the sources, installed into a
fresh virtual environment outside the checkout, run by its `reviewer-workstation` command.

The fresh environment gets the app (code, resources, metadata, the console script) only from
the wheel. Its third-party dependencies (PySide6, Pillow, av... some 600 MB) are lent by this
interpreter's site-packages through a .pth line, so the test takes seconds rather than a
download: a .pth line adds a folder to sys.path but runs no .pth file inside it, so the
checkout's editable-install finder is never installed there. The first test proves that every
module and shipped file is read from the fresh environment.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
import time
import tomllib
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from reviewer.media.presets import PresetBook
from reviewer.media.render import MediaRenderer, style_for
from tests.media_measures import measure, scene

ROOT = Path(__file__).resolve().parents[2]
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
BUILT_FROM = ("pyproject.toml", "reviewer", "ui", "server", "resources")


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A fresh venv with the wheel installed; returns the venv's folder."""
    base = tmp_path_factory.mktemp("wheel")
    src = base / "src"  # a copy: the build's build/ and *.egg-info stay out of the checkout
    src.mkdir()
    for name in BUILT_FROM:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, src / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(ROOT / name, src / name)
    _check([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(base / "dist"),
            str(src)], cwd=base, timeout=240)
    wheel, = (base / "dist").glob("reviewer_workstation-*.whl")
    venv = base / "venv"
    _check([sys.executable, "-m", "venv", "--without-pip", str(venv)], cwd=base)
    _check([sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"), "install",
            "--no-deps", "-q", str(wheel)], cwd=base, timeout=120)
    site = Path(_check([str(venv / "bin" / "python"), "-c",
                        "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                       cwd=base).stdout.strip())
    lent = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (site / "zz_lent_dependencies.pth").write_text("\n".join(sorted(lent)) + "\n")
    return venv


def _check(args: list[str], cwd: Path, timeout: float = 60,
           **kwargs) -> subprocess.CompletedProcess:
    run = subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=timeout, **kwargs)
    assert run.returncode == 0, f"{args}: {run.stdout}\n{run.stderr}"
    return run


def _env(venv: Path, home: Path) -> dict[str, str]:
    """A user's shell with the venv's bin on PATH, and nothing of this test's environment:
    no PYTHONPATH, no VIRTUAL_ENV of the checkout, a home of its own."""
    return {"PATH": f"{venv / 'bin'}:/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8",
            "QT_QPA_PLATFORM": "offscreen", "XDG_RUNTIME_DIR": str(home)}


@pytest.fixture
def elsewhere(tmp_path) -> Path:
    away = tmp_path / "elsewhere"
    away.mkdir()
    return away


def _command(venv: Path, cwd: Path, *args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run(["reviewer-workstation", *args], cwd=cwd, env=_env(venv, cwd),
                          capture_output=True, text=True, timeout=timeout)


def test_the_code_and_the_shipped_files_come_from_the_wheel(installed, elsewhere):
    where = _check([str(installed / "bin" / "python"), "-c", "\n".join([
        "import sys, reviewer, ui, server, resources",
        "from reviewer.resources import KEYMAP_DIR, shipped",
        "from reviewer.keymap import load_keymap",
        "from reviewer.actions import ActionId",
        "print(*[m.__file__ for m in (reviewer, ui, server, resources)], sep='\\n')",
        "print(KEYMAP_DIR); print(shipped('media_presets.toml'))",
        "print('finders:', *[type(f).__name__ for f in sys.meta_path])",
        "print('keys:', load_keymap(None).keys_for('case', ActionId.APPROVE))",
    ])], cwd=elsewhere, env=_env(installed, elsewhere)).stdout.splitlines()
    *paths, finders, keys = where
    assert len(paths) == 6
    for path in paths:
        assert Path(path).is_relative_to(installed), path
        assert not Path(path).is_relative_to(ROOT), path
    assert "Editable" not in finders, finders
    assert keys != "keys: []", "the shipped keymap did not load from the wheel"


def test_every_shipped_file_of_the_checkout_is_in_the_wheel(installed):
    # A new kind of resource (a sound, a font) whose glob pyproject.toml lacks is named here,
    # not found missing by a user. Translation sources (.ts) are compiled into the .qm shipped.
    wanted = {p.relative_to(ROOT / "resources") for p in (ROOT / "resources").rglob("*")
              if p.is_file() and p.suffix not in (".py", ".pyc", ".ts")}
    site, = (installed / "lib").glob("python3*/site-packages")
    missing = {p for p in wanted if not (site / "resources" / p).is_file()}
    assert wanted and not missing, sorted(map(str, missing))


def test_version_prints_the_packaged_version(installed, elsewhere):
    shown = _command(installed, elsewhere, "--version")
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.strip() == f"reviewer-workstation {VERSION}"
    as_module = subprocess.run([str(installed / "bin" / "python"), "-m", "ui", "--version"],
                               cwd=elsewhere, env=_env(installed, elsewhere),
                               capture_output=True, text=True, timeout=60)
    assert as_module.stdout == shown.stdout


def test_render_blurs_a_synthetic_image_with_the_shipped_preset(installed, elsewhere):
    clean, textured = scene(5, (640, 480))
    textured.save(elsewhere / "scene.png")
    run = _command(installed, elsewhere, "render", "scene.png", "--out", "seen.png",
                   "--category", "gore", "--size", "640x480")
    assert run.returncode == 0, run.stderr
    written = Image.open(elsewhere / "seen.png")
    assert measure(clean, textured, written).edge_f1 < 0.3  # blurred: the outlines are gone
    style = style_for(PresetBook.load().for_category("gore"), "gore")
    viewer = MediaRenderer().render("k", (elsewhere / "scene.png").read_bytes(), (640, 480),
                                    style).image
    assert ImageChops.difference(written.convert("L"), viewer.convert("L")).getbbox() is None
    refused = _command(installed, elsewhere, "render", "scene.png", "--out", "no.png",
                       "--category", "ncii_suspected")
    assert refused.returncode == 2 and not (elsewhere / "no.png").exists()


def test_the_command_opens_the_window(installed, elsewhere):
    """The demo's window from the installed command: a second start on the same profile finds
    it shown (a window listens for that only once it is on screen) and brings it forward."""
    profile = elsewhere / "profile"
    first = subprocess.Popen(["reviewer-workstation", "--profile", str(profile)], cwd=elsewhere,
                             env=_env(installed, elsewhere), stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    try:
        assert first.stdout.readline().startswith("central API: "), first.stderr
        deadline = time.monotonic() + 60
        while True:
            second = _command(installed, elsewhere, "--profile", str(profile))
            if second.returncode == 0 or time.monotonic() > deadline:
                break
            time.sleep(0.5)
        assert second.returncode == 0, second.stderr
        assert "its window was brought forward" in second.stdout
        assert first.poll() is None
    finally:
        first.terminate()
        first.wait(15)
