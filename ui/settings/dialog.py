"""The settings dialog: appearance, media, wellness limits and keys, each on its own tab.

It only gathers choices; ui/settings/desk.py writes them to settings.json and applies them.
Keys are the exception: the keys tab writes keymap.toml as each change is made."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTabWidget, QVBoxLayout, QWidget

from reviewer.media.exposure import ExposureSettings
from reviewer.media.presets import PresetBook
from reviewer.profile import Profile
from ui.settings.appearance_page import AppearancePage
from ui.settings.keys_page import KeysPage
from ui.settings.media_page import MediaPage
from ui.settings.wellness_page import WellnessPage
from ui.theme.theme import Theme


class SettingsDialog(QDialog):
    def __init__(self, profile: Profile, theme: Theme, mine: PresetBook, org: PresetBook,
                 exposure: ExposureSettings, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self.appearance = AppearancePage(theme.choice, theme.text_pt, theme.desktop_pt,
                                         profile.settings().get("language") or "")
        self.media = MediaPage(mine, org)
        self.wellness = WellnessPage(exposure)
        self.keys = KeysPage(profile.keymap_path)
        self.tabs = QTabWidget()
        for page, title in ((self.appearance, self.tr("Appearance")),
                            (self.media, self.tr("Media")), (self.wellness, self.tr("Wellness")),
                            (self.keys, self.tr("Keys"))):
            self.tabs.addTab(page, title)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        self.resize(860, 560)
