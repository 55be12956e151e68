"""What the case panel says about an appeal or a hand-off, in plain sentences (no Qt here, so
the words are tested without a screen). A golden copy and a blind second review carry neither,
so nothing is said about them: as shown they are live cases.
"""

from __future__ import annotations

from reviewer.display_text import isolate


def quality_lines(raw: dict) -> str:
    """Lines for the case's `appeal` and `handoff` fields ("" when it has neither)."""
    return "\n".join(line for line in (_handoff(raw.get("handoff")),
                                       *_appeal(raw.get("appeal"))) if line)


def _handoff(handoff) -> str:
    if not isinstance(handoff, dict):
        return ""
    note = f": “{handoff.get('note')}”" if handoff.get("note") else ""
    return f"Handed to you by {isolate(str(handoff.get('from_reviewer', '?')))}{note}"


def _appeal(appeal) -> list[str]:
    if not isinstance(appeal, dict) or not isinstance(appeal.get("decision"), dict):
        return []
    decision = appeal["decision"]
    note = f" — “{decision.get('note')}”" if decision.get("note") else ""
    made_under = decision.get("guideline_version") or "an unknown guideline version"
    changes = appeal.get("changed_since") or []
    changed = ("; since then: " + ", ".join(
        f"v{c.get('version')} {c.get('title', '')} ({str(c.get('published_at', ''))[:10]})"
        for c in changes if isinstance(c, dict))) if changes else "; unchanged since"
    return [
        f"APPEAL of {decision.get('action', '?')} ({decision.get('policy', '?')}) by "
        f"{isolate(str(decision.get('reviewer', '?')))}{note}",
        f"Made under {made_under}{changed}",
        f"Author's statement: “{appeal.get('statement', '')}”",
        "U upholds · O overturns (the original decision is reversed, never edited)",
    ]
