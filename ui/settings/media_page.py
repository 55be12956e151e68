"""Media strictness per category, never looser than the organisation's presets.

Each category's row starts from the reviewer's settings in force; a control that would loosen
past the organisation's line is not offered (a checkbox the organisation already holds strict is
shown ticked, or unticked, and disabled; the blur cannot go below the organisation's). What is
written back is only what differs from the organisation's preset (`tightening`)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (QCheckBox, QDoubleSpinBox, QGridLayout, QLabel, QScrollArea,
                               QVBoxLayout, QWidget)

from reviewer.media.presets import MediaPreset, PresetBook, tightening
from ui.media.tile import category_title

# (setting, whether ticking the box is the stricter choice)
_BOXES = (("grayscale", True), ("reduced", False), ("reveal", False), ("colour", False),
          ("never_render", True))


class MediaPage(QWidget):
    def __init__(self, mine: PresetBook, org: PresetBook, parent: QWidget | None = None):
        super().__init__(parent)
        self.org = org
        self.rows: dict[str, tuple[QDoubleSpinBox, dict[str, QCheckBox]]] = {}
        note = QLabel(self.tr(
            "You can only be stricter than your organisation's presets: what it already holds "
            "strict is ticked or unticked and cannot be changed here. Media on screen is shown "
            "again with these settings when you save; a category set to never render also "
            "stops being downloaded from the next start."))
        note.setWordWrap(True)
        grid = QGridLayout()
        heads = (self.tr("Category"), self.tr("Blur (share of the image)"), self.tr("Grayscale"),
                 self.tr("Reduced detail"), self.tr("Real pixels"), self.tr("Colour"),
                 self.tr("Never render"))
        for column, text in enumerate(heads):
            grid.addWidget(QLabel(text), 0, column)
        for row, name in enumerate(sorted(org.categories), 1):
            self._add_row(grid, row, name, mine.for_category(name), org.for_category(name))
        grid.setRowStretch(len(org.categories) + 1, 1)  # rows at the top, not spread out
        body = QWidget()
        body.setLayout(grid)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(scroll, 1)

    def _add_row(self, grid: QGridLayout, row: int, name: str, mine: MediaPreset,
                 floor: MediaPreset) -> None:
        grid.addWidget(QLabel(category_title(name)), row, 0)
        blur = QDoubleSpinBox(decimals=2, singleStep=0.01, maximum=0.5)
        blur.setMinimum(floor.blur_fraction)  # never less blurred than the organisation's
        blur.setValue(max(mine.blur_fraction, floor.blur_fraction))
        blur.setObjectName(f"blur_{name}")
        grid.addWidget(blur, row, 1)
        boxes = {}
        for column, (setting, tick_is_strict) in enumerate(_BOXES, 2):
            box = QCheckBox()
            box.setObjectName(f"{setting}_{name}")
            box.setChecked(bool(getattr(mine, setting)))
            held = getattr(floor, setting) == tick_is_strict  # the organisation is strict here
            if held:
                box.setChecked(tick_is_strict)
                box.setEnabled(False)
                box.setToolTip(self.tr("Your organisation's preset: you can only be stricter."))
            grid.addWidget(box, row, column)
            boxes[setting] = box
        self.rows[name] = (blur, boxes)

    def chosen(self, name: str) -> MediaPreset:
        blur, boxes = self.rows[name]
        values = {setting: box.isChecked() for setting, box in boxes.items()}
        return replace(self.org.for_category(name), blur_fraction=round(blur.value(), 2), **values)

    def tables(self) -> dict[str, dict]:
        """settings.json "media_categories": per category, only what is stricter than the org."""
        return {name: tightening(self.chosen(name), self.org.for_category(name))
                for name in self.rows}
