"""The end of `make package`: does the one-folder bundle run on a machine without the checkout?

Runs dist/reviewer-workstation/reviewer-workstation as someone who unpacked it elsewhere would:
cwd in a fresh temporary folder, an environment with nothing but the system's PATH (no virtual
environment, no PYTHONPATH, a home of its own). Checks `--version` and `render` on a synthetic
image (blurred as the viewer blurs it; a never-render category refused) and on a synthetic
video (a storyboard: FFmpeg came along), then opens the window (the built-in demo, offscreen)
and reports how long that took, with the bundle's size. Every library and plugin in the
bundle must find the Qt libraries it links to.
Exit 0 only if every check passed.

  python packaging/check_bundle.py dist/reviewer-workstation [--no-window]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageStat

ROOT = Path(__file__).resolve().parent.parent
NAME = "reviewer-workstation"


def clean_env(home: Path) -> dict[str, str]:
    return {"PATH": "/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8", "TMPDIR": str(home),
            "XDG_RUNTIME_DIR": str(home), "QT_QPA_PLATFORM": "offscreen"}


def run(program: Path, home: Path, *args: str) -> tuple[subprocess.CompletedProcess, float]:
    started = time.perf_counter()
    done = subprocess.run([str(program), *args], cwd=home, env=clean_env(home),
                          capture_output=True, text=True, timeout=300)
    return done, time.perf_counter() - started


def synthetic_image(path: Path) -> Image.Image:
    """Hard-edged shapes and fine stripes: detail a blurred rendering must not keep."""
    image = Image.new("RGB", (640, 480), (40, 40, 40))
    draw = ImageDraw.Draw(image)
    for x in range(0, 640, 8):
        draw.line([(x, 0), (x, 479)], fill=(230, 230, 230), width=2)
    draw.rectangle([120, 90, 300, 330], fill=(200, 30, 30))
    draw.ellipse([360, 160, 560, 400], fill=(20, 160, 220))
    image.save(path)
    return image


def synthetic_video(path: Path) -> None:
    """Two seconds of a bar sliding across: the bundle must carry FFmpeg (PyAV) to read it."""
    import av

    with av.open(str(path), "w", format="mp4") as container:
        stream = container.add_stream("mpeg4", rate=12)
        stream.width, stream.height, stream.pix_fmt = 320, 240, "yuv420p"
        for i in range(24):
            frame = Image.new("RGB", (320, 240), (30, 30, 30))
            ImageDraw.Draw(frame).rectangle([i * 12, 60, i * 12 + 40, 180], fill=(220, 200, 40))
            for packet in stream.encode(av.VideoFrame.from_image(frame)):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)


def edge_energy(image: Image.Image) -> float:
    edges = image.convert("L").resize((640, 480)).filter(ImageFilter.FIND_EDGES)
    return ImageStat.Stat(edges).mean[0]


def window_start(program: Path, home: Path) -> float:
    """Seconds from exec to the window on screen: a shown window starts listening on its
    profile's local socket (ui/account/profile_lock.py), which Qt creates in TMPDIR."""
    for stale in home.glob(f"{NAME}-*"):  # left by the last start, which was terminated
        stale.unlink()
    log = home / "window.log"  # a file, not a pipe: a pipe nobody reads would stall the app
    started = time.perf_counter()
    with log.open("w") as sink:
        process = subprocess.Popen([str(program), "--profile", str(home / "profile")], cwd=home,
                                   env=clean_env(home), stdout=sink, stderr=subprocess.STDOUT)
    try:
        while not any(home.glob(f"{NAME}-*")):
            if process.poll() is not None:
                raise SystemExit(f"the window did not open (exit {process.returncode}):\n"
                                 f"{log.read_text()[-4000:]}")
            if time.perf_counter() - started > 300:
                raise SystemExit("the window did not open within 300 s")
            time.sleep(0.02)
        return time.perf_counter() - started
    finally:
        process.terminate()
        process.wait(30)


