"""Renders the README's page of a post-incident review: the demo's crisis played through the
central API (spike, page, acknowledgement, incident declared from its alert, hashtag sweep, bulletin, decisions, the
review's sections), exported as PDF and Markdown the way the workstation's button does it,
and the PDF's first page drawn to PNG with QtPdf.

    QT_QPA_PLATFORM=offscreen python packaging/incident_review_sample.py docs/incident-review.png
"""

from __future__ import annotations

import sys
import tempfile
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx  # noqa: E402
from PySide6.QtCore import QSize  # noqa: E402
from PySide6.QtPdf import QPdfDocument  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from reviewer.sync.api_client import ApiClient  # noqa: E402
from reviewer.sync.incidents import fetch_review  # noqa: E402
from server.auth.accounts import add_reviewer  # noqa: E402
from server.demo.crisis import CRISIS_TAG, CrisisFeed, put_on_call  # noqa: E402
from server.demo.seed import seed_database  # noqa: E402
from server.runner import ServerThread  # noqa: E402
from server.timeutil import to_iso, utcnow  # noqa: E402
from ui.context.incident_export import export_review  # noqa: E402

SECTIONS = [
    ("summary", "A false claim that the valley dam had burst spread with one photo and one "
                "hashtag; 30 reports in under a minute.", ""),
    ("root_cause", "The photo was years old; the hashtag was new and on no watch list.", ""),
    ("went_well", "The spike alert paged the on-call within a minute; one sweep found every "
                  "copy.", ""),
    ("to_change", "Seed watch lists with hashtags from past crises.", ""),
    ("action_item", "Add #damburst and its variants to the hashtag watch list", "lena"),
    ("action_item", "Write a reusable bulletin for recycled disaster photos", "sam"),
]


def play_crisis(url: str, tokens: dict[str, str], db_path: Path) -> str:
    """The loop a new user walks through; returns the incident id."""
    put_on_call(db_path, "sam")  # the spike pages sam, who acknowledges and declares
    CrisisFeed(db_path, lambda: True, delay=0, spacing=0).run()
    lead = httpx.Client(base_url=url, headers={"Authorization": f"Bearer {tokens['lena']}"})
    sam = httpx.Client(base_url=url, headers={"Authorization": f"Bearer {tokens['sam']}"})
    alerts = sam.get("/v1/alerts").json()["alerts"]
    spike = next(a for a in alerts if a["kind"] == "spike" and "#" in a["title"])
    sam.post(f"/v1/alerts/{spike['id']}/transitions",
             json={"transition_id": str(uuid.uuid4()), "to": "acknowledged"})
    incident = sam.post("/v1/incidents", json={
        "title": "Dam-burst hoax", "severity": "high", "regions": ["DE"], "commander": "sam",
        "alert_id": str(spike["id"])}).json()
    path = f"/v1/incidents/{incident['id']}"
    sam.post(f"{path}/sweeps", json={"by": "hashtag", "query": CRISIS_TAG})
    sam.post(f"{path}/bulletin", json={"title": "Dam-burst hoax: remove copies",
                                       "body": "Remove every copy of the dam photo under "
                                               "misinformation; label first-hand reports."})
    incident = sam.get(path).json()
    for case_id in incident["case_ids"][:24]:
        body = {"decision_id": str(uuid.uuid4()), "case_id": case_id, "action": "remove",
                "policy": "misinformation", "note": "", "decided_at": to_iso(utcnow()),
                "incident_id": incident["id"]}
        sam.post("/v1/decisions", json=body, headers={"Idempotency-Key": body["decision_id"]})
    sam.post(f"{path}/state", json={"state": "contained"})
    for section, body, owner in SECTIONS:
        sam.post(f"{path}/review/entries", json={
            "entry_id": str(uuid.uuid4()), "section": section, "body": body, "owner": owner,
            "written_at": to_iso(utcnow())})
    lead.close()
    sam.close()
    return incident["id"]


def main(out: Path) -> int:
    app = QApplication(sys.argv[:1])  # noqa: F841  (QtCharts draws with widgets)
    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "central.sqlite3"
        seed_database(db_path, seed=3, cases=120)
        tokens = {name: add_reviewer(db_path, name, role)
                  for name, role in (("lena", "lead"), ("sam", "senior"))}
        with ServerThread(db_path) as server:
            incident_id = play_crisis(server.url, tokens, db_path)
            review = fetch_review(ApiClient(server.url, tokens["sam"]), incident_id)
        pdf = export_review(review, Path(tmp) / "review.pdf")
        export_review(review, out.with_suffix(".md"))
        document = QPdfDocument()
        document.load(str(pdf))
        size = document.pagePointSize(0).toSize() * 2
        document.render(0, QSize(size.width(), size.height())).save(str(out))
    print(f"wrote {out} (page 1 of the review of {incident_id}) and {out.with_suffix('.md')}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/incident-review.png")))
