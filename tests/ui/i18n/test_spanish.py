"""The window in Spanish: chosen by settings.json, it reads in Spanish where a user looks first."""

from __future__ import annotations

import json

import pytest

from reviewer.actions import ActionId
from reviewer.profile import Profile
from tests.qt_wait import pump_until
from tests.ui.conftest import prepare_store
from ui.app import build_workstation
from ui.cases.case_panel import language_line
from ui.i18n.language import choose_language, use_language


@pytest.fixture
def spanish_window(qtbot, tmp_path):
    profile = Profile(tmp_path / "profile").ensure()
    profile.settings_path.write_text(json.dumps({"language": "es"}), encoding="utf-8")
    prepare_store(profile)
    window = build_workstation(profile, None, None, undo_grace_s=0)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    pump_until(lambda: window.media_grid.is_settled(), what="first case media painted")
    yield window
    use_language("en")  # the next test's window speaks English again


def test_menus_read_in_spanish(spanish_window):
    titles = [a.text() for a in spanish_window.menuBar().actions()]
    assert titles == ["&Decidir", "&Ir", "&Multimedia", "&Sincronizar", "&Investigar",
                      "&Directrices", "&Cifras", "&Cuenta", "A&yuda"]
    assert spanish_window.windowTitle() == "Estación de revisión"


def test_decision_bar_reads_in_spanish(spanish_window):
    bar = spanish_window.decision_bar.buttons
    assert bar[ActionId.NO_VIOLATION].text().endswith("Sin infracción")
    assert bar[ActionId.REMOVE].text().endswith("Retirar")
    assert bar[ActionId.SKIP].text().endswith("Omitir")
    assert "Remove" not in " ".join(b.text() for b in bar.values())


def test_an_unknown_language_setting_falls_back_to_a_shipped_one():
    assert choose_language("es") == "es"
    assert choose_language("xx") in ("en", "es")  # then the system's, then English


def test_the_case_and_the_investigation_read_in_spanish(spanish_window):
    window = spanish_window
    assert "idioma" in window.case_panel.header.text()  # "language" in the case header
    assert window.case_panel.language.text().startswith("Texto en ")
    # The case's language is named in Spanish too, not in Qt's English.
    assert language_line("de") == "Texto en alemán (de)"
    assert language_line("ar").startswith("Texto en árabe · \u2068العربية\u2069 (ar)")
    assert window.case_panel.sla.text().startswith(("SLA: quedan", "SLA vencido"))
    window.investigation_panel.toggle()
    assert window.investigation_panel.status.text().startswith("Contexto")
    assert window.media_grid.accessibleName().startswith("Multimedia")


def test_an_appeal_reads_in_spanish_and_the_author_s_words_stay_as_written(qtbot):
    from reviewer.domain import Case
    from tests.factories import case_dict
    from ui.cases.case_panel import CasePanel
    use_language("es")
    try:
        raw = case_dict("c-appeal", media=[])
        raw["appeal"] = {"decision": {"decision_id": "d-1", "case_id": "c-1", "action": "remove",
                                      "policy": "harassment", "note": "insults",
                                      "reviewer": "ana", "recorded_at": "2026-01-01T00:00:00Z",
                                      "guideline_version": ""},
                         "statement": "It was a quote.", "guideline_now": "", "changed_since": []}
        panel = CasePanel()
        qtbot.addWidget(panel)
        panel.show_case(Case.from_api(raw))
        said = panel.pending.text()
    finally:
        use_language("en")
    assert "APELACIÓN de Retirar (harassment) de" in said and "— “insults”" in said
    assert "Tomada con una versión desconocida de la directriz; sin cambios" in said
    assert "Declaración del autor: “It was a quote.”" in said
    assert "APPEAL" not in said and "Made under" not in said


def test_earlier_decisions_on_the_same_media_read_in_spanish(qtbot):
    from reviewer.domain import Case
    from reviewer.review.prior_decisions import known_lines
    from tests.factories import case_dict, synthetic_png
    from ui.i18n.core_text import shown
    raw = case_dict("c-seen", media=[synthetic_png(64, 48, seed=1)])
    raw["media"][0]["prior_decisions"] = [{"action": "label_sensitive", "policy": "graphic",
                                           "count": 2, "since": "2026-11-25T08:00:00Z",
                                           "match": "exact"}]
    use_language("es")
    try:
        [line] = [shown(line) for line in known_lines(Case.from_api(raw).media[0])]
    finally:
        use_language("en")
    assert line == "Misma imagen: Marcar como sensible (graphic), 2× esta semana"
