"""Domain types shared by the store, the sync engine, the session and the UI.

`from_api` constructors check what the central API sent against the wire contract
(reviewer/contract/), so a malformed answer is refused at the edge with a message naming the
field, instead of surfacing later as a crash in a widget. `from_contract` builds the domain
type from an answer already checked; the rest of the workstation never sees the wire models.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from reviewer.actions import ActionId
from reviewer.contract import cases as wire

Model = TypeVar("Model", bound=BaseModel)


class MalformedAnswer(ValueError):
    """The central API answered with JSON that does not match the contract."""


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def to_iso(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")


def parse_iso(text: str) -> datetime:
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def checked(model: type[Model], data: Any, where: str) -> Model:
    """`data` validated as `model`, or MalformedAnswer naming `where` and the first bad field."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors(include_url=False, include_input=False)
    raise MalformedAnswer(f"{where}: {what_is_wrong(errors)}")


def what_is_wrong(errors: list) -> str:
    """The first of pydantic's errors and how many more; never the offending value, which may
    be content (a case's text) that has no place in a log."""
    first = errors[0]
    field = ".".join(str(part) for part in first["loc"])
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    return f"{f'field {field!r}: ' if field else ''}{first['msg']}{more}"


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
    # The most urgent open case nobody holds (what a claim hands out next); (0, ""): none.
    next_unclaimed: tuple[int, str] = (0, "")

    @classmethod
    def from_api(cls, data: Any) -> "Queue":
        return cls.from_contract(checked(wire.Queue, data, "queue"))

    @classmethod
    def from_contract(cls, queue: wire.Queue) -> "Queue":
        return cls(
            id=queue.id, name=queue.name, open_count=queue.open_count,
            policies=tuple(queue.policies), default_policy=queue.default_policy,
            description=queue.description,
            # Left out by an older server: 0 says "not given" rather than the contract's default.
            sla_minutes=queue.sla_minutes if "sla_minutes" in queue.model_fields_set else 0,
            oldest_open_at=queue.oldest_open_at or "", breached=queue.breached,
            due_soon=queue.due_soon,
            next_unclaimed=((queue.next_unclaimed.priority, queue.next_unclaimed.sla_deadline)
                            if queue.next_unclaimed else (0, "")),
        )


@dataclass(frozen=True)
class PriorDecision:
    """How other cases showing the same (or a near-identical) picture were decided this week."""

    action: str
    policy: str
    count: int
    since: str
    match: str = "exact"  # or "near": a perceptual-hash match, a hint rather than proof


@dataclass(frozen=True)
class MediaRef:
    sha256: str
    mime: str
    width: int
    height: int
    category: str
    label: str
    prior_decisions: tuple[PriorDecision, ...] = ()
    # Loaded hash lists this media matched: ({"list_id", "list_name", "category", "action",
    # "distance"}, ...), shown before any reveal; a never-render category is never fetched.
    hash_list_matches: tuple[dict, ...] = field(default=(), compare=False)  # dicts: unhashable

    @property
    def list_categories(self) -> tuple[str, ...]:
        return tuple(sorted({match["category"] for match in self.hash_list_matches}))


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
        """A case answer (or its cached copy), checked against the contract."""
        where = f"case {case_id_of(data)}"
        return cls.from_contract(checked(wire.Case, data, where), data)

    @classmethod
    def from_contract(cls, case: wire.Case, raw: dict) -> "Case":
        """`raw` is the answer as sent: it is what the cache stores and the UI reads for the
        fields the domain type leaves out (pending_decision)."""
        return cls(
            id=case.id, queue_id=case.queue_id, text=case.text,
            language=case.language or "und", region=case.region, policy_area=case.policy_area,
            priority=case.priority, sla_deadline=case.sla_deadline,
            author=_author(case.author),
            reports=tuple(report.model_dump() for report in case.reports),
            media=tuple(map(_media_ref, case.media)),
            raw=raw,
        )

    @property
    def is_appeal(self) -> bool:
        """An author contests an earlier decision: only uphold, overturn or escalate answer it
        (server/quality/decision_rules.py)."""
        return isinstance(self.raw, dict) and isinstance(self.raw.get("appeal"), dict)


def case_id_of(data: Any) -> str:
    """The id a case answer claims, for messages about it; '?' if it has none."""
    case_id = data.get("id") if isinstance(data, dict) else None
    return case_id[:80] if isinstance(case_id, str) else "?"


def _author(author: wire.Author) -> Author:
    return Author(author.id, author.handle, author.display_name, author.created_at,
                  author.followers, author.high_profile,
                  tuple(entry.model_dump() for entry in author.history))


def _media_ref(media: wire.MediaRef) -> MediaRef:
    return MediaRef(media.sha256, media.mime, media.width, media.height,
                    media.category or "uncategorised", media.label,
                    tuple(PriorDecision(**p.model_dump()) for p in media.prior_decisions),
                    tuple(match.model_dump() for match in media.hash_list_matches))


@dataclass(frozen=True)
class Decision:
    """One enforcement decision. Immutable: a reversal is a new Decision, never an edit."""

    decision_id: str
    case_id: str
    action: ActionId
    policy: str
    note: str
    decided_at: str
    # "<guideline id>@<version>" the reviewer decided under (reviewer/context/guidelines.py); "" when
    # no guideline for the policy had synced yet.
    guideline_version: str = ""
    # The incident the case is worked under (reviewer/context/incidents.py); "" : none.
    incident_id: str = ""

    @classmethod
    def new(cls, case_id: str, action: ActionId, policy: str, note: str = "",
            guideline_version: str = "", incident_id: str = "") -> "Decision":
        # The client-generated id is also the idempotency key for the central API.
        return cls(str(uuid.uuid4()), case_id, action, policy, note, to_iso(utc_now()),
                   guideline_version, incident_id)

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
        if self.incident_id:
            body["incident_id"] = self.incident_id
        return body
