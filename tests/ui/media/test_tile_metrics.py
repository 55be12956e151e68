"""A tile's label strip is as tall as its font needs, measured once per font."""

from __future__ import annotations

from PySide6.QtGui import QFont

from ui.media import tile


def test_the_label_strip_is_measured_once_per_font_and_grows_with_it(qapp):
    font = QFont(qapp.font())
    font.setPointSize(11)
    tile._line_spacing.cache_clear()
    small = tile.label_height(font)
    assert tile.label_height(QFont(font)) == small  # an equal font: measured already
    assert tile._line_spacing.cache_info().misses == 1
    large = QFont(font)
    large.setPointSize(40)
    assert tile.label_height(large) > small
    assert tile.line_height(large) > tile.line_height(font)
