"""Renders the product icon's PNG sizes from its hand-drawn SVG: `make icons`.

The SVG (resources/icons/hicolor/scalable/apps/reviewer-workstation.svg) is the source; the
PNGs beside it in the freedesktop hicolor layout are committed output, so the wheel, the bundle
and a checkout all carry them without a build step, and Qt needs no SVG plugin to show them.
PyInstaller turns the 256 px PNG into the Windows .ico and the 512 px one into the macOS .icns
(packaging/reviewer-workstation.spec). Qt's own SVG renderer draws them: no other tool needed.

  python packaging/make_icons.py            write the PNGs
  python packaging/make_icons.py --check    exit 1 if a committed PNG is missing or stale
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a checkout

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

from reviewer.resources import ICON_SIZES, icon_file  # noqa: E402

# A re-render may differ from the committed file by antialiasing rounding on another Qt build;
# anything past this mean difference per channel (of 255) is a changed drawing.
STALE_ABOVE = 2.0


def render(size: int) -> QImage:
    renderer = QSvgRenderer(str(icon_file()))
    if not renderer.isValid():
        raise SystemExit(f"cannot read {icon_file()}")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image.convertToFormat(QImage.Format.Format_ARGB32)


def difference(a: QImage, b: QImage) -> float:
    """Mean absolute difference per channel, 0..255 (inf when the sizes differ)."""
    if a.size() != b.size():
        return float("inf")
    a = a.convertToFormat(QImage.Format.Format_RGBA8888)
    b = b.convertToFormat(QImage.Format.Format_RGBA8888)
    x, y = bytes(a.constBits()), bytes(b.constBits())
    return sum(abs(p - q) for p, q in zip(x, y)) / len(x)


def main(argv: list[str]) -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841
    check = "--check" in argv
    stale = []
    for size in ICON_SIZES:
        path = icon_file(size)
        image = render(size)
        if check:
            if not path.exists() or difference(QImage(str(path)), image) > STALE_ABOVE:
                stale.append(str(path))
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if not image.save(str(path), "PNG"):
            raise SystemExit(f"cannot write {path}")
        print(f"wrote {path}")
    for path in stale:
        print(f"stale: {path} (run `make icons`)", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
