"""The crisis-sweep grid, driven by keys only: blurred thumbnails, selection, one confirmed bulk
decision that becomes many decisions in the outbox."""

from __future__ import annotations

import pytest
from PIL import Image, ImageChops, ImageStat
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from reviewer.store.case_cache import CaseCache
from reviewer.domain import Case, Queue
from reviewer.keymap import load_keymap
from reviewer.media.presets import PresetBook
from reviewer.review.session import ReviewSession
from reviewer.store.database import open_store
from tests.factories import case_dict, sha, synthetic_png
from tests.qt_wait import pump_until
from ui.media.service import MediaService
from ui.decide.policy_picker import PolicyPicker
from ui.decide.sweep_view import SweepView

MEDIA = [synthetic_png(320, 240, seed=s) for s in (11, 12, 13)]
CRISIS_EXTRA = synthetic_png(320, 240, seed=15)
NEVER = synthetic_png(200, 150, seed=14)  # never saved: a never-render item has no bytes here
HIGH_PROFILE = {"s05": "mayor", "s17": "newsdesk"}


def _sweep_cases(count: int, never: bool) -> list[Case]:
    cases = []
    for i in range(count):
        data = case_dict(f"s{i:02d}", priority=1, hours_left=i + 1, media=[MEDIA[i % 3]])
        if f"s{i:02d}" in HIGH_PROFILE:
            data["author"].update(handle=HIGH_PROFILE[f"s{i:02d}"], high_profile=True)
        cases.append(Case.from_api(data))
    if never:
        cases.append(Case.from_api(case_dict("never", hours_left=99, media=[NEVER],
                                             category="csam_suspected")))
    return cases


def _crisis_cases() -> list[Case]:
    """As crisis items are: a few images re-posted in different combinations, so every case
    shares some image with every other, while its first (shown) image is one of four."""
    pool = MEDIA + [CRISIS_EXTRA]
    return [Case.from_api(case_dict(f"k{i:02d}", priority=1, hours_left=i + 1,
                                    media=[pool[(i + j) % 4] for j in range(3)]))
            for i in range(12)]


def _open(qtbot, tmp_path, never=False, on_request=None, cases=None):
    path = tmp_path / "store.sqlite3"
    db = open_store(path)
    cache = CaseCache(db)
    cache.save_queues([Queue("graphic_media", "Graphic media", 30, ("violent_graphic", "other"),
                             "violent_graphic")])
    cache.save_cases(cases if cases is not None else _sweep_cases(30, never), None)
    for data in MEDIA + [CRISIS_EXTRA]:
        cache.save_media(sha(data), "image/png", data)
    session = ReviewSession(db)
    service = MediaService(path)
    if on_request is not None:
        real = service.request
        service.request = lambda key: (on_request(key), real(key))[1]
    cases = [cache.case(i) for i in session.case_ids]
    view = SweepView(service, PresetBook.load(), load_keymap(), session, cases)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    view.activateWindow()
    pump_until(view.isActiveWindow, what="sweep view active")
    return view, session, service


@pytest.fixture
def sweep(qtbot, tmp_path):
    view, session, service = _open(qtbot, tmp_path)
    yield view, session
    view.close()
    service.shutdown()


def _gray(image: QImage) -> Image.Image:
    image = image.convertToFormat(QImage.Format.Format_Grayscale8)
    data = bytes(image.constBits())[: image.bytesPerLine() * image.height()]
    return Image.frombytes("L", (image.width(), image.height()), data, "raw", "L", image.bytesPerLine())


def _edge_energy(image: QImage) -> float:
    gray = _gray(image)
    shifted = gray.transform(gray.size, Image.Transform.AFFINE, (1, 0, 1, 0, 1, 0))
    return ImageStat.Stat(ImageChops.difference(gray, shifted)).mean[0]


def _key(view, key, modifier=Qt.KeyboardModifier.NoModifier):
    QTest.keyClick(view, key, modifier)


class _Answers:
    """Answers the policy picker and then the confirmation with Return, from inside their loops."""

    def __init__(self):
        self.seen: list[str] = []
        self._timer = QTimer(interval=5)
        self._timer.timeout.connect(self._answer)

    def __enter__(self):
        self._timer.start()
        return self

    def __exit__(self, *exc):
        self._timer.stop()

    def _answer(self):
        dialog = PolicyPicker.current or QApplication.activeModalWidget()
        if dialog is None or dialog.property("answered") or not dialog.isVisible():
            return
        if isinstance(dialog, PolicyPicker):
            dialog.setProperty("answered", True)
            self.seen.append("policy")
            QTest.keyClick(dialog.filter, Qt.Key.Key_Return)
        elif isinstance(dialog, QMessageBox) and dialog.window().isActiveWindow():
            dialog.setProperty("answered", True)
            self.seen.append("confirm:" + dialog.text())
            QTest.keyClick(dialog, Qt.Key.Key_Return)


