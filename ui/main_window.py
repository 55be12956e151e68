"""The workstation window: queue panel, case panel, media grid, decision bar, sync status.

The window lays out the widgets and connects its collaborators to each other in one place
(`_connect_signals`, `_connect_actions`); none of them knows the window. The work itself happens
in the core. After a decision the next case is taken from the session and shown in the same
call (the list, messages and counts follow a frame later), and the media of the next few cases
is rendered ahead so that case changes paint without waiting.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QMainWindow, QSplitter, QVBoxLayout, QWidget

from reviewer.actions import ActionId
from reviewer.domain import Case
from reviewer.keymap import Keymap
from reviewer.media.exposure import ExposureMeter
from reviewer.media.presets import MediaPreset
from reviewer.review.session import ReviewSession
from reviewer.sync.engine import SyncStatus
from ui.cases.case_look_up import CaseLookUp
from ui.cases.case_panel import CasePanel
from ui.cases.queue_panel import QueuePanel
from ui.cases.work_list import WorkList
from ui.context.alerts_desk import AlertsDesk
from ui.context.guidelines_desk import GuidelinesDesk
from ui.context.investigation_panel import InvestigationPanel
from ui.decide.decision_bar import DecisionBar
from ui.figures.dashboard_desk import DashboardDesk
from ui.i18n.core_text import shown
from ui.decide.decision_desk import DecisionDesk
from ui.decide.suggested_decision import SuggestedDecision
from ui.keys.action_registry import ActionRegistry, Handlers
from ui.keys.cheat_sheet import CheatSheet
from ui.keys.menus import build_menus
from ui.keys.palette import CommandPalette, PaletteTargets
from ui.media.desk import MediaDesk
from ui.media.service import MediaService
from ui.sync.bridge import SyncBridge
from ui.sync.conflicts_view import ConflictsView
from ui.sync.indicator import SyncIndicator
from ui.widgets.after_frame import AfterFrame
from ui.widgets.message_log import MessageLog, open_log_folder
from ui.widgets.panes import PaneCycle, set_tab_order
from ui.widgets.status_line import StatusLine

PREFETCH_CASES = 3  # cases ahead whose media is rendered before the reviewer gets there
PREFETCH_DELAY_MS = 40  # a little more than two 60 Hz frames


class MainWindow(QMainWindow):
    case_shown = Signal(str)  # case id, or "" when there is nothing to review

    def __init__(self, session: ReviewSession, media: MediaService, bridge: SyncBridge,
                 keymap: Keymap, user_preset: MediaPreset | None = None,
                 meter: ExposureMeter | None = None):
        super().__init__()
        self.setWindowTitle(self.tr("Reviewer Workstation"))
        self.session, self.media, self.bridge, self.keymap = session, media, bridge, keymap
        self.meter = meter or ExposureMeter(session.cache.db)
        self.registry = ActionRegistry(self, keymap)
        self.account = None  # ui/account/account_actions.AccountActions, once attached
        self._shown_case_id = ""
        self.after_frame = AfterFrame(self)  # what follows the next case's frame
        self._build_collaborators(user_preset)
        self._lay_out()
        build_menus(self.menuBar(), self.registry)
        self._order_focus()
        self._prefetch_timer = QTimer(self, singleShot=True, interval=PREFETCH_DELAY_MS)
        self._prefetch_timer.timeout.connect(self._prefetch)
        self._connect_signals()
        self._connect_actions(self.handlers(), self.decisions.handlers(), self.alerts.handlers(),
                              self.media_desk.handlers(), self.work_list.handlers(),
                              self.guidelines.handlers(), self.suggested.handlers(),
                              self.dashboards.handlers())
        self._first_on_screen = False  # prefetch waits for the first case's media (2 s at most)
        self.media_grid.first_settled.connect(self._first_case_on_screen)
        QTimer.singleShot(2000, self, self._first_case_on_screen)
        self._sla_timer = QTimer(self, interval=1000, timeout=self.case_panel.refresh_sla)
        self._sla_timer.start()
        self.work_list.refresh_queues()
        self.show_current()
        self.after_frame.run()  # start-up lays out the list with the first case, as before

    # --- construction -----------------------------------------------------------------------
    def _build_collaborators(self, user_preset: MediaPreset | None) -> None:
        session = self.session
        self.status_line = StatusLine()
        self.sync_indicator = SyncIndicator()
        self.queue_panel = QueuePanel(session.cache)
        self.case_panel = CasePanel(session.guidelines.policy_name,
                                    self.queue_panel.model.queue_name)
        self.media_desk = MediaDesk(self, self.media, self.keymap, self.meter, session.cache.db,
                                    user_preset, session.current, lambda: self._shown_case_id,
                                    self.registry.key_text(ActionId.REVEAL))
        self.media_grid, self.reveal = self.media_desk.grid, self.media_desk.reveal
        self.decision_bar = DecisionBar(self.registry, session.guidelines.policy_name)
        self.investigation_panel = InvestigationPanel(  # I shows it beside the case
            session.cache.db, self.registry.key_text(ActionId.ACCOUNT_NOTE))
        self.investigation_panel.hide()
        self.guidelines = GuidelinesDesk(  # library and bulletins
            self, session.guidelines,
            self.registry.actions[ActionId.ACKNOWLEDGE_BULLETIN].shortcuts(),
            session.current, self.conceal)
        self.decisions = DecisionDesk(self, session, self.media, self.keymap,
                                      lambda: self.media_desk.presets,
                                      lambda: self._shown_case_id, self.conceal)
        self.suggested = SuggestedDecision(self, session, self.decisions, self.meter,
                                           lambda: self._shown_case_id)  # decide without looking
        self.dashboards = DashboardDesk(self, session.cache.db, self.meter,
                                        self.bridge.ask_figures, self.conceal)
        self.work_list = WorkList(self, session, self.queue_panel)  # search, filters, sort
        self.look_up = CaseLookUp(self, session, self.bridge, self.work_list)  # not cached here
        # A case chosen in the palette may be outside the queue and filters: the list widens.
        self.palette_targets = PaletteTargets(self.queue_panel.select_queue,
                                              self.guidelines.open_for_policy,
                                              self.work_list.go_to_case, self.look_up.ask)
        self.alerts = AlertsDesk(self, session, self.conceal, self.palette_targets)  # Shift+A

    def _lay_out(self) -> None:
        # Containers first, in place before anything goes in: under the application's style
        # sheet each reparenting styles the moved subtree again (bottom-up, several times).
        central = QWidget()
        self.setCentralWidget(central)
        layout = QVBoxLayout(central)
        main = QSplitter(Qt.Orientation.Horizontal, objectName="listCaseSplitter")
        right = QSplitter(Qt.Orientation.Vertical, objectName="caseMediaSplitter")
        self.splitters = (main, right)  # their names tie the saved layout to them (window_layout)
        layout.addWidget(self.media_desk.prompt_banner)
        layout.addWidget(self.guidelines.banner)
        layout.addWidget(main, 1)
        layout.addWidget(self.decision_bar)
        right.addWidget(self.case_panel)
        right.addWidget(self.media_grid)
        right.setSizes([300, 520])
        main.addWidget(self.queue_panel)
        main.addWidget(right)
        main.setSizes([400, 1000])  # the list's rows carry deadline, language, region, reports
        main.addWidget(self.investigation_panel)
        self.statusBar().addWidget(self.sync_indicator.holder)
        self.statusBar().addWidget(self.status_line.holder, 1)
        self.statusBar().addPermanentWidget(self.media_desk.exposure_label)
        self.statusBar().addPermanentWidget(self.media_desk.reveal_hint)
        self.resize(1500, 920)

    def _order_focus(self) -> None:
        """Tab walks the controls left to right, top to bottom; the pane keys jump between
        panes. The media grid holds the focus at start: no control swallows a review key."""
        q = self.queue_panel
        set_tab_order([q.queues, *q.filters.controls(), q.cases, self.case_panel.text,
                       self.media_grid, self.investigation_panel, *self.decision_bar.controls(),
                       self.sync_indicator])
        self.panes = PaneCycle([self.guidelines.banner, q, self.case_panel, self.media_grid,
                                self.investigation_panel, self.decision_bar, self.statusBar()])
        self.media_grid.setFocus()

    def _connect_signals(self) -> None:
        """Child to child, in one place: no collaborator reaches into another or the window."""
        say, later = self.status_line.say, self.after_frame
        for talker in (self.media_desk, self.decisions, self.work_list, self.guidelines,
                       self.suggested, self.dashboards, self.alerts, self.look_up):
            talker.message.connect(say)
        # What became of a decision, and the indicator, follow the next case's frame.
        self.decisions.told.connect(lambda text: later.say(say, text))
        self.decisions.countdown.connect(lambda *told: later.say(self.status_line.say_for, *told))
        self.decisions.show_case.connect(self.show_current)
        self.decisions.recorded.connect(lambda: later.later(self._update_indicator))
        self.decisions.decided.connect(self.bridge.wake)
        self.decisions.decided.connect(lambda t=self._prefetch_timer: t.isActive() or t.start())
        self.decisions.decided.connect(self.investigation_panel.read_later)  # on, not inside it
        self.guidelines.changed.connect(self.bridge.wake)
        self.alerts.changed.connect(self.bridge.wake)
        self.work_list.show_case.connect(self.show_current)
        self.work_list.case_requested.connect(self.go_to_case)
        self.case_shown.connect(self.work_list.on_case_shown)
        self.case_shown.connect(self.suggested.leave_case)  # its own suggestion a frame later
        self.case_shown.connect(lambda _: self.decision_bar.show_for(self.session.current()))
        self._suggest = lambda: self.suggested.on_case_shown(self._shown_case_id)
        self.suggested.suggested.connect(self.decision_bar.show_suggestion)
        self.queue_panel.queue_selected.connect(self._on_queue_selected)
        self.queue_panel.case_selected.connect(self.go_to_case)
        self.investigation_panel.case_requested.connect(self._go_to_related)
        self.investigation_panel.hint_changed.connect(self.case_panel.show_context_hint)
        self.investigation_panel.note_added.connect(self.work_list.catch_up)
        self.sync_indicator.clicked.connect(self.show_conflicts)
        for listener in (self._on_sync_status, self.work_list.on_sync_status,
                         self.dashboards.on_sync_status, self.look_up.on_sync_status):
            self.bridge.status_changed.connect(listener)

    def _connect_actions(self, *tables: Handlers) -> None:
        for table in tables:
            self.registry.connect(table)

    def attach(self, account: QObject) -> None:
        """The account actions, built by ui/app.py once the window exists."""
        self.account = account
        account.message.connect(self.status_line.say)
        self._connect_actions(account.handlers())

    def attach_desk(self, desk: QObject) -> None:
        """A controller ui/app.py builds once the window exists (settings, incidents, holds)."""
        desk.message.connect(self.status_line.say)
        self._connect_actions(desk.handlers())

    def handlers(self) -> Handlers:
        """The window's own actions: moving through the list, sync, overlays, investigation."""
        s = self.session
        return {
            ActionId.SKIP: lambda: self._navigate(s.skip),
            ActionId.NEXT_CASE: lambda: self._navigate(s.next),
            ActionId.PREV_CASE: lambda: self._navigate(s.previous),
            ActionId.NEXT_QUEUE: lambda: self.queue_panel.step_queue(1),
            ActionId.PREV_QUEUE: lambda: self.queue_panel.step_queue(-1),
            ActionId.SYNC_NOW: lambda: self.status_line.say(self.bridge.sync_now()),
            ActionId.SHOW_CONFLICTS: self.show_conflicts,
            ActionId.PALETTE: self.open_palette,
            ActionId.CHEAT_SHEET: self.show_cheat_sheet,
            ActionId.MESSAGE_LOG: self.show_message_log,
            ActionId.OPEN_LOG_FOLDER: lambda: self.status_line.say(open_log_folder()),
            ActionId.QUIT: self.close,
            ActionId.INVESTIGATE: self.investigation_panel.toggle,
            ActionId.ACCOUNT_NOTE: self.add_account_note,
            ActionId.NEXT_PANE: lambda: self.panes.step(1),
            ActionId.PREV_PANE: lambda: self.panes.step(-1),
        }

    # --- showing cases ---------------------------------------------------------------------
    def show_current(self) -> None:
        self.conceal(exposure_now=False)  # metered as the leaving case's; the line follows
        case = self.session.current()
        self._shown_case_id = case.id if case else ""
        self.case_panel.show_case(case, self.work_list.empty_text())
        self._show_lease(case)
        self.investigation_panel.show_case(case)  # reads only once the case has painted
        self.media_grid.set_media(case.media if case else ())
        # The list, the exposure line (this case's, not the last's) and the suggestion follow
        # the case's frame (ui/widgets/after_frame.py).
        for job in (self.work_list.show_list, self.media_desk.show_exposure, self._suggest):
            self.after_frame.later(job)
        # Prefetch after the paint, but not put off by each case of a burst of keys (never ran).
        if not self._prefetch_timer.isActive():
            self._prefetch_timer.start()
        self.case_shown.emit(case.id if case else "")

    def is_idle(self) -> bool:
        """Nothing is being rendered ahead (tests and benchmarks wait for this)."""
        return (self._first_on_screen and not self._prefetch_timer.isActive()
                and not self.after_frame.pending() and self.media.idle())

    def _first_case_on_screen(self) -> None:
        if not self._first_on_screen:  # the grid says so, or 2 s have passed
            self._first_on_screen = True  # (told in a paint: what follows runs on timers)
            self.work_list.read_rest()
            self._prefetch_timer.start()

    def _prefetch(self) -> None:
        if self._first_on_screen:  # at start-up the first case's renders go first, alone
            for case in self.session.upcoming(PREFETCH_CASES):
                self.case_panel.prepare(case)  # its text's fonts and glyphs, while idle
                for key in self.media_grid.prefetch_keys(case.media):
                    self.media.request(key, ahead=True)

    @property
    def shown_case_id(self) -> str:
        """The case whose header and media are on screen ("" for none)."""
        return self._shown_case_id

    def _navigate(self, move) -> None:
        before = self.session.current()
        said = move()  # a skip says where the case went; the message follows the frame
        if self.session.current() != before:
            self.show_current()
        if said:
            self.after_frame.say(self.status_line.say, shown(said))

    def go_to_case(self, case_id: str) -> None:
        self._navigate(lambda: self.session.go_to(case_id))

    def _on_queue_selected(self, queue_id: str) -> None:
        self.session.select_queue(queue_id or None)
        self.work_list.refresh_facets()
        self.show_current()

    def _go_to_related(self, case_id: str) -> None:
        if case_id in self.session.case_ids:
            self.go_to_case(case_id)
        else:
            self.status_line.say(self.tr("{case} is not in your work list (closed, or outside "
                                         "the queue and filters shown).").format(case=case_id))

    # --- overlays and dialogs ----------------------------------------------------------------
    def open_palette(self) -> None:
        self.conceal()
        palette = CommandPalette.of(self.centralWidget(), self.registry, self.session,
                                    self.palette_targets)
        palette.exec()
        self.activateWindow()
        palette.run_chosen()

    def show_cheat_sheet(self) -> None:
        self.conceal()
        CheatSheet(self.keymap, self).exec()
        self.activateWindow()

    def show_message_log(self) -> None:
        self.conceal()
        MessageLog(self.status_line.history(), self).exec()
        self.activateWindow()

    def add_account_note(self) -> None:
        self.conceal()
        message = self.investigation_panel.ask_note(self)
        self.activateWindow()
        if message:
            self.status_line.say(message)
            self.bridge.wake()

    def show_conflicts(self) -> None:
        self.conceal()
        view = ConflictsView(self.session, self)
        view.changed.connect(self.bridge.wake)
        view.changed.connect(self._update_indicator)
        view.exec()
        self.activateWindow()
        if view.reopened:  # a refused decision accepted: its case is back to be decided again
            self.go_to_case(view.reopened)

    # --- media safety ------------------------------------------------------------------------
    def conceal(self, exposure_now: bool = True) -> None:
        self.reveal.conceal(exposure_now)
        self.media_desk.audio.release()  # sound stops with every concealment too

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.ActivationChange and not self.isActiveWindow():
            self.conceal()  # nothing stays revealed behind another window
        super().changeEvent(event)

    # --- sync --------------------------------------------------------------------------------
    def _on_sync_status(self, status: SyncStatus) -> None:
        if status.needs_sign_in:
            self.status_line.say(self.tr("Sign-in refused by the central API: decisions wait "
                                         "here — Account → Sign in again."))
        self.investigation_panel.on_sync(status)
        self.alerts.on_sync(status)
        if status.presets_changed:
            self.media_desk.apply_org_presets()
        if status.guidelines_changed:  # a new bulletin shows in the banner
            self.guidelines.refresh()
        if status.outcomes:
            self.status_line.say("; ".join(map(shown, status.outcomes)))
        self._apply_case_changes(status)
        self._show_lease(self.session.current())  # renewed, or not, this round
        if status.new_media:  # placeholders saying "not downloaded yet" can now be rendered
            self.media_grid.refresh()
            self._prefetch()
        self._update_indicator()

    def _apply_case_changes(self, status: SyncStatus) -> None:
        current = self.session.current()
        if current is not None and current.id in status.closed_cases:
            note = self.session.cache.local_note(current.id)
            self.session.reload()
            self.show_current()
            self.status_line.say(self.tr("{case} left your list: {why}. Showing the next case.")
                                 .format(case=current.id, why=shown(note)))
        elif status.closed_cases:
            self.session.reload()
            self.work_list.show_list()
        if status.new_cases:
            had_case = self.session.current() is not None
            self.session.reload()
            self.work_list.refresh_queues()
            if not had_case:
                self.show_current()
            else:
                self.work_list.show_list()

    def _show_lease(self, case: Case | None) -> None:
        self.case_panel.set_lease(self.session.cache.lease_expiry(case.id) if case else None)

    def _update_indicator(self) -> None:
        self.sync_indicator.show_status(self.bridge.last_status,
                                        *self.session.outbox.indicator_counts())

    def closeEvent(self, event) -> None:  # noqa: N802
        self._prefetch_timer.stop()
        self.after_frame.stop()
        self.work_list.shutdown()
        self.media_desk.shutdown()
        self.bridge.stop()
        self.media.shutdown()
        super().closeEvent(event)
