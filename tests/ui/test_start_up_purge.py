"""Cached bytes of a never-render category are deleted shortly after start-up, once the first
case is on screen: the purge reads every case's media links, which would otherwise compete
with the first case's decodes. Until then the renderer refuses them itself."""

from __future__ import annotations

from reviewer.domain import Case, Queue
from reviewer.profile import Profile
from reviewer.store.case_cache import CaseCache
from reviewer.store.database import open_store
from tests.factories import case_dict, sha
from tests.qt_wait import pump_until
from ui.app import build_workstation


def test_never_render_bytes_are_purged_after_the_first_case_not_before(qtbot, tmp_path):
    profile = Profile(tmp_path / "profile").ensure()
    cache = CaseCache(open_store(profile.store_path))
    cache.save_queues([Queue("q", "Q", 2, ("spam",), "spam")])
    banned, plain = b"banned-bytes", b"plain-bytes"
    cache.save_cases([
        Case.from_api(case_dict("c-banned", queue_id="q", media=[banned],
                                category="csam_suspected")),
        Case.from_api(case_dict("c-plain", queue_id="q", media=[plain], category="spam"))],
        lease_expires_at=None)
    for data in (banned, plain):
        cache.save_media(sha(data), "image/png", data)

    def cached() -> set[str]:
        return {row[0] for row in cache.db.execute("SELECT sha256 FROM media")}

    window = build_workstation(profile, None, None, undo_grace_s=0)
    qtbot.addWidget(window)
    assert cached() == {sha(banned), sha(plain)}  # not on the way to the first case
    window.show()
    qtbot.waitExposed(window)
    pump_until(lambda: cached() == {sha(plain)}, timeout=30, what="never-render bytes purged")