def test_keys_select_and_one_confirmed_decision_records_one_decision_per_case(sweep):
    view, session = sweep
    sel = view.selection
    assert len(view.cells) == 30 and sel.current().id == "s00"
    _key(view, Qt.Key.Key_Right)
    _key(view, Qt.Key.Key_Down)
    assert sel.current().id == "s07"
    _key(view, Qt.Key.Key_Space)
    _key(view, Qt.Key.Key_Left)
    _key(view, Qt.Key.Key_X)
    assert sel.selected == {"s07", "s06"}
    _key(view, Qt.Key.Key_Space)  # toggles off again
    assert sel.selected == {"s07"}
    _key(view, Qt.Key.Key_M)  # s06 carries MEDIA[0]: every third case
    assert sel.selected == {f"s{i:02d}" for i in range(0, 30, 3)} | {"s07"}
    assert view.cells["s06"].selected and view.cells["s06"].current
    _key(view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert len(sel.selected) == 30

    with _Answers() as answers:
        _key(view, Qt.Key.Key_2)
    assert answers.seen[0] == "policy"
    confirm = answers.seen[1]
    assert confirm.startswith("confirm:Remove 30 items under violent_graphic?")
    assert "Includes high-profile accounts: @mayor, @newsdesk" in confirm

    entries = session.outbox.entries()
    assert len(entries) == 30
    assert len({e.decision.decision_id for e in entries}) == 30
    assert {e.decision.case_id for e in entries} == {f"s{i:02d}" for i in range(30)}
    assert all(e.decision.action.value == "remove" and e.state == "pending" for e in entries)
    assert session.cache.open_case_ids() == []
    assert view.cells == {} and sel.cases == []


def test_same_media_selects_the_items_showing_the_cursors_image_not_every_item_sharing_one(
        qtbot, tmp_path):
    view, _, service = _open(qtbot, tmp_path, cases=_crisis_cases())
    try:
        _key(view, Qt.Key.Key_Right)  # k01 shows MEDIA[1] (and carries MEDIA[2], CRISIS_EXTRA)
        _key(view, Qt.Key.Key_M)
        assert view.selection.selected == {"k01", "k05", "k09"}
        assert all(view.cells[c].media.sha256 == sha(MEDIA[1]) for c in view.selection.selected)
        assert "3 selected" in view.status.text()
    finally:
        view.close()
        service.shutdown()


def test_esc_at_the_confirmation_records_nothing_and_first_esc_clears_the_selection(sweep):
    view, session = sweep
    _key(view, Qt.Key.Key_Space)

    def answer():
        picker = PolicyPicker.current
        if picker is not None and not picker.property("answered"):
            picker.setProperty("answered", True)
            QTest.keyClick(picker.filter, Qt.Key.Key_Return)
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and box.isVisible() and box.window().isActiveWindow():
            QTest.keyClick(box, Qt.Key.Key_Escape)

    timer = QTimer(interval=5)
    timer.timeout.connect(answer)
    timer.start()
    try:
        _key(view, Qt.Key.Key_4)
    finally:
        timer.stop()
    pump_until(view.isActiveWindow, what="sweep view active again")
    assert session.outbox.entries() == [] and len(view.cells) == 30
    assert view.selection.selected == {"s00"}
    _key(view, Qt.Key.Key_Escape)
    assert view.selection.selected == set() and view.isVisible()
    _key(view, Qt.Key.Key_Escape)
    assert not view.isVisible()


def test_every_thumbnail_is_blurred_and_grayscale_and_never_render_requests_nothing(qtbot, tmp_path):
    requested = []
    view, _, service = _open(qtbot, tmp_path, never=True, on_request=requested.append)
    try:
        pump_until(view.is_settled, what="every thumbnail rendered")
        assert len(view.cells) == 31
        for case_id, cell in view.cells.items():
            if case_id == "never":
                continue
            assert not cell.key.style.revealed and not cell.key.style.colour
            assert cell.key.style.blur_fraction >= 0.08
            assert cell.result.image.allGray()
            assert _edge_energy(cell.result.image) < 1.5
            assert cell.media.category == "graphic_violence" and cell.media.label
        never = view.cells["never"]
        assert never.result.image is None and never.result.never_rendered  # the renderer refused
        view.scroll.ensureWidgetVisible(never)
        pump_until(lambda: never.painted == (never.key,), what="never-render cell painted")
        assert sha(NEVER) not in {k.sha256 for k in requested}
        assert all(not k.style.revealed for k in requested)  # no reveal anywhere in the sweep
    finally:
        view.close()
        service.shutdown()


def test_the_panic_key_takes_the_whole_grid_away_and_nothing_is_decided_meanwhile(sweep):
    view, session = sweep
    _key(view, Qt.Key.Key_H)  # panic, as in case mode
    assert not view._grid_host.isVisible() and view.scroll.isVisible()  # nothing moves
    assert "ALL MEDIA HIDDEN · H shows the blurred grid again" in view.message.text()
    _key(view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    _key(view, Qt.Key.Key_2)  # no picker, no confirmation: the key waits for the grid
    assert view.selection.selected == set() and session.outbox.entries() == []
    _key(view, Qt.Key.Key_H)
    assert view._grid_host.isVisible() and view.message.text() == ""
    assert all(cell.result is None or cell.result.image is not None
               for cell in view.cells.values() if cell.media is not None)


def test_a_sweep_over_an_empty_list_opens_no_grid_and_says_why(offline_window):
    from reviewer.actions import ActionId
    from tests.qt_wait import pump
    window = offline_window
    window.queue_panel.filters.min_reports.setValue(999)  # a filter no case passes
    pump_until(lambda: not window.session.case_ids, what="the list emptied by the filter")
    opened: list[str] = []

    def close_any_dialog() -> None:  # an empty grid would wait for a key: closed and noted
        dialog = QApplication.activeModalWidget()
        if dialog is not None:
            opened.append(dialog.objectName())
            dialog.reject()

    watch = QTimer(interval=50, timeout=close_any_dialog)
    watch.start()
    window.registry.actions[ActionId.SWEEP].trigger()
    pump(0.3)
    watch.stop()
    assert opened == []  # "Sweep: 0 items" before
    said = window.status_line.text()
    assert said.startswith("Nothing to sweep: no cached case in this list matches the search "
                           "and filters. Ctrl+Shift+L clears them"), said
