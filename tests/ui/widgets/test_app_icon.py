"""The product icon: drawn (SVG) and rendered (PNG sizes), and what the window, the tray and
desktop notifications show instead of a plain square or the Python logo."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QIcon, QImage

from reviewer.resources import ICON_SIZES, icon_file
from tests.qt_wait import pump_until
from tests.ui.widgets.test_notifier import NotificationDaemon, session_bus  # noqa: F401
from ui.widgets.app_icon import notification_icon_file, product_icon
from ui.widgets.notifier import DESKTOP, Notifier, _window_icon

ROOT = Path(__file__).resolve().parents[3]


def test_every_size_is_rendered_and_is_a_drawing_not_a_square(qapp):
    assert icon_file().read_text(encoding="utf-8").lstrip().startswith("<?xml")
    for size in ICON_SIZES:
        image = QImage(str(icon_file(size)))
        assert image.size() == QSize(size, size), size
        assert image.pixelColor(0, 0).alpha() == 0, size  # rounded corners, not a square
        centre = image.pixelColor(size // 2, size // 3)
        assert centre.lightness() > 180, size  # the light shield on the dark tile
        colours = {image.pixel(x, y) for x in range(0, size, max(1, size // 32))
                   for y in range(0, size, max(1, size // 32))}
        assert len(colours) > 8, size


def test_the_committed_pngs_are_rendered_from_the_current_svg():
    check = subprocess.run([sys.executable, "packaging/make_icons.py", "--check"], cwd=ROOT,
                           capture_output=True, text=True, timeout=120)
    assert check.returncode == 0, check.stderr


def test_the_tray_shows_the_product_icon_even_before_the_app_sets_one(qapp):
    qapp.setWindowIcon(product_icon())
    assert _window_icon().availableSizes() == product_icon().availableSizes()
    qapp.setWindowIcon(QIcon())  # as in a test or a tool that never set one
    fallback = _window_icon()
    assert {s.width() for s in fallback.availableSizes()} == set(ICON_SIZES)
    picture = fallback.pixmap(64).toImage()  # not the plain blue square it used to be
    assert picture.pixelColor(0, 0).alpha() == 0 and picture.pixelColor(32, 20) != QColor("#3d5a80")


def test_a_desktop_notification_carries_the_product_icon(qapp, session_bus):  # noqa: F811
    daemon = NotificationDaemon(session_bus)
    notifier = Notifier(qapp)
    assert notifier.notify("SLA breach soon", "c-17 has 4 minutes left") == DESKTOP
    pump_until(lambda: daemon.icons, what="the daemon shows the notification")
    assert daemon.icons[0].endswith(Path(notification_icon_file()).name), daemon.icons
    assert "python" not in daemon.icons[0].lower()
    notifier.shutdown()
