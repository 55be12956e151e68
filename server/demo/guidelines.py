"""A synthetic policy library for the demo: one document per policy area the queues use, a few
with earlier versions (so "what changed" has something to show), and a crisis bulletin for the
crisis_sweep queue that every reviewer must acknowledge.

Written as rows directly (not through guidelines.publish): seeding is not an action anyone
took, so it leaves no audit entries, and earlier versions get earlier publication dates.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Connection, insert

from server.guidelines import SEED_PUBLISHER
from server.queue_catalog import QUEUE_CATALOG
from server.store.schema import guidelines

CRISIS_BULLETIN_ID = "crisis-sweep-bulletin"

_COMMON_CLOSE = (
    "When the content is ambiguous, or the account is high profile, escalate with a short "
    "reason and a plan of action rather than guessing. Record the policy you applied; the "
    "guideline version you decided under is recorded with your decision automatically."
)

# policy area -> (title, paragraphs of the current version)
POLICY_TEXTS: dict[str, tuple[str, list[str]]] = {
    "hate_speech": ("Hate speech", [
        "Remove content that attacks people on the basis of a protected characteristic: "
        "race, ethnicity, national origin, religion, caste, sexual orientation, sex, gender "
        "identity, disability or serious disease.",
        "An attack is dehumanising speech, statements of inferiority, calls for exclusion or "
        "segregation, and slurs used to describe a protected group. Criticism of institutions, "
        "ideologies or governments is not an attack on people.",
        "Coded language counts as an attack when the surrounding post makes the target clear. "
        "Check the region notes for terms that are slurs in one language and ordinary words "
        "in another.",
        "Counter-speech that quotes hateful content in order to condemn or report it is not a "
        "violation. Label it sensitive if the quoted slur is shown in full.",
        _COMMON_CLOSE,
    ]),
    "harassment": ("Harassment", [
        "Remove content that targets a private individual with repeated unwanted contact, "
        "degrading sexual comments, threats to reveal private information, or calls for others "
        "to harass them.",
        "Public figures are open to criticism of their public role, but not to sexualised "
        "abuse, claims about their private health, or coordinated pile-ons directed at their "
        "family.",
        "One insult between two participants in an argument is usually no violation; look at "
        "the author's history for a pattern before enforcing.",
        _COMMON_CLOSE,
    ]),
    "bullying": ("Bullying", [
        "Bullying is harassment aimed at minors or at people in a position of dependence "
        "(students, employees, patients). The bar for removal is lower than for adults in an "
        "even exchange.",
        "Remove content that mocks a minor's appearance, shares their image to ridicule them, "
        "or encourages them to harm themselves. Suspend accounts created to target one person.",
        _COMMON_CLOSE,
    ]),
    "violent_threat": ("Violent threats", [
        "Remove statements of intent to commit violence against a person or group, calls for "
        "others to commit violence, and statements wishing for serious harm when a target is "
        "named.",
        "Hyperbole between friends and clearly fictional contexts (games, films, lyrics) are "
        "not threats. A threat that names a place, a time or a weapon is credible: escalate it "
        "at once, whatever the author's follower count.",
        _COMMON_CLOSE,
    ]),
    "violent_extremism": ("Violent extremism", [
        "Remove content that praises, supports or represents a designated violent extremist "
        "organisation or a perpetrator of a violent attack.",
        "Remove perpetrator-produced material (manifestos, livestreams, attack footage) in "
        "every form, including excerpts, re-uploads with added text, and screenshots. News "
        "reporting and condemnation may stay with a sensitivity label.",
        "During a declared crisis, items that share media with a confirmed perpetrator item "
        "are decided in bulk from the crisis sweep; check the current crisis bulletin first.",
        _COMMON_CLOSE,
    ]),
    "graphic_violence": ("Graphic violence", [
        "Label sensitive real-world images of serious injury, death or violence that are shared "
        "to document, inform or condemn. Remove such images when they are shared to celebrate "
        "or mock the victims, or when they show identifiable victims in a degrading way.",
        "Media stays blurred until you reveal it; decide from the category and the text first "
        "and reveal only as much as the decision needs.",
        _COMMON_CLOSE,
    ]),
    "adult_nudity": ("Adult nudity and sexual activity", [
        "Remove explicit sexual activity and close-ups of genitals. Label sensitive artistic, "
        "medical and educational nudity, and breastfeeding.",
        "Any suggestion that a participant may be a minor is never decided here: escalate at "
        "once and do not reveal the media.",
        _COMMON_CLOSE,
    ]),
    "self_harm": ("Suicide and self-harm", [
        "Remove content that encourages, instructs or celebrates suicide or self-harm. Keep, "
        "with a sensitivity label, people speaking about their own experience or recovery.",
        "When a post suggests someone is at imminent risk, escalate immediately with the "
        "reason 'imminent risk' so the welfare team is alerted.",
        _COMMON_CLOSE,
    ]),
    "hate_symbol": ("Hateful symbols", [
        "Remove hateful symbols shown in praise or support of the ideology they stand for. "
        "Historical, educational and news contexts may stay with a sensitivity label.",
        "Many symbols have older benign meanings; decide from the context of the post, not the "
        "shape alone.",
        _COMMON_CLOSE,
    ]),
    "misinformation": ("Harmful misinformation", [
        "Restrict the reach of false claims that fact-checking partners have rated false, and "
        "remove false claims that could lead to imminent physical harm or that misrepresent "
        "how, when or where to vote.",
        "Satire that is clearly labelled stays. Opinion about contested questions is not "
        "misinformation.",
        _COMMON_CLOSE,
    ]),
    "spam": ("Spam and platform manipulation", [
        "Remove content posted in bulk, at high frequency or with misleading links to drive "
        "traffic or engagement, and accounts that exist only to do so.",
        "Repeated identical replies from many new accounts are a sign of coordination: select "
        "them together in the sweep view and decide them in one step.",
        _COMMON_CLOSE,
    ]),
    "high_profile_review": ("High-profile accounts", [
        "Enforcement on an account marked high profile needs a second reviewer (four eyes). "
        "Record your decision as usual; it waits for a senior's approval before it takes effect.",
        "Write a note that a colleague in another time zone can act on: what the content is, "
        "which policy applies, and what you recommend.",
        _COMMON_CLOSE,
    ]),
}

# Earlier versions: policy area -> the paragraphs of versions 1 .. n-1 (the current version
# above is the last). hate_speech v1 lacked the coded-language and counter-speech guidance.
EARLIER_VERSIONS: dict[str, list[list[str]]] = {
    "hate_speech": [
        [POLICY_TEXTS["hate_speech"][1][0].replace(", caste", ""),
         POLICY_TEXTS["hate_speech"][1][1], _COMMON_CLOSE],
        [*POLICY_TEXTS["hate_speech"][1][:3], _COMMON_CLOSE],
    ],
    "violent_extremism": [
        [*POLICY_TEXTS["violent_extremism"][1][:2], _COMMON_CLOSE],
    ],
}

CRISIS_BULLETIN = (
    "Crisis sweep: coordinated attack footage",
    [
        "Since this morning, footage filmed by the perpetrator of an attack is being re-shared "
        "at scale, often with added captions, mirrored, or cropped. Every re-share of the "
        "footage itself is removed under violent_extremism, whatever the caption says.",
        "News reports that embed a still from the footage stay up with a sensitivity label. "
        "Posts asking for information about missing people stay up.",
        "Use the crisis sweep (Ctrl+Shift+S in the Crisis sweep queue): select items sharing "
        "the same media and decide them in one step. Reveal as little as you need: the media "
        "hash tells you the item is a copy.",
        "Take your breaks. This sweep is expected to run for two days; leads will rotate "
        "reviewers off it every two hours.",
    ],
)


def policy_areas() -> list[str]:
    """Every policy area any queue uses, in catalog order."""
    areas: list[str] = []
    for queue in QUEUE_CATALOG:
        areas += [area for area in queue["policies"] if area not in areas]
    return areas


def seed_guidelines(conn: Connection, now: datetime) -> None:
    """The library as a lead would have built it over the past weeks; the bulletin is new."""
    rows = []
    for area in policy_areas():
        title, paragraphs = POLICY_TEXTS[area]
        versions = [*EARLIER_VERSIONS.get(area, []), paragraphs]
        for number, text in enumerate(versions, start=1):
            age = timedelta(days=30 - 9 * number, hours=len(rows))  # older versions first
            rows.append(_row(area, number, title, "policy", area, "", text, now - age))
    title, paragraphs = CRISIS_BULLETIN
    rows.append(_row(CRISIS_BULLETIN_ID, 1, title, "bulletin", "violent_extremism",
                     "crisis_sweep", paragraphs, now - timedelta(hours=2)))
    rows.sort(key=lambda row: row["published_at"])  # the cursor follows publication order
    conn.execute(insert(guidelines), rows)


def _row(guideline_id: str, version: int, title: str, kind: str, policy_area: str,
         queue_id: str, paragraphs: list[str], published_at: datetime) -> dict:
    return {
        "guideline_id": guideline_id, "version": version, "title": title, "kind": kind,
        "policy_area": policy_area, "queue_id": queue_id, "body": "\n\n".join(paragraphs),
        "requires_ack": kind == "bulletin", "published_at": published_at,
        "published_by": SEED_PUBLISHER,
    }
