"""A tile's label strip is drawn once for what it says, copied after, and always says the item's
own words: the copy is the strip drawn directly, and another label or theme gets its own."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFont, QImage, QPainter

from reviewer.domain import MediaRef
from ui.media import strips
from ui.media.service import MediaService
from ui.media.tile import MediaTile, category_title, label_height
from ui.theme import palette


def _item(label: str) -> MediaRef:
    return MediaRef("ab" * 32, "image/png", 640, 480, "graphic_violence", label)


def _strip_of(tile: MediaTile) -> QImage:
    image = tile.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    return image.copy(0, 0, tile.width(), label_height(tile.font()))


def _drawn_directly(tile: MediaTile, title: str, label: str) -> QImage:
    """The strip as the tile drew it on itself at every paint before strips were kept."""
    colours = palette.current_palette()
    height = label_height(tile.font())
    image = QImage(tile.width(), height, QImage.Format.Format_RGB32)
    strip = QRect(0, 0, tile.width(), height)
    painter = QPainter(image)
    painter.fillRect(strip, colours.colour("media_bg"))
    painter.fillRect(strip, colours.colour("media_label_bg"))
    inner = strip.adjusted(8, 2, -8, -2)
    lines = ((True, "media_attention", Qt.AlignmentFlag.AlignTop, title),
             (False, "media_text", Qt.AlignmentFlag.AlignBottom, label))
    for bold, role, edge, text in lines:  # the category bold on top, the label elided below
        font = QFont(tile.font())
        font.setBold(bold)
        painter.setFont(font)
        painter.setPen(colours.colour(role))
        if not bold:  # the category is never elided, only clipped
            text = painter.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight,
                                                    inner.width())
        painter.drawText(inner, Qt.AlignmentFlag.AlignLeft | edge, text)
    painter.end()
    return image


def _tile(qtbot, tmp_path) -> tuple[MediaTile, MediaService]:
    service = MediaService(tmp_path / "store.sqlite3", workers=1)
    tile = MediaTile(service)
    qtbot.addWidget(tile)
    tile.resize(300, 200)
    return tile, service


def test_the_kept_strip_is_the_strip_drawn_directly_and_follows_the_label(qtbot, tmp_path):
    tile, service = _tile(qtbot, tmp_path)
    try:
        tile.media = _item("A knife on a kitchen table, seen from above, long enough to elide")
        title = category_title(tile.media.category) + tile._state_word()
        first = _strip_of(tile)
        assert first == _drawn_directly(tile, title, tile.media.label)
        kept = strips.kept_strips()
        assert _strip_of(tile) == first and strips.kept_strips() == kept  # copied, not redrawn

        tile.media = _item("Another picture")
        second = _strip_of(tile)
        assert second != first
        assert second == _drawn_directly(tile, title, "Another picture")
    finally:
        service.shutdown()


def test_a_theme_change_gets_its_own_strip(qtbot, tmp_path):
    tile, service = _tile(qtbot, tmp_path)
    was = palette.current_palette()
    try:
        tile.media = _item("A picture")
        title = category_title(tile.media.category) + tile._state_word()
        palette.set_current(palette.DARK)
        dark = _strip_of(tile)
        palette.set_current(palette.LIGHT)
        light = _strip_of(tile)
        assert light != dark
        assert light == _drawn_directly(tile, title, "A picture")
    finally:
        palette.set_current(was)
        service.shutdown()


def test_the_kept_strips_are_bounded(qtbot, tmp_path):
    tile, service = _tile(qtbot, tmp_path)
    try:
        for number in range(strips.STRIPS_KEPT + 20):
            tile.media = _item(f"Picture {number}")
            tile.grab()
        assert strips.kept_strips() == strips.STRIPS_KEPT
    finally:
        service.shutdown()
