"""Theme (follow the desktop, dark, light), text size (the desktop's, or one chosen) and the
interface language (the system's, or one shipped; it changes at the next start)."""

from __future__ import annotations

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QCheckBox, QComboBox, QDoubleSpinBox, QFormLayout, QLabel, QWidget

from ui.i18n.language import SOURCE_LANGUAGE, shipped_languages
from ui.theme.theme import THEME_CHOICES

# Each language in its own words (Qt's native names carry a country: "Español de España").
_NATIVE = {"en": "English", "es": "Español"}


class AppearancePage(QWidget):
    def __init__(self, choice: str, text_pt: float | None, desktop_pt: float,
                 language: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.theme = QComboBox()
        self.theme.setObjectName("themeChoice")
        names = {"system": self.tr("Follow the desktop"), "dark": self.tr("Dark"),
                 "light": self.tr("Light")}
        for value in THEME_CHOICES:
            self.theme.addItem(names[value], value)
        self.theme.setCurrentIndex(THEME_CHOICES.index(choice))
        self.follow_size = QCheckBox(self.tr("Use the desktop's text size"))
        self.follow_size.setObjectName("followTextSize")
        self.follow_size.setChecked(text_pt is None)
        self.size = QDoubleSpinBox(decimals=1, minimum=6, maximum=40, singleStep=0.5)
        self.size.setObjectName("textSize")
        self.size.setSuffix(self.tr(" pt"))
        self.size.setValue(text_pt or desktop_pt)
        self.size.setEnabled(text_pt is not None)
        self.follow_size.toggled.connect(lambda follow: self.size.setEnabled(not follow))
        self.language = QComboBox()
        self.language.setObjectName("languageChoice")
        self.language.addItem(self.tr("Follow the system"), "")
        for code in [SOURCE_LANGUAGE, *shipped_languages()]:
            self.language.addItem(_NATIVE.get(code) or QLocale.languageToString(
                QLocale(code).language()), code)
        self.language.setCurrentIndex(max(0, self.language.findData(language or "")))
        note = QLabel(self.tr("Following the desktop, the theme changes when the desktop "
                              "switches between light and dark. Both apply as soon as you save; the language changes at the next start."))
        note.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(self.tr("Theme"), self.theme)
        form.addRow(self.follow_size)
        form.addRow(self.tr("Text size"), self.size)
        form.addRow(self.tr("Language"), self.language)
        form.addRow(note)

    def choice(self) -> str:
        return self.theme.currentData()

    def language_code(self) -> str | None:
        """The language setting: a shipped language's code, or None to follow the system."""
        return self.language.currentData() or None

    def text_pt(self) -> float | None:
        return None if self.follow_size.isChecked() else self.size.value()
