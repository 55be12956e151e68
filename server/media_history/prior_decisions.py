"""Earlier decisions on the same or near-identical media, attached to every served media item.

"Same image removed 14 times under graphic violence this week" lets a reviewer decide from the
description first, without looking. Counted per (action, policy) over this week's standing
decisions on other cases: final actions only, neither reversed nor still waiting for a senior
(what actually happened to the content). Exact matches (identical bytes) and near-identical ones
(perceptual hash, fingerprints.py) are kept apart: a near match is a strong hint, not proof.

One pass for a whole claim (up to 200 cases): three queries whatever the number of cases, so
claiming stays as fast as before.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta

from sqlalchemy import Connection, exists, func, select

from reviewer.contract.actions import FINAL_ACTIONS
from server.media_history.fingerprints import near_identical
from server.store.schema import case_media, decisions
from server.store.quality_schema import quality_links
from server.timeutil import to_iso

WINDOW = timedelta(days=7)  # "this week": older verdicts may predate a policy change
MAX_ENTRIES = 5  # per media item: the most frequent; the rest would not change a decision

_reversing = decisions.alias("reversing")


def prior_decisions(conn: Connection, served: dict[str, list[str]], now: datetime,
                    sources: dict[str, str] | None = None) -> dict[tuple[str, str], list[dict]]:
    """(case id, sha256) -> PriorDecision dicts for the media of `served` (case id -> its
    media hashes), most frequent first; items with nothing decided are left out. `sources`
    maps a quality copy (server/quality/) to the case it copies, whose decisions are then not
    its history either: a blind second review or a golden case must not show the answer."""
    shas = sorted({sha for hashes in served.values() for sha in hashes})
    if not shas:
        return {}
    near = near_identical(conn, shas)
    related = sorted(set(shas) | {other for found in near.values() for other in found})
    by_sha = _by_media(_tallies(conn, related, now))
    if not by_sha:
        return {}
    answer = {}
    for sha in shas:
        # Gathered once per media item: in a crisis one picture fills most of a claim.
        gathered = _gather(by_sha, sha, near.get(sha, {}))
        for case_id in (case_id for case_id, hashes in served.items() if sha in hashes):
            entries = _entries(gathered, case_id, (sources or {}).get(case_id))
            if entries:
                answer[(case_id, sha)] = entries
    return answer


def attach(conn: Connection, media_by_case: dict[str, list[dict]], now: datetime,
           sources: dict[str, str] | None = None) -> None:
    """Add `prior_decisions` to the media dicts of a case answer, where there are any (an
    item with none keeps the shape older clients know)."""
    served = {case_id: [item["sha256"] for item in items]
              for case_id, items in media_by_case.items()}
    for (case_id, sha), entries in prior_decisions(conn, served, now, sources).items():
        for item in media_by_case[case_id]:
            if item["sha256"] == sha:
                item["prior_decisions"] = entries


def _tallies(conn: Connection, related: list[str], now: datetime) -> list:
    """Standing final decisions this week on cases showing any of `related`, one row per
    (media, case, action, policy): per case, so a case is never counted as its own history."""
    reversed_ = exists().where(_reversing.c.reverses == decisions.c.decision_id)
    return conn.execute(
        select(case_media.c.sha256, decisions.c.case_id, decisions.c.action, decisions.c.policy,
               func.min(decisions.c.recorded_at).label("since"))
        .join(decisions, decisions.c.case_id == case_media.c.case_id)
        .where(case_media.c.sha256.in_(related),
               decisions.c.action.in_(sorted(FINAL_ACTIONS)),
               decisions.c.pending.is_(False),
               decisions.c.recorded_at >= now - WINDOW,
               ~reversed_,
               # Answers on quality copies are checks of reviewers, not what became of content.
               ~exists().where(quality_links.c.case_id == decisions.c.case_id))
        .group_by(case_media.c.sha256, decisions.c.case_id, decisions.c.action,
                  decisions.c.policy)).all()


Gathered = dict[tuple[str, str, str], dict[str, datetime]]  # (action, policy, match): case: since


def _by_media(tallies: list) -> dict[str, list]:
    grouped: dict[str, list] = defaultdict(list)
    for row in tallies:
        grouped[row.sha256].append(row)
    return grouped


def _gather(by_sha: dict[str, list], sha: str, near: dict[str, int]) -> Gathered:
    gathered: Gathered = defaultdict(dict)
    for other in (sha, *near):
        match = "exact" if other == sha else "near"
        for row in by_sha.get(other, ()):
            cases = gathered[(row.action, row.policy, match)]
            # A case showing two copies counts once, from its earliest decision.
            cases[row.case_id] = min(cases.get(row.case_id, row.since), row.since)
    return gathered


def _entries(gathered: Gathered, case_id: str, source: str | None = None) -> list[dict]:
    """The entries one case is shown: its own decisions (and its source's) are not its
    history."""
    own = {case_id, source} - {None}
    counts = {key: len(set(cases) - own) for key, cases in gathered.items()}
    ranked = sorted((key for key in counts if counts[key]),
                    key=lambda key: (-counts[key], key[2] != "exact", key))
    return [{"action": key[0], "policy": key[1], "count": counts[key],
             "since": to_iso(_since(gathered[key], own)), "match": key[2]}
            for key in ranked[:MAX_ENTRIES]]


def _since(cases: dict[str, datetime], own: set[str]) -> datetime:
    # Its own decisions left out (a reopened case, a quality copy's source).
    return min(since for other, since in cases.items() if other not in own)
