"""The demo's crisis: about a minute after the demo starts, thirty reports of one synthetic
image with one hashtag arrive in the crisis-sweep queue, as a real spike would. The alert
detectors see each case arrive (server/alerts/), raise a spike alert and page whoever is on
call, which in the demo is the demo reviewer (`put_on_call`). From there a new user declares
an incident from the alert, sweeps by the hashtag, decides, and exports the review: the whole
loop in five minutes.

The feed runs on its own thread beside the demo server and writes through the same ingest path
as POST /v1/cases; it stops with the server. The image is drawn by code like every demo image
(a gradient, shapes and a caption), never real imagery.
"""

from __future__ import annotations

import base64
import random
import threading
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from sqlalchemy import select

from reviewer.contract.case_input import AuthorIn, CaseIn, MediaIn, ReportIn
from server.alerts.detectors import observe_case
from server.alerts.oncall import add_shift, on_call
from server.demo.synthetic_media import draw_image
from server.errors import ApiError
from server.ingest import insert_case
from server.store.database import open_database
from server.store.schema import cases
from server.timeutil import to_iso, utcnow

CRISIS_TAG = "#damburst"
CRISIS_CASES = 30
FIRST_AFTER_S = 20.0  # the spike builds over the next ~45 s: an alert about a minute in
SPACING_S = 1.5
_TEXTS = (
    "BREAKING: the dam upstream has burst, evacuate now {tag}",
    "They are hiding it: the dam is gone, share before it's deleted {tag}",
    "My cousin sent this from the valley {tag} stay safe",
    "Official sources silent about the dam {tag} #floodwatch",
)


def crisis_image() -> tuple[bytes, str]:
    """One image for every crisis case: the same bytes, so the same media hash."""
    image = draw_image(random.Random(404), "CRISIS 1", image_format="JPEG", size=(800, 600))
    return image.data, image.mime


def crisis_case(index: int, image: tuple[bytes, str]) -> CaseIn:
    data, mime = image
    return CaseIn(
        id=f"case-crisis-{index:03d}", queue_id="crisis_sweep", region="DE", language="en",
        text=_TEXTS[index % len(_TEXTS)].format(tag=CRISIS_TAG), priority=1,
        policy_area="misinformation",
        author=AuthorIn(id=f"author-crisis-{index % 9}", handle=f"valley_news_{index % 9}"),
        reports=[ReportIn(reason="misinformation", reporter_id=f"reporter-crisis-{index}")],
        media=[MediaIn(data_base64=base64.b64encode(data).decode("ascii"), mime=mime,
                       category="benign", label="dam photo, shared widely")])


class CrisisFeed(threading.Thread):
    """Ingests the crisis cases into `db_path`, one every `spacing` seconds after `delay`,
    while `running()` says the demo server is still up."""

    def __init__(self, db_path: str | Path, running: Callable[[], bool],
                 delay: float = FIRST_AFTER_S, spacing: float = SPACING_S,
                 count: int = CRISIS_CASES):
        super().__init__(name="demo-crisis", daemon=True)
        self.db_path, self.running = db_path, running
        self.delay, self.spacing, self.count = delay, spacing, count
        self._stop_event = threading.Event()
        self.ingested = 0

    def stop(self) -> None:
        self._stop_event.set()

    def run(self) -> None:
        if self._stop_event.wait(self.delay) or not self.running():
            return
        database = open_database(self.db_path)
        image = crisis_image()
        try:
            for index in range(self.count):
                if self._stop_event.is_set() or not self.running():
                    return
                self._ingest(database, crisis_case(index, image))
                self._stop_event.wait(self.spacing)
        finally:
            database.close()

    def _ingest(self, database, case_in: CaseIn) -> None:
        now = utcnow()
        with database.write() as conn:
            if _exists(conn, case_in.id):  # a restarted demo keeps its earlier crisis
                return
            insert_case(conn, case_in.model_copy(update={"sla_deadline": now + timedelta(
                minutes=30)}), now)
            observe_arrival(conn, case_in.id, now)
        self.ingested += 1


def observe_arrival(conn, case_id: str, now) -> None:
    """What POST /v1/cases does after storing a case: the alert detectors see it."""
    observe_case(conn, case_id, now)


def put_on_call(db_path: str | Path, name: str, hours: int = 12) -> None:
    """The demo reviewer is primary on call for the demo, so the spike pages them (an account
    that does not exist, or a rota already naming them now, is left as it is)."""
    database = open_database(db_path)
    try:
        with database.write() as conn:
            now = utcnow()
            current = on_call(conn, now)["primary"]
            if current is not None and current[1] == name:
                return
            try:
                add_shift(conn, {"starts_at": to_iso(now), "primary": name,
                                 "ends_at": to_iso(now + timedelta(hours=hours))}, now)
            except ApiError:  # no such account here: nobody is paged but the leads
                return
    finally:
        database.close()


def _exists(conn, case_id: str) -> bool:
    return conn.execute(select(cases.c.id).where(cases.c.id == case_id)).first() is not None
