"""The demo keeps its cache under <profile>/demo/, but the reviewer's own files stay where the
README says: keymap.toml and settings.json in the profile directory they named."""

from __future__ import annotations

import json

from reviewer.actions import ActionId
from reviewer.profile import Profile
from ui.app import build_workstation


def test_the_demo_window_takes_keys_and_settings_from_the_named_profile(qtbot, tmp_path):
    named = Profile(tmp_path / "profile").ensure()
    (named.root / "keymap.toml").write_text('[case]\nskip = "Q"\n', encoding="utf-8")
    (named.root / "settings.json").write_text(json.dumps({"media": {"grayscale": True}}),
                                              encoding="utf-8")
    demo = Profile(named.root / "demo" / "workstation", config_root=named.root)
    window = build_workstation(demo, None, None, undo_grace_s=0)
    qtbot.addWidget(window)
    assert window.registry.key_text(ActionId.SKIP) == "Q"
    assert window.media_desk.user_preset is not None  # the reviewer's own media setting
    assert (demo.root / "store.sqlite3").exists() and not (named.root / "store.sqlite3").exists()
