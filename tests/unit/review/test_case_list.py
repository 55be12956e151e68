"""The work list's filters, sort orders and full-text search, on a real store file."""

from __future__ import annotations

import pytest

from reviewer.store.case_cache import CaseCache
from reviewer.review.case_list import ListQuery, SortKey
from reviewer.domain import Case, Decision
from reviewer.actions import ActionId
from reviewer.review.outbox import Outbox
from reviewer.review.session import ReviewSession
from reviewer.store.database import open_store
from tests.factories import case_dict


def _case(case_id: str, *, region: str = "EU", policy: str = "hate_speech", reports: int = 1,
          **kwargs) -> Case:
    data = case_dict(case_id, **kwargs)
    data["region"], data["policy_area"] = region, policy
    data["reports"] = data["reports"] * reports
    return Case.from_api(data)


@pytest.fixture
def session(tmp_path):
    db = open_store(tmp_path / "store.sqlite3")
    CaseCache(db).save_cases([
        _case("c-urgent", priority=1, hours_left=5, language="ar", region="MENA",
              text="مرحبا بالعالم threat against the mayor"),
        _case("c-due", priority=3, hours_left=0.2, language="ja", region="APAC",
              text="東京タワーで会いましょう"),
        _case("c-reported", priority=2, hours_left=3, reports=9, policy="harassment",
              text="You are a clown and everyone knows it"),
        _case("c-thai", priority=4, hours_left=30, language="th", region="APAC",
              text="สวัสดีครับ ตลาดนัดวันนี้"),
        _case("c-spam", priority=2, hours_left=8, queue_id="appeals", policy="spam",
              text="Buy cheap followers at <a href='x'>link</a>"),
    ], lease_expires_at=None)
    return ReviewSession(db)


def test_default_order_is_priority_then_deadline(session):
    assert session.case_ids == ["c-urgent", "c-reported", "c-spam", "c-due", "c-thai"]


@pytest.mark.parametrize("sort, descending, expected_first", [
    (SortKey.DEADLINE, False, "c-due"),
    (SortKey.DEADLINE, True, "c-thai"),
    (SortKey.REPORTS, False, "c-reported"),
    (SortKey.LANGUAGE, False, "c-urgent"),  # "ar" sorts first
])
def test_sort_orders(session, sort, descending, expected_first):
    session.set_query(ListQuery(sort=sort, descending=descending))
    assert session.case_ids[0] == expected_first
    assert len(session.case_ids) == 5


@pytest.mark.parametrize("query, expected", [
    (ListQuery(language="ar"), ["c-urgent"]),
    (ListQuery(region="APAC"), ["c-due", "c-thai"]),
    (ListQuery(policy_area="harassment"), ["c-reported"]),
    (ListQuery(priorities=frozenset({1, 4})), ["c-urgent", "c-thai"]),
    (ListQuery(min_reports=5), ["c-reported"]),
    (ListQuery(queue_id="appeals"), ["c-spam"]),
    (ListQuery(region="APAC", language="th"), ["c-thai"]),
    (ListQuery(region="nowhere"), []),
])
def test_filters(session, query, expected):
    session.set_query(query)
    assert session.case_ids == expected


@pytest.mark.parametrize("text, expected", [
    ("clown", ["c-reported"]),
    ("CLOW", ["c-reported"]),  # a prefix, any case: results follow typing
    ("threat mayor", ["c-urgent"]),  # every word must match
    ("threat clown", []),
    ("بالعالم", ["c-urgent"]),  # Arabic
    ("タワー", ["c-due"]),  # Japanese, no spaces: found inside the sentence
    ("ตลาด", ["c-thai"]),  # Thai, no spaces
    ("href", ["c-spam"]),  # markup in case text is text like any other
    ("c-spam", ["c-spam"]),  # a case id
    ('"AND NEAR(', []),  # FTS5 syntax typed by the reviewer is just text, never an error
])
def test_full_text_search(session, text, expected):
    session.set_query(ListQuery(text=text))
    assert session.case_ids == expected


