"""Ctrl+, : the settings dialog, and applying what it saved to the running window.

The choices land in the same settings.json a reviewer can edit by hand (reviewer/user_settings.py)
and take effect at once where that is practical: the theme and text size, the media presets of
what is on screen (shown again, concealed, under the new ones), the exposure limits. Keys are
written as they are changed and apply from the next start; the dialog says so."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from reviewer.actions import ActionId
from reviewer.media.exposure import ExposureMeter
from reviewer.profile import Profile
from reviewer.user_settings import (LANGUAGE_KEY, TEXT_SIZE_KEY, THEME_KEY, save_exposure, save_media_categories,
                                    user_media)
from ui.keys.action_registry import Handlers
from ui.media.desk import MediaDesk
from ui.settings.dialog import SettingsDialog
from ui.theme.theme import Theme


class SettingsDesk(QObject):
    message = Signal(str)
    opened = Signal(object)  # the dialog, once shown (tests answer it)

    def __init__(self, window: QWidget, profile: Profile, media_desk: MediaDesk,
                 meter: ExposureMeter, conceal=lambda: None):
        super().__init__(window)
        self.window, self.profile = window, profile
        self.media_desk, self.meter, self.conceal = media_desk, meter, conceal
        self.theme = Theme.of(QApplication.instance())

    def handlers(self) -> Handlers:
        return {ActionId.SETTINGS: self.open}

    def open(self) -> None:
        self.conceal()  # a dialog on top: nothing stays revealed behind it
        dialog = SettingsDialog(self.profile, self.theme, self.media_desk.presets,
                                self.media_desk.org_presets, self.meter.settings, self.window)
        self.opened.emit(dialog)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.apply(dialog)
        self.window.activateWindow()

    def apply(self, dialog: SettingsDialog) -> None:
        appearance = dialog.appearance
        self.profile.save_setting(THEME_KEY, appearance.choice())
        self.profile.save_setting(TEXT_SIZE_KEY, appearance.text_pt())
        self.profile.save_setting(LANGUAGE_KEY, appearance.language_code())
        self.theme.apply(appearance.choice(), appearance.text_pt())
        self.meter.settings = save_exposure(self.profile, dialog.wellness.cap.value(),
                                            dialog.wellness.every.value())
        save_media_categories(self.profile, dialog.media.tables())
        self.media_desk.user_preset = user_media(self.profile.settings())
        self.media_desk.apply_org_presets()
        self.message.emit(self.tr("Settings saved and applied (language and key changes apply "
                                  "from the next start)."))
