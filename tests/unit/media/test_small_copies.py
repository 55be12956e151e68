"""The small decode kept in the store (reviewer/media/small_copies.py): rendered from, it gives
the pixels a decode of the original gives; only stills get one; it goes with its media; a
missing or damaged copy falls back to the original. Real SQLite, sealed as the app seals."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from reviewer.domain import Case
from reviewer.media.hashes import hash_cached_media
from reviewer.media.render import MediaRenderer, RenderStyle
from reviewer.media.perceptual_hash import pdq_bytes
from reviewer.media.small_copies import (KEPT_MODE, hash_and_pack, kept_small, pack_small,
                                         unpack_small)
from reviewer.media.stages import Stage
from reviewer.store.case_cache import CaseCache
from reviewer.store.crypto import CacheCipher, new_key
from reviewer.store.database import open_store
from reviewer.store.small_media import SmallMedia
from tests.factories import case_dict, sha, synthetic_animation, synthetic_png
from tests.media_measures import scene


def _encoded(fmt: str, size=(1500, 1000), orientation: int = 1, mode: str = "RGB") -> bytes:
    _, textured = scene(seed=3, size=size)
    out = io.BytesIO()
    exif = Image.Exif()
    if orientation != 1:
        exif[0x0112] = orientation
    textured.convert(mode).save(out, fmt, exif=exif.tobytes(),
                                **({"quality": 88} if fmt == "JPEG" else {}))
    return out.getvalue()


STILLS = {
    "jpeg": lambda: _encoded("JPEG"),
    "jpeg, EXIF-rotated": lambda: _encoded("JPEG", orientation=6),
    "png": lambda: _encoded("PNG"),
    "png, EXIF-mirrored, tall": lambda: _encoded("PNG", (700, 1900), orientation=5),
    "png, palette": lambda: _encoded("PNG", mode="P"),
    "webp, small": lambda: _encoded("WEBP", (120, 90)),
}
BOXES = ((1280, 800), (400, 300))


def _never_read():
    raise AssertionError("the original was decoded although a small copy was kept")


@pytest.mark.parametrize("name", sorted(STILLS))
def test_a_render_from_the_kept_copy_is_the_render_from_the_original(name):
    data = STILLS[name]()
    packed = pack_small(data)
    assert packed, "a still gets a small copy"
    for stage in (Stage.BLURRED, Stage.REDUCED):
        for box in BOXES:
            style = RenderStyle(stage=stage)
            original = MediaRenderer().render("m", data, box, style).image
            kept = MediaRenderer().render_from("m", _never_read, box, style,
                                               lambda mode: unpack_small(packed))
            assert kept.image is not None and kept.image.size == original.size
            assert kept.image.tobytes() == original.tobytes(), (name, stage, box)


@pytest.mark.parametrize("name", sorted(STILLS) + ["animation", "damaged", "gif"])
def test_one_decode_for_the_hash_and_the_copy_gives_what_two_give(name):
    data = {"animation": lambda: synthetic_animation(frames=3),
            "damaged": lambda: synthetic_png()[:300],
            "gif": lambda: _encoded("GIF", (500, 300), mode="P"),
            **STILLS}[name]()
    assert hash_and_pack(data) == (pdq_bytes(data), pack_small(data))


def test_animations_videos_and_damaged_files_get_no_copy():
    assert pack_small(synthetic_animation(frames=4)) == b""
    assert pack_small(b"\x00\x00\x00\x18ftypmp42" + bytes(64)) == b""
    assert pack_small(synthetic_png()[:200]) == b""


def test_a_colour_render_and_real_pixels_decode_the_original():
    data = _encoded("JPEG")
    packed = pack_small(data)
    asked = []

    def kept(mode):
        asked.append(mode)
        return unpack_small(packed) if mode == KEPT_MODE else None

    loads = []

    def load():
        loads.append(1)
        return data

    renderer = MediaRenderer()
    for style in (RenderStyle(colour=True), RenderStyle(stage=Stage.REVEALED)):
        assert renderer.render_from("m", load, (400, 300), style, kept).image is not None
    assert asked == ["RGB"] and len(loads) == 2  # real pixels never ask for the small copy


def _store(tmp_path, *media: bytes, category: str = "graphic_violence"):
    cache = CaseCache(open_store(tmp_path / "store.sqlite3", CacheCipher(new_key())))
    cache.save_cases([Case.from_api(case_dict("c1", media=list(media), category=category))],
                     lease_expires_at=None)
    for data in media:
        cache.save_media(sha(data), "image/png", data)
    return cache


def test_the_hashing_round_keeps_a_sealed_copy_that_the_renderer_reads(tmp_path):
    data, animation = _encoded("PNG"), synthetic_animation(frames=4)
    cache = _store(tmp_path, data, animation)
    store = SmallMedia(cache.db)
    assert kept_small(store, sha(data), KEPT_MODE) is None  # not hashed yet: none
    assert hash_cached_media(cache.db) == 2
    raw = cache.db.execute("SELECT data, sealed FROM small_media WHERE sha256 = ?",
                           (sha(data),)).fetchone()
    assert raw[1] == 1 and bytes(raw[0]) != pack_small(data)  # sealed at rest
    kept = kept_small(store, sha(data), KEPT_MODE)
    assert kept is not None and kept.frames[0].tobytes() == unpack_small(
        pack_small(data)).frames[0].tobytes()
    assert kept_small(store, sha(animation), KEPT_MODE) is None  # an animation has none
    assert kept_small(store, sha(data), "RGB") is None


def test_media_hashed_before_copies_were_kept_get_theirs_at_the_next_round(tmp_path):
    data = _encoded("JPEG")
    cache = _store(tmp_path, data)
    hash_cached_media(cache.db)
    cache.db.execute("DELETE FROM small_media")  # as a store from before v18 holds it
    cache.db.conn.commit()
    assert hash_cached_media(cache.db) == 0  # nothing new to hash
    assert kept_small(SmallMedia(cache.db), sha(data), KEPT_MODE) is not None


def test_purged_media_take_their_small_copies_with_them(tmp_path):
    data = _encoded("PNG", (300, 200))
    cache = _store(tmp_path, data, category="gore")
    hash_cached_media(cache.db)
    count = "SELECT count(*) FROM small_media"
    assert cache.db.execute(count).fetchone()[0] == 1
    assert cache.purge_media_of(frozenset({"gore"})) == 1
    assert cache.db.execute(count).fetchone()[0] == 0


def test_a_damaged_copy_falls_back_to_the_original_and_is_made_again(tmp_path):
    data = _encoded("PNG", (600, 400))
    cache = _store(tmp_path, data)
    hash_cached_media(cache.db)
    store = SmallMedia(cache.db)
    store.keep(sha(data), KEPT_MODE, b"SMC1 not a copy")  # sealed, opens, does not unpack
    style = RenderStyle()
    rendered = MediaRenderer().render_from(
        sha(data), lambda: cache.media_bytes(sha(data)), (400, 300), style,
        lambda mode: kept_small(store, sha(data), mode))
    assert rendered.image.tobytes() == MediaRenderer().render(
        "m", data, (400, 300), style).image.tobytes()
    assert store.packed(sha(data), KEPT_MODE) is None  # dropped
    hash_cached_media(cache.db)
    assert kept_small(store, sha(data), KEPT_MODE) is not None
    # Sealed under another key (or moved from another row): missing, never an error.
    cache.db.execute("UPDATE small_media SET data = ?", (b"x" * 64,))
    cache.db.conn.commit()
    assert kept_small(store, sha(data), KEPT_MODE) is None


def test_sealing_a_clear_store_drops_its_clear_copies_and_they_come_back_sealed(tmp_path):
    from reviewer.store.cache_guard import seal_clear_content

    data = _encoded("PNG", (300, 200))
    path = tmp_path / "store.sqlite3"
    clear = CaseCache(open_store(path))
    clear.save_media(sha(data), "image/png", data)
    hash_cached_media(clear.db)
    kept = "SELECT sealed FROM small_media WHERE length(data) > 0"
    assert [r[0] for r in clear.db.execute(kept)] == [0]
    cipher = CacheCipher(new_key())
    seal_clear_content(clear.db, cipher)
    assert clear.db.execute(kept).fetchall() == []  # no pixels left in clear
    sealed = open_store(path, cipher)
    hash_cached_media(sealed)
    assert [r[0] for r in sealed.execute(kept)] == [1]
    assert kept_small(SmallMedia(sealed), sha(data), KEPT_MODE) is not None


def test_keeping_a_copy_costs_no_fsync_of_its_own(tmp_path):
    """A copy can be made again from its media, so its write waits for no disk flush: the
    worker's flushes are what the UI thread's decision commits queue behind."""
    data = STILLS["png"]()
    cache = _store(tmp_path, data)
    statements: list[str] = []
    cache.db.conn.set_trace_callback(statements.append)
    SmallMedia(cache.db).keep(sha(data), KEPT_MODE, pack_small(data))
    cache.db.conn.set_trace_callback(None)
    commit = statements.index("COMMIT")
    assert "PRAGMA synchronous=NORMAL" in statements[:commit]
    assert kept_small(SmallMedia(cache.db), sha(data), KEPT_MODE) is not None


def test_the_pixels_are_kept_as_they_are_and_a_deflated_copy_still_reads():
    """Read on the way to a case's first paint, a copy holds its pixels raw: no inflate on a
    decode thread. Copies kept deflated before still render the same pixels."""
    import struct
    import zlib

    data = STILLS["png"]()
    packed = pack_small(data)
    frame = unpack_small(packed).frames[0]
    header = struct.calcsize(">4s2sIIII")
    assert packed[header:] == frame.tobytes()
    deflated = b"SMC1" + packed[4:header] + zlib.compress(packed[header:], 6)
    old = unpack_small(deflated)
    assert old.frames[0].tobytes() == frame.tobytes()
    assert old.shown == unpack_small(packed).shown
    assert unpack_small(packed[:-1]) is None  # cut short: the original is decoded instead
