"""Every colour the workstation paints, in one place, for the dark and the light theme.

Widgets never write a colour: stylesheet rules come from resources/style.qss filled from the
palette (ui/theme/theme.py), and custom-painted widgets ask `current_palette()` when they paint,
so a theme change is a repaint, not a restart. Both themes keep the same meanings: amber for
"look here" (pending, the current tile, a category label), orange for soon, red only for an SLA
breach, an error or all media hidden. Light colours are chosen for at least 4.5:1 contrast on
their background, the same bar the dark ones meet.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from PySide6.QtGui import QColor


@dataclass(frozen=True)
class Palette:
    name: str
    dark: bool
    window: str  # window and panel background
    text: str
    base: str  # lists and text boxes
    border: str
    selection: str
    selection_text: str
    button: str
    button_border: str
    menu: str
    status_bar: str
    muted: str  # secondary text: placeholders, "connecting"
    done: str  # a decided case's row
    ok: str  # SLA in time, sync online
    warn: str  # SLA soon, offline, lease at risk
    danger: str  # SLA breached, a conflict
    error_text: str  # a form's error line
    attention: str  # pending approval, the current tile's frame, a tile's category
    panic_bg: str
    panic_text: str
    prompt_bg: str  # a break prompt: calm, not an alarm
    prompt_border: str
    accent: str
    media_bg: str  # behind media tiles: dark in both themes, so a blurred image reads as media
    media_text: str
    media_muted: str
    media_attention: str  # a tile's category and the current tile's frame
    media_label_bg: str  # #AARRGGBB: the strip over the top of a tile
    media_caption_bg: str
    sweep_selected: str
    sweep_cursor_secondary: str
    insert_bg: str  # guideline diff
    delete_bg: str
    bulletin_bg: str
    bulletin_border: str
    bulletin_text: str

    def colour(self, role: str) -> QColor:
        return QColor(getattr(self, role))

    def values(self) -> dict[str, str]:
        return {k: v for k, v in asdict(self).items() if isinstance(v, str)}


DARK = Palette(
    name="dark", dark=True,
    window="#25282d", text="#e6e8eb", base="#1d1f23", border="#3a3f46",
    selection="#3d5a80", selection_text="#ffffff", button="#33373d", button_border="#4a5059",
    menu="#2c3036", status_bar="#1d1f23", muted="#c8ccd2", done="#868d97",
    ok="#9fd49f", warn="#ffb347", danger="#ff6b6b", error_text="#ff8a80", attention="#ffcf66",
    panic_bg="#8e2a2a", panic_text="#ffffff", prompt_bg="#2f3b4a", prompt_border="#7fa7d9",
    accent="#3d5a80",
    media_bg="#1d1f23", media_text="#e6e8eb", media_muted="#c8ccd2", media_attention="#ffcf66",
    media_label_bg="#eb14161a", media_caption_bg="#dc14161a",
    sweep_selected="#2a3140", sweep_cursor_secondary="#ffffff",
    insert_bg="#1f5a32", delete_bg="#6a2424",
    bulletin_bg="#3b3220", bulletin_border="#8a6d2f", bulletin_text="#ffe2a8",
)

LIGHT = Palette(
    name="light", dark=False,
    window="#f4f5f7", text="#1b1e23", base="#ffffff", border="#b4bac3",
    selection="#2f5d9e", selection_text="#ffffff", button="#e6e9ee", button_border="#9aa2ad",
    menu="#eceef1", status_bar="#e3e6ea", muted="#4d5560", done="#6b717b",
    ok="#1d6b2c", warn="#8f5200", danger="#b3261e", error_text="#b3261e", attention="#7a4d00",
    panic_bg="#b3261e", panic_text="#ffffff", prompt_bg="#e2ecf8", prompt_border="#2f5d9e",
    accent="#2f5d9e",
    # Media sits on the same dark ground as in the dark theme: a blurred image on white glares.
    media_bg="#2a2d33", media_text="#eef0f2", media_muted="#d0d4da", media_attention="#ffcf66",
    media_label_bg="#eb1b1e23", media_caption_bg="#dc1b1e23",
    sweep_selected="#3a4a66", sweep_cursor_secondary="#ffffff",
    insert_bg="#c6ebcf", delete_bg="#f5c9c9",
    bulletin_bg="#fff2d2", bulletin_border="#b48a2c", bulletin_text="#4d3600",
)

THEMES = {"dark": DARK, "light": LIGHT}


@dataclass(frozen=True)
class CalmScene:
    """The colours of the palate-cleanser picture (ui/media/calm_break.py): they belong to the
    picture, not to the theme, so it looks the same in light and dark."""

    sky_top: str = "#2b3f5c"
    sky_horizon: str = "#c9a98c"
    sun: str = "#c8f5deb3"  # #AARRGGBB: a soft, slightly see-through low sun
    hills: tuple[str, ...] = ("#5b6b73", "#44555c", "#2f3d42")  # far to near


CALM_SCENE = CalmScene()

# The palette in force: the theme controller sets it, painters read it at paint time. One per
# process, like the application's own QPalette it mirrors.
_current = DARK


def current_palette() -> Palette:
    return _current


def set_current(palette: Palette) -> None:
    global _current
    _current = palette
