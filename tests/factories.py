"""Builders for test data: API-shaped case dicts and synthetic images drawn by code."""

from __future__ import annotations

import hashlib
import io
from datetime import datetime, timedelta, timezone

from PIL import Image, ImageDraw


def synthetic_png(width: int = 320, height: int = 240, seed: int = 0, fmt: str = "PNG") -> bytes:
    """A colourful test pattern with hard edges and block text: easy to tell blurred or not."""
    image = Image.new("RGB", (width, height), (20 + seed * 37 % 200, 90, 160))
    draw = ImageDraw.Draw(image)
    for i in range(0, width, 40):
        draw.rectangle([i, 0, i + 19, height], fill=(240, 220 - (i % 120), 40))
    draw.ellipse([width // 4, height // 4, 3 * width // 4, 3 * height // 4], fill=(250, 250, 250))
    draw.text((10, 10), f"SAMPLE {seed}", fill=(0, 0, 0))
    out = io.BytesIO()
    image.save(out, fmt)
    return out.getvalue()


def synthetic_animation(frames: int = 20, size: tuple[int, int] = (240, 180)) -> bytes:
    """An animated GIF whose frames differ (a bar sweeping across), drawn by code."""
    images = []
    for i in range(frames):
        image = Image.new("RGB", size, (30, 60 + i * 5, 120))
        ImageDraw.Draw(image).rectangle([i * size[0] // frames, 0, i * size[0] // frames + 30, size[1]],
                                        fill=(250, 240, 20))
        images.append(image)
    out = io.BytesIO()
    images[0].save(out, "GIF", save_all=True, append_images=images[1:], duration=80, loop=0)
    return out.getvalue()


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def case_dict(case_id: str, *, queue_id: str = "graphic_media", priority: int = 2,
              hours_left: float = 4.0, text: str = "Reported text", media: list[bytes] = (),
              language: str = "en", category: str = "graphic_violence") -> dict:
    deadline = datetime.now(timezone.utc) + timedelta(hours=hours_left)
    return {
        "id": case_id, "queue_id": queue_id, "text": text, "language": language,
        "region": "EU", "policy_area": "violent_graphic", "priority": priority,
        "sla_deadline": deadline.isoformat().replace("+00:00", "Z"),
        "created_at": "2026-11-20T10:00:00Z", "status": "open",
        "reports": [{"reason": "graphic_violence", "reporter_id": "u1",
                     "created_at": "2026-11-20T10:00:00Z"}],
        "author": {"id": "a1", "handle": "someone", "display_name": "Some One",
                   "created_at": "2020-01-01T00:00:00Z", "followers": 12,
                   "high_profile": False, "history": []},
        "media": [{"sha256": sha(m), "mime": "image/png", "width": 320, "height": 240,
                   "category": category, "label": "Synthetic test pattern"}
                  for m in media],
        "lease_expires_at": None,
        "pending_decision": None,
    }
