"""The seed data and the synthetic images it is made of."""

from __future__ import annotations

import io
import random

import pytest
from PIL import Image
from sqlalchemy import select

from server.store.database import open_database
from server.store.schema import case_media, cases, media
from server.demo.seed import seed_database
from server.demo.awkward import AWKWARD_CASE_IDS
from server.demo.synthetic_media import FORMATS, MAX_SIDE, MIN_SIDE, draw_image, truncated_jpeg


def _read(path, query):
    database = open_database(path)
    try:
        with database.read() as conn:
            return conn.execute(query).all()
    finally:
        database.close()


def test_seed_has_languages_queues_and_awkward_cases(seeded_template):
    rows = _read(seeded_template.path, select(cases.c.id, cases.c.language, cases.c.queue_id,
                                              cases.c.priority))
    assert len(rows) == 60
    assert set(AWKWARD_CASE_IDS) <= {row.id for row in rows}
    assert {"ar", "he", "fa", "ur", "ja", "zh-Hans", "th", "hi", "ta", "bn", "en"} \
        <= {row.language for row in rows}
    assert len({row.queue_id for row in rows}) == 5
    assert {row.priority for row in rows} <= {1, 2, 3, 4}


def test_seed_media_is_stored_under_its_hash_with_every_format(seeded_template):
    rows = _read(seeded_template.path, select(media.c.mime, media.c.width, media.c.height))
    assert {row.mime for row in rows} == set(FORMATS.values())
    assert all(MIN_SIDE <= row.width <= MAX_SIDE for row in rows if row.width != 640)
    linked = _read(seeded_template.path, select(case_media.c.category).distinct())
    assert {"graphic_violence", "nudity", "hate_symbol", "benign"} <= {r.category for r in linked}


def test_seed_is_deterministic(tmp_path):
    first, second = tmp_path / "a.sqlite3", tmp_path / "b.sqlite3"
    for path in (first, second):
        seed_database(path, seed=3, cases=12)
    query = select(cases.c.id, cases.c.text, case_media.c.sha256).outerjoin(case_media)
    assert _read(first, query.order_by(cases.c.id, case_media.c.position)) == _read(
        second, query.order_by(cases.c.id, case_media.c.position))
    with pytest.raises(ValueError):
        seed_database(first, cases=4)


@pytest.mark.parametrize("image_format", sorted(FORMATS))
def test_synthetic_images_decode_at_their_size(image_format):
    image = draw_image(random.Random(1), "SAMPLE 1", image_format=image_format)
    with Image.open(io.BytesIO(image.data)) as decoded:
        decoded.load()
        assert decoded.size == (image.width, image.height)
        assert Image.MIME[decoded.format] == image.mime


def test_truncated_jpeg_fails_to_decode():
    broken = truncated_jpeg(random.Random(1), "BROKEN")
    assert broken.mime == "image/jpeg"
    with Image.open(io.BytesIO(broken.data)) as decoded, pytest.raises(OSError):
        decoded.load()
