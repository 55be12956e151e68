"""Working an incident from the workstation (ActionId.INCIDENTS shows the panel): declare one
(from the alert that paged you: its cases join), bring the case on screen or a sweep's cases in, publish its sweep bulletin, mark it contained
or closed, write the review's sections, and export the review as Markdown or PDF.

Changes to the incident itself are requests to the central API, made off the UI thread
(ui/widgets/off_thread.py); the answer is kept in the local store at once so the panel shows
it before the next sync round. Review sections are the reviewer's own writing: they are kept
here first and sent by the sync worker exactly once (reviewer/sync/incidents.py), offline too.
Decisions are not made here: a decision on a case of an open incident carries the incident id
through the one decision path (ReviewSession._record).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QDockWidget, QFileDialog, QMainWindow

from reviewer.actions import ActionId
from reviewer.context.alerts import AlertStore
from reviewer.context.incidents import IncidentStore, check_incident
from reviewer.contract.incidents import SECTION_TITLES, SECTIONS
from reviewer.domain import Case
from reviewer.sync.incidents import fetch_review
from ui.i18n.core_text import shown
from ui.widgets.save_path import suggested_path
from ui.context.incident_dialogs import Field, FormDialog
from ui.context.incident_export import export_review
from ui.context.incident_panel import IncidentPanel
from ui.keys.action_registry import Handlers
from ui.sync.bridge import SyncBridge
from ui.widgets.off_thread import run_off_ui_thread

_HASHTAG = re.compile(r"#\w+")
SEVERITIES = ("high", "critical", "medium", "low")
SWEEP_KINDS = ("hashtag", "hash", "search")  # in the order the form offers them


class IncidentDesk(QObject):
    message = Signal(str)

    def __init__(self, window: QMainWindow, store: IncidentStore, bridge: SyncBridge,
                 current_case: Callable[[], Case | None]):
        super().__init__(window)
        self.window, self.store, self.bridge, self.current_case = (
            window, store, bridge, current_case)
        # The panel and its dock are made when first shown or asked about: hidden at start,
        # making them (and reading the incidents into them) was ~8 ms of the window's build.
        self._dock: QDockWidget | None = None
        bridge.status_changed.connect(self.on_sync)

    @property
    def dock(self) -> QDockWidget:
        if self._dock is None:
            panel = IncidentPanel()
            self._dock = QDockWidget(self.tr("Incidents"), self.window)
            self._dock.setObjectName("incidentsDock")
            self._dock.setWidget(panel)
            self.window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self._dock)
            self._dock.hide()
            panel.command.connect(self.run_command)
            self.refresh()
        return self._dock

    @property
    def panel(self) -> IncidentPanel:
        return self.dock.widget()

    def handlers(self) -> Handlers:
        return {ActionId.INCIDENTS: self.toggle, ActionId.ADD_TO_INCIDENT: self.add_case}

    def toggle(self) -> None:
        self.dock.setVisible(not self.dock.isVisible())
        if self.dock.isVisible():
            self.refresh()
            self.panel.list.setFocus()

    def refresh(self) -> None:
        if self._dock is not None:  # else read once the panel is made
            self.panel.show_incidents(self.store.incidents(), self.store.entries)

    def on_sync(self, status) -> None:
        if getattr(status, "incidents_changed", False):
            self.refresh()

    def run_command(self, name: str) -> None:
        {"declare": self.ask_declare, "add_case": self.add_case, "sweep": self.ask_sweep,
         "bulletin": self.ask_bulletin, "contain": lambda: self.set_state("contained"),
         "close": lambda: self.set_state("closed"), "write": self.ask_section,
         "export": self.export}[name]()

    # --- asking (each form, then the command it feeds) --------------------------------------
    def ask_declare(self, alert_id: str = "") -> None:
        """Prefilled from the most pressing unresolved alert (its cases join the incident)."""
        alerts = self._live_alerts()
        alert = self._live_alert(alert_id, alerts)
        values = FormDialog(self.window, self.tr("Declare an incident"), [
            Field("title", self.tr("Title"), default=alert.title[:200] if alert else ""),
            Field("severity", self.tr("Severity"), "choice", SEVERITIES,
                  alert.severity if alert else "high",
                  tuple(QCoreApplication.translate("AlertsPanel", s) for s in SEVERITIES)),
            Field("regions", self.tr("Regions (comma-separated, empty: all)")),
            Field("commander", self.tr("Commander (empty: you)")),
            # Named by its title, as the alerts panel lists it: its id is shown nowhere.
            Field("alert_id", self.tr("From alert"), "choice",
                  ("", *(str(a.id) for a in alerts)), str(alert.id) if alert else "",
                  (self.tr("None"), *(a.title for a in alerts)))]).ask()
        if values:
            self.declare(**values)

    def ask_sweep(self) -> None:
        by, query = self._sweep_default()
        values = FormDialog(self.window, self.tr("Sweep cases into the incident"), [
            Field("by", self.tr("Find cases by"), "choice", SWEEP_KINDS, by,
                  (self.tr("Hashtag"), self.tr("Same media (its sha256)"),
                   self.tr("Words in the text"))),
            Field("query", self.tr("Hashtag, media sha256 or words"), default=query)]).ask()
        if values:
            self.sweep(values["by"], values["query"])

    def ask_bulletin(self) -> None:
        incident = self.panel.selected() or {}
        values = FormDialog(self.window, self.tr("Publish the sweep bulletin"), [
            Field("title", self.tr("Title"), default=incident.get("title", "")),
            Field("body", self.tr("What reviewers must do"), "text")]).ask()
        if values:
            self.publish_bulletin(values["title"], values["body"])

    def ask_section(self) -> None:
        values = FormDialog(self.window, self.tr("Write the review"), [
            Field("section", self.tr("Section"), "choice", SECTIONS,
                  labels=tuple(shown(SECTION_TITLES[s]) for s in SECTIONS)),
            Field("body", self.tr("Text"), "text"),
            Field("owner", self.tr("Owner (action items)"))]).ask()
        if values:
            self.write_section(values["section"], values["body"], values["owner"])

    # --- commands ----------------------------------------------------------------------------
    def declare(self, title: str, severity: str, regions: str = "", commander: str = "",
                alert_id: str = "") -> str:
        body = {"title": title, "severity": severity, "commander": commander,
                "regions": [r.strip().upper() for r in regions.split(",") if r.strip()],
                "alert_id": alert_id}
        answer = self._request("POST", "", "", body)
        if answer is None:
            return ""
        self._keep(answer)
        self._select(answer["id"])
        self.message.emit(self.tr("Incident {id} declared").format(id=answer["id"]))
        return answer["id"]

    def add_case(self) -> None:
        case, incident_id = self.current_case(), self.panel.selected_id()
        if case is None or not incident_id:
            self.message.emit(self.tr("Select an incident and a case first"))
            return
        if (answer := self._request("POST", incident_id, "cases", {"case_ids": [case.id]})):
            self._keep(answer)
            self.message.emit(self.tr("Case {case} joined the incident").format(case=case.id))

    def sweep(self, by: str, query: str) -> None:
        incident_id = self.panel.selected_id()
        found = self._request("POST", incident_id, "sweeps", {"by": by, "query": query})
        if found is not None and (answer := self._request("GET", incident_id)):
            self._keep(answer)
            self.message.emit(self.tr("Sweep: {matched} matched, {joined} new to the "
                                      "incident").format(**found))

    def publish_bulletin(self, title: str, body: str) -> None:
        incident_id = self.panel.selected_id()
        published = self._request("POST", incident_id, "bulletin",
                                  {"title": title, "body": body})
        if published is not None and (answer := self._request("GET", incident_id)):
            self._keep(answer)
            self.bridge.wake()  # the bulletin reaches this workstation's banner, too
            self.message.emit(self.tr("Bulletin published"))

    def set_state(self, state: str) -> None:
        if (answer := self._request("POST", self.panel.selected_id(), "state",
                                    {"state": state})):
            self._keep(answer)

    def write_section(self, section: str, body: str, owner: str = "") -> None:
        incident_id = self.panel.selected_id()
        if not incident_id or not body:
            return
        self.store.write_entry(incident_id, section, body, owner)  # durable here first
        self.bridge.wake()
        self.refresh()
        self.message.emit(self.tr("{section} saved; it is sent with the next sync").format(
            section=shown(SECTION_TITLES[section])))

    def export(self, path: Path | None = None) -> Path | None:
        incident_id = self.panel.selected_id()
        client = self._client()
        if not incident_id or client is None:
            return None
        try:
            review = run_off_ui_thread(lambda: fetch_review(client, incident_id))
        except Exception as exc:  # unreachable, refused: said, nothing written
            self.message.emit(self.tr("Could not fetch the review: {reason}").format(
                reason=_reason(exc)))
            return None
        if path is None:
            chosen, _ = QFileDialog.getSaveFileName(
                self.window, self.tr("Export the review"), suggested_path(f"{incident_id}.pdf"),
                self.tr("PDF (*.pdf);;Markdown (*.md)"))
            if not chosen:
                return None
            path = Path(chosen)
        export_review(review, path)
        self.message.emit(self.tr("Review written to {path}").format(path=str(path)))
        return path

    # --- plumbing -----------------------------------------------------------------------------
    def _client(self):
        engine = self.bridge.engine
        if engine is None:
            self.message.emit(self.tr("Incidents need the central API"))
            return None
        return engine.client

    def _request(self, method: str, incident_id: str, part: str = "",
                 body: dict | None = None) -> dict | None:
        client = self._client()
        if client is None or (method != "POST" or part) and not incident_id:
            return None
        try:
            return run_off_ui_thread(
                lambda: client.incident_call(method, incident_id, part, body))
        except Exception as exc:  # refused or unreachable: one line, the panel stays as it was
            self.message.emit(self.tr("The central API did not accept it: {reason}").format(
                reason=_reason(exc)))
            return None

    def _keep(self, answer: dict) -> None:
        self.store.save_one(check_incident(answer))
        self.refresh()

    def _select(self, incident_id: str) -> None:
        for row in range(self.panel.list.count()):
            if self.panel.list.item(row).data(Qt.ItemDataRole.UserRole)["id"] == incident_id:
                self.panel.list.setCurrentRow(row)

    def _live_alerts(self) -> list:
        """The unresolved alerts, in the order the alerts panel lists them."""
        return [a for a in AlertStore(self.store.db).alerts() if a.state != "resolved"]

    @staticmethod
    def _live_alert(alert_id: str, alerts: list):
        """The alert named, else the first of `alerts`, or None."""
        named = [a for a in alerts if str(a.id) == alert_id]
        return (named or alerts or [None])[0]

    def _sweep_default(self) -> tuple[str, str]:
        """The current case's first hashtag, else its first media item's hash."""
        case = self.current_case()
        if case is None:
            return "hashtag", ""
        if tag := _HASHTAG.search(case.text):
            return "hashtag", tag.group(0)
        return ("hash", case.media[0].sha256) if case.media else ("search", "")


def _reason(exc: Exception) -> str:
    text = str(exc)
    found = re.search(r'"error"\s*:\s*"([a-z_]+)"', text)
    return found.group(1) if found else (text[:120] or type(exc).__name__)
