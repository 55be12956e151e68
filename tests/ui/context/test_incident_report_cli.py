"""`reviewer-workstation report incident ID --out FILE`: from the central API's database, as
Markdown and PDF; an unknown incident or another file type is one line and exit status 2."""

from __future__ import annotations

from ui.cli import main


def _declare(central_api) -> str:
    with central_api.lead() as lead:
        incident = lead.post("/v1/incidents", json={"title": "Hoax wave", "severity": "medium",
                                                    "regions": ["FR"]}).json()
        lead.post(f"/v1/incidents/{incident['id']}/state", json={"state": "closed"})
    return incident["id"]


def test_report_writes_markdown_and_pdf_from_the_database(tmp_path, central_api, capsys):
    incident_id = _declare(central_api)
    db = str(central_api.db_path)
    assert main(["report", "incident", incident_id, "--out", str(tmp_path / "r.md"),
                 "--db", db]) == 0
    text = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert text.startswith("# Post-incident review: Hoax wave")
    assert "Incident declared (medium) by a lead" in text and "Incident closed" in text
    assert main(["report", "incident", incident_id, "--out", str(tmp_path / "r.pdf"),
                 "--db", db]) == 0
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")
    assert "wrote" in capsys.readouterr().out


def test_bad_input_is_one_line_and_exit_2(tmp_path, central_api, capsys):
    db = str(central_api.db_path)
    assert main(["report", "incident", "inc-00000000", "--out", str(tmp_path / "r.md"),
                 "--db", db]) == 2
    assert capsys.readouterr().err.strip() == \
        "error: cannot write the review of inc-00000000: unknown_incident"
    assert main(["report", "incident", _declare(central_api), "--out",
                 str(tmp_path / "r.docx"), "--db", db]) == 2
    assert "write the review as .md or .pdf" in capsys.readouterr().err
    assert not (tmp_path / "r.md").exists() and not (tmp_path / "r.docx").exists()
