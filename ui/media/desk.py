"""The media side of the window: reveal keys and hint, zoom, relaxing presets for one case,
the organisation's presets as they change, and the exposure reading with its break prompts.

MainWindow owns the widgets; this wires the media actions to them so the window itself stays
about cases and decisions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from reviewer.actions import ActionId
from reviewer.media.exposure import BREAK
from reviewer.media.presets import effective_books
from ui.media.reveal_controller import RevealController
from ui.media.zoom import ZoomDialog

if TYPE_CHECKING:
    from ui.main_window import MainWindow


class MediaDesk(QObject):
    def __init__(self, window: "MainWindow"):
        super().__init__(window)
        self.window = window
        self.reveal = RevealController(window, window.media_grid, window.keymap, window.meter,
                                       lambda: window.shown_case_id)
        self.reveal.exposure_changed.connect(self.show_exposure)
        window.media_grid.reveal_changed.connect(self.show_reveal_hint)
        r = window.registry
        # From the menu, reveal is a short peek (until the timeout); from the keyboard it is held.
        r.connect(ActionId.REVEAL, self.reveal.hold)
        r.connect(ActionId.REVEAL_COLOUR, lambda: self.reveal.hold(colour=True))
        r.connect(ActionId.WIDEN_REVEAL, self.reveal.widen)
        r.connect(ActionId.PANIC, self.reveal.toggle_panic)
        r.connect(ActionId.ZOOM, self.zoom)
        r.connect(ActionId.TOOK_BREAK, self.took_break)
        r.connect(ActionId.RELAX_ITEM, self.relax_item)

    def zoom(self) -> None:
        w = self.window
        case = w.session.current()
        if case is None or not case.media:
            return
        w.conceal()
        ZoomDialog(w.media, w.presets, w.keymap, w.meter, case, w).exec()
        w.activateWindow()
        self.show_exposure()

    def relax_item(self) -> None:
        """Back to the organisation's presets for the media on screen only (until case change)."""
        if self.window.media_grid.relax_to(self.window.org_presets):
            self.window.last_decision.setText(
                "Media of this case shown with the organisation's presets (your stricter "
                "settings return on the next case).")

    def apply_org_presets(self) -> None:
        """The organisation's presets changed (a sync round): media on screen is shown again,
        concealed, under the new ones."""
        w = self.window
        w.presets, w.org_presets = effective_books(w.session.cache.db, w.user_preset)
        w.media_grid.presets = w.presets
        w.media_grid.set_media(w.media_grid.media)

    def show_reveal_hint(self, reveal) -> None:
        key = self.window.registry.key_text(ActionId.REVEAL) or "reveal"
        if reveal.blanked:
            text = "ALL MEDIA HIDDEN — Esc to show blurred previews"
        elif reveal.held:
            text = "REVEALED — release to blur" + ("" if reveal.widened else " · W: whole image")
        else:
            text = f"Blurred · hold {key} to reveal"
        self.window.reveal_hint.setText(text)

    def show_exposure(self) -> None:
        w = self.window
        w.exposure_label.show_reading(w.meter.reading(w.shown_case_id))
        for prompt in w.meter.new_prompts():
            w.prompt_banner.show_prompt(prompt)

    def took_break(self) -> None:
        self.window.meter.took_break()
        if self.window.prompt_banner.prompt == BREAK:
            self.window.prompt_banner.dismiss()
