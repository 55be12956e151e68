"""The case's media: up to four tiles sharing one reveal state.

Everything is concealed on every case change. The tiles render through the one renderer
(`MediaService` -> `reviewer.media.render`), so this view, the zoom view and the sweep grid
all show the same filtered pixels by default, and the same refusal for a never-render category.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from reviewer.domain import MediaRef
from reviewer.media.presets import PresetBook
from reviewer.media.render import style_for
from reviewer.media.reveal import RevealState
from ui.media.service import MediaService, RenderKey, RenderResult
from ui.media.tile import MediaTile, box_of


class MediaGrid(QWidget):
    MAX_TILES = 4
    reveal_changed = Signal(object)  # RevealState

    def __init__(self, service: MediaService, presets: PresetBook | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self._service = service
        self.presets = presets or PresetBook.load()
        self.media: tuple[MediaRef, ...] = ()
        self.reveal = RevealState()
        self.tiles = [MediaTile(service, self) for _ in range(self.MAX_TILES)]
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(360, 240)
        service.rendered.connect(self._on_rendered)
        self.set_media(())

    @property
    def revealed(self) -> bool:
        return self.reveal.held

    def set_media(self, media: tuple[MediaRef, ...]) -> None:
        """Show a new case's media: always concealed first (panic blanking stays)."""
        self.media = tuple(media[: self.MAX_TILES])
        self.reveal = self.reveal.release()
        cells = self.cells_for(len(self.media))
        for i, tile in enumerate(self.tiles):
            item = self.media[i] if i < len(self.media) else None
            if item is not None:
                tile.setGeometry(cells[i])
            tile.setVisible(item is not None)
            preset = self.presets.for_category(item.category) if item else self.presets.default
            tile.show_media(item, preset, box_of(cells[i]) if item else (0, 0))
            tile.set_reveal(self.reveal, box_of(cells[i]) if item else (0, 0))
        self.reveal_changed.emit(self.reveal)
        self.update()

    def relax_to(self, org: PresetBook) -> bool:
        """Show this case's media with the organisation's presets instead of the reviewer's
        stricter ones; returns whether anything changed. Undone by the next set_media."""
        changed = False
        for tile, cell in zip(self.visible_tiles(), self.cells_for(len(self.media))):
            floor = org.for_category(tile.media.category)
            if floor != tile.preset:
                tile.show_media(tile.media, floor, box_of(cell))
                tile.set_reveal(self.reveal, box_of(cell))
                tile.relaxed = changed = True
        return changed

    def set_reveal(self, reveal: RevealState) -> None:
        if reveal == self.reveal or (reveal.held and not self.media):
            return
        self.reveal = reveal
        self._want_all()
        self.reveal_changed.emit(reveal)
        self.update()

    def point_spotlight(self, x: float, y: float) -> None:
        if self.reveal.held:
            self.set_reveal(self.reveal.point(x, y))

    def visible_tiles(self) -> list[MediaTile]:
        return self.tiles[: len(self.media)]

    def exposed_fraction(self) -> float:
        """How much of this case's media is revealed right now (0..1), for the exposure meter."""
        tiles = self.visible_tiles()
        return sum(t.exposed_fraction() for t in tiles) / len(tiles) if tiles else 0.0

    def cells_for(self, count: int) -> list[QRect]:
        """Tile rectangles for `count` media: one fills the grid, two side by side, else 2×2.
        Computed, not left to a layout, so prefetch knows the exact box before the case shows."""
        w, h, gap = self.width(), self.height(), 6
        if count <= 1:
            return [QRect(0, 0, w, h)]
        rows = 1 if count == 2 else 2
        cw, ch = (w - gap) // 2, (h - gap * (rows - 1)) // rows
        return [QRect((i % 2) * (cw + gap), (i // 2) * (ch + gap), cw, ch) for i in range(count)]

    def prefetch_keys(self, media: tuple[MediaRef, ...]) -> list[RenderKey]:
        """The default (concealed) renders a case with this media will ask for (a never-render
        item's is a refusal the renderer answers without reading its bytes)."""
        cells = self.cells_for(min(len(media), self.MAX_TILES))
        return [RenderKey(item.sha256, box_of(cell),
                          style_for(self.presets.for_category(item.category), item.category))
                for item, cell in zip(media, cells)]

    def is_settled(self) -> bool:
        return all(t.is_settled() for t in self.visible_tiles())

    def refresh(self) -> None:
        """Ask again for renders that were not final (bytes that had not arrived yet)."""
        self._want_all()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        super().resizeEvent(event)
        for tile, cell in zip(self.visible_tiles(), self.cells_for(len(self.media))):
            tile.setGeometry(cell)
        self._want_all()

    def _want_all(self) -> None:
        for tile, cell in zip(self.visible_tiles(), self.cells_for(len(self.media))):
            tile.set_reveal(self.reveal, box_of(cell))

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(720, 480)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        if self.media:
            return  # the tiles paint themselves
        painter = QPainter(self)
        painter.setPen(QColor("#8a9099"))
        painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "No media attached to this case")
        painter.end()

    def _on_rendered(self, key: RenderKey, result: RenderResult) -> None:
        for tile in self.visible_tiles():
            tile.accept(key, result)
