from reviewer.actions import ActionId
from reviewer.keymap import KeymapError, load_keymap

import pytest


def test_shipped_defaults_bind_every_decision_to_one_key():
    keymap = load_keymap()
    assert keymap.conflicts == []
    assert keymap.keys_for("case", ActionId.NO_VIOLATION) == ["1"]
    assert keymap.keys_for("case", ActionId.REMOVE) == ["2"]
    assert keymap.keys_for("case", ActionId.ESCALATE) == ["E"]
    assert keymap.action_for("case", "down") == ActionId.NEXT_CASE


def test_user_override_rebinds_and_empty_value_unbinds(tmp_path):
    user = tmp_path / "keymap.toml"
    user.write_text('[case]\nremove = "R"\nskip = ""\n', encoding="utf-8")
    keymap = load_keymap(user)
    assert keymap.keys_for("case", ActionId.REMOVE) == ["R"]
    assert keymap.keys_for("case", ActionId.SKIP) == []
    assert keymap.keys_for("case", ActionId.NO_VIOLATION) == ["1"]  # untouched defaults stay


def test_conflict_is_reported_naming_both_actions(tmp_path):
    user = tmp_path / "keymap.toml"
    user.write_text('[case]\nsuspend = "2"\n', encoding="utf-8")
    keymap = load_keymap(user)
    assert len(keymap.conflicts) == 1
    assert "'remove'" in keymap.conflicts[0] and "'suspend'" in keymap.conflicts[0]
    assert keymap.action_for("case", "2") == ActionId.REMOVE


def test_unknown_action_and_bad_toml_give_clear_errors(tmp_path):
    user = tmp_path / "keymap.toml"
    user.write_text('[case]\nnuke_everything = "N"\n', encoding="utf-8")
    with pytest.raises(KeymapError, match="unknown action 'nuke_everything'"):
        load_keymap(user)
    user.write_text("[case\n", encoding="utf-8")
    with pytest.raises(KeymapError, match="cannot read keymap"):
        load_keymap(user)


@pytest.mark.parametrize("spelling", ["Shift+Ctrl+Z", "ctrl+shift+z", "Shift + Control + Z"])
def test_a_conflict_is_found_whatever_the_modifier_order(tmp_path, spelling):
    # The shipped keymap binds reverse to Ctrl+Shift+Z; the same key spelled another way
    # is the same key to Qt, so it must be reported, not silently shadowed.
    user = tmp_path / "keymap.toml"
    user.write_text(f'[case]\nskip = "{spelling}"\n', encoding="utf-8")
    keymap = load_keymap(user)
    assert len(keymap.conflicts) == 1
    assert "'reverse'" in keymap.conflicts[0] and "'skip'" in keymap.conflicts[0]
    assert keymap.keys_for("case", ActionId.SKIP) == []
    assert keymap.action_for("case", spelling) == ActionId.REVERSE


def test_modifier_order_does_not_merge_different_keys(tmp_path):
    user = tmp_path / "keymap.toml"
    user.write_text('[case]\nskip = ["Ctrl+K, Shift+Alt+S", "Ctrl++", "Ctrl+Alt+,"]\n',
                    encoding="utf-8")
    keymap = load_keymap(user)
    assert keymap.conflicts == []
    assert keymap.action_for("case", "Ctrl+K, Alt+Shift+S") == ActionId.SKIP
    assert keymap.action_for("case", "Ctrl++") == ActionId.SKIP
    assert keymap.action_for("case", "Ctrl+Shift+Z") == ActionId.REVERSE
