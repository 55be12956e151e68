"""The figures endpoints count a scripted shift exactly, on both back ends; the team view is for
leads only; shared exposure is refused unless the policy asks for it and is shown only as a
distribution once enough reviewers share."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from server.runner import ServerThread
from tests.scripted_shift import DAY, UNTIL, hours, make_shift_database


@pytest.fixture
def shift(databases) -> Iterator[dict[str, httpx.Client]]:
    """A server over a database holding only the scripted shift; a client per reviewer."""
    target = databases.new("shift")
    tokens = make_shift_database(target)
    server = ServerThread(target).start()
    clients = {name: httpx.Client(base_url=server.url, timeout=10,
                                  headers={"Authorization": f"Bearer {token}"})
               for name, token in tokens.items()}
    yield clients
    for client in clients.values():
        client.close()
    server.stop()
    databases.drop(target)


def test_my_figures_count_my_decisions_of_the_shift(shift):
    alice = shift["alice"].get("/v1/figures/me", params={"until": UNTIL, "hours": 8})
    assert alice.status_code == 200, alice.text
    assert alice.json() == {
        "reviewer": "alice", "window_start": f"{DAY}T09:00:00Z", "until": UNTIL,
        "decisions_per_hour": hours(2, 0, 1, 0, 0, 0, 0, 1),
        "decisions": 4, "sla_met": 3, "sla_missed": 1, "exposure_policy": "stays_here"}
    bob = shift["bob"].get("/v1/figures/me", params={"until": UNTIL}).json()
    assert (bob["decisions_per_hour"], bob["sla_met"], bob["sla_missed"]) == (
        hours(0, 2, 0, 0, 0, 0, 0, 0), 1, 1)


def test_team_figures_per_queue(shift):
    answer = shift["lena"].get("/v1/figures/team", params={"until": UNTIL, "hours": 8})
    assert answer.status_code == 200, answer.text
    queues = {q["queue_id"]: q for q in answer.json()["queues"]}
    assert queues["graphic_media"] == {
        "queue_id": "graphic_media", "name": "Graphic media",
        "inflow_per_hour": hours(2, 2, 0, 1, 1, 1, 1, 0),
        "decided_per_hour": hours(2, 2, 0, 0, 0, 0, 0, 0),
        "backlog": 4, "breached": 1, "sla_met": 2, "sla_missed": 2,
        "pace_per_hour": 0.5,
        # o2 is reached at 18:30 (due 17:00), o3 at 20:30 (due 17:10), o4 at 22:30 (due 23:00)
        "breach_forecast": 2}
    hate = queues["hate_harassment"]
    assert (hate["inflow_per_hour"], hate["decided_per_hour"], hate["backlog"],
            hate["sla_met"], hate["pace_per_hour"], hate["breach_forecast"]) == (
        hours(0, 1, 0, 0, 0, 0, 0, 0), hours(0, 0, 1, 0, 0, 0, 0, 1), 0, 2, 0.25, 0)
    assert queues["appeals"]["decided_per_hour"] == hours(0, 0, 0, 0, 0, 0, 0, 0)


def test_a_reviewer_or_senior_cannot_read_the_team_view(shift):
    for name in ("alice", "sam"):
        answer = shift[name].get("/v1/figures/team")
        assert answer.status_code == 403
        assert answer.json()["error"] == "forbidden"


def test_exposure_stays_on_the_workstation_by_default(shift):
    answer = shift["alice"].post("/v1/figures/exposure",
                                 json={"days": [{"day": DAY, "exposure_s": 100}]})
    assert answer.status_code == 403
    assert answer.json()["error"] == "exposure_stays_here"
    team = shift["lena"].get("/v1/figures/team", params={"until": UNTIL}).json()
    assert team["exposure"] == {"policy": "stays_here", "days": 7, "reviewers": 0,
                                "shown": False, "bins": []}


def _share(client: httpx.Client, **days: float) -> None:
    body = {"days": [{"day": d.replace("_", "-")[1:], "exposure_s": s} for d, s in days.items()]}
    answer = client.post("/v1/figures/exposure", json=body)
    assert answer.status_code == 200, answer.text


def test_shared_daily_totals_show_as_a_distribution_of_reviewer_days(shift, monkeypatch):
    monkeypatch.setenv("REVIEWER_EXPOSURE_POLICY", "daily_totals")
    _share(shift["alice"], _2030_03_04=100, _2030_03_03=400)
    _share(shift["alice"], _2030_03_03=700)  # a day sent again replaces the earlier total
    _share(shift["bob"], _2030_03_04=1300)
    two = shift["lena"].get("/v1/figures/team", params={"until": UNTIL}).json()["exposure"]
    # Two sharing: a bar could be one person.
    assert (two["reviewers"], two["shown"], two["bins"]) == (2, False, [])
    _share(shift["sam"], _2030_03_01=2000, _2030_02_20=50)  # the 20th is outside the 7 days
    three = shift["lena"].get("/v1/figures/team", params={"until": UNTIL}).json()["exposure"]
    assert three["shown"] and three["reviewers"] == 3
    assert [(b["from_s"], b["to_s"], b["reviewer_days"]) for b in three["bins"]] == [
        (0, 300, 1), (300, 600, 0), (600, 900, 1), (900, 1200, 0), (1200, 1800, 1),
        (1800, None, 1)]
    assert "alice" not in str(three) and "bob" not in str(three)  # never per person


def test_bad_windows_and_days_are_refused(shift, monkeypatch):
    monkeypatch.setenv("REVIEWER_EXPOSURE_POLICY", "daily_totals")
    lena = shift["lena"]
    assert lena.get("/v1/figures/team", params={"hours": 25}).status_code == 422
    assert lena.get("/v1/figures/me", params={"until": "yesterday"}).status_code == 422
    bad_day = lena.post("/v1/figures/exposure", json={"days": [{"day": "2030-13-45",
                                                               "exposure_s": 1}]})
    assert bad_day.status_code == 422
