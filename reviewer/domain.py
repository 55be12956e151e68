"""Domain types shared by the store, the sync engine, the session and the UI.

`from_api` constructors validate what the central API sent, so a malformed answer is refused at
the edge with a message naming the field, instead of surfacing later as a crash in a widget.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from reviewer.actions import ActionId


class MalformedAnswer(ValueError):
    """The central API answered with JSON that does not match the contract."""


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def to_iso(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")


def parse_iso(text: str) -> datetime:
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def _need(data: Any, key: str, kind: type | tuple[type, ...], where: str) -> Any:
    if not isinstance(data, dict) or key not in data:
        raise MalformedAnswer(f"{where}: missing field {key!r}")
    value = data[key]
    if not isinstance(value, kind):
        raise MalformedAnswer(f"{where}: field {key!r} has the wrong type ({type(value).__name__})")
    return value


@dataclass(frozen=True)
class Queue:
    id: str
    name: str
    open_count: int
    policies: tuple[str, ...]
    default_policy: str
    description: str = ""
    # Figures for the whole queue on the central API (not just what is cached here); an older
    # server leaves them at their defaults.
    sla_minutes: int = 0  # the queue's SLA target; 0: not given
    oldest_open_at: str = ""  # creation time of its oldest open case
    breached: int = 0  # open cases past their deadline
    due_soon: int = 0  # open cases reaching their deadline within the hour

    @classmethod
    def from_api(cls, data: Any) -> "Queue":
        return cls(
            id=_need(data, "id", str, "queue"),
            name=_need(data, "name", str, "queue"),
            open_count=_need(data, "open_count", int, "queue"),
            policies=tuple(_need(data, "policies", list, "queue")),
            default_policy=_need(data, "default_policy", str, "queue"),
            description=data.get("description") or "",
            sla_minutes=_optional_int(data, "sla_minutes"),
            oldest_open_at=str(data.get("oldest_open_at") or ""),
            breached=_optional_int(data, "breached"),
            due_soon=_optional_int(data, "due_soon"),
        )


def _optional_int(data: dict, key: str) -> int:
    value = data.get(key)
    if value is None:
        return 0
    if not isinstance(value, int) or isinstance(value, bool):
        raise MalformedAnswer(f"queue: field {key!r} has the wrong type ({type(value).__name__})")
    return value


@dataclass(frozen=True)
class MediaRef:
    sha256: str
    mime: str
    width: int
    height: int
    category: str
    label: str


@dataclass(frozen=True)
class Author:
    id: str
    handle: str
    display_name: str
    created_at: str
    followers: int
    high_profile: bool
    history: tuple[dict, ...] = ()


@dataclass(frozen=True)
class Case:
    id: str
    queue_id: str
    text: str
    language: str
    region: str
    policy_area: str
    priority: int
    sla_deadline: str
    author: Author
    reports: tuple[dict, ...] = ()
    media: tuple[MediaRef, ...] = ()
    raw: dict = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def from_api(cls, data: Any) -> "Case":
        where = f"case {data.get('id', '?') if isinstance(data, dict) else '?'}"
        author = _need(data, "author", dict, where)
        media = [
            MediaRef(
                sha256=_need(m, "sha256", str, where),
                mime=_need(m, "mime", str, where),
                width=int(m.get("width") or 0),
                height=int(m.get("height") or 0),
                category=str(m.get("category") or "uncategorised"),
                label=str(m.get("label") or ""),
            )
            for m in _need(data, "media", list, where)
        ]
        return cls(
            id=_need(data, "id", str, where),
            queue_id=_need(data, "queue_id", str, where),
            text=_need(data, "text", str, where),
            language=str(data.get("language") or "und"),
            region=str(data.get("region") or ""),
            policy_area=str(data.get("policy_area") or ""),
            priority=_need(data, "priority", int, where),
            sla_deadline=_need(data, "sla_deadline", str, where),
            author=Author(
                id=_need(author, "id", str, where + " author"),
                handle=_need(author, "handle", str, where + " author"),
                display_name=str(author.get("display_name") or ""),
                created_at=str(author.get("created_at") or ""),
                followers=int(author.get("followers") or 0),
                high_profile=bool(author.get("high_profile")),
                history=tuple(author.get("history") or ()),
            ),
            reports=tuple(_need(data, "reports", list, where)),
            media=tuple(media),
            raw=data,
        )


@dataclass(frozen=True)
class Decision:
    """One enforcement decision. Immutable: a reversal is a new Decision, never an edit."""

    decision_id: str
    case_id: str
    action: ActionId
    policy: str
    note: str
    decided_at: str
    # "<guideline id>@<version>" the reviewer decided under (reviewer/guidelines.py); "" when
    # no guideline for the policy had synced yet.
    guideline_version: str = ""

    @classmethod
    def new(cls, case_id: str, action: ActionId, policy: str, note: str = "",
            guideline_version: str = "") -> "Decision":
        # The client-generated id is also the idempotency key for the central API.
        return cls(str(uuid.uuid4()), case_id, action, policy, note, to_iso(utc_now()),
                   guideline_version)

    def to_api(self) -> dict[str, str]:
        body = {
            "decision_id": self.decision_id,
            "case_id": self.case_id,
            "action": self.action.value,
            "policy": self.policy,
            "note": self.note,
            "decided_at": self.decided_at,
        }
        # Sent only when known: a decision queued before this field existed keeps the exact
        # body (and so the idempotency hash) it was first sent with.
        if self.guideline_version:
            body["guideline_version"] = self.guideline_version
        return body
