"""Every user action has an id; keymaps, menus, the palette and the session all speak in these.

Most ids are the workstation's own (moving, revealing, the palette). The decision ids are the
wire actions of reviewer/contract/actions.py under the same values; whether a decision closes
the case and whether the server insists on a note come from there, never from a second list here.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from reviewer.contract.actions import CLOSING_ACTIONS, NOTE_REQUIRED_ACTIONS, Action
from reviewer.words import Phrase, translate


class ActionId(str, Enum):
    NO_VIOLATION = Action.no_violation.value
    REMOVE = Action.remove.value
    LABEL_SENSITIVE = Action.label_sensitive.value
    RESTRICT_REACH = Action.restrict_reach.value
    SUSPEND = Action.suspend.value
    ESCALATE = Action.escalate.value
    APPROVE = Action.approve.value  # a senior upholds the decision awaiting approval (four eyes)
    REVERSE = Action.reverse.value  # a new decision that reopens a case decided earlier
    UPHOLD = Action.uphold.value  # an appeal: the contested decision stands
    OVERTURN = Action.overturn.value  # an appeal: the contested decision is reversed
    SKIP = "skip"
    HOLD = "hold"  # park the case with a reason; its lease is kept up to a limit
    HAND_OFF = "hand_off"  # give the case to a named colleague with a note
    NEXT_CASE = "next_case"
    PREV_CASE = "prev_case"
    REVEAL = "reveal"  # held: media stays revealed only while the key is down
    REVEAL_COLOUR = "reveal_colour"  # held: revealed in colour (a separate, second step)
    REAL_PIXELS = "real_pixels"  # while held: real pixels instead of the reduced-detail stage
    NEXT_ITEM = "next_item"  # the next media item of the case is the one a reveal opens on
    PREV_ITEM = "prev_item"
    WIDEN_REVEAL = "widen_reveal"  # while held: the spotlight becomes the whole image
    LISTEN = "listen"  # held: audio plays only while the key is down (categories that need it)
    PANIC = "panic"  # blank all media at once
    ZOOM = "zoom"  # the first media item large, through the same filter
    CALM_BREAK = "calm_break"  # optional: a calm picture and a breathing pace, at a break
    TOOK_BREAK = "took_break"  # the reviewer is back from a break: the break prompt goes
    RELAX_ITEM = "relax_item"  # the organisation's presets for the media on screen only
    # Confirm the decision earlier decisions on the same media suggest (decide without looking)
    ACCEPT_SUGGESTED = "accept_suggested"
    UNDO = "undo"  # withdraw the last decision while it still waits unsent (grace window)
    PALETTE = "palette"
    CHEAT_SHEET = "cheat_sheet"
    MESSAGE_LOG = "message_log"  # every recent status-line message, whole, with its time
    OPEN_LOG_FOLDER = "open_log_folder"  # where crash reports and the workstation's log are
    QUIT = "quit"  # close the window (what is recorded is already durable)
    SUBMIT_NOTE = "submit_note"  # note mode
    RUN_ENTRY = "run_entry"  # palette mode
    CANCEL = "cancel"  # note and palette modes
    SYNC_NOW = "sync_now"
    NEXT_QUEUE = "next_queue"
    PREV_QUEUE = "prev_queue"
    SHOW_CONFLICTS = "show_conflicts"
    SWEEP = "sweep"  # open the crisis-sweep grid over the current queue
    MOVE_LEFT = "move_left"  # sweep mode: the cursor moves in the grid
    MOVE_RIGHT = "move_right"
    MOVE_UP = "move_up"
    MOVE_DOWN = "move_down"
    TOGGLE_SELECT = "toggle_select"  # sweep mode: select or unselect the item under the cursor
    SELECT_SAME_HASH = "select_same_hash"  # sweep mode: every item sharing media with the cursor's
    SELECT_ALL = "select_all"  # sweep mode
    # Finding cases, context and guidelines
    SEARCH = "search"  # focus the case-list search box (full text over cached cases and notes)
    FILTER_SORT = "filter_sort"  # focus the case-list filter and sort controls
    CLEAR_FILTERS = "clear_filters"
    INVESTIGATE = "investigate"  # show / hide the investigation panel
    ACCOUNT_NOTE = "account_note"  # write a note that follows the account from case to case
    GUIDELINES = "guidelines"  # the policy library and guidelines, offline, with what changed
    ACKNOWLEDGE_BULLETIN = "acknowledge_bulletin"
    INCIDENTS = "incidents"  # show / hide the incidents panel (live figures, review)
    ADD_TO_INCIDENT = "add_to_incident"  # the case on screen joins the selected incident
    # The keyboard focus: Tab walks every control, these move from pane to pane (and out of
    # the media grid, where Tab chooses the media item)
    NEXT_PANE = "next_pane"
    PREV_PANE = "prev_pane"
    ALERTS = "alerts"  # the alerts panel: spikes, hash-list matches, SLA forecasts; who is paged
    # The account on this machine
    SIGN_OUT = "sign_out"  # remove the token and wipe the local cache
    SIGN_IN_AGAIN = "sign_in_again"  # the central API refused the token: a new one, same cache
    SETTINGS = "settings"  # the settings dialog: media, keys, wellness limits, theme, text size
    DASHBOARD = "dashboard"  # my shift's figures and, for leads, the team's (ui/figures/)


@dataclass(frozen=True)
class DecisionKind:
    """What the server records for an enforcement action, and what the UI needs to ask first."""

    action: ActionId
    label: str
    needs_note: bool = False
    final: bool = True  # a final decision closes the case; escalation hands it on
    needs_policy: bool = True  # asks which policy (the queue's default preselected)


# What the workstation shows for each wire action: its label and whether it asks which policy
# (the queue's default preselected).
_DECISION_LABELS: dict[ActionId, tuple[str, bool]] = {
    ActionId.NO_VIOLATION: (translate("core", "No violation"), False),
    ActionId.REMOVE: (translate("core", "Remove"), True),
    ActionId.LABEL_SENSITIVE: (translate("core", "Label sensitive"), True),
    ActionId.RESTRICT_REACH: (translate("core", "Restrict reach"), True),
    ActionId.SUSPEND: (translate("core", "Suspend"), True),
    ActionId.ESCALATE: (translate("core", "Escalate"), False),
    ActionId.APPROVE: (translate("core", "Approve"), False),
    ActionId.REVERSE: (translate("core", "Reverse decision"), False),
    ActionId.UPHOLD: (translate("core", "Uphold (appeal)"), False),
    ActionId.OVERTURN: (translate("core", "Overturn (appeal)"), False),
}
# The workstation asks for a note on these as well as on those the server insists on: a
# suspension and a hand-on to a specialist must say why.
_ASKS_FOR_A_NOTE = frozenset({ActionId.SUSPEND, ActionId.ESCALATE, ActionId.OVERTURN})


def _decision_kind(action: Action) -> DecisionKind:
    action_id = ActionId(action.value)  # ValueError at import if the contract grew an action
    label, needs_policy = _DECISION_LABELS[action_id]
    return DecisionKind(
        action_id, label, final=action.value in CLOSING_ACTIONS, needs_policy=needs_policy,
        needs_note=action.value in NOTE_REQUIRED_ACTIONS or action_id in _ASKS_FOR_A_NOTE)


# One kind per wire action, in the contract's order (the decision bar's order).
DECISION_KINDS: dict[ActionId, DecisionKind] = {
    kind.action: kind for kind in map(_decision_kind, Action)
}

# English, marked for translation: menus, buttons and the palette show them through ui/i18n.
ACTION_LABELS: dict[ActionId, str] = {
    **{a: k.label for a, k in DECISION_KINDS.items()},
    ActionId.SKIP: translate("core", "Skip"),
    ActionId.HOLD: translate("core", "Hold this case (with a reason)…"),
    ActionId.HAND_OFF: translate("core", "Hand this case to a colleague…"),
    ActionId.NEXT_CASE: translate("core", "Next case"),
    ActionId.PREV_CASE: translate("core", "Previous case"),
    ActionId.REVEAL: translate("core", "Reveal media (hold)"),
    ActionId.REVEAL_COLOUR: translate("core", "Reveal media, in colour once D is pressed (hold)"),
    ActionId.REAL_PIXELS: translate(
        "core", "Real pixels instead of reduced detail (while holding reveal)"),
    ActionId.WIDEN_REVEAL: translate(
        "core", "Widen reveal to the whole image (while holding reveal)"),
    ActionId.NEXT_ITEM: translate("core", "Next media item (the one a reveal opens on)"),
    ActionId.PREV_ITEM: translate("core", "Previous media item"),
    ActionId.LISTEN: translate("core", "Listen to audio (hold; volume capped)"),
    ActionId.PANIC: translate("core", "Hide all media now"),
    ActionId.ZOOM: translate("core", "Zoom media"),
    ActionId.TOOK_BREAK: translate("core", "I took a break"),
    ActionId.CALM_BREAK: translate("core", "A calm picture and a breathing pace (optional)"),
    ActionId.RELAX_ITEM: translate("core", "Relax my stricter media settings for this case"),
    ActionId.ACCEPT_SUGGESTED: translate(
        "core", "Confirm the suggested decision (earlier decisions on the same media)"),
    ActionId.UNDO: translate("core", "Undo last decision"),
    ActionId.PALETTE: translate("core", "Command palette…"),
    ActionId.CHEAT_SHEET: translate("core", "Keyboard cheat sheet"),
    ActionId.MESSAGE_LOG: translate("core", "Recent messages…"),
    ActionId.OPEN_LOG_FOLDER: translate("core", "Open log folder"),
    ActionId.QUIT: translate("core", "Quit"),
    ActionId.SUBMIT_NOTE: translate("core", "Record with this note"),
    ActionId.RUN_ENTRY: translate("core", "Run the highlighted entry"),
    ActionId.CANCEL: translate("core", "Cancel"),
    ActionId.SYNC_NOW: translate("core", "Sync now"),
    ActionId.NEXT_QUEUE: translate("core", "Next queue"),
    ActionId.PREV_QUEUE: translate("core", "Previous queue"),
    ActionId.SHOW_CONFLICTS: translate("core", "Conflicts and rejected decisions…"),
    ActionId.SWEEP: translate("core", "Crisis sweep of this queue…"),
    ActionId.MOVE_LEFT: translate("core", "Move left"),
    ActionId.MOVE_RIGHT: translate("core", "Move right"),
    ActionId.MOVE_UP: translate("core", "Move up"),
    ActionId.MOVE_DOWN: translate("core", "Move down"),
    ActionId.TOGGLE_SELECT: translate("core", "Select / unselect this item"),
    ActionId.SELECT_SAME_HASH: translate("core", "Select every item with the same media"),
    ActionId.SELECT_ALL: translate("core", "Select all"),
    ActionId.SEARCH: translate("core", "Search cached cases and notes…"),
    ActionId.FILTER_SORT: translate("core", "Filter and sort the case list…"),
    ActionId.CLEAR_FILTERS: translate("core", "Clear search and filters"),
    ActionId.INVESTIGATE: translate("core", "Show / hide the investigation panel"),
    ActionId.ACCOUNT_NOTE: translate("core", "Add a note on this account…"),
    ActionId.GUIDELINES: translate("core", "Policy library and guidelines…"),
    ActionId.ACKNOWLEDGE_BULLETIN: translate("core", "Acknowledge the bulletin"),
    ActionId.INCIDENTS: translate("core", "Show / hide the incidents panel"),
    ActionId.ADD_TO_INCIDENT: translate("core", "Add this case to the selected incident"),
    ActionId.NEXT_PANE: translate("core", "Next pane"),
    ActionId.PREV_PANE: translate("core", "Previous pane"),
    ActionId.ALERTS: translate("core", "Alerts…"),
    ActionId.SIGN_OUT: translate("core", "Sign out and wipe this machine's cache…"),
    ActionId.SIGN_IN_AGAIN: translate(
        "core", "Sign in again (keeps the cache and what waits to be sent)…"),
    ActionId.SETTINGS: translate("core", "Settings…"),
    ActionId.DASHBOARD: translate("core", "Dashboards: my shift and the team…"),
}


def is_decision(action: ActionId) -> bool:
    return action in DECISION_KINDS


def decision_label(wire: str) -> str:
    """A decision sent or received as its wire action ("no_violation"), named as the
    workstation names it ("No violation", a Phrase the interface translates); an action this
    workstation does not know stays as sent."""
    try:
        return Phrase(DECISION_KINDS[ActionId(wire)].label)
    except (ValueError, KeyError):
        return wire
