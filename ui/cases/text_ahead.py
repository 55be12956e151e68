"""The next cases' text, drawn off screen before the reviewer gets to them.

The first text in a script costs Qt far more than any later one: it finds and loads the
fallback font that has the script's glyphs, rasterises those glyphs into the font's glyph cache
and, for Thai, reads libthai's line-break dictionary (~0.6 MB, once per process). Unprepared,
that lands in the frame after a decision key, on the first case of each script the reviewer
meets (the case's text, its author's name, or the language line's native name: "ไทย").
Drawing the upcoming cases' text once, as the window prefetches their media, pays it while the
reviewer reads: the case, once shown, finds its fonts, glyphs and dictionary ready. Only Qt's
own caches are filled; nothing drawn here reaches the screen. Text whose characters all come
from blocks of Unicode already drawn in that font is not drawn again: nothing is left to load.
"""

from __future__ import annotations

from collections import deque

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFont, QImage, QPainter

REMEMBERED = 16  # case ids looked at already: the prefetch asks again for the same next cases
_HEIGHT = 480  # the scratch image's rows: a case's whole text, so every glyph is drawn
_BLOCK_BITS = 7  # characters are grouped in blocks of 128 code points (Thai is one)


class TextAhead:
    def __init__(self):
        self._looked_at: deque[str] = deque(maxlen=REMEMBERED)
        self._seen: set[tuple[str, int]] = set()  # (font key, block) drawn already
        self._image: QImage | None = None

    def prepare(self, case_id: str, pieces: list[tuple[QFont, str]], width: int) -> int:
        """Lay out and draw each (font, text) that has characters new to its font, wrapped at
        `width`; returns how many were drawn (none for a case looked at already)."""
        if case_id in self._looked_at:
            return 0
        self._looked_at.append(case_id)
        new = [(font, text) for font, text in pieces if self._news(font, text)]
        if new:
            painter = QPainter(self._scratch(width))
            for font, text in new:
                painter.setFont(font)
                painter.drawText(QRect(0, 0, width, _HEIGHT), Qt.TextFlag.TextWordWrap, text)
            painter.end()
        return len(new)

    def looked_at(self, case_id: str) -> bool:
        return case_id in self._looked_at

    def _news(self, font: QFont, text: str) -> bool:
        """Whether `text` has characters from a block not yet drawn in `font` (now noted)."""
        key = font.key()
        blocks = {(key, ord(char) >> _BLOCK_BITS) for char in set(text)}
        if blocks <= self._seen:
            return False
        self._seen |= blocks
        return True

    def _scratch(self, width: int) -> QImage:
        """One image, kept: the backing store's format, so the glyphs are cached as the
        window's paint will look them up."""
        if self._image is None or self._image.width() < width:
            self._image = QImage(max(width, 1), _HEIGHT, QImage.Format.Format_RGB32)
        return self._image
