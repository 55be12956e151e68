"""The media side of the window: reveal keys and hint, zoom, relaxing presets for one case,
the organisation's presets as they change, and the exposure reading with its break prompts.

The desk owns the preset books and the small wellness widgets (the window only places them);
what it needs of the case on screen comes in as two callables, and what it has to say goes
out through `message`.
"""

from __future__ import annotations

from typing import Callable

import sqlite_utils
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QLabel, QWidget

from reviewer.actions import ActionId
from reviewer.domain import Case
from reviewer.keymap import Keymap
from reviewer.media.exposure import BREAK, ExposureMeter
from reviewer.media.presets import MediaPreset, effective_books
from reviewer.media.stages import Stage
from ui.widgets.accessible import describe
from ui.keys.action_registry import Handlers, key_text
from ui.media.calm_break import CalmBreak
from ui.media.grid import MediaGrid
from ui.media.held_audio import HeldAudio
from ui.media.reveal_controller import RevealController
from ui.media.service import MediaService
from ui.media.wellness_labels import ExposureLabel, PromptBanner
from ui.media.zoom import ZoomDialog


class MediaDesk(QObject):
    message = Signal(str)

    def __init__(self, window: QWidget, media: MediaService, keymap: Keymap, meter: ExposureMeter,
                 db: sqlite_utils.Database, user_preset: MediaPreset | None,
                 current_case: Callable[[], Case | None], shown_case_id: Callable[[], str],
                 reveal_key: str):
        super().__init__(window)
        self.window, self.media, self.keymap, self.meter = window, media, keymap, meter
        self.db, self.user_preset, self.current_case = db, user_preset, current_case
        self.shown_case_id, self.reveal_key = shown_case_id, reveal_key or "reveal"
        self.presets, self.org_presets = effective_books(db, user_preset)
        self.grid = MediaGrid(media, self.presets)
        self.prompt_banner = PromptBanner()
        self.exposure_label = ExposureLabel()
        self.reveal_hint = QLabel()
        self.reveal_hint.setObjectName("revealHint")
        self.reveal_hint.setTextFormat(Qt.TextFormat.PlainText)
        self.panic_key = (key_text(keymap, ActionId.PANIC)
                          or self.tr("the panic action (Media menu)"))
        self.real_key = (key_text(keymap, ActionId.REAL_PIXELS)
                         or self.tr("Real pixels (Media menu)"))
        self.widen_key = key_text(keymap, ActionId.WIDEN_REVEAL) or self.tr("Widen (Media menu)")
        describe(self.reveal_hint, self.tr("Media mode"))
        describe(self.exposure_label, self.tr("Exposure"))
        describe(self.prompt_banner, self.tr("Wellness prompt"))
        self.reveal = RevealController(window, self.grid, keymap, meter, shown_case_id)
        self.reveal.exposure_changed.connect(self.show_exposure)
        self.audio = HeldAudio(window, self.grid, keymap, meter, db, shown_case_id)
        self.audio.message.connect(self.message)
        self.audio.exposure_changed.connect(self.show_exposure)
        self.grid.reveal_changed.connect(self.show_reveal_hint)

    def handlers(self) -> Handlers:
        # From the menu, reveal is a short peek (until the timeout); from the keyboard it is held.
        return {
            ActionId.REVEAL: self.reveal.hold,
            ActionId.REVEAL_COLOUR: lambda: self.reveal.hold(colour=True),
            ActionId.REAL_PIXELS: self.reveal.real_pixels,
            ActionId.WIDEN_REVEAL: self.reveal.widen,
            ActionId.NEXT_ITEM: lambda: self.grid.step_current(1),
            ActionId.PREV_ITEM: lambda: self.grid.step_current(-1),
            ActionId.PANIC: self.panic,
            ActionId.ZOOM: self.zoom,
            ActionId.TOOK_BREAK: self.took_break,
            ActionId.CALM_BREAK: self.calm_break,
            ActionId.RELAX_ITEM: self.relax_item,
        }

    def zoom(self) -> None:
        case = self.current_case()
        if case is None or not case.media:
            return
        self.reveal.conceal()
        ZoomDialog(self.media, self.presets, self.keymap, self.meter, case, self.window).exec()
        self.window.activateWindow()
        self.show_exposure()

    def relax_item(self) -> None:
        """Back to the organisation's presets for the media on screen only (until case change)."""
        if self.grid.relax_to(self.org_presets):
            self.message.emit(self.tr("Media of this case shown with the organisation's presets "
                                      "(your stricter settings return on the next case)."))

    def apply_org_presets(self) -> None:
        """The organisation's presets changed (a sync round): media on screen is shown again,
        concealed, under the new ones."""
        self.presets, self.org_presets = effective_books(self.db, self.user_preset)
        self.grid.presets = self.presets
        self.grid.set_media(self.grid.media)

    def panic(self) -> None:
        """Blank all media at once; the same key brings the blurred previews back."""
        self.reveal.toggle_panic()
        if self.grid.reveal.blanked:
            self.message.emit(self.tr("All media hidden. {key} again shows the blurred "
                                      "previews.").format(key=self.panic_key))
        else:
            self.message.emit(self.tr("Blurred previews shown again ({key} hides all media).")
                              .format(key=self.panic_key))

    def show_reveal_hint(self, reveal) -> None:
        """The media mode, always in the status bar: hidden, the stage on screen while reveal is
        held (with the next step it allows), or blurred."""
        if reveal.blanked:
            mode = "hidden"
            text = self.tr("ALL MEDIA HIDDEN — {key} shows blurred previews").format(
                key=self.panic_key)
        elif reveal.held:
            mode, text = self._held_hint(reveal)
        else:
            mode = "blurred"
            text = self.tr("Blurred · hold {reveal} to reveal (reduced detail first) · {panic} "
                           "hides all").format(reveal=self.reveal_key, panic=self.panic_key)
        self.reveal_hint.setText(text)
        describe(self.reveal_hint, self.tr("Media mode"), text)
        if self.reveal_hint.property("revealMode") != mode:
            self.reveal_hint.setProperty("revealMode", mode)
            self.reveal_hint.style().polish(self.reveal_hint)  # the stylesheet colours the mode

    def _held_hint(self, reveal) -> tuple[str, str]:
        stage = self.grid.asked_stage()
        real_allowed = self.grid.tiles[reveal.item].preset.allows(Stage.REVEALED)
        widen = "" if reveal.widened else self.tr(" · {key}: whole image").format(
            key=self.widen_key)
        if stage is Stage.REVEALED:
            return "revealed", self.tr("REAL PIXELS — release to blur") + widen
        if stage is Stage.REDUCED:
            step = (self.tr("{key}: real pixels").format(key=self.real_key) if real_allowed
                    else self.tr("real pixels not allowed for this category"))
            return "reduced", self.tr("REDUCED DETAIL — {step}{widen} · release to blur").format(
                step=step, widen=widen)
        if real_allowed:
            return "blurred", self.tr("Still blurred: reduced detail not allowed for this "
                                      "category · {key}: real pixels").format(key=self.real_key)
        return "blurred", self.tr("Still blurred: this category is not revealed")

    def show_exposure(self) -> None:
        self.exposure_label.show_reading(self.meter.reading(self.shown_case_id()))
        for prompt in self.meter.new_prompts():
            self.prompt_banner.show_prompt(prompt)
            if prompt == BREAK:
                self._offer_calm_break(at_reminder=True)

    def took_break(self) -> None:
        self.meter.took_break()
        if self.prompt_banner.prompt == BREAK:
            self.prompt_banner.dismiss()
        self._offer_calm_break()

    def calm_break(self) -> None:
        """The optional palate-cleanser: opened only by its own key, closed by Esc."""
        self.reveal.conceal()
        CalmBreak(self.window).exec()
        self.window.activateWindow()

    def _offer_calm_break(self, at_reminder: bool = False) -> None:
        key = key_text(self.keymap, ActionId.CALM_BREAK)
        if not key:
            return
        if at_reminder:
            text = self.tr("For the break, if you like: {key} shows a calm picture with a slow "
                           "breathing pace (optional).")
        else:
            text = self.tr("Break noted. If you like, {key} shows a calm picture with a slow "
                           "breathing pace (optional).")
        self.message.emit(text.format(key=key))

    def shutdown(self) -> None:
        self.reveal.shutdown()
        self.audio.shutdown()
        self.meter.flush(decisions=True)  # how the last cases were decided, not yet saved