def missing_libraries(bundle: Path) -> dict[str, set[str]]:
    """Shared libraries the bundle's own libraries and plugins need but nothing provides
    (`ldd` ... not found), by missing name: a library the spec dropped that something still
    links to shows up here instead of as a plugin that silently fails to load on a user's desk."""
    missing: dict[str, set[str]] = {}
    for path in sorted(bundle.rglob("*.so*")):
        if path.is_symlink() or not path.is_file():
            continue
        linked = subprocess.run(["ldd", str(path)], capture_output=True, text=True, timeout=60)
        for line in linked.stdout.splitlines():
            if "not found" in line:
                missing.setdefault(line.split()[0], set()).add(str(path.relative_to(bundle)))
    return missing


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="check_bundle.py")
    parser.add_argument("bundle", type=Path, help="the one-folder bundle: dist/" + NAME)
    parser.add_argument("--no-window", action="store_true", help="skip the window start")
    args = parser.parse_args(argv)
    program = (args.bundle / NAME).resolve()
    if not program.is_file():
        print(f"check: no program at {program}", file=sys.stderr)
        return 1
    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    failures = []
    with tempfile.TemporaryDirectory(prefix="bundle-check-") as tmp:
        home = Path(tmp)
        shown, took = run(program, home, "--version")
        print(f"check: --version -> {shown.stdout.strip()!r} ({took:.2f} s)")
        if shown.returncode != 0 or shown.stdout.strip() != f"{NAME} {version}":
            failures.append(f"--version: exit {shown.returncode}, {shown.stdout!r}, "
                            f"{shown.stderr!r}")

        original = synthetic_image(home / "scene.png")
        done, took = run(program, home, "render", "scene.png", "--out", "seen.png",
                         "--category", "gore", "--size", "640x480")
        print(f"check: render -> {done.stdout.strip() or done.stderr.strip()} ({took:.2f} s)")
        if done.returncode != 0 or not (home / "seen.png").is_file():
            failures.append(f"render: exit {done.returncode}: {done.stderr.strip()}")
        else:
            kept = edge_energy(Image.open(home / "seen.png")) / edge_energy(original)
            print(f"check: the rendering keeps {kept:.0%} of the image's edges")
            if kept > 0.25:
                failures.append(f"render: not blurred ({kept:.0%} of the edges kept)")
        synthetic_video(home / "clip.mp4")
        video, took = run(program, home, "render", "clip.mp4", "--out", "clip.png")
        print(f"check: render a video -> {video.stdout.strip() or video.stderr.strip()} "
              f"({took:.2f} s)")
        if video.returncode != 0 or "frames" not in video.stdout:
            failures.append(f"render of a video: exit {video.returncode}: {video.stderr.strip()}")
        refused, _ = run(program, home, "render", "scene.png", "--out", "no.png",
                         "--category", "ncii_suspected")
        if refused.returncode != 2 or (home / "no.png").exists():
            failures.append(f"render of a never-render category: exit {refused.returncode}")

        if not args.no_window:
            first = window_start(program, home)
            again = window_start(program, home)
            print(f"check: window shown {first:.1f} s after start (fresh profile, demo seeded), "
                  f"{again:.1f} s the second time")
    # A Qt library must come with the bundle; others (GTK for Qt's GTK theme plugin, which only
    # loads on a desktop that has GTK) are the system's, and are only listed.
    for name, needed_by in missing_libraries(args.bundle).items():
        example = sorted(needed_by)[0]
        line = f"{name} is missing, needed by {example} (and {len(needed_by) - 1} more)"
        if name.startswith("libQt6"):
            failures.append(line)
        else:
            print(f"check: note: {line}: the system's, where it has one")
    # The spec keeps CLDR data for the shipped interface languages only: they must be there.
    cldr = args.bundle / "_internal" / "babel" / "locale-data"
    shipped = [ts.stem.split("_", 1)[1]
               for ts in (ROOT / "resources" / "translations").glob("*.ts")]
    for name in ["root", *(lang for lang in shipped if lang != "en")]:
        if not (cldr / f"{name}.dat").is_file():
            failures.append(f"CLDR data for {name!r} is missing: languages would go unnamed")
    size = folder_size(args.bundle)
    print(f"check: bundle {args.bundle} is {size / 2**20:.0f} MiB "
          f"in {sum(1 for _ in args.bundle.rglob('*'))} files")
    for failure in failures:
        print(f"check FAILED: {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
