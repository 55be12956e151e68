"""The case's media: a grid of tiles, each blurred and grayscale unless the reviewer holds reveal.

Safety rules this module keeps: a tile never shows a previous case's media (tiles are reset
before anything else on a case change); while a revealed render is being prepared the tile
keeps the blurred one; concealing switches back to the cached blurred render at once; the
category and label are painted over every tile before anything is revealed.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from reviewer.domain import MediaRef
from reviewer.media_render import RenderStyle
from ui.media_service import MediaService, RenderKey, RenderResult

_LABEL_HEIGHT = 40
_BOX_STEP = 32  # boxes are rounded down to this step so small resizes reuse cached renders


def box_of(cell: QRect) -> tuple[int, int]:
    """The image box inside a tile of this size, rounded down so small resizes hit the cache."""
    width = max(_BOX_STEP, (cell.width() - 8) // _BOX_STEP * _BOX_STEP)
    height = max(_BOX_STEP, (cell.height() - _LABEL_HEIGHT - 8) // _BOX_STEP * _BOX_STEP)
    return width, height


def category_title(category: str) -> str:
    return category.replace("_", " ").upper()


class MediaTile(QWidget):
    def __init__(self, service: MediaService, parent: QWidget | None = None):
        super().__init__(parent)
        self._service = service
        self.media: MediaRef | None = None
        self.key: RenderKey | None = None  # what the tile wants to show
        self.result: RenderResult | None = None  # what it shows now ...
        self.result_key: RenderKey | None = None  # ... and which render that is
        self.painted_key: RenderKey | None = None  # what the last paint actually showed

    def show_media(self, media: MediaRef | None, style: RenderStyle, box: tuple[int, int]) -> None:
        if media is None or self.media is None or media.sha256 != self.media.sha256:
            self._set_result(None, None)  # never leave another item's pixels on screen
        self.media = media
        self.want(style, box)

    def want(self, style: RenderStyle, box: tuple[int, int]) -> None:
        if self.media is None:
            self.key = None
            self._set_result(None, None)
            return
        self.key = RenderKey(self.media.sha256, box, style)
        found = self._service.result(self.key)
        if found is not None:
            self._set_result(self.key, found)
        elif not style.revealed:
            self._set_result(None, None)  # the blurred render is coming; show nothing meanwhile
        # revealed and not ready: keep showing the blurred render until it is

    def accept(self, key: RenderKey, result: RenderResult) -> None:
        if key == self.key:
            self._set_result(key, result)

    def _set_result(self, key: RenderKey | None, result: RenderResult | None) -> None:
        self.result_key, self.result = key, result
        self.update()

    def is_settled(self) -> bool:
        """The tile painted the final render of what it wants (bench and tests use this)."""
        return self.key is not None and self.painted_key == self.key

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#1d1f23"))
        area = self.rect().adjusted(4, _LABEL_HEIGHT + 4, -4, -4)
        showing = self.result
        if showing is not None and showing.image is not None:
            image = showing.image
            x = area.x() + (area.width() - image.width()) // 2
            y = area.y() + (area.height() - image.height()) // 2
            painter.drawImage(x, y, image)
        else:
            painter.setPen(QColor("#c8ccd2"))
            text = showing.reason if showing is not None else "Preparing blurred preview…"
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, text)
        self._paint_label(painter)
        painter.end()
        final = showing is not None and (showing.image is not None or showing.final)
        self.painted_key = self.result_key if final else None

    def _paint_label(self, painter: QPainter) -> None:
        if self.media is None:
            return
        strip = QRect(0, 0, self.width(), _LABEL_HEIGHT)
        painter.fillRect(strip, QColor(20, 22, 26, 235))
        font = QFont(self.font())
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor("#ffcf66"))
        inner = strip.adjusted(8, 2, -8, -2)
        painter.drawText(inner, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                         category_title(self.media.category))
        font.setBold(False)
        painter.setFont(font)
        painter.setPen(QColor("#e6e8eb"))
        label = painter.fontMetrics().elidedText(self.media.label, Qt.TextElideMode.ElideRight,
                                                 inner.width())
        painter.drawText(inner, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, label)


class MediaGrid(QWidget):
    """Up to four tiles for the case on screen, plus the reveal state they share."""

    MAX_TILES = 4
    reveal_changed = Signal(bool)

    def __init__(self, service: MediaService, parent: QWidget | None = None):
        super().__init__(parent)
        self._service = service
        self._media: tuple[MediaRef, ...] = ()
        self.style = RenderStyle()
        self.tiles = [MediaTile(service, self) for _ in range(self.MAX_TILES)]
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(360, 240)
        service.rendered.connect(self._on_rendered)
        self.set_media(())

    @property
    def revealed(self) -> bool:
        return self.style.revealed

    def set_media(self, media: tuple[MediaRef, ...]) -> None:
        """Show a new case's media: always concealed first."""
        self._media = media[: self.MAX_TILES]
        self.style = RenderStyle()
        cells = self.cells_for(len(self._media))
        for i, tile in enumerate(self.tiles):
            item = self._media[i] if i < len(self._media) else None
            if item is not None:
                tile.setGeometry(cells[i])
            tile.setVisible(item is not None)
            tile.show_media(item, self.style, box_of(cells[i]) if item else (0, 0))
        self.reveal_changed.emit(False)

    def set_revealed(self, revealed: bool) -> None:
        if revealed == self.style.revealed or (revealed and not self._media):
            return
        self.style = RenderStyle(revealed=revealed)
        self._want_all()
        self.reveal_changed.emit(revealed)

    def visible_tiles(self) -> list[MediaTile]:
        return self.tiles[: len(self._media)]

    def cells_for(self, count: int) -> list[QRect]:
        """Tile rectangles for `count` media: one fills the grid, two side by side, else 2×2.
        Computed, not left to a layout, so prefetch knows the exact box before the case shows."""
        w, h, gap = self.width(), self.height(), 6
        if count <= 1:
            return [QRect(0, 0, w, h)]
        rows = 1 if count == 2 else 2
        cw, ch = (w - gap) // 2, (h - gap * (rows - 1)) // rows
        return [QRect((i % 2) * (cw + gap), (i // 2) * (ch + gap), cw, ch) for i in range(count)]

    def boxes_for(self, count: int) -> list[tuple[int, int]]:
        """Render boxes the tiles will have for a case with `count` media (for prefetch)."""
        return [box_of(cell) for cell in self.cells_for(min(count, self.MAX_TILES))]

    def is_settled(self) -> bool:
        return all(t.is_settled() for t in self.visible_tiles())

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        super().resizeEvent(event)
        cells = self.cells_for(len(self._media))
        for tile, cell in zip(self.visible_tiles(), cells):
            tile.setGeometry(cell)
        self._want_all()

    def refresh(self) -> None:
        """Ask again for renders that were not final (bytes that had not arrived yet)."""
        self._want_all()

    def _want_all(self) -> None:
        cells = self.cells_for(len(self._media))
        for tile, cell in zip(self.visible_tiles(), cells):
            tile.want(self.style, box_of(cell))

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(720, 480)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        if self._media:
            return  # the tiles paint themselves
        painter = QPainter(self)
        painter.setPen(QColor("#8a9099"))
        painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "No media attached to this case")
        painter.end()

    def _on_rendered(self, key: RenderKey, result: RenderResult) -> None:
        for tile in self.visible_tiles():
            tile.accept(key, result)