def test_search_finds_the_reviewers_own_decision_notes(session, tmp_path):
    db = session.cache.db
    CaseCache(db).save_cases([_case("c-noted", text="nothing remarkable")], lease_expires_at=None)
    Outbox(db).record(Decision.new("c-noted", ActionId.ESCALATE, "p", "possible coordinated campaign"))
    # Escalated here, so not open any more: a fresh copy claimed again is open and findable.
    db.execute("UPDATE cases SET local_state = 'open' WHERE id = 'c-noted'")
    db.conn.commit()
    session.reload()
    session.set_query(ListQuery(text="coordinated"))
    assert session.case_ids == ["c-noted"]


def test_search_combines_with_filters_and_queue(session):
    session.set_query(ListQuery(text="clown", policy_area="spam"))
    assert session.case_ids == []
    session.set_query(ListQuery(text="followers", queue_id="appeals"))
    assert session.case_ids == ["c-spam"]


def test_a_decided_case_leaves_the_filtered_list_and_filters_keep_the_case_on_screen(session):
    session.set_query(ListQuery(region="APAC"))
    session.go_to("c-thai")
    session.set_query(ListQuery(region="APAC", sort=SortKey.DEADLINE))
    assert session.current().id == "c-thai"  # still qualifies: stays on screen
    session.decide(ActionId.NO_VIOLATION)
    session.set_query(ListQuery(region="APAC", sort=SortKey.URGENCY))
    assert session.case_ids == ["c-due"]


def test_clearing_keeps_the_queue(session):
    query = ListQuery(queue_id="appeals", text="cheap", min_reports=1)
    assert query.is_filtered()
    assert query.cleared() == ListQuery(queue_id="appeals")
    assert not query.cleared().is_filtered()
    assert "matching “cheap”" in query.describe()


def test_facets_count_values_of_open_cases(session):
    facets = session.case_list.facets()
    assert facets.regions["APAC"] == 2
    assert facets.languages["th"] == 1
    assert session.case_list.facets(ListQuery(queue_id="appeals")).policy_areas == {"spam": 1}


def test_search_finds_account_notes_written_here_and_by_other_reviewers(session):
    from reviewer.context.investigation import InvestigationStore
    from reviewer.review.search_indexer import SearchIndexer
    db = session.cache.db
    accounts = InvestigationStore(db)
    indexer = SearchIndexer(None)
    indexer.run_once(db)  # the cases are indexed before any note exists
    session.search_index = indexer.index
    accounts.add_note(session.cache.case("c-reported"), "Known for brigading during elections")
    indexer.run_once(db)  # what catch_up does when a note is recorded
    session.set_query(ListQuery(text="brigading"))
    assert "c-reported" in session.case_ids and "c-urgent" in session.case_ids  # same account
    accounts.save_context({"case_id": "c-spam", "author": {"id": "a1"}, "prior_enforcement": [],
                           "strikes": {"count": 0}, "other_open_cases": [], "reporters": [],
                           "notes": [{"note_id": "srv-1", "body": "impersonates a ministry"}]})
    indexer.run_once(db)  # after a sync round brought contexts
    session.set_query(ListQuery(text="ministry"))
    assert session.case_ids == ["c-spam"]


def test_each_filter_menu_counts_what_the_other_filters_leave(session):
    session.set_query(ListQuery(region="APAC"))
    facets = session.facets()
    assert facets.languages == {"ja": 1, "th": 1}  # narrowed by the region filter
    assert facets.regions["MENA"] == 1 and facets.regions["APAC"] == 2  # its own: every region
    session.set_query(ListQuery(region="APAC", text="東京"))
    assert session.facets().languages == {"ja": 1}  # and by the search


def test_clearing_keeps_the_queue_and_the_order(session):
    query = ListQuery(queue_id="appeals", language="en", sort=SortKey.DEADLINE, descending=True)
    assert query.cleared() == ListQuery(queue_id="appeals", sort=SortKey.DEADLINE, descending=True)
    assert query.narrows() and not query.cleared().narrows()
