"""A policy is shown by what reviewers call it, the title of its policy document, in the policy
picker and in what the reviewer is told; its id stays where a specialist looks for it (the
picker's tooltips, and typing it still finds the policy)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from reviewer.context.guidelines import Guideline
from tests.qt_wait import pump_until
from ui.decide.policy_picker import PolicyPicker
from ui.i18n.language import use_language

NAMES = {"violent_graphic": "Graphic violence", "adult_nudity": "Adult nudity"}


def _document(policy: str, title: str) -> Guideline:
    return Guideline(policy, 1, 1, title, "policy", policy, "", "text", False,
                     "2026-11-10T09:00:00Z", "policy-team")


def _picker(parent: QWidget) -> PolicyPicker:
    return PolicyPicker("Remove c1 under which policy?", ["violent_graphic", "adult_nudity",
                                                          "spam"], "adult_nudity", parent,
                        lambda p: NAMES.get(p, p))


def _entries(picker: PolicyPicker) -> list[tuple[str, str]]:
    return [(picker.list.item(row).text(), picker.list.item(row).toolTip())
            for row in range(picker.list.count())]


def test_the_picker_shows_names_keeps_ids_in_tooltips_and_finds_either(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    picker = _picker(parent)
    assert _entries(picker) == [("1  Graphic violence", "Policy id: violent_graphic"),
                                ("2  Adult nudity", "Policy id: adult_nudity"),
                                ("3  spam", "Policy id: spam")]  # no document: its id
    assert picker.list.currentRow() == 1  # the default, preselected
    picker.filter.setText("graphic")
    assert picker.shown == ["violent_graphic"]
    picker.filter.setText("adult_n")  # the id, as a specialist types it
    assert picker.shown == ["adult_nudity"]
    use_language("es")
    try:
        assert _picker(parent).list.item(0).toolTip() == "Id. de la política: violent_graphic"
    finally:
        use_language("en")


def test_a_decision_names_its_policy_in_the_picker_and_in_the_message(offline_window):
    window = offline_window
    window.session.guidelines.save([_document("violent_graphic", "Graphic violence")], cursor=1)
    window.guidelines.refresh()  # as after a sync that brought the document
    case_id, seen = window.session.current().id, []

    def take_the_default() -> None:
        picker = PolicyPicker.current
        if picker is None:
            QTimer.singleShot(5, take_the_default)
            return
        seen.extend(_entries(picker))
        QTest.keyClick(picker.filter, Qt.Key.Key_Return)

    QTimer.singleShot(5, take_the_default)
    QTest.keyClick(window, Qt.Key.Key_2)  # remove: the picker asks under which policy
    assert seen == [("1  Graphic violence", "Policy id: violent_graphic")]
    pump_until(lambda: not window.after_frame.pending(), what="what follows the frame")
    assert window.status_line.text().startswith(
        f"Recorded Remove (Graphic violence) on {case_id}")
    [entry] = window.session.outbox.entries()
    assert entry.decision.policy == "violent_graphic"  # the id goes on record
