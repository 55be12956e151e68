"""What the case panel says about an appeal or a hand-off, in plain sentences (no Qt here, so
the words are tested without a screen). A golden copy and a blind second review carry neither,
so nothing is said about them: as shown they are live cases.

Each line is a Phrase (reviewer/words.py), so the panel shows it in the interface's language;
names, notes and the author's words stay as they were written.
"""

from __future__ import annotations

from typing import Callable

from reviewer.actions import decision_label
from reviewer.display_text import isolate
from reviewer.words import Phrase, translate


def quality_lines(raw: dict, policy_name: Callable[[str], str] = str) -> list[str]:
    """Lines for the case's `appeal` and `handoff` fields (none when it has neither);
    `policy_name` names a policy as reviewers call it."""
    return [line for line in (_handoff(raw.get("handoff")),
                              *_appeal(raw.get("appeal"), policy_name)) if line]


def _handoff(handoff) -> str:
    if not isinstance(handoff, dict):
        return ""
    who = isolate(str(handoff.get("from_reviewer", "?")))
    if handoff.get("note"):
        return Phrase(translate("core", "Handed to you by {who}: “{note}”"), who=who,
                      note=str(handoff["note"]))
    return Phrase(translate("core", "Handed to you by {who}"), who=who)


def _appeal(appeal, policy_name: Callable[[str], str]) -> list[str]:
    if not isinstance(appeal, dict) or not isinstance(appeal.get("decision"), dict):
        return []
    decision = appeal["decision"]
    what = dict(action=decision_label(str(decision.get("action", "?"))),
                policy=policy_name(str(decision.get("policy", "?"))),
                who=isolate(str(decision.get("reviewer", "?"))))
    contested = (Phrase(translate("core", "APPEAL of {action} ({policy}) by {who} — “{note}”"),
                        note=str(decision["note"]), **what) if decision.get("note")
                 else Phrase(translate("core", "APPEAL of {action} ({policy}) by {who}"), **what))
    made_under = (_version_name(str(decision["guideline_version"]), policy_name)
                  if decision.get("guideline_version")
                  else Phrase(translate("core", "an unknown guideline version")))
    changes = [c for c in appeal.get("changed_since") or [] if isinstance(c, dict)]
    if changes:
        listed = ", ".join(f"v{c.get('version')} {c.get('title', '')} "
                           f"({str(c.get('published_at', ''))[:10]})" for c in changes)
        made = Phrase(translate("core", "Made under {version}; since then: {changes}"),
                      version=made_under, changes=listed)
    else:
        made = Phrase(translate("core", "Made under {version}; unchanged since"),
                      version=made_under)
    return [
        contested, made,
        Phrase(translate("core", "Author's statement: “{statement}”"),
               statement=str(appeal.get("statement", ""))),
        Phrase(translate("core", "U upholds · O overturns (the original decision is reversed, "
                                 "never edited)")),
    ]


def _version_name(tag: str, policy_name: Callable[[str], str]) -> str:
    """'v2 Hate speech' for the `hate_speech@2` a decision recorded, as the versions changed
    since are listed. The id is named by `policy_name`: a document named after its policy
    area reads as the policy's title, another id as it is. A tag in another form: as it came."""
    guideline_id, _, version = tag.partition("@")
    return f"v{version} {policy_name(guideline_id)}" if version.isdigit() else tag
