"""A profile store with many cached cases, built straight through the core (no server).

Media is a pool of synthetic images drawn by code, varied in size and format so decode and
blur costs look like real reported media; cases reuse the pool so 10,000 cases stay a few
megabytes of blobs instead of gigabytes. Reused media is decoded once and then served from the
render caches, so a run over these cases hides decodes: `own_media` cases more (queue
OWN_MEDIA_QUEUE, after every other case in the work order) each carry media of their own, made
distinct from the pool's by a trailer the decoders skip, so each one is decoded as new media is.
Run as a module to build one in a child process:
`python -m tests.bench.profile_store DIR 10000 [--seal] [--own-media N]` (keeps the builder out
of the bench's RSS).
"""

from __future__ import annotations

import io
import random
import sys
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from reviewer.media.hashes import hash_cached_media
from reviewer.store.cache_guard import unlock_cache
from reviewer.store.case_cache import CaseCache
from reviewer.domain import Case, Queue
from reviewer.profile import Profile
from reviewer.store.database import open_store
from tests.factories import case_dict, sha, synthetic_png

POOL_SIZE = 40
QUEUES = ("graphic_media", "hate_speech", "spam", "self_harm")
OWN_MEDIA_QUEUE = "own_media"
_TEXT_WORDS = "reported post says this that account link video please review now".split()
# Rarer words, so searches range from a handful of hits to thousands.
_RARE_WORDS = [f"{stem}{n}" for stem in ("harbour", "ledger", "quarry", "tundra", "violet")
               for n in range(200)]
LANGUAGES = ("en", "en", "en", "es", "de", "fr", "pt-BR", "ar", "he", "ja", "zh-Hans", "hi", "th")
REGIONS = ("NA", "EU", "LATAM", "MENA", "APAC", "SSA")
POLICIES = ("hate_speech", "harassment", "graphic_violence", "spam", "self_harm", "misinformation")


@dataclass(frozen=True)
class PoolImage:
    data: bytes
    sha256: str
    mime: str
    width: int
    height: int


def image_pool(rng: random.Random) -> list[PoolImage]:
    """~40 distinct images, 640–1600 px a side, JPEG and PNG."""
    pool = []
    for seed in range(POOL_SIZE):
        width, height = rng.randint(640, 1600), rng.randint(640, 1600)
        fmt = "JPEG" if seed % 3 else "PNG"  # phones send mostly JPEG; screenshots are PNG
        data = textured(width, height, seed, fmt)
        pool.append(PoolImage(data, sha(data), f"image/{fmt.lower()}", width, height))
    return pool


def textured(width: int, height: int, seed: int, fmt: str) -> bytes:
    """The factory's test pattern with sensor-like noise: flat colours compress to a few KB,
    which would make decoding look far cheaper than for a real photo or screenshot."""
    pattern = Image.open(io.BytesIO(synthetic_png(width, height, seed=seed))).convert("RGB")
    noise = Image.effect_noise(pattern.size, 40).convert("RGB")
    out = io.BytesIO()
    Image.blend(pattern, noise, 0.25).save(out, fmt, **({"quality": 85} if fmt == "JPEG" else {"compress_level": 1}))
    return out.getvalue()


def make_case(i: int, rng: random.Random, pool: list) -> Case:
    # Most cases carry 1–4 images; some are text only, as in a real queue.
    count = 0 if rng.random() < 0.1 else rng.randint(1, 4)
    picked = rng.sample(pool, count)
    words = rng.choices(_TEXT_WORDS, k=rng.randint(5, 120)) + [rng.choice(_RARE_WORDS)]
    text = " ".join(words)
    # Placeholder bytes: the factory hashes what it is given, and hashing megabytes 22,000
    # times would dominate the build. The real digest and format are filled in below.
    data = case_dict(f"bench-{i:06d}", queue_id=rng.choice(QUEUES), priority=rng.randint(1, 4),
                     hours_left=rng.uniform(0.5, 48), text=text, media=[b""] * count,
                     language=rng.choice(LANGUAGES))
    data["region"], data["policy_area"] = rng.choice(REGIONS), rng.choice(POLICIES)
    data["reports"] = data["reports"] * rng.choice((1, 1, 1, 2, 3, 5, 8, 20))
    for ref, image in zip(data["media"], picked):
        ref.update(sha256=image.sha256, mime=image.mime, width=image.width, height=image.height)
    return Case.from_api(data)


def own_media_case(i: int, rng: random.Random, pool: list, cache: CaseCache) -> Case:
    """A case whose media no other case has: pool images with a trailer of their own after
    the end of the image (JPEG's EOI, PNG's IEND), so new bytes and a new digest but the same
    pixels and decode cost. Least urgent of all, so only a run of OWN_MEDIA_QUEUE reaches it."""
    own = []
    for n, image in enumerate(rng.sample(pool, rng.randint(1, 4))):
        data = image.data + f"own-media-{i}-{n}".encode("ascii")
        own.append(PoolImage(data, sha(data), image.mime, image.width, image.height))
        cache.save_media(own[-1].sha256, own[-1].mime, data)
    text = " ".join(rng.choices(_TEXT_WORDS, k=rng.randint(5, 120)))
    data = case_dict(f"own-{i:05d}", queue_id=OWN_MEDIA_QUEUE, priority=4, hours_left=24 * 30,
                     text=text, media=[b""] * len(own), language=rng.choice(LANGUAGES))
    for ref, image in zip(data["media"], own):
        ref.update(sha256=image.sha256, mime=image.mime, width=image.width, height=image.height)
    return Case.from_api(data)


def build_profile(root: Path, cases: int, seed: int = 1, seal: bool = False,
                  own_media: int = 0) -> Profile:
    """`seal`: written sealed under the profile's key from the keyring, as the app writes it
    (the bench then measures a normal start, not a first start sealing a clear cache)."""
    profile = Profile(root).ensure()
    if seal:
        unlock_cache(profile)
    rng = random.Random(seed)
    cache = CaseCache(open_store(profile.store_path))
    queues = QUEUES + ((OWN_MEDIA_QUEUE,) if own_media else ())
    cache.save_queues([Queue(q, q.replace("_", " ").title(), cases // len(QUEUES), ("p",), "p")
                       for q in queues])
    pool = image_pool(rng)
    for image in pool:
        cache.save_media(image.sha256, image.mime, image.data)
    # One bulk call: save_cases upserts a list, far faster than 10,000 single inserts.
    cache.save_cases([make_case(i, rng, pool) for i in range(cases)], lease_expires_at=None)
    own_rng = random.Random(seed + 1)  # the shared cases stay as they are without own media
    cache.save_cases([own_media_case(i, own_rng, pool, cache) for i in range(own_media)],
                     lease_expires_at=None)
    # As a synced workstation holds it: the sync worker hashes every cached item and keeps its
    # small decode (reviewer/media/small_copies.py) before the reviewer gets to it.
    while hash_cached_media(cache.db):
        pass
    cache.db.conn.close()
    return profile


if __name__ == "__main__":
    own = sys.argv.index("--own-media") if "--own-media" in sys.argv else None
    build_profile(Path(sys.argv[1]), int(sys.argv[2]), seal="--seal" in sys.argv[3:],
                  own_media=int(sys.argv[own + 1]) if own else 0)
