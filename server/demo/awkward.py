"""Four deliberately awkward seed cases, with stable ids so client tests can ask for them.

- markup in the text (must be shown as text, never rendered or fetched),
- a very long text,
- mixed left-to-right and right-to-left text with numbers and punctuation,
- a media item that is a truncated JPEG (served as image/jpeg; decoding must fail gracefully).
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from server.demo.synthetic_media import draw_image, truncated_jpeg

AWKWARD_CASE_IDS = ("case-awkward-html", "case-awkward-long-text",
                    "case-awkward-mixed-direction", "case-awkward-corrupt-media")

HTML_TEXT = (
    'Check this out <b>bold</b><img src=http://example.invalid/x.png> '
    '<script>alert("hi")</script> &amp; <a href="http://example.invalid/">click</a> '
    "&lt;not a tag&gt; <i>unclosed"
)
MIXED_DIRECTION_TEXT = (
    "He wrote: \u05e9\u05dc\u05d5\u05dd \u05dc\u05db\u05d5\u05dd (hello everyone) and then "
    "\u0645\u0631\u062d\u0628\u0627 \u0628\u0627\u0644\u0639\u0627\u0644\u0645 123-456, "
    "price 50\u20aa / 20 \u062f.\u0625. \u2014 is this spam? \u05db\u05df, 100%!"
)


def _long_text() -> str:
    paragraph = (
        "This is paragraph {n} of a very long copy-pasted post that keeps repeating the same "
        "offer for a miracle supplement, with links, hashtags and a wall of emoji \U0001f4b0"
        "\U0001f4b0\U0001f4b0 so that the client has to wrap, scroll and not freeze. "
    )
    return "\n\n".join(paragraph.format(n=n) for n in range(1, 161))


def _no_media(_rng: random.Random) -> list:
    return []


def _corrupt_media(rng: random.Random) -> list:
    return [
        (truncated_jpeg(rng, "BROKEN 1"), "graphic_violence",
         "Synthetic test pattern: truncated file (decoding must fail)"),
        (draw_image(rng, "SAMPLE OK", image_format="PNG", size=(480, 360)), "benign",
         "Synthetic test pattern: landscape"),
    ]


def awkward_cases(now: datetime) -> list[dict]:
    """Case rows (without author) plus text kind and a media factory taking an rng."""
    def case(case_id, queue_id, text, language, region, policy_area, hours_to_sla):
        return {"id": case_id, "queue_id": queue_id, "text": text, "language": language,
                "region": region, "policy_area": policy_area, "priority": 1,
                "sla_deadline": now + timedelta(hours=hours_to_sla),
                "created_at": now - timedelta(hours=5)}

    return [
        {"case": case("case-awkward-html", "hate_harassment", HTML_TEXT, "en", "US",
                      "harassment", 4), "kind": "harassment", "media": _no_media},
        {"case": case("case-awkward-long-text", "appeals", _long_text(), "en", "GB",
                      "spam", 10), "kind": "spam", "media": _no_media},
        {"case": case("case-awkward-mixed-direction", "hate_harassment", MIXED_DIRECTION_TEXT,
                      "he", "IL", "harassment", 6), "kind": "spam", "media": _no_media},
        {"case": case("case-awkward-corrupt-media", "graphic_media",
                      "Posted with two pictures, one of them will not open.", "en", "US",
                      "graphic_violence", 3), "kind": "caption", "media": _corrupt_media},
    ]
