"""The workstation window: queue panel, case panel, media grid, decision bar, sync status.

It wires widgets to the review session and the sync bridge; the work itself happens in the
core. After a decision the next case is taken from the session and shown in the same call, and
the media of the next few cases is rendered ahead so that case changes paint without waiting.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QSplitter, QVBoxLayout, QWidget

from reviewer.actions import DECISION_KINDS, ActionId
from reviewer.domain import Case
from reviewer.keymap import Keymap
from reviewer.media.exposure import ExposureMeter
from reviewer.media.presets import MediaPreset, effective_books
from reviewer.review.session import ReviewSession
from reviewer.sync.engine import SyncStatus
from ui.keys.action_registry import ActionRegistry
from ui.cases.case_panel import CasePanel
from ui.context.investigation_panel import InvestigationPanel
from ui.sync.conflicts_view import ConflictsView
from ui.decide.decision_bar import DecisionBar
from ui.media.service import MediaService
from ui.media.grid import MediaGrid
from ui.media.wellness_bar import ExposureLabel, PromptBanner
from ui.keys.cheat_sheet import CheatSheet
from ui.widgets.note_dialog import NoteDialog
from ui.decide.sweep_view import SweepView
from ui.decide.decision_flow import DecisionFlow
from ui.context.guidelines_view import GuidelinesDesk
from ui.keys.palette import CommandPalette
from ui.cases.queue_panel import ALL_QUEUES, QueuePanel
from ui.sync.bridge import SyncBridge
from ui.media.desk import MediaDesk
from ui.sync.indicator import SyncIndicator
from ui.cases.work_list import WorkList

log = logging.getLogger(__name__)

PREFETCH_CASES = 3  # cases ahead whose media is rendered before the reviewer gets there
PREFETCH_DELAY_MS = 40  # a little more than two 60 Hz frames


class MainWindow(QMainWindow):
    case_shown = Signal(str)  # case id, or "" when there is nothing to review
    account = None  # ui/sign_out_flow.AccountActions, attached by ui/app.py (None: no account)

    def __init__(self, session: ReviewSession, media: MediaService, bridge: SyncBridge,
                 keymap: Keymap, user_preset: MediaPreset | None = None,
                 meter: ExposureMeter | None = None):
        super().__init__()
        self.setWindowTitle("Reviewer Workstation")
        self.session, self.media, self.bridge, self.keymap = session, media, bridge, keymap
        self.user_preset = user_preset
        self.presets, self.org_presets = effective_books(session.cache.db, user_preset)
        self.meter = meter or ExposureMeter(session.cache.db)
        self.registry = ActionRegistry(self, keymap)
        self.flow = DecisionFlow(self, session)
        self._build_widgets()
        self._shown_case_id = ""
        self.media_desk = MediaDesk(self)  # reveal, zoom, presets, exposure
        self.reveal = self.media_desk.reveal
        self._build_menus()
        self._wire_actions()
        self.work_list = WorkList(self)  # search, filters, sort of the case list
        self._prefetch_timer = QTimer(self, singleShot=True, interval=PREFETCH_DELAY_MS)
        self._prefetch_timer.timeout.connect(self._prefetch)
        self._sla_timer = QTimer(self, interval=1000)
        self._sla_timer.timeout.connect(self.case_panel.refresh_sla)
        self._sla_timer.start()
        bridge.status_changed.connect(self._on_sync_status)
        self.refresh_queues()
        self.show_current()

    # --- construction -----------------------------------------------------------------------
    def _build_widgets(self) -> None:
        self.queue_panel = QueuePanel(self.session.cache)
        self.case_panel = CasePanel()
        self.media_grid = MediaGrid(self.media, self.presets)
        self.prompt_banner = PromptBanner()
        self.decision_bar = DecisionBar(self.registry)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.case_panel)
        right.addWidget(self.media_grid)
        right.setSizes([300, 520])
        main = QSplitter(Qt.Orientation.Horizontal)
        main.addWidget(self.queue_panel)
        main.addWidget(right)
        main.setSizes([400, 1000])  # the list's rows carry deadline, language, region, reports
        self.investigation_panel = InvestigationPanel(  # I shows it beside the case
            self.session.cache.db, self.registry.key_text(ActionId.ACCOUNT_NOTE))
        self.investigation_panel.hide()
        main.addWidget(self.investigation_panel)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(self.prompt_banner)
        self.guidelines = GuidelinesDesk(self, self.session.guidelines)  # library and bulletins
        layout.addWidget(self.guidelines.banner)
        layout.addWidget(main, 1)
        layout.addWidget(self.decision_bar)
        self.setCentralWidget(central)
        self.sync_indicator = SyncIndicator()
        self.reveal_hint = QLabel()
        self.last_decision = QLabel()
        self.exposure_label = ExposureLabel()
        for label in (self.reveal_hint, self.last_decision):
            label.setTextFormat(Qt.TextFormat.PlainText)
        self.statusBar().addWidget(self.sync_indicator)
        self.statusBar().addWidget(self.last_decision, 1)
        self.statusBar().addPermanentWidget(self.exposure_label)
        self.statusBar().addPermanentWidget(self.reveal_hint)
        self.queue_panel.queue_selected.connect(self._on_queue_selected)
        self.queue_panel.case_selected.connect(self._on_case_clicked)
        self.resize(1500, 920)

    def _build_menus(self) -> None:
        acts = self.registry.actions
        decide = self.menuBar().addMenu("&Decide")
        for action_id in (*DECISION_KINDS, ActionId.UNDO, ActionId.SWEEP):
            decide.addAction(acts[action_id])
        go = self.menuBar().addMenu("&Go")
        for action_id in (ActionId.NEXT_CASE, ActionId.PREV_CASE, ActionId.SKIP,
                          ActionId.NEXT_QUEUE, ActionId.PREV_QUEUE, ActionId.SEARCH,
                          ActionId.FILTER_SORT, ActionId.CLEAR_FILTERS):
            go.addAction(acts[action_id])
        view = self.menuBar().addMenu("&Media")
        for action_id in (ActionId.REVEAL, ActionId.REVEAL_COLOUR, ActionId.WIDEN_REVEAL,
                          ActionId.PANIC, ActionId.ZOOM, ActionId.RELAX_ITEM, ActionId.TOOK_BREAK):
            view.addAction(acts[action_id])
        sync = self.menuBar().addMenu("&Sync")
        sync.addAction(acts[ActionId.SYNC_NOW])
        sync.addAction(acts[ActionId.SHOW_CONFLICTS])
        investigate = self.menuBar().addMenu("&Investigate")
        for action_id in (ActionId.INVESTIGATE, ActionId.ACCOUNT_NOTE):
            investigate.addAction(acts[action_id])
        guidelines = self.menuBar().addMenu("&Guidelines")
        for action_id in (ActionId.GUIDELINES, ActionId.ACKNOWLEDGE_BULLETIN):
            guidelines.addAction(acts[action_id])
        account = self.menuBar().addMenu("&Account")
        account.addAction(acts[ActionId.SIGN_IN_AGAIN])
        account.addAction(acts[ActionId.SIGN_OUT])

    def _wire_actions(self) -> None:
        r = self.registry
        for action_id in DECISION_KINDS:
            if action_id != ActionId.REVERSE:
                r.connect(action_id, lambda a=action_id: self.decide(a))
        r.connect(ActionId.REVERSE, self.reverse_last)
        r.connect(ActionId.SWEEP, self.open_sweep)
        r.connect(ActionId.SKIP, self._skip)
        r.connect(ActionId.NEXT_CASE, lambda: self._navigate(self.session.next))
        r.connect(ActionId.PREV_CASE, lambda: self._navigate(self.session.previous))
        r.connect(ActionId.NEXT_QUEUE, lambda: self.queue_panel.step_queue(1))
        r.connect(ActionId.PREV_QUEUE, lambda: self.queue_panel.step_queue(-1))
        r.connect(ActionId.SYNC_NOW, self.bridge.wake)
        r.connect(ActionId.SHOW_CONFLICTS, self.show_conflicts)
        self.sync_indicator.clicked.connect(self.show_conflicts)
        r.connect(ActionId.UNDO, self.undo)
        r.connect(ActionId.PALETTE, self.open_palette)
        r.connect(ActionId.CHEAT_SHEET, self.show_cheat_sheet)
        r.connect(ActionId.GUIDELINES, self.guidelines.open_for_case)
        r.connect(ActionId.ACKNOWLEDGE_BULLETIN, self.guidelines.acknowledge)
        r.connect(ActionId.INVESTIGATE, self.investigation_panel.toggle)
        r.connect(ActionId.ACCOUNT_NOTE, self.add_account_note)
        self.investigation_panel.case_requested.connect(self._go_to_related)
        self.investigation_panel.hint_changed.connect(self.case_panel.show_context_hint)
        r.connect(ActionId.SIGN_OUT, lambda: self.account and self.account.sign_out())
        r.connect(ActionId.SIGN_IN_AGAIN, lambda: self.account and self.account.sign_in_again())

    # --- showing cases ---------------------------------------------------------------------
    def show_current(self) -> None:
        self.conceal()
        case = self.session.current()
        self._shown_case_id = case.id if case else ""
        self.case_panel.show_case(case, self.work_list.empty_text())
        self.investigation_panel.show_case(case)  # reads only once the case has painted
        self.media_grid.set_media(case.media if case else ())
        self.work_list.show_list()
        # Prefetch once this case has painted: decode threads started now would compete with
        # the paint for the interpreter and delay the case the reviewer is waiting for.
        self._prefetch_timer.start()
        self.case_shown.emit(case.id if case else "")

    def is_idle(self) -> bool:
        """Nothing is being rendered ahead (tests and benchmarks wait for this)."""
        return not self._prefetch_timer.isActive() and self.media.idle()

    def _prefetch(self) -> None:
        for case in self.session.upcoming(PREFETCH_CASES):
            self._request_media(case)

    def _request_media(self, case: Case) -> None:
        for key in self.media_grid.prefetch_keys(case.media):
            self.media.request(key)

    def refresh_queues(self) -> None:
        self.queue_panel.show_queues(self.session.cache.queues(),
                                     self.session.case_list.counts_by_queue(), self.session.queue_id)
        self.work_list.refresh_facets()

    # --- decisions ---------------------------------------------------------------------------
    def decide(self, action: ActionId) -> None:
        if self.flow.recording:
            return  # a key pressed while the previous decision was being recorded: dropped
        case = self.session.current()
        if case is None:
            self.last_decision.setText("No case on screen to decide.")
            return
        if case.id != self._shown_case_id:  # the list moved on and its case is not painted yet
            self.show_current()
            self.last_decision.setText(f"Not recorded: {case.id} had not been on screen yet.")
            return
        if action == ActionId.APPROVE and not case.raw.get("pending_decision"):
            self.last_decision.setText("Nothing on this case awaits approval.")
            return
        self.conceal()
        asked = self.flow.ask(action, case)
        if asked is None or self.session.current() is None or self.session.current().id != case.id:
            return  # cancelled, or the case left the list while the reviewer was choosing
        outcome = self.flow.commit(action, *asked, show_next=self.show_current)
        self.last_decision.setText(outcome.message)
        if outcome.decision is not None:
            self.bridge.wake()
            self._update_indicator()

    def open_sweep(self) -> None:
        """The sweep grid over the current work list (select Crisis sweep first for a crisis)."""
        self.conceal()
        recorded = SweepView.run(self.media, self.presets, self.keymap, self.session, self)
        self.activateWindow()
        if recorded:
            self.session.reload()
            self.show_current()
            self.bridge.wake()
            self.last_decision.setText(f"Sweep: {recorded} decisions recorded, each on its own")
            self._update_indicator()

    def reverse_last(self) -> None:
        """Reverse our latest decision the central API accepted: a new decision with a note
        (the original is never edited); the case comes back to be decided again."""
        target = self.session.outbox.latest_accepted_final()
        if target is None:
            self.last_decision.setText("No sent decision to reverse (Ctrl+Z undoes one not yet sent).")
            return
        self.conceal()
        dialog = NoteDialog(f"Reverse {target.action.value} on {target.case_id}",
                            "Why reverse it? The note goes on record with the reversal.", self)
        accepted = dialog.exec() == NoteDialog.DialogCode.Accepted
        self.activateWindow()
        if not accepted:
            return
        self.session.follow_up(target.case_id, ActionId.REVERSE, dialog.note(), target.policy)
        self.session.reload()
        self.session.go_to(target.case_id)
        self.show_current()
        self.bridge.wake()
        self.last_decision.setText(f"Reversal of {target.action.value} on {target.case_id} recorded; "
                                   "decide the case again.")
        self._update_indicator()

    def undo(self) -> None:
        undone = self.session.undo_last()
        if undone is None:
            self.last_decision.setText("Nothing to undo: decisions already sent cannot be "
                                       "withdrawn (record a new decision instead).")
            return
        self.show_current()
        self.last_decision.setText(f"Undone: {undone.action.value} on {undone.case_id} was "
                                   "withdrawn before it was sent.")
        self._update_indicator()

    def _skip(self) -> None:
        self._navigate(self.session.skip)

    def _navigate(self, move) -> None:
        before = self.session.current()
        move()
        if self.session.current() != before:
            self.show_current()

    def _on_case_clicked(self, case_id: str) -> None:
        self.go_to_case(case_id)

    def go_to_case(self, case_id: str) -> None:
        self._navigate(lambda: self.session.go_to(case_id))

    def _on_queue_selected(self, queue_id: str) -> None:
        self.session.select_queue(queue_id or None)
        self.show_current()

    def open_palette(self) -> None:
        self.conceal()
        palette = CommandPalette(self, self.registry, self.session)
        palette.exec()
        self.activateWindow()
        palette.run_chosen()

    def show_cheat_sheet(self) -> None:
        self.conceal()
        CheatSheet(self.keymap, self).exec()
        self.activateWindow()

    # --- investigation (ui/investigation_panel.py) ------------------------------------------
    def add_account_note(self) -> None:
        self.conceal()
        message = self.investigation_panel.ask_note(self)
        self.activateWindow()
        if message:
            self.last_decision.setText(message)
            self.bridge.wake()

    def _go_to_related(self, case_id: str) -> None:
        if case_id in self.session.case_ids:
            self.go_to_case(case_id)
        else:
            self.last_decision.setText(f"{case_id} is not in your work list (closed, or "
                                       "outside the queue and filters shown).")

    # --- reveal (ui/media_desk.py has the rest of the media actions) -----------------------
    @property
    def shown_case_id(self) -> str:
        """The case whose header and media are on screen ("" for none)."""
        return self._shown_case_id

    def conceal(self) -> None:
        self.reveal.conceal()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.ActivationChange and not self.isActiveWindow():
            self.conceal()  # nothing stays revealed behind another window
        super().changeEvent(event)

    # --- sync --------------------------------------------------------------------------------
    def show_conflicts(self) -> None:
        self.conceal()
        view = ConflictsView(self.session, self)
        view.changed.connect(self._update_indicator)
        view.changed.connect(self.bridge.wake)
        view.exec()
        self.activateWindow()

    def _on_sync_status(self, status: SyncStatus) -> None:
        if status.needs_sign_in:
            self.last_decision.setText("Sign-in refused by the central API: decisions wait here "
                                       "— Account → Sign in again.")
        self.investigation_panel.on_sync(status)
        if status.presets_changed:
            self.media_desk.apply_org_presets()
        if status.guidelines_changed:  # a new bulletin shows in the banner
            self.guidelines.refresh()
        if status.outcomes:
            self.last_decision.setText("; ".join(status.outcomes))
        current = self.session.current()
        if current is not None and current.id in status.closed_cases:
            note = self.session.cache.local_note(current.id)
            self.session.reload()
            self.show_current()
            self.last_decision.setText(f"{current.id} left your list: {note}. Showing the next case.")
        elif status.closed_cases:
            self.session.reload()
            self.work_list.show_list()
        if status.new_cases:
            had_case = self.session.current() is not None
            self.session.reload()
            self.refresh_queues()
            if not had_case:
                self.show_current()
            else:
                self.work_list.show_list()
        if status.new_media:  # placeholders saying "not downloaded yet" can now be rendered
            self.media_grid.refresh()
            self._prefetch()
        self._update_indicator()

    def _update_indicator(self) -> None:
        outbox = self.session.outbox
        self.sync_indicator.show_status(self.bridge.last_status, outbox.waiting(),
                                        outbox.needs_attention())

    def closeEvent(self, event) -> None:  # noqa: N802
        self._prefetch_timer.stop()
        self.work_list.shutdown()
        self.reveal.shutdown()
        self.bridge.stop()
        self.media.shutdown()
        super().closeEvent(event)
