"""U and O answer appeals, and an appeal takes only U, O or escalate: the central API refuses
anything else (server/quality/decision_rules.py), so the workstation says so at once instead of
recording a decision that comes back refused after the sync."""

from __future__ import annotations

from PySide6.QtCore import Qt

from reviewer.actions import ActionId
from reviewer.domain import Case
from tests.qt_wait import pump
from tests.ui.keystrokes import decide_by_keys


def _pending(window) -> int:
    return window.session.outbox.counts()["pending"]


def test_uphold_on_a_case_that_is_not_an_appeal_is_refused_before_it_is_recorded(offline_window):
    window = offline_window
    first = window.session.current().id
    window.registry.actions[ActionId.UPHOLD].trigger()
    pump(0.1)
    said = window.status_line.text()
    assert f"Not recorded: {first} is not an appeal" in said
    assert "Uphold (appeal) answers appeals only" in said
    assert _pending(window) == 0 and window.session.current().id == first


def _show_an_appeal(window) -> dict:
    raw = dict(window.session.current().raw, id="c0-appeal")
    raw["appeal"] = {"decision": {"decision_id": "d-1", "case_id": "c0-original",
                                  "action": "remove", "policy": "violent_graphic", "note": "gore",
                                  "reviewer": "colleague", "recorded_at": "2026-01-01T00:00:00Z",
                                  "guideline_version": ""},
                     "statement": "It was news footage.", "guideline_now": "",
                     "changed_since": []}
    window.session.cache.save_cases([Case.from_api(raw)], None)
    window.session.reload()
    window.session.go_to("c0-appeal")
    window.show_current()
    return raw


def _bar_keys(window) -> list[str]:
    """The decision bar's buttons as the reviewer sees them: key and label."""
    return [button.text() for button in window.decision_bar.controls() if button.isVisible()]


def test_an_appeal_takes_uphold_and_refuses_other_decisions_naming_its_keys(offline_window):
    window = offline_window
    raw = _show_an_appeal(window)
    appeal = window.session.current().id
    assert appeal == raw["id"]
    decide_by_keys(window, Qt.Key.Key_1)  # no violation: not an answer to an appeal
    said = window.status_line.text()
    assert f"Not recorded: {appeal} is an appeal" in said
    assert "Uphold it (U), overturn it (O) or escalate it (E)" in said
    assert _pending(window) == 0 and window.session.current().id == appeal
    window.registry.actions[ActionId.UPHOLD].trigger()
    pump(0.1)
    assert _pending(window) == 1
    assert [e.decision.action for e in window.session.outbox.entries()] == [ActionId.UPHOLD]
    assert window.session.current().id != appeal


def test_the_bar_offers_uphold_and_overturn_on_an_appeal_and_1_to_5_on_the_next_case(
        offline_window):
    window = offline_window
    ordinary = _bar_keys(window)
    assert ordinary[:6] == ["1  No violation", "2  Remove", "3  Label sensitive",
                            "4  Restrict reach", "5  Suspend", "E  Escalate"]
    buttons = list(window.decision_bar.controls())
    _show_an_appeal(window)
    assert _bar_keys(window) == ["U  Uphold (appeal)", "O  Overturn (appeal)", *ordinary[5:]]
    window.registry.actions[ActionId.UPHOLD].trigger()  # the next case is an ordinary one
    pump(0.1)
    assert not window.session.current().is_appeal
    assert _bar_keys(window) == ordinary
    # Shown and hidden, never made again: a case change builds nothing on the bar.
    assert list(window.decision_bar.controls()) == buttons
