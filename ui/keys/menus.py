"""The menu bar: which actions each menu lists, in order. The entries are the registry's
QActions (ui/keys/action_registry.py), so a menu entry, its shortcut, its button and its palette
entry are one object; moving an action to another menu is a change here only."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QMenuBar

from reviewer.actions import DECISION_KINDS, ActionId
from ui.keys.action_registry import ActionRegistry

MENUS = (  # menu title (marked for lupdate, translated when built), the actions it lists
    (QT_TRANSLATE_NOOP("MainWindow", "&Decide"), (*DECISION_KINDS, ActionId.ACCEPT_SUGGESTED,
                                                 ActionId.UNDO, ActionId.SWEEP)),
    (QT_TRANSLATE_NOOP("MainWindow", "&Go"), (
        ActionId.NEXT_CASE, ActionId.PREV_CASE, ActionId.SKIP, ActionId.HOLD, ActionId.HAND_OFF,
        ActionId.NEXT_QUEUE, ActionId.PREV_QUEUE, ActionId.SEARCH, ActionId.FILTER_SORT,
        ActionId.CLEAR_FILTERS,
        ActionId.NEXT_PANE, ActionId.PREV_PANE)),
    (QT_TRANSLATE_NOOP("MainWindow", "&Media"), (
        ActionId.REVEAL, ActionId.REVEAL_COLOUR, ActionId.REAL_PIXELS, ActionId.WIDEN_REVEAL,
        ActionId.NEXT_ITEM, ActionId.PREV_ITEM, ActionId.PANIC, ActionId.ZOOM,
        ActionId.RELAX_ITEM, ActionId.TOOK_BREAK)),
    (QT_TRANSLATE_NOOP("MainWindow", "&Sync"), (ActionId.SYNC_NOW, ActionId.SHOW_CONFLICTS)),
    (QT_TRANSLATE_NOOP("MainWindow", "&Investigate"), (
        ActionId.INVESTIGATE, ActionId.ACCOUNT_NOTE, ActionId.ALERTS, ActionId.INCIDENTS,
        ActionId.ADD_TO_INCIDENT)),
    (QT_TRANSLATE_NOOP("MainWindow", "&Guidelines"), (ActionId.GUIDELINES,
                                                      ActionId.ACKNOWLEDGE_BULLETIN)),
    (QT_TRANSLATE_NOOP("MainWindow", "&Figures"), (ActionId.DASHBOARD,)),
    (QT_TRANSLATE_NOOP("MainWindow", "&Account"), (ActionId.SETTINGS, ActionId.SIGN_IN_AGAIN,
                                                   ActionId.SIGN_OUT, ActionId.QUIT)),
    (QT_TRANSLATE_NOOP("MainWindow", "&Help"), (ActionId.MESSAGE_LOG, ActionId.CHEAT_SHEET,
                                              ActionId.OPEN_LOG_FOLDER)),
)


def build_menus(bar: QMenuBar, registry: ActionRegistry) -> None:
    for title, action_ids in MENUS:
        menu = bar.addMenu(QCoreApplication.translate("MainWindow", title))
        for action_id in action_ids:
            menu.addAction(registry.actions[action_id])
