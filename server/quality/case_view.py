"""What quality adds to a case as served (server/cases.py load_cases): an appeal's context,
a hand-off's note, a disagreement's two calls for the senior. A golden copy and a blind
second review add nothing: as served they are live cases.
"""

from __future__ import annotations

from sqlalchemy import Connection, select

from server.store.schema import decisions, guidelines
from server.store.quality_schema import handoffs, quality_links
from server.timeutil import to_iso


def quality_fields(conn: Connection, rows) -> dict[str, dict]:
    """Case id -> fields to merge into its Case dict (`rows` are load_cases' case rows)."""
    case_ids = [row.id for row in rows]
    extra: dict[str, dict] = {case_id: {"appeal": None, "handoff": None} for case_id in case_ids}
    rows_by_id = {row.id: row for row in rows}
    for row in _links(conn, case_ids):
        if row.kind == "appeal":
            extra[row.link_case_id]["appeal"] = _appeal(conn, row)
        else:
            extra[row.link_case_id]["pending_decision"] = _disagreement(row)
    for row in conn.execute(select(handoffs).where(handoffs.c.case_id.in_(case_ids))):
        if rows_by_id[row.case_id].lease_holder == row.to_reviewer_id:  # still theirs
            extra[row.case_id]["handoff"] = {"from_reviewer": row.from_name,
                                             "to_reviewer": row.to_name, "note": row.note,
                                             "at": to_iso(row.at)}
    return extra


def _links(conn: Connection, case_ids: list[str]):
    return conn.execute(
        select(quality_links.c.case_id.label("link_case_id"), quality_links.c.kind, quality_links.c.statement,
               decisions)
        .join(decisions, decisions.c.decision_id == quality_links.c.source_decision_id)
        .where(quality_links.c.case_id.in_(case_ids),
               quality_links.c.kind.in_(["appeal", "disagreement"]))).all()


def _appeal(conn: Connection, row) -> dict:
    guideline_id, _, version = row.guideline_version.partition("@")
    newer = [] if not version.isdigit() else conn.execute(
        select(guidelines.c.guideline_id, guidelines.c.version, guidelines.c.title,
               guidelines.c.published_at)
        .where(guidelines.c.guideline_id == guideline_id, guidelines.c.version > int(version))
        .order_by(guidelines.c.version)).all()
    now_version = f"{guideline_id}@{newer[-1].version}" if newer else row.guideline_version
    return {
        "decision": {"decision_id": row.decision_id, "case_id": row.case_id,
                     "action": row.action, "policy": row.policy, "note": row.note,
                     "reviewer": row.reviewer_name, "recorded_at": to_iso(row.recorded_at),
                     "guideline_version": row.guideline_version},
        "statement": row.statement,
        "guideline_now": now_version,
        "changed_since": [{"guideline_id": g.guideline_id, "version": g.version,
                           "title": g.title, "published_at": to_iso(g.published_at)}
                          for g in newer],
    }


def _disagreement(row) -> dict:
    """The first decision, with the second reviewer's call after its note."""
    return {"decision_id": row.decision_id, "action": row.action, "policy": row.policy,
            "note": f"{row.note}\n\nBlind second review: {row.statement}".strip(),
            "reviewer": row.reviewer_name, "recorded_at": to_iso(row.recorded_at)}
