"""Rebinding from the settings dialog edits keymap.toml in place: hand edits and comments stay,
a conflict is named before anything is written, a reset keeps the reviewer's file aside."""

from __future__ import annotations

import pytest

from reviewer.actions import ActionId
from reviewer.keymap import KeymapError, load_keymap
from reviewer.keymap_file import conflicts_with, reset_all, reset_binding, set_binding

HAND_WRITTEN = """# my keys — written by hand
[case]
# left hand only
remove = "Q"
next_case = [
    "J",
    "Down",
]
"""


def test_a_rebind_changes_one_line_and_keeps_the_hand_edits(tmp_path):
    path = tmp_path / "keymap.toml"
    path.write_text(HAND_WRITTEN, encoding="utf-8")
    set_binding(path, "case", ActionId.NEXT_CASE, ["Ctrl+J"])
    set_binding(path, "case", ActionId.ZOOM, ["Ctrl+Alt+Z", "F"])
    text = path.read_text(encoding="utf-8")
    assert "# left hand only" in text and 'remove = "Q"' in text and "Down" not in text
    keymap = load_keymap(path)
    assert keymap.keys_for("case", ActionId.NEXT_CASE) == ["Ctrl+J"]
    assert keymap.keys_for("case", ActionId.ZOOM) == ["Ctrl+Alt+Z", "F"]
    assert keymap.keys_for("case", ActionId.REMOVE) == ["Q"]


def test_unbind_default_and_a_mode_the_file_did_not_have(tmp_path):
    path = tmp_path / "keymap.toml"
    path.write_text(HAND_WRITTEN, encoding="utf-8")
    set_binding(path, "case", ActionId.ZOOM, [])
    set_binding(path, "sweep", ActionId.SELECT_ALL, ["Ctrl+Shift+A"])
    reset_binding(path, "case", ActionId.REMOVE)
    keymap = load_keymap(path)
    assert keymap.keys_for("case", ActionId.ZOOM) == []
    assert keymap.keys_for("sweep", ActionId.SELECT_ALL) == ["Ctrl+Shift+A"]
    assert keymap.keys_for("case", ActionId.REMOVE) == ["2"]  # the shipped default again


def test_a_conflict_is_named_whatever_the_spelling(tmp_path):
    keymap = load_keymap(None)
    assert conflicts_with(keymap, "case", ActionId.ZOOM, "ctrl+k") == ActionId.PALETTE
    assert conflicts_with(keymap, "case", ActionId.PALETTE, "Ctrl+K") is None  # its own key
    assert conflicts_with(keymap, "case", ActionId.ZOOM, "Ctrl+Alt+F9") is None


def test_a_file_that_would_not_load_is_left_as_it_was(tmp_path):
    path = tmp_path / "keymap.toml"
    path.write_text('[case]\nremove = "Q"\nbogus_line_without_value\n', encoding="utf-8")
    before = path.read_text(encoding="utf-8")
    with pytest.raises(KeymapError):
        set_binding(path, "case", ActionId.ZOOM, ["F"])
    assert path.read_text(encoding="utf-8") == before


def test_reset_all_keeps_the_reviewers_file_aside(tmp_path):
    path = tmp_path / "keymap.toml"
    path.write_text(HAND_WRITTEN, encoding="utf-8")
    backup = reset_all(path)
    assert not path.exists() and backup.read_text(encoding="utf-8") == HAND_WRITTEN
    assert load_keymap(path).keys_for("case", ActionId.REMOVE) == ["2"]
