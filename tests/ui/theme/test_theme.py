"""The theme: one palette, light and dark both legible, following the desktop's colour scheme
and text size unless the reviewer's settings say otherwise."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from ui.theme.palette import DARK, LIGHT, current_palette
from ui.theme.theme import Theme, stylesheet, theme_setting

UI = Path(__file__).resolve().parents[3] / "ui"
COLOUR_LITERAL = re.compile(r"#[0-9a-fA-F]{3,8}\b|QColor\(\s*\d|QColor\(\s*[\"']")


@pytest.fixture
def theme(qapp):
    theme = Theme.of(qapp)
    yield theme
    theme.apply("dark")  # the dark theme the other tests' widgets were written against
    qapp.setStyleSheet("")


def test_no_widget_writes_a_colour_of_its_own():
    offenders = [f"{path.relative_to(UI.parent)}:{n}: {line.strip()}"
                 for path in UI.rglob("*.py") if "theme" not in path.parts
                 for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                 if COLOUR_LITERAL.search(line)]
    assert offenders == []


def _contrast(a: str, b: str) -> float:
    def luminance(colour: str) -> float:
        def channel(c: float) -> float:
            return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
        q = QColor(colour)
        return 0.2126 * channel(q.redF()) + 0.7152 * channel(q.greenF()) + 0.0722 * channel(q.blueF())
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("palette", [DARK, LIGHT], ids=["dark", "light"])
def test_every_text_colour_is_legible_on_its_background(palette):
    pairs = [("text", "window"), ("text", "base"), ("muted", "window"), ("ok", "window"),
             ("warn", "window"), ("danger", "window"), ("error_text", "window"),
             ("attention", "window"), ("done", "base"), ("selection_text", "selection"),
             ("panic_text", "panic_bg"), ("text", "prompt_bg"), ("text", "button"),
             ("text", "menu"), ("media_text", "media_bg"), ("media_attention", "media_bg"),
             ("bulletin_text", "bulletin_bg"), ("text", "insert_bg"), ("text", "delete_bg")]
    weak = {f"{fg} on {bg}: {_contrast(getattr(palette, fg), getattr(palette, bg)):.1f}"
            for fg, bg in pairs if _contrast(getattr(palette, fg), getattr(palette, bg)) < 4.5}
    assert weak == set()


def test_the_stylesheet_is_filled_from_the_palette_and_nothing_is_left_over():
    for palette in (DARK, LIGHT):
        sheet = stylesheet(palette, 11)
        assert "$" not in sheet
        assert palette.window in sheet and palette.text in sheet


def _background(widget) -> QColor:
    image = widget.grab().toImage()
    return image.pixelColor(image.width() - 3, image.height() - 3)


def test_light_and_dark_paint_the_window_light_and_dark(offline_window, theme, qtbot):
    theme.apply("light")
    assert _background(offline_window.case_panel).lightness() > 200
    assert current_palette() is LIGHT
    theme.apply("dark")
    assert _background(offline_window.case_panel).lightness() < 80


def test_following_the_desktop_changes_with_its_colour_scheme(qapp, theme):
    theme.apply("system")
    qapp.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Light)
    assert theme.palette is LIGHT and LIGHT.window in qapp.styleSheet()
    qapp.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert theme.palette is DARK and DARK.window in qapp.styleSheet()


def test_a_chosen_theme_holds_whatever_the_desktop_does(qapp, theme):
    theme.apply("dark")
    qapp.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Light)
    assert theme.palette is DARK


def test_text_size_follows_the_desktop_unless_set(offline_window, theme):
    theme.apply("dark")
    desktop = QApplication.font().pointSizeF()
    assert offline_window.case_panel.header.font().pointSizeF() >= desktop
    theme.apply("dark", 20)
    assert offline_window.case_panel.text.font().pointSizeF() >= 20
    assert offline_window.decision_bar.buttons and all(
        b.font().pointSizeF() == 20 for b in offline_window.decision_bar.buttons.values())


def test_a_hand_edited_setting_gone_wrong_falls_back_to_the_desktop():
    assert theme_setting({"theme": "purple", "text_size": "huge"}) == ("system", None)
    assert theme_setting({"theme": "light", "text_size": 13}) == ("light", 13.0)
