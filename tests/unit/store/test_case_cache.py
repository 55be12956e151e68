"""The case cache's start-up purge of never-render media, on a thread of its own."""

from __future__ import annotations

from reviewer.domain import Case, Queue
from reviewer.store.case_cache import CaseCache, purge_media_of_later
from reviewer.store.database import open_store
from tests.factories import case_dict, sha


def test_the_start_up_purge_deletes_only_never_render_bytes_off_the_calling_thread(tmp_path):
    path = tmp_path / "store.sqlite3"
    cache = CaseCache(open_store(path))
    gore, plain = b"gore-bytes", b"plain-bytes"
    cache.save_cases([Case.from_api(case_dict("c-gore", media=[gore], category="gore")),
                      Case.from_api(case_dict("c-plain", media=[plain], category="spam"))],
                     lease_expires_at=None)
    cache.save_media(sha(gore), "image/png", gore)
    cache.save_media(sha(plain), "image/png", plain)
    assert purge_media_of_later(path, frozenset()) is None  # nothing never-render: no thread
    purge_media_of_later(path, frozenset({"gore"})).join(timeout=30)
    cached = {row[0] for row in cache.db.execute("SELECT sha256 FROM media")}
    assert cached == {sha(plain)}



def _queue(*policies: str, queue_id: str = "q") -> Queue:
    return Queue(id=queue_id, name=queue_id.upper(), open_count=1, policies=policies,
                 default_policy=policies[0] if policies else "")


def test_the_queues_are_read_again_once_they_change_here_or_in_another_connection(tmp_path):
    path = tmp_path / "store.sqlite3"
    ui, worker = CaseCache(open_store(path)), CaseCache(open_store(path))
    worker.save_queues([_queue("spam")])
    assert ui.queue("q").policies == ("spam",)
    assert ui.queue("q") is ui.queue("q")  # kept while nothing changed
    worker.save_queues([_queue("spam", "hate")])
    assert ui.queue("q").policies == ("spam", "hate")  # the sync worker's write is seen
    ui.save_queues([_queue("hate")])
    assert ui.queue("q").policies == ("hate",)  # and this connection's own
    ui.save_queues([_queue("hate"), _queue(queue_id="r")])
    assert [q.id for q in ui.queues()] == ["q", "r"]
