"""One media item on screen: blurred base render, optional revealed render, label on top.

Safety rules kept here: a tile never shows another item's pixels (results are dropped when the
item changes); while a revealed render is being prepared the blurred one stays; the revealed
render (reduced detail, or real pixels after the second key, whichever the preset allows) is
only painted while reveal is held, inside the spotlight unless widened. Whether an
item may be shown at all is not decided here: the renderer refuses a never-render category, and
the tile then shows the refusal with the item's hash and metadata. Where the pointer is and
which tile is current is told to the grid, which decides which one tile a reveal is on.
"""

from __future__ import annotations

import math
from functools import lru_cache

from PySide6.QtCore import QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QImage, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from reviewer.domain import MediaRef
from reviewer.media.presets import MediaPreset
from reviewer.media.render import style_for
from reviewer.media.reveal import RevealState
from reviewer.media.audio import is_audio
from reviewer.media.stages import Stage
from reviewer.review.prior_decisions import known_lines
from ui.i18n.core_text import shown, tr
from ui.media.strips import paint_label_strip
from ui.media.waveform import paint_waveform
from ui.media.service import MediaService, RenderKey, RenderResult
from ui.theme.palette import current_palette
from ui.widgets.accessible import describe

LABEL_HEIGHT = 40  # the strip above the image at the usual text sizes: at least this
_BOX_STEP = 32  # boxes are rounded down to this step so small resizes reuse cached renders


def label_height(font: QFont) -> int:
    """The strip above the image holds the category and the label, a line each: it grows with
    a larger text size, or the two are drawn over each other."""
    return max(LABEL_HEIGHT, 2 * _line_spacing(font) + 4)


def line_height(font: QFont) -> int:
    """One row of what is known of the item, painted over its preview."""
    return max(20, _line_spacing(font) + 4)


@lru_cache(maxsize=8)
def _line_spacing(font: QFont) -> int:
    """Measured once per font (a QFont is a value, hashed and compared by what it describes):
    every tile's paint and every case's render ahead ask for it."""
    return QFontMetrics(font).lineSpacing()


