"""The policy library and bulletins in the window, offscreen, driven by keys."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from reviewer.actions import ActionId
from reviewer.context.guidelines import Guideline, GuidelineStore
from reviewer.profile import Profile
from reviewer.store.database import open_store
from reviewer.sync.engine import SyncStatus
from tests.qt_wait import pump_until
from tests.ui.conftest import prepare_store
from ui.app import build_workstation
from ui.context.guidelines_view import GuidelinesView
from ui.theme.palette import current_palette

FIRST = "Label real injuries shared to inform. Remove images that mock victims."
INSERTED = "Blur stays on until you choose to reveal. "
SECOND = f"Label real injuries shared to inform. {INSERTED}Remove images that mock victims."
HTML_TITLE = '<b>Crisis</b><img src="http://example.invalid/x.png"> sweep'


def policy(version: int, seq: int, body: str) -> Guideline:
    return Guideline("violent_graphic", version, seq, "Graphic violence", "policy",
                     "violent_graphic", "", body, False, f"2026-11-1{seq}T09:00:00Z", "lena")


def bulletin(seq: int, title: str = "Crisis sweep: attack footage") -> Guideline:
    return Guideline(f"bulletin-{seq}", 1, seq, title, "bulletin", "violent_graphic",
                     "graphic_media", "Every re-share of the footage is removed.", True,
                     "2026-11-21T09:00:00Z", "lena")


def _window(qtbot, tmp_path, *guidelines: Guideline):
    profile = Profile(tmp_path / "profile").ensure()
    prepare_store(profile)
    GuidelineStore(open_store(profile.store_path)).save(list(guidelines), cursor=len(guidelines))
    window = build_workstation(profile, None, None, undo_grace_s=0)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    pump_until(lambda: window.media_grid.is_settled(), what="first case media painted")
    return window


@pytest.fixture
def library_window(qtbot, tmp_path):
    return _window(qtbot, tmp_path, policy(1, 1, FIRST), policy(2, 2, SECOND))


def _in_view(act):
    """Run `act(view)` once the guideline view is open, then close it."""
    seen = []

    def answer():
        view = QApplication.activeModalWidget()
        # Keys reach a dialog once it is the active window, as for a person.
        if not isinstance(view, GuidelinesView) or not view.isActiveWindow():
            QTimer.singleShot(10, answer)
            return
        seen.append(act(view))
        view.reject()
    QTimer.singleShot(10, answer)
    return seen


def test_g_opens_the_library_on_the_guideline_for_the_case_on_screen(library_window):
    seen = _in_view(lambda view: (view.shown.tag, view.text.toPlainText(),
                                  view.documents.currentItem().text()))
    QTest.keyClick(library_window, Qt.Key.Key_G)
    assert seen, "G did not open the guideline view"
    tag, text, entry = seen[0]
    assert (tag, text) == ("violent_graphic@2", SECOND)
    assert entry.startswith("Graphic violence\nPolicy · v2 · violent_graphic")


def test_what_changed_shows_the_inserted_sentence_on_green(library_window):
    def what_changed(view):
        QTest.keyClick(view, Qt.Key.Key_W)
        marked, unmarked = [], []
        block = view.text.document().begin()
        while block.isValid():
            fragments = block.begin()
            while not fragments.atEnd():
                fragment = fragments.fragment()
                coloured = fragment.charFormat().background().color() == current_palette().colour("insert_bg")
                (marked if coloured else unmarked).append(fragment.text())
                fragments += 1
            block = block.next()
        return marked, "".join(unmarked)

    seen = _in_view(what_changed)
    QTest.keyClick(library_window, Qt.Key.Key_G)
    marked, unmarked = seen[0]
    assert marked == [INSERTED]
    assert "Label real injuries shared to inform. Remove images that mock victims." in unmarked


def test_a_new_bulletin_shows_in_the_banner_and_goes_once_acknowledged(library_window):
    window = library_window
    banner = window.guidelines.banner
    assert banner.isHidden()
    store = GuidelineStore(window.session.cache.db)
    store.save([bulletin(3)], cursor=3)  # what a sync round brings in
    focus = QApplication.focusWidget()
    window.bridge.status_changed.emit(SyncStatus(True, 0, 0, 0, 0, guidelines_changed=True))
    pump_until(lambda: banner.isVisible(), what="the bulletin banner")
    assert "Crisis sweep: attack footage" in banner.rows[0].label.text()
    assert " · Graphic media · " in banner.rows[0].label.text()  # the queue's name, not its id
    assert QApplication.focusWidget() is focus  # the banner took no focus from the review keys

    # Not read yet: the key opens it; the same key in the view acknowledges what is on screen.
    ack = window.registry.actions[ActionId.ACKNOWLEDGE_BULLETIN].shortcuts()[0]

    def acknowledge_in_view(view):
        QTest.keySequence(view, ack)  # at once: it has not been on screen long enough
        too_soon = view.ack_button.text()
        pump_until(view.ack_button.isEnabled, what="the bulletin read")
        QTest.keySequence(view, ack)
        return view.shown.tag, too_soon, view.ack_button.text()
    seen = _in_view(acknowledge_in_view)
    QTest.keySequence(window, ack)
    assert seen == [("bulletin-3@1", "Acknowledge (after reading)", "Acknowledged")]
    pump_until(lambda: banner.isHidden(), what="the banner to go")
    assert store.pending_acks() == [("bulletin-3", 1)]  # queued for the next sync
    QTest.keyClick(window, Qt.Key.Key_1)  # and the review keys still decide
    assert len(window.session.outbox.entries()) == 1


def test_the_banner_is_there_at_start_and_its_text_is_plain(qtbot, tmp_path):
    window = _window(qtbot, tmp_path, policy(1, 1, FIRST), bulletin(2, HTML_TITLE))
    banner = window.guidelines.banner
    assert banner.isVisible()
    label = banner.rows[0].label
    assert label.textFormat() == Qt.TextFormat.PlainText
    assert "<b>Crisis</b><img" in label.text()


def test_the_palette_opens_a_policys_guideline_and_lists_no_other_modes_actions(library_window):
    from ui.keys.palette import entries_for
    entries = entries_for(library_window.registry, library_window.session,
                          library_window.palette_targets)
    texts = [e.text for e in entries]
    assert not any(t.startswith("Select every item with the same media") for t in texts)
    policy_entry = next(e for e in entries  # its document's title, and the id a specialist types
                        if e.text.startswith("Policy: Graphic violence (violent_graphic)"))
    seen = _in_view(lambda view: view.shown.tag)
    policy_entry.run()
    assert seen == ["violent_graphic@2"]
