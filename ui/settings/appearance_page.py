"""Theme (follow the desktop, dark, light) and text size (the desktop's, or one chosen)."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QDoubleSpinBox, QFormLayout, QLabel, QWidget

from ui.theme.theme import THEME_CHOICES


class AppearancePage(QWidget):
    def __init__(self, choice: str, text_pt: float | None, desktop_pt: float,
                 parent: QWidget | None = None):
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
        note = QLabel(self.tr("Following the desktop, the theme changes when the desktop "
                              "switches between light and dark. Both apply as soon as you save."))
        note.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(self.tr("Theme"), self.theme)
        form.addRow(self.follow_size)
        form.addRow(self.tr("Text size"), self.size)
        form.addRow(note)

    def choice(self) -> str:
        return self.theme.currentData()

    def text_pt(self) -> float | None:
        return None if self.follow_size.isChecked() else self.size.value()
