"""GET /v1/quality: agreement (blind second review), calibration (golden cases) and appeal
outcomes, from `quality_links` alone, so the figures are what the record says.

A reviewer sees figures about their own work only (their decisions that were second-reviewed,
appealed; their golden answers); seniors and leads see everyone's.
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import Connection, select

from server.auth.tokens import Reviewer
from server.store.quality_schema import quality_links


def quality_figures(conn: Connection, viewer: Reviewer) -> dict:
    rows = conn.execute(select(quality_links)).all()
    everyone = viewer.at_least("senior")
    reviews = [r for r in rows if r.kind == "second_review" and r.outcome is not None
               and (everyone or r.first_reviewer == viewer.name)]
    golden = [r for r in rows if r.kind == "golden" and r.outcome is not None
              and (everyone or r.answered_by == viewer.name)]
    appeals = [r for r in rows if r.kind == "appeal"
               and (everyone or r.first_reviewer == viewer.name)]
    return {
        "agreement_by_policy": _agreement(reviews, lambda r: r.policy),
        "agreement_by_reviewer": _agreement(reviews, lambda r: r.first_reviewer),
        "calibration": _calibration(golden),
        "appeals": _appeals(appeals),
        "disagreements_open": sum(1 for r in rows if r.kind == "disagreement"
                                  and r.outcome is None
                                  and (everyone or r.first_reviewer == viewer.name)),
    }


def _agreement(reviews, key) -> list[dict]:
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for row in reviews:
        counts[key(row)][0] += 1
        counts[key(row)][1] += row.outcome == "agreed"
    return [{"key": name, "reviewed": n, "agreed": agreed, "rate": _rate(agreed, n)}
            for name, (n, agreed) in sorted(counts.items())]


def _calibration(golden) -> list[dict]:
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for row in golden:
        counts[row.answered_by][0] += 1
        counts[row.answered_by][1] += row.outcome == "matched"
    return [{"reviewer": name, "answered": n, "matched": matched, "share": _rate(matched, n)}
            for name, (n, matched) in sorted(counts.items())]


def _appeals(appeals) -> list[dict]:
    counts: dict[str, dict[str, int]] = defaultdict(
        lambda: {"upheld": 0, "overturned": 0, "open": 0})
    for row in appeals:
        counts[row.policy][row.outcome or "open"] += 1
    return [{"policy": policy, **figures} for policy, figures in sorted(counts.items())]


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None
