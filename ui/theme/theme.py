"""Which palette and text size are in force, and applying them to the whole application.

"system" follows the desktop's colour scheme (Qt's `styleHints().colorScheme()`) and changes with
it while the workstation runs; "dark" and "light" hold whatever the desktop does. A desktop that
does not say (scheme Unknown: many X11 sessions) gets the dark theme, the product's calm default
for long shifts. The text size is the desktop's own font size unless the reviewer set one. The
stylesheet is resources/style.qss filled from the palette; custom-painted widgets read the
palette when they paint, so applying a theme is a repaint everywhere, never a restart.
"""

from __future__ import annotations

from string import Template

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from reviewer.resources import RESOURCES_DIR
from ui.theme.palette import DARK, LIGHT, THEMES, Palette, set_current

THEME_CHOICES = ("system", "dark", "light")
STYLE_TEMPLATE = RESOURCES_DIR / "style.qss"


def resolve(choice: str, scheme: Qt.ColorScheme) -> Palette:
    """The palette for a setting ("system", "dark", "light") given the desktop's scheme."""
    if choice in THEMES:
        return THEMES[choice]
    return LIGHT if scheme == Qt.ColorScheme.Light else DARK


def stylesheet(palette: Palette, font_pt: float) -> str:
    """resources/style.qss with the palette's colours and the text sizes filled in."""
    sizes = {"font_pt": _pt(font_pt), "case_pt": _pt(font_pt * 1.15),
             "header_pt": _pt(font_pt * 1.08)}
    return Template(STYLE_TEMPLATE.read_text(encoding="utf-8")).substitute(
        palette.values(), **sizes)


def _pt(size: float) -> str:
    return f"{size:.1f}"


class Theme(QObject):
    """Applies a theme choice and text size to the application, and re-applies "system" when
    the desktop's colour scheme changes."""

    changed = Signal(object)  # the Palette now in force

    def __init__(self, app: QApplication):
        super().__init__(app)
        self.setObjectName("appTheme")
        self.app = app
        self.choice, self.text_pt = "system", None
        self.desktop_pt = QGuiApplication.font().pointSizeF()  # before anything overrides it
        self.palette = DARK
        self.scheme = app.styleHints().colorScheme()
        app.styleHints().colorSchemeChanged.connect(self._scheme_changed)

    @classmethod
    def of(cls, app: QApplication) -> "Theme":
        """The application's one theme (made on first use)."""
        return app.findChild(Theme, "appTheme") or cls(app)

    def apply(self, choice: str = "system", text_pt: float | None = None) -> Palette:
        self.choice = choice if choice in THEME_CHOICES else "system"
        self.text_pt = text_pt if text_pt and text_pt > 0 else None
        self.palette = resolve(self.choice, self.scheme)
        set_current(self.palette)
        self.app.setPalette(_qpalette(self.palette))
        self.app.setStyleSheet(stylesheet(self.palette, self.font_pt))
        for widget in self.app.allWidgets():  # custom painters read the palette on paint
            widget.update()
        self.changed.emit(self.palette)
        return self.palette

    @property
    def font_pt(self) -> float:
        return self.text_pt or self.desktop_pt or 10.0

    def _scheme_changed(self, scheme: Qt.ColorScheme) -> None:
        self.scheme = scheme
        if self.choice == "system":
            self.apply(self.choice, self.text_pt)


def _qpalette(p: Palette) -> QPalette:
    """The same colours for what Qt draws natively (check marks, scroll bars, focus frames)."""
    palette = QPalette()
    roles = {QPalette.ColorRole.Window: p.window, QPalette.ColorRole.WindowText: p.text,
             QPalette.ColorRole.Base: p.base, QPalette.ColorRole.AlternateBase: p.window,
             QPalette.ColorRole.Text: p.text, QPalette.ColorRole.Button: p.button,
             QPalette.ColorRole.ButtonText: p.text, QPalette.ColorRole.Highlight: p.selection,
             QPalette.ColorRole.HighlightedText: p.selection_text,
             QPalette.ColorRole.ToolTipBase: p.menu, QPalette.ColorRole.ToolTipText: p.text,
             QPalette.ColorRole.PlaceholderText: p.done, QPalette.ColorRole.Link: p.accent}
    for role, colour in roles.items():
        palette.setColor(role, QColor(colour))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor(p.done))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor(p.done))
    return palette


def theme_setting(settings: dict) -> tuple[str, float | None]:
    """("system" | "dark" | "light", text size in points or None) from settings.json; anything
    else there is ignored, so a hand edit gone wrong falls back to following the desktop."""
    choice = settings.get("theme", "system")
    size = settings.get("text_size")
    valid_size = isinstance(size, (int, float)) and 6 <= size <= 40
    return (choice if choice in THEME_CHOICES else "system"), (float(size) if valid_size else None)
