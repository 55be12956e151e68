"""How many cases to claim from a queue in a sync round: the local supply rule.

A queue is topped up to `prefetch` when its local supply falls below `low_watermark`, so work
goes on offline. A full supply must not hide urgent work, though: when the central API says the
case a claim would hand out next (`next_unclaimed`: priority, then SLA deadline, the claim's own
order) is more urgent than the last case held here, a few more are claimed at once. They arrive
most urgent first and the work list sorts them on top, so a new crisis case reaches a reviewer
within one round instead of waiting until 30 older cases are decided.
"""

from __future__ import annotations

from typing import Callable

from reviewer.domain import Queue, parse_iso

URGENT_TOP_UP = 10  # claimed per round while unheld cases are more urgent than what is held

Urgency = tuple[int, str]  # (priority, SLA deadline): 1 before 4, then the sooner deadline


def claim_count(queue: Queue, have: int, least_urgent_held: Callable[[], Urgency],
                low_watermark: int, prefetch: int, urgent_too: bool = True) -> int:
    """Cases to ask this queue for now (0: none). `least_urgent_held` is asked only when the
    supply is full (it reads the store). Without `urgent_too` (a round that has just let cases
    go: a hold reached its limit, a lease was lost) only the plain rule applies, so what was
    let go reaches a colleague's claim instead of coming straight back."""
    if queue.open_count == 0 or low_watermark <= 0:  # 0: claiming is off (the sign-out round)
        return 0
    if have < low_watermark:
        return max(0, prefetch - have)
    # Bounded, so one workstation cannot hoard a crisis queue: others claim the rest.
    if urgent_too and have < 2 * prefetch and more_urgent(queue.next_unclaimed, least_urgent_held()):
        return URGENT_TOP_UP
    return 0


def more_urgent(unclaimed: Urgency, held: Urgency) -> bool:
    """Would a claim hand out a case that comes before the last one held here? False when
    either is unknown (an older server sends no `next_unclaimed`) or malformed."""
    if not unclaimed[1] or not held[1]:
        return False
    try:
        return (unclaimed[0], parse_iso(unclaimed[1])) < (held[0], parse_iso(held[1]))
    except ValueError:  # a malformed timestamp must not stop the round: keep the plain rule
        return False
