"""The rationale rules are read from the store once until something writes it: every decision
asks, the sync worker (another connection) or any code on this connection may change them."""

from __future__ import annotations

import pytest

from reviewer.review.rationale import RULES_KEY, required_rule, save_rules
from reviewer.store.database import open_store, transaction, write_state


@pytest.fixture()
def stores(tmp_path):
    path = tmp_path / "store.sqlite3"
    mine, worker = open_store(path), open_store(path)
    yield mine, worker
    mine.conn.close()
    worker.conn.close()


def _reads_of_rules(db) -> list[str]:
    reads: list[str] = []
    db.conn.set_trace_callback(lambda sql: reads.append(sql) if "sync_state" in sql else None)
    return reads


def test_rules_are_read_once_while_nothing_writes(stores):
    mine, _ = stores
    save_rules(mine, [{"policy": "hate", "action": "remove"}])
    reads = _reads_of_rules(mine)
    for _ in range(3):
        assert required_rule(mine, "hate", "remove") == ("hate", "remove")
        assert required_rule(mine, "spam", "remove") is None
    assert len(reads) == 1


def test_a_rule_saved_by_another_connection_is_seen(stores):
    mine, worker = stores
    assert required_rule(mine, "hate", "remove") is None
    save_rules(worker, [{"policy": "*", "action": "remove"}])
    assert required_rule(mine, "hate", "remove") == ("*", "remove")
    save_rules(worker, [])
    assert required_rule(mine, "hate", "remove") is None


def test_a_rule_written_on_this_connection_is_seen_whoever_writes_it(stores):
    mine, _ = stores
    assert required_rule(mine, "hate", "remove") is None
    save_rules(mine, [{"policy": "hate", "action": "remove"}])
    assert required_rule(mine, "hate", "remove") == ("hate", "remove")
    write_state(mine, RULES_KEY, '[["spam", "remove"]]')  # not through save_rules
    assert required_rule(mine, "hate", "remove") is None
    assert required_rule(mine, "spam", "remove") == ("spam", "remove")


def test_rules_asked_inside_a_write_that_rolls_back_are_not_kept(stores):
    mine, _ = stores
    assert required_rule(mine, "hate", "remove") is None
    with pytest.raises(RuntimeError), transaction(mine) as conn:
        conn.execute("INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT(key) "
                     "DO UPDATE SET value = excluded.value", (RULES_KEY, '[["hate", "remove"]]'))
        assert required_rule(mine, "hate", "remove") == ("hate", "remove")
        raise RuntimeError("the write fails")
    assert required_rule(mine, "hate", "remove") is None