def box_of(cell: QRect, font: QFont) -> tuple[int, int]:
    """The image box inside a tile of this size, rounded down so small resizes hit the cache."""
    width = max(_BOX_STEP, (cell.width() - 8) // _BOX_STEP * _BOX_STEP)
    height = max(_BOX_STEP, (cell.height() - label_height(font) - 8) // _BOX_STEP * _BOX_STEP)
    return width, height


def logical_size(image: QImage) -> tuple[int, int]:
    """An image's size on screen in logical pixels (its pixels divided by its ratio)."""
    size = image.deviceIndependentSize()
    return round(size.width()), round(size.height())


def category_title(category: str) -> str:
    return category.replace("_", " ").upper()


def media_facts(media: MediaRef) -> str:
    """What is shown of an item the renderer refuses: its hash and metadata, no pixels."""
    return f"sha256 {media.sha256[:16]}…\n{media.mime}, {media.width}×{media.height}"


def placeholder_text(media: MediaRef, result: RenderResult | None, waiting: str) -> str:
    """The text shown where a render has no image: the renderer's reason (with the facts, when
    it refused the category), or `waiting` while no answer has come back yet."""
    if result is None:
        return waiting
    reason = shown(result.reason)
    return f"{reason}\n{media_facts(media)}" if result.never_rendered else reason


class MediaTile(QWidget):
    # After every paint: the grid checks whether its first media is all on screen.
    paint_finished = Signal()

    def __init__(self, service: MediaService, parent: QWidget | None = None):
        super().__init__(parent)
        self._service = service
        self.media: MediaRef | None = None
        self.preset = MediaPreset()
        self.reveal = RevealState()
        self.base_key: RenderKey | None = None
        self.base: RenderResult | None = None
        self.reveal_key: RenderKey | None = None
        self.revealed: RenderResult | None = None
        self.painted: tuple = ()  # the keys the last paint actually showed
        self.relaxed = False
        self.current = False  # framed: a reveal by key opens here when the pointer is elsewhere
        self.listening: list[float] | None = None  # an audio item's waveform while it is heard
        self.setMouseTracking(True)
        # Every paint fills the whole tile: the widgets beneath need not paint under it.
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.index = 0  # its place in the grid, for the name a screen reader speaks

    # --- what to show ----------------------------------------------------------------------
    def show_media(self, media: MediaRef | None, preset: MediaPreset, box: tuple[int, int],
                   reveal: RevealState = RevealState(), fetch: bool = True) -> None:
        """`fetch`: ask for the renders now (else on the next `want`, with the laid-out box)."""
        if media is None or self.media is None or media.sha256 != self.media.sha256:
            self.base = self.revealed = None  # never leave another item's pixels on screen
            self.listening = None
        self.media, self.preset, self.reveal = media, preset, reveal
        self.relaxed = False  # set again by MediaGrid.relax_to, for this case only
        if fetch:
            self.want(box)
        else:
            self.base_key = self.reveal_key = None

    def set_current(self, current: bool) -> None:
        if current != self.current:
            self.current = current
            self.update()
            self._describe()

    def set_reveal(self, reveal: RevealState, box: tuple[int, int]) -> None:
        self.reveal = reveal
        self.want(box)

    def set_listening(self, peaks: list[float] | None) -> None:
        """The waveform to show while the item is heard (None: not heard)."""
        self.listening = peaks
        self.update()

    def is_audio(self) -> bool:
        return self.media is not None and is_audio(self.media.mime)

    def want(self, box: tuple[int, int]) -> None:
        self.base_key = self.reveal_key = None
        if self.is_audio():
            self.revealed = None  # sound has no picture to render or reveal
        elif self.media is not None:
            category = self.media.category
            scale = self.devicePixelRatioF()
            self.base_key = RenderKey.on_screen(self.media.sha256, box,
                                                style_for(self.preset, category), scale)
            if self.base is None or self.base_key != self._base_of:
                self._take(self.base_key, self._service.result(self.base_key))
            style = style_for(self.preset, category, stage=self.reveal.stage,
                              colour=self.reveal.colour)
            if style.stage is not Stage.BLURRED:  # the preset may stop a stage lower, or at none
                self.reveal_key = RenderKey.on_screen(self.media.sha256, box, style, scale)
                self._take(self.reveal_key, self._service.result(self.reveal_key))
        if self.reveal_key is None:
            self.revealed = None  # concealing is immediate: the revealed pixels are dropped
        self.update()
        self._describe()

    def accept(self, key: RenderKey, result: RenderResult) -> None:
        if key in (self.base_key, self.reveal_key):
            self._take(key, result)
            self.update()
            self._describe()

    def _take(self, key: RenderKey, result: RenderResult | None) -> None:
        if key == self.base_key:
            self.base, self._base_of = result, key
        elif key == self.reveal_key and result is not None:
            self.revealed, self._revealed_of = result, key

    _base_of: RenderKey | None = None
    _revealed_of: RenderKey | None = None

    # --- state for tests, the exposure meter and the benchmark ------------------------------
    def showing_revealed(self) -> bool:
        return (self.reveal_key is not None and self.revealed is not None
                and self._revealed_of == self.reveal_key and self.revealed.image is not None)

    def exposed_fraction(self) -> float:
        if not self.showing_revealed() or self.reveal.blanked:
            return 0.0
        return 1.0 if self.reveal.widened else self.reveal.spot_fraction

    def shown_stage(self) -> Stage:
        """The stage painted in the spotlight right now (blurred while none is)."""
        return self._revealed_of.style.stage if self.showing_revealed() else Stage.BLURRED

    def asked_stage(self) -> Stage:
        """The stage the reveal asks of the renderer, as far as the preset allows it."""
        return self.reveal_key.style.stage if self.reveal_key is not None else Stage.BLURRED

    def never_rendered(self) -> bool:
        """The renderer refused this item's category (what the label and the text say)."""
        return (self.base is not None and self._base_of == self.base_key
                and self.base.never_rendered)

    def is_settled(self) -> bool:
        """The last paint showed the final render of everything the tile wants (an item with
        no base image has no revealed one to wait for)."""
        if self.media is None:
            return True
        if self.reveal.blanked:
            return self.painted == ("metadata",)
        if self.is_audio():
            return self.painted == ("audio",)
        if self.base is None or not self.base.final:
            return False
        shows_reveal = self.reveal_key is not None and self.base.image is not None
        return self.painted == (self.base_key, self.reveal_key if shows_reveal else None)

    # --- painting ----------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        colours = current_palette()
        painter.fillRect(self.rect(), colours.colour("media_bg"))
        area = self.rect().adjusted(4, label_height(self.font()) + 4, -4, -4)
        if self.media is None:
            self.painted = ()
        elif self.reveal.blanked:
            painter.fillRect(self.rect(), Qt.GlobalColor.black)
            self._text(painter, area, tr("Media hidden — press the same key again to show "
                                          "blurred previews"))
            self.painted = ("metadata",)
        elif self.is_audio():
            self.painted = self._paint_audio(painter, area)
        else:
            self.painted = self._paint_media(painter, area)
        if self.media is not None and not self.reveal.blanked:
            self._paint_label(painter)
        if self.current and self.media is not None:
            painter.setPen(QPen(colours.colour("media_attention"), 2))
            painter.drawRect(self.rect().adjusted(1, 1, -2, -2))
        painter.end()
        self.paint_finished.emit()

    def _paint_media(self, painter: QPainter, area: QRect) -> tuple:
        base = self.base if self._base_of == self.base_key else None
        if base is None or base.image is None:
            waiting = tr("Preparing blurred preview…")
            self._text(painter, area, placeholder_text(self.media, base, waiting))
            self._known(painter, area)
            return (self.base_key, None) if base is not None and base.final else ()
        target = _centred(area, *logical_size(base.image))
        painter.drawImage(target.topLeft(), base.image)
        shown_reveal = None
        if self.showing_revealed():
            painter.save()
            if not self.reveal.widened:
                painter.setClipPath(self._spotlight(target))
            painter.drawImage(_centred(area, *logical_size(self.revealed.image)).topLeft(),
                              self.revealed.image)
            painter.restore()
            shown_reveal = self.reveal_key
        if base.caption:
            self._caption(painter, area, base.caption)
        if shown_reveal is None:
            self._known(painter, area)
        return (self.base_key, shown_reveal)

    def _spotlight(self, image_rect: QRect) -> QPainterPath:
        """A circle covering `spot_fraction` of the image, centred where the reviewer points."""
        radius = math.sqrt(self.reveal.spot_fraction * image_rect.width() * image_rect.height() / math.pi)
        centre = QPointF(image_rect.x() + self.reveal.spot[0] * image_rect.width(),
                         image_rect.y() + self.reveal.spot[1] * image_rect.height())
        path = QPainterPath()
        path.addEllipse(centre, radius, radius)
        clip = QPainterPath()
        clip.addRect(QRectF(image_rect))
        return path.intersected(clip)

    def _text(self, painter: QPainter, area: QRect, text: str) -> None:
        painter.setPen(current_palette().colour("media_muted"))
        painter.drawText(area, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, text)

    def _caption(self, painter: QPainter, area: QRect, text: str) -> None:
        strip = QRect(area.left(), area.bottom() - 22, area.width(), 22)
        painter.fillRect(strip, current_palette().colour("media_caption_bg"))
        painter.setPen(current_palette().colour("media_text"))
        painter.drawText(strip.adjusted(6, 0, -6, 0), Qt.AlignmentFlag.AlignVCenter, text)

    def _paint_audio(self, painter: QPainter, area: QRect) -> tuple:
        """Sound, never a picture: a waveform while it is heard, else what the listen key does."""
        if self.listening is not None:
            paint_waveform(painter, area.adjusted(8, 8, -8, -8), self.listening,
                           current_palette().colour("media_attention"))
        elif self.preset.audio:
            self._text(painter, area, self.tr("Audio · silent until you hold the listen key "
                                              "(volume capped)"))
        else:
            self._text(painter, area, self.tr("Audio · stays off for this category"))
        self._known(painter, area)
        return ("audio",)

    def known_text(self) -> list[str]:
        """What is known of the item without looking (earlier decisions on the same picture),
        painted over its blurred preview and never over a reveal."""
        return ([shown(line) for line in known_lines(self.media, self._service.policy_name)]
                if self.media else [])

    def _known(self, painter: QPainter, area: QRect) -> None:
        lines = self.known_text()
        if not lines:
            return
        step = line_height(self.font())
        height = step * len(lines) + 8
        strip = QRect(area.left(), area.top(), area.width(), height)
        painter.fillRect(strip, current_palette().colour("media_caption_bg"))
        painter.setPen(current_palette().colour("media_attention"))
        for number, line in enumerate(lines):
            row = QRect(strip.left() + 8, strip.top() + 4 + step * number, strip.width() - 16, step)
            text = painter.fontMetrics().elidedText(line, Qt.TextElideMode.ElideRight, row.width())
            painter.drawText(row, Qt.AlignmentFlag.AlignVCenter, text)

    def _paint_label(self, painter: QPainter) -> None:
        paint_label_strip(painter, self.width(), label_height(self.font()), self.font(),
                          category_title(self.media.category) + self._state_word(),
                          self.media.label, current_palette(), self.devicePixelRatioF())

    def _state_word(self) -> str:
        if self.never_rendered():
            return "  ·  " + tr("NEVER RENDERED")
        words = []
        if not (self.preset.reveal or self.preset.reduced):
            words.append(tr("REVEAL NOT ALLOWED"))
        elif not self.preset.reveal:
            words.append(tr("REAL PIXELS NOT ALLOWED"))
        if self.relaxed:
            words.append(tr("ORG PRESET FOR THIS CASE"))
        if self.showing_revealed():
            words.append(shown(self.shown_stage().words).upper())
        return "".join(f"  ·  {word}" for word in words)

    # --- what a screen reader is told ---------------------------------------------------------
    def _describe(self) -> None:
        """Name: which item and what it is; description: what is on screen of it now."""
        if self.media is None:
            return
        name = tr("Media item {number}: {category}").format(
            number=self.index + 1, category=category_title(self.media.category))
        if self.media.label:
            name += f" — {self.media.label}"
        describe(self, name, self.state_text() + self._state_word().replace("  ·  ", ". "))

    def state_text(self) -> str:
        """What the item shows, in words: hidden, blurred, reduced detail or real pixels."""
        if self.reveal.blanked:
            return tr("Hidden")
        if self.showing_revealed():
            return (tr("Real pixels revealed") if self.shown_stage() is Stage.REVEALED
                    else tr("Reduced detail revealed"))
        base = self.base if self._base_of == self.base_key else None
        if base is None or base.image is None:
            return placeholder_text(self.media, base, tr("Preparing blurred preview…"))
        return tr("Blurred and grey") + (f" ({base.caption})" if base.caption else "")

    # --- the pointer, told to the grid -------------------------------------------------------
    def enterEvent(self, event) -> None:  # noqa: N802
        self._pointed(event.position())

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        self._pointed(event.position())

    def leaveEvent(self, event) -> None:  # noqa: N802
        if hasattr(self.parent(), "pointer_left"):
            self.parent().pointer_left(self)

    def mousePressEvent(self, event) -> None:  # noqa: N802
        if hasattr(self.parent(), "choose"):
            self.parent().choose(self)

    def _pointed(self, position: QPointF) -> None:
        """Where the pointer is, as fractions of the image area (clamped by the reveal)."""
        if hasattr(self.parent(), "pointer_over"):
            area = self.rect().adjusted(4, label_height(self.font()) + 4, -4, -4)
            self.parent().pointer_over(self, (position.x() - area.x()) / max(1, area.width()),
                                       (position.y() - area.y()) / max(1, area.height()))


def _centred(area: QRect, width: int, height: int) -> QRect:
    return QRect(area.x() + (area.width() - width) // 2, area.y() + (area.height() - height) // 2,
                 width, height)
