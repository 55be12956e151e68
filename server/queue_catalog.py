"""The five queues the contract promises, with their policies. Every database gets them."""

from __future__ import annotations

from sqlalchemy import Connection, select

from server.store.portable import insert_ignoring_conflicts
from server.store.schema import queues

ESCALATIONS_QUEUE_ID = "escalations"

QUEUE_CATALOG: tuple[dict, ...] = (
    {
        "id": "escalations",
        "name": "Escalations",
        "description": "High-profile and ambiguous cases escalated by frontline reviewers.",
        "policies": ["high_profile_review", "violent_threat", "hate_speech",
                     "misinformation", "graphic_violence", "harassment"],
        "default_policy": "high_profile_review",
    },
    {
        "id": "graphic_media",
        "name": "Graphic media",
        "description": "Reported images and video stills; media is blurred until revealed.",
        "policies": ["graphic_violence", "adult_nudity", "self_harm", "hate_symbol"],
        "default_policy": "graphic_violence",
    },
    {
        "id": "crisis_sweep",
        "name": "Crisis sweep",
        "description": "Manual sweep of near-identical items during an ongoing crisis.",
        "policies": ["violent_extremism", "graphic_violence", "misinformation", "spam"],
        "default_policy": "violent_extremism",
    },
    {
        "id": "appeals",
        "name": "Appeals",
        "description": "Authors contesting an earlier enforcement decision.",
        "policies": ["hate_speech", "harassment", "graphic_violence", "adult_nudity",
                     "misinformation", "spam"],
        "default_policy": "spam",
    },
    {
        "id": "hate_harassment",
        "name": "Hate & harassment",
        "description": "Reported insults, slurs, hateful symbols and targeted harassment.",
        "policies": ["hate_speech", "harassment", "bullying", "violent_threat", "hate_symbol"],
        "default_policy": "harassment",
    },
)


# Each queue's SLA target: minutes from a case's creation to its deadline. Crisis work is the
# most urgent; appeals may wait days. Queues outside the catalog get DEFAULT_SLA_MINUTES.
SLA_MINUTES = {"crisis_sweep": 60, "escalations": 240, "graphic_media": 240,
               "hate_harassment": 720, "appeals": 2880}
DEFAULT_SLA_MINUTES = 1440


def queue_sla_minutes(queue_id: str) -> int:
    return SLA_MINUTES.get(queue_id, DEFAULT_SLA_MINUTES)


def ensure_default_queues(conn: Connection) -> None:
    """Insert any catalog queue that is missing; existing queues are left as they are."""
    existing = set(conn.execute(select(queues.c.id)).scalars())
    missing = [
        {**queue, "position": position}
        for position, queue in enumerate(QUEUE_CATALOG)
        if queue["id"] not in existing
    ]
    if missing:  # N workers starting at once all find them missing: the first insert wins
        conn.execute(insert_ignoring_conflicts(conn, queues), missing)


def queue_policy_areas(queue_id: str) -> list[str]:
    for queue in QUEUE_CATALOG:
        if queue["id"] == queue_id:
            return list(queue["policies"])
    raise KeyError(queue_id)
