"""The case's media: up to four tiles, of which at most one is revealed at a time.

A reveal opens on the tile under the pointer, or, with the pointer over none, on the current
tile (the first of each case; a click or Tab chooses another, and it is framed when there is a
choice). While the key is held the reveal follows the pointer from tile to tile. Revealing one
item, not all of them, is what a reviewer asking to look closer means, and exposes a quarter as
much of a four-image case. Everything is concealed on every case change. The tiles render through the one renderer
(`MediaService` -> `reviewer.media.render`), so this view, the zoom view and the sweep grid
all show the same filtered pixels by default, and the same refusal for a never-render category.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRect, QSize, Qt, Signal
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from reviewer.domain import MediaRef
from reviewer.media.presets import PresetBook
from reviewer.media.render import style_for
from reviewer.media.reveal import RevealState
from reviewer.media.stages import Stage
from ui.media.service import MediaService, RenderKey, RenderResult
from ui.media.tile import MediaTile, box_of
from ui.theme.palette import current_palette
from ui.widgets.accessible import describe
from ui.widgets.style_background import paint_style_background


class MediaGrid(QWidget):
    MAX_TILES = 4
    reveal_changed = Signal(object)  # RevealState
    # The first media shown is on screen: every tile painted its final render (or the grid its
    # "no media" line). Fired once: the window's first prefetch waits for it.
    first_settled = Signal()

    def __init__(self, service: MediaService, presets: PresetBook | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self._service = service
        self.presets = presets or PresetBook.load()
        self.media: tuple[MediaRef, ...] = ()
        self.reveal = RevealState()
        self.current = 0  # the tile a reveal opens on when the pointer is over none
        self.hovered: int | None = None  # the tile under the pointer
        self._pointer = (0.5, 0.5)  # where in the hovered tile's image, as fractions
        self.tiles = [MediaTile(service, self) for _ in range(self.MAX_TILES)]
        for index, tile in enumerate(self.tiles):
            tile.index = index
            tile.paint_finished.connect(self.tile_painted)
        # A Tab stop and where the window puts the focus at start: review keys pass through
        # it untouched, and Tab here chooses the media item (ui/media/reveal_keys.py).
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(360, 240)
        # The grid paints its own background (paintEvent): a new case's media repaints the grid
        # and its tiles only, not the window, the central widget and both splitters under it.
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        service.rendered.connect(self._on_rendered)
        # No render is asked for before the grid is first shown: until the window's layout
        # sizes it, its tiles have a made-up size, and the first case's media decoded at that
        # size (inside start-up) was thrown away at once for the laid-out one.
        self._shown_once = False
        self._tell_settled = True  # until `first_settled` has fired
        self.set_media(())

    @property
    def revealed(self) -> bool:
        return self.reveal.held

    def set_media(self, media: tuple[MediaRef, ...]) -> None:
        """Show a new case's media: always concealed first (panic blanking stays)."""
        media = tuple(media[: self.MAX_TILES])
        if media != self.media:
            self.current = 0
        self.media = media
        self.reveal = self.reveal.release()
        cells = self.cells_for(len(self.media))
        for i, tile in enumerate(self.tiles):
            item = self.media[i] if i < len(self.media) else None
            if item is not None:
                tile.setGeometry(cells[i])
            tile.setVisible(item is not None)
            preset = self.presets.for_category(item.category) if item else self.presets.default
            box = box_of(cells[i], self.font()) if item else (0, 0)
            tile.show_media(item, preset, box, self._reveal_for(i), fetch=self._shown_once)
        self._mark_current()
        self.reveal_changed.emit(self.reveal)
        self.update()
        self._describe()

    def relax_to(self, org: PresetBook) -> bool:
        """Show this case's media with the organisation's presets instead of the reviewer's
        stricter ones; returns whether anything changed. Undone by the next set_media."""
        changed = False
        for i, (tile, cell) in enumerate(zip(self.visible_tiles(), self.cells_for(len(self.media)))):
            floor = org.for_category(tile.media.category)
            if floor != tile.preset:
                tile.show_media(tile.media, floor, box_of(cell, self.font()), self._reveal_for(i))
                tile.relaxed = changed = True
        return changed

    def set_reveal(self, reveal: RevealState) -> None:
        if reveal == self.reveal or (reveal.held and not self.media):
            return
        self.reveal = reveal
        self._want_all()
        self.reveal_changed.emit(reveal)
        self.update()
        self._describe()

    def hold(self, colour: bool = False) -> None:
        """Reveal one tile: the one under the pointer (the spotlight where it points), else the
        current one (the spotlight at its centre)."""
        item = self._target()
        reveal = self.reveal.hold(colour, item)
        if item == self.hovered:
            reveal = reveal.point(*self._pointer)
        self._make_current(item)
        self.set_reveal(reveal)

    def step_current(self, delta: int) -> bool:
        """The next (+1) or previous (-1) tile becomes current, and the reveal, if held, moves
        to it; False when there is no other tile, so the key can do what it otherwise does."""
        if len(self.media) < 2:
            return False
        item = (self._target() + delta) % len(self.media)
        self.hovered = None  # the keyboard has chosen: the pointer counts again once it moves
        self._make_current(item)
        if self.reveal.held:
            self.set_reveal(self.reveal.on_item(item))
        return True

    def choose(self, tile: MediaTile) -> None:
        """A click makes the tile current, so a later reveal by key opens on it."""
        self._make_current(self.tiles.index(tile))

    def pointer_over(self, tile: MediaTile, x: float, y: float) -> None:
        """The pointer is at (x, y) of `tile`'s image; while revealing, the reveal follows it."""
        index = self.tiles.index(tile)
        self.hovered, self._pointer = index, (x, y)
        if self.reveal.held:
            self._make_current(index)
            self.set_reveal(self.reveal.on_item(index).point(x, y))

    def pointer_left(self, tile: MediaTile) -> None:
        if self.hovered == self.tiles.index(tile):
            self.hovered = None

    def point_spotlight(self, x: float, y: float) -> None:
        if self.reveal.held:
            self.set_reveal(self.reveal.point(x, y))

    def _target(self) -> int:
        if self.hovered is not None and self.hovered < len(self.media):
            return self.hovered
        return min(self.current, max(0, len(self.media) - 1))

    def _make_current(self, index: int) -> None:
        self.current = index
        self._mark_current()
        self._describe()

    def _describe(self) -> None:
        """What a screen reader says of the grid: how many items, which one Tab has chosen and
        what it shows (each tile names its own state too)."""
        if not self.media:
            describe(self, self.tr("Media"), self.tr("No media attached to this case"))
            return
        tile = self.tiles[self._target()]
        describe(self, self.tr("Media, %n item(s)", "", len(self.media)),
                 self.tr("Item {number}: {state}.").format(number=self._target() + 1,
                                                          state=tile.state_text()))

    def _mark_current(self) -> None:
        # Framed when there is a choice, or when the keyboard focus is here (seen, not guessed).
        framed = len(self.media) > 1 or self.hasFocus()
        for i, tile in enumerate(self.tiles):
            tile.set_current(i == self.current and framed)

    def focusInEvent(self, event) -> None:  # noqa: N802
        super().focusInEvent(event)
        self._mark_current()

    def focusOutEvent(self, event) -> None:  # noqa: N802
        super().focusOutEvent(event)
        self._mark_current()

    def _reveal_for(self, index: int) -> RevealState:
        """What tile `index` shows: the reveal if it is the revealed item, else concealed."""
        return self.reveal if index == self.reveal.item else self.reveal.release()

    def visible_tiles(self) -> list[MediaTile]:
        return self.tiles[: len(self.media)]

    def exposed_fraction(self) -> float:
        """How much media is revealed right now, in whole images (one revealed tile: its
        revealed fraction), for the exposure meter. Concealed tiles count nothing, and are not
        averaged in either: a spotlight on one of four images exposes a spotlight's worth."""
        return sum(t.exposed_fraction() for t in self.visible_tiles())

    def exposure(self) -> dict[Stage, float]:
        """`exposed_fraction` by the stage each tile shows, for the meter."""
        shown: dict[Stage, float] = {}
        for tile in self.visible_tiles():
            if tile.exposed_fraction():
                stage = tile.shown_stage()
                shown[stage] = shown.get(stage, 0.0) + tile.exposed_fraction()
        return shown

    def asked_stage(self) -> Stage:
        """The stage the reveal brings to the screen on its tile (blurred when not held)."""
        if not self.reveal.held or self.reveal.item >= len(self.media):
            return Stage.BLURRED
        return self.tiles[self.reveal.item].asked_stage()

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
        return [RenderKey.on_screen(
                    item.sha256, box_of(cell, self.font()),
                    style_for(self.presets.for_category(item.category), item.category),
                    self.devicePixelRatioF())
                for item, cell in zip(media, cells)]

    def is_settled(self) -> bool:
        return all(t.is_settled() for t in self.visible_tiles())

    def tile_painted(self) -> None:
        """A tile, or the grid (no media), has painted."""
        if self._tell_settled and self._shown_once and self.is_settled():
            self._tell_settled = False
            self.first_settled.emit()

    def refresh(self) -> None:
        """Ask again for renders that were not final (bytes that had not arrived yet)."""
        self._want_all()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt naming)
        if event.type() == QEvent.Type.DevicePixelRatioChange:  # moved to another screen
            self._want_all()  # renders for the new ratio, through the same renderer
        super().changeEvent(event)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            self._want_all()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        super().resizeEvent(event)
        for tile, cell in zip(self.visible_tiles(), self.cells_for(len(self.media))):
            tile.setGeometry(cell)
        self._want_all()

    def _want_all(self) -> None:
        for i, (tile, cell) in enumerate(zip(self.visible_tiles(), self.cells_for(len(self.media)))):
            tile.set_reveal(self._reveal_for(i), box_of(cell, self.font()))

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(720, 480)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        # The style sheet's background (the gaps between tiles; the tiles, opaque, are left out
        # of the region Qt asks this widget to paint), as the parents would have painted it.
        painter = paint_style_background(self)
        if self.media:
            painter.end()
            return  # the tiles paint themselves
        painter.setPen(current_palette().colour("muted"))
        painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter,
                         self.tr("No media attached to this case"))
        painter.end()
        self.tile_painted()

    def _on_rendered(self, key: RenderKey, result: RenderResult) -> None:
        for tile in self.visible_tiles():
            tile.accept(key, result)
        self._describe()
