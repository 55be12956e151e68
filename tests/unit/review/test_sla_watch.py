"""SLA warnings from the local cache: once per case, summed up for cases already late."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from reviewer.store.case_cache import CaseCache
from reviewer.review.case_list import CaseList
from reviewer.domain import Case
from reviewer.review.sla_watch import SlaWatch
from reviewer.store.database import open_store
from tests.factories import case_dict


def _watch(tmp_path, hours_left: dict[str, float]) -> SlaWatch:
    db = open_store(tmp_path / "store.sqlite3")
    CaseCache(db).save_cases([Case.from_api(case_dict(c, hours_left=h))
                              for c, h in hours_left.items()], None)
    return SlaWatch(CaseList(db))


def test_cases_entering_the_warning_window_are_announced_once(tmp_path):
    watch = _watch(tmp_path, {"c-10min": 10 / 60, "c-2h": 2, "c-25min": 25 / 60})
    now = datetime.now(timezone.utc)
    alert = watch.check(now)
    assert alert.case_ids == ("c-10min",)
    assert "about to breach" in alert.title and "c-10min" in alert.message
    assert watch.check(now) is None  # told once
    later = watch.check(now + timedelta(minutes=11))
    assert later.case_ids == ("c-25min",)
    assert watch.check(now + timedelta(hours=2)).case_ids == ("c-2h",)


def test_cases_already_late_at_start_are_summed_up_not_listed(tmp_path):
    watch = _watch(tmp_path, {f"late-{i}": -1 - i for i in range(5)} | {"fine": 5})
    alert = watch.check()
    assert len(alert.case_ids) == 5 and "already past their SLA" in alert.title
    assert watch.check() is None


def test_a_decided_case_is_not_announced(tmp_path):
    watch = _watch(tmp_path, {"c-soon": 0.1})
    watch.cases.remove("c-soon")
    assert watch.check() is None


def test_many_due_cases_name_a_few_and_count_the_rest(tmp_path):
    watch = _watch(tmp_path, {f"c-{i}": 0.05 + i / 1000 for i in range(6)})
    alert = watch.check()
    assert alert.message.count("(") == 3 and alert.message.endswith("and 3 more")
    assert alert.case_ids[0] == "c-0"


def test_a_deadline_passed_between_two_checks_is_news_an_old_one_is_backlog(tmp_path):
    watch = _watch(tmp_path, {"c-just": -1 / 60, "c-old": -3})
    alert = watch.check()
    assert alert.case_ids == ("c-just",) and "just breached" in alert.title
    assert "1m late" in alert.message
    assert watch.check() is None  # c-old was counted as seen with it: never called news
