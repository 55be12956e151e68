"""The case panel says when the reviewer's hold on the case is at risk (its lease past half its
life, so renewal has stopped), and says nothing while the lease is being renewed."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from reviewer.display_text import lease_note
from reviewer.domain import Case, Queue, to_iso
from reviewer.profile import Profile
from reviewer.store.case_cache import CaseCache
from reviewer.store.database import open_store
from tests.factories import case_dict
from tests.qt_wait import pump_until
from ui.app import build_workstation


def _in(minutes: float) -> str:
    return to_iso(datetime.now(timezone.utc) + timedelta(minutes=minutes))


def test_the_lease_line_appears_past_half_the_lease_and_follows_renewal(qtbot, tmp_path):
    profile = Profile(tmp_path / "profile").ensure()
    cache = CaseCache(open_store(profile.store_path))
    cache.save_queues([Queue("spam", "Spam", 1, ("spam",), "spam")])
    cache.save_cases([Case.from_api(case_dict("c-held", queue_id="spam"))], _in(8))
    window = build_workstation(profile, None, None, undo_grace_s=0)
    qtbot.addWidget(window)
    lease = window.case_panel.lease
    assert lease.isVisibleTo(window) and "ends in 7m" in lease.text()
    window.session.cache.set_leases({"c-held": _in(29)})  # the sync worker renewed it
    window.show_current()
    pump_until(lambda: not lease.isVisibleTo(window), what="the warning gone once renewed")


def test_the_lease_note_says_nothing_while_renewed_and_warns_once_lapsed():
    assert lease_note(None) == "" and lease_note(_in(20)) == ""
    assert "ends in 14m" in lease_note(_in(14.5))
    assert "lapsed" in lease_note(_in(-1))
