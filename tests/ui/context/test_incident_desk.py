"""The incidents panel against the real central API: Shift+I shows it; declaring, adding the
case on screen and the live figures; a decision on that case carries the incident id; a review
section waits here until sent; the review exports as Markdown and as a PDF with its chart."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtPdf import QPdfDocument

from reviewer.context.alerts import AlertStore
from reviewer.context.incident_report import WORDS
from reviewer.contract.incidents import SECTION_TITLES
from reviewer.profile import Profile
from reviewer.sync.api_client import ApiClient
from reviewer.sync.engine import SyncEngine, SyncSettings
from tests.qt_wait import pump_until
from tests.ui.keystrokes import decide_by_keys
from ui.app import build_workstation
from ui.i18n.language import use_language


def _window(qtbot, tmp_path, central_api, role="senior"):
    profile = Profile(tmp_path / "profile").ensure()
    SyncEngine(profile.store_path, ApiClient(central_api.url, central_api.tokens[role]),
               settings=SyncSettings(prefetch_per_queue=10, low_watermark=3)).run_once()
    window = build_workstation(profile, central_api.url, central_api.tokens[role],
                               undo_grace_s=0)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    pump_until(window.isActiveWindow, what="window active")  # keys go to the active window
    return window


def _desk(window):
    return next(child for child in window.children() if hasattr(child, "panel")
                and hasattr(child, "declare"))


def test_declare_add_decide_write_and_export(qtbot, tmp_path, central_api):
    window = _window(qtbot, tmp_path, central_api)
    desk = _desk(window)
    qtbot.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ShiftModifier)
    assert desk.dock.isVisible()

    incident_id = desk.declare("Dam-burst <b>hoax</b>", "high", "de, fr")
    assert incident_id.startswith("inc-")
    assert desk.panel.selected_id() == incident_id
    assert "Cases in 0" in desk.panel.figures.text()
    case = window.session.current()
    desk.add_case()
    assert "Cases in 1" in desk.panel.figures.text()
    assert "pending 1" in desk.panel.figures.text()

    decide_by_keys(window, Qt.Key.Key_1)  # no violation, on the case in the incident
    tagged = window.session.cache.db.execute(
        "SELECT incident_id FROM outbox WHERE case_id = ?", (case.id,)).fetchone()[0]
    assert tagged == incident_id

    desk.write_section("summary", "A hoax spread through one hashtag.")
    assert "waiting to be sent" in desk.panel.entries.text()
    window.bridge.engine.run_once()  # the decision and the section go out
    desk.refresh()
    assert "(sent)" in desk.panel.entries.text()

    markdown = desk.export(tmp_path / "review.md").read_text(encoding="utf-8")
    assert "# Post-incident review: Dam-burst \\<b\\>hoax\\</b\\>" in markdown
    assert "A hoax spread through one hashtag." in markdown
    assert "Incident declared (high)" in markdown and "First decision" in markdown
    pdf = desk.export(tmp_path / "review.pdf")
    assert pdf.read_bytes().startswith(b"%PDF")
    document = QPdfDocument()
    document.load(str(pdf))
    assert document.pageCount() >= 1
    text = "".join(document.getAllText(page).text() for page in range(document.pageCount()))
    assert "Dam-burst <b>hoax</b>" in text  # shown as typed, never obeyed as markup
    assert "Cases in vs decided" in text

    # A Spanish-speaking team gets its review in Spanish; what it wrote stays as written.
    use_language("es")
    try:
        markdown = desk.export(tmp_path / "revision.md").read_text(encoding="utf-8")
        pdf_text = _pdf_text(desk.export(tmp_path / "revision.pdf"))
    finally:
        use_language("en")
    assert "# Revisión posterior al incidente: Dam-burst" in markdown
    assert "## Resumen" in markdown and "## Cronología" in markdown
    assert "- **Gravedad:** high" in markdown and "Post-incident" not in markdown
    assert "A hoax spread through one hashtag." in markdown
    assert "Casos entrados frente a decididos" in pdf_text and "Cases in" not in pdf_text


def _pdf_text(path) -> str:
    document = QPdfDocument()
    document.load(str(path))
    return "".join(document.getAllText(page).text() for page in range(document.pageCount()))


def test_a_reviewer_is_told_they_cannot_declare(qtbot, tmp_path, central_api):
    window = _window(qtbot, tmp_path, central_api, role="reviewer")
    desk = _desk(window)
    said = []
    desk.message.connect(said.append)
    assert desk.declare("Not mine to declare", "low") == ""
    assert said == ["The central API did not accept it: forbidden"]
    assert desk.panel.list.count() == 0


def test_the_paged_on_call_declares_from_the_alert(qtbot, tmp_path, central_api, monkeypatch):
    from server.demo.crisis import CrisisFeed, put_on_call
    from ui.context.incident_dialogs import FormDialog

    put_on_call(central_api.db_path, "reviewer-one")
    CrisisFeed(central_api.db_path, lambda: True, delay=0, spacing=0).run()
    window = _window(qtbot, tmp_path, central_api, role="reviewer")
    desk = _desk(window)
    forms = _accepting(monkeypatch, FormDialog)
    desk.ask_declare()
    [incident] = desk.store.incidents()
    assert incident["alert_id"] is not None and incident["commander"] == "reviewer-one"
    assert incident["figures"]["cases_in"] >= 10  # the spike's cases joined
    # The form names the alert by its title, as the alerts panel does: its id is shown nowhere.
    [alert] = [a for a in AlertStore(desk.store.db).alerts() if str(a.id) == incident["alert_id"]]
    from_alert = forms[0].inputs["alert_id"]
    assert from_alert.currentText() == alert.title
    shown = [from_alert.itemText(i) for i in range(from_alert.count())]
    assert shown[0] == "None" and str(alert.id) not in shown


def _accepting(monkeypatch, form_class, accept: bool = True) -> list:
    """Every form asked is kept and answers with what it offers (or is cancelled)."""
    forms = []

    def ask(form):
        forms.append(form)
        return form.values() if accept else None
    monkeypatch.setattr(form_class, "ask", ask)
    return forms


def test_the_sweep_form_offers_reviewer_words_and_sends_the_wire_ones(
        qtbot, tmp_path, central_api, monkeypatch):
    from ui.context.incident_dialogs import FormDialog
    window = _window(qtbot, tmp_path, central_api)
    desk = _desk(window)
    forms = _accepting(monkeypatch, FormDialog, accept=False)
    desk.ask_sweep()
    by = forms[0].inputs["by"]
    assert [by.itemText(i) for i in range(by.count())] == [
        "Hashtag", "Same media (its sha256)", "Words in the text"]
    by.setCurrentIndex(1)
    assert forms[0].values()["by"] == "hash"  # what the central API is asked by
    use_language("es")
    try:
        desk.ask_sweep()
    finally:
        use_language("en")
    by = forms[1].inputs["by"]
    assert [by.itemText(i) for i in range(by.count())] == [
        "Hashtag", "El mismo contenido multimedia (su sha256)", "Palabras del texto"]


def test_every_section_title_is_marked_for_translation():
    # The wire contract keeps them in English; the report marks them so lupdate lists them.
    assert {key: WORDS[key] for key in SECTION_TITLES} == SECTION_TITLES


def test_a_form_line_shows_an_alert_title_whole(qtbot):
    from ui.context.incident_dialogs import Field, FormDialog
    title = "SLA within 60 min: 12 cases of Hate & harassment due"
    dialog = FormDialog(None, "Declare an incident", [Field("title", "Title", default=title)])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    line = dialog.inputs["title"]
    assert line.width() > line.fontMetrics().horizontalAdvance(title)
