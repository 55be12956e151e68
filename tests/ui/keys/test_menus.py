"""The menu bar lists the registry's actions: a menu entry is the action, with its key."""

from __future__ import annotations

from reviewer.actions import ActionId


def test_ctrl_q_quits_from_the_account_menu(offline_window):
    window = offline_window
    account = next(a.menu() for a in window.menuBar().actions() if "Account" in a.text())
    quit_entry = window.registry.actions[ActionId.QUIT]
    assert quit_entry in account.actions()
    assert quit_entry.shortcut().toString() == "Ctrl+Q"
    quit_entry.trigger()
    assert not window.isVisible()
