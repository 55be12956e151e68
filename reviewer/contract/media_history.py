"""What the central API knows about a media item before anyone looks at it again.

A reviewer should be able to decide from description first: when the same picture (identical
bytes, or near-identical by perceptual hash) was already decided this week, the answer says so
per served media item, and the workstation can offer that decision without a reveal. Optional
on the wire: an older server sends none and the workstation simply offers nothing.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from reviewer.contract.fields import AnswerInt, Timestamp

# "exact": the same bytes (sha256); "near": a perceptual hash a few bits away (a re-encoded,
# resized or slightly edited copy), which a reviewer should weigh a little less.
MatchKind = Literal["exact", "near"]


class PriorDecision(BaseModel):
    action: str = Field(description="a final action (reviewer/contract/actions.py)")
    policy: str
    count: AnswerInt = Field(description="how many other cases with this media were so decided")
    since: Timestamp = Field(description="when the earliest of them was recorded")
    match: MatchKind = "exact"
