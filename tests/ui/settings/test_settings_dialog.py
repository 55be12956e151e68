"""Ctrl+, opens the settings dialog; what is saved lands in settings.json and keymap.toml and
applies to the running window; media can only be made stricter than the organisation's."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from reviewer.actions import ActionId
from reviewer.keymap import load_keymap
from ui.settings.desk import SettingsDesk
from ui.theme.palette import LIGHT
from ui.theme.theme import Theme


def _answer(window, qtbot, answer) -> None:
    """Press Ctrl+, in the window and let `answer(dialog)` fill in the dialog."""
    desk = window.findChild(SettingsDesk)
    seen = []

    def on_open(dialog):
        seen.append(dialog)
        QTimer.singleShot(0, lambda: answer(dialog))

    desk.opened.connect(on_open)
    qtbot.keyClick(window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    desk.opened.disconnect(on_open)
    assert seen, "Ctrl+, did not open the settings dialog"


def test_ctrl_comma_opens_settings_and_saving_applies_them(offline_window, qtbot, tmp_path):
    window = offline_window
    profile_dir = tmp_path / "profile"

    def answer(dialog):
        assert not dialog.media.rows["gore"][1]["colour"].isEnabled()  # the org holds it strict
        dialog.media.rows["graphic_violence"][1]["reveal"].setChecked(False)
        dialog.media.rows["graphic_violence"][0].setValue(0.3)
        dialog.appearance.theme.setCurrentIndex(dialog.appearance.theme.findData("light"))
        dialog.wellness.cap.setValue(10)
        dialog.appearance.language.setCurrentIndex(dialog.appearance.language.findData("es"))
        dialog.accept()

    told = []
    window.findChild(SettingsDesk).message.connect(told.append)
    try:
        _answer(window, qtbot, answer)
        # the language waits for the next start, so "applied" alone would mislead
        assert told and "language" in told[-1] and "next start" in told[-1]
        settings = json.loads((profile_dir / "settings.json").read_text(encoding="utf-8"))
        assert settings["media_categories"] == {"graphic_violence": {"blur_fraction": 0.3,
                                                                     "reveal": False}}
        assert settings["theme"] == "light" and settings["exposure"]["daily_cap_min"] == 10
        assert settings["language"] == "es"  # read at the next start
        applied = window.media_desk.presets.for_category("graphic_violence")
        assert (applied.reveal, applied.blur_fraction) == (False, 0.3)  # without a restart
        assert window.meter.settings.daily_cap_s == 600
        assert Theme.of(QApplication.instance()).palette is LIGHT
    finally:
        Theme.of(QApplication.instance()).apply("dark")
        QApplication.instance().setStyleSheet("")


def test_the_org_floor_cannot_be_undercut_in_the_dialog(offline_window, qtbot):
    def answer(dialog):
        blur, boxes = dialog.media.rows["gore"]
        blur.setValue(0.01)  # below the organisation's 0.14
        assert blur.value() == dialog.media.org.for_category("gore").blur_fraction
        boxes["grayscale"].setChecked(False)  # disabled: the org keeps it grayscale
        assert dialog.media.tables()["gore"] == {}
        dialog.reject()

    _answer(offline_window, qtbot, answer)


def test_rebinding_names_a_conflict_as_you_type_and_writes_keymap_toml(offline_window, qtbot,
                                                                        tmp_path):
    keymap_path = tmp_path / "profile" / "keymap.toml"
    keymap_path.write_text("# mine\n[case]\nskip = \"S\"\n", encoding="utf-8")
    verdicts = []

    def answer(dialog):
        keys = dialog.keys
        keys.select(ActionId.ZOOM)
        qtbot.keyClick(keys.capture, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
        verdicts.append((keys.verdict.text(), keys.bind.isEnabled()))
        keys.capture.clear()
        qtbot.keyClick(keys.capture, Qt.Key.Key_F9)
        verdicts.append((keys.verdict.text(), keys.bind.isEnabled()))
        qtbot.mouseClick(keys.bind, Qt.MouseButton.LeftButton)
        dialog.reject()  # keys are saved as they are made, whatever happens to the rest

    _answer(offline_window, qtbot, answer)
    (conflict, could_bind), (free, can_bind) = verdicts
    assert "Command palette" in conflict and not could_bind
    assert "F9" in free and can_bind
    assert "# mine" in keymap_path.read_text(encoding="utf-8")
    assert load_keymap(keymap_path).keys_for("case", ActionId.ZOOM) == ["F9"]


def test_a_hand_edit_gone_wrong_is_said_at_start_and_the_file_kept(qtbot, tmp_path):
    from reviewer.profile import Profile
    from tests.ui.conftest import prepare_store
    from ui.app import build_workstation

    profile = Profile(tmp_path / "p").ensure()
    prepare_store(profile)
    written = ('{"theme": "purple", "exposure": {"daily_cap_min": 90},\n'
               ' "media_categories": {"gore": {"sharpness": 2}}}')
    profile.settings_path.write_text(written, encoding="utf-8")
    window = build_workstation(profile, None, None, undo_grace_s=0)
    qtbot.addWidget(window)
    said = " ".join(message.text for message in window.status_line.history())
    for words in ("settings.json", "theme", "daily_cap_min", "sharpness"):
        assert words in said
    assert window.meter.settings.daily_cap_s == 20 * 60  # the default, not 90 minutes
    assert profile.settings_path.read_text(encoding="utf-8") == written
