"""Why a case was reported, in the words reviewers use.

Reporters send a reason as an id ("hate_speech", "civic_integrity"), the one their report
form chose. The case shows what the id means ("Hate speech", "Civic integrity"), in the
interface's language, in the id's own words where they are words, so the search (which
indexes the ids) finds what the reviewer reads; the ids themselves stay available (a tooltip)
for a specialist who matches them against a report form or a log. A reason this workstation
does not know is shown as it came: a guessed name could say something the reporter did not.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from reviewer.words import translate

UNSPECIFIED = "unspecified"  # a report that came with no reason

# English, marked for translation; ui/ shows them through ui/i18n.core_text.shown.
_REASON_LABELS: dict[str, str] = {
    "spam": translate("core", "Spam"),
    "scam": translate("core", "Scam or fraud"),
    "impersonation": translate("core", "Impersonation"),
    "harassment": translate("core", "Harassment"),
    "bullying": translate("core", "Bullying"),
    "hate_speech": translate("core", "Hate speech"),
    "hate_symbol": translate("core", "Hate symbol"),
    "violent_threat": translate("core", "Violent threat"),
    "violent_extremism": translate("core", "Violent extremism"),
    "violence": translate("core", "Violence"),
    "graphic_violence": translate("core", "Graphic violence"),
    "graphic_content": translate("core", "Graphic content"),
    "nudity": translate("core", "Nudity"),
    "adult_nudity": translate("core", "Adult nudity"),
    "self_harm": translate("core", "Self-harm"),
    "misinformation": translate("core", "Misinformation"),
    "health_misinformation": translate("core", "Health misinformation"),
    "civic_integrity": translate("core", "Civic integrity"),
    "other": translate("core", "Other"),
    UNSPECIFIED: translate("core", "No reason given"),
}


def reason_label(reason: str) -> str:
    """What a reviewer reads for a report reason id (translated by ui/ on screen); an id this
    workstation does not know, as sent."""
    return _REASON_LABELS.get(reason, reason)


def reason_counts(reports: Iterable[dict]) -> list[tuple[str, int]]:
    """(reason id, how many reports gave it), the most given first."""
    return Counter(str(r.get("reason") or UNSPECIFIED) for r in reports).most_common()
