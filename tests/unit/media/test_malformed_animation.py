"""Malformed animated PNGs end as one line naming the reason: no exception, no warning, from
the renderer on any number of threads at once."""

from __future__ import annotations

import warnings
from concurrent.futures import ThreadPoolExecutor

import pytest

from reviewer.media.render import MediaRenderer
from tests.malformed_apng import MALFORMED, good_apng


@pytest.mark.parametrize("fault", sorted(MALFORMED))
def test_a_malformed_apng_is_refused_with_one_line_and_no_warning(fault):
    with warnings.catch_warnings(record=True) as shown:
        warnings.simplefilter("always")
        rendered = MediaRenderer().render("k", MALFORMED[fault](), (320, 240))
    assert rendered.image is None
    assert rendered.reason.startswith("Cannot be displayed: the ")
    assert "\n" not in rendered.reason and len(rendered.reason) < 160
    assert [str(w.message) for w in shown] == []


def test_a_good_apng_still_renders_as_a_storyboard():
    rendered = MediaRenderer().render("k", good_apng(), (320, 240))
    assert rendered.image is not None and rendered.caption.startswith("Animation: ")


def test_concurrent_decodes_leave_the_warning_filters_as_they_found_them():
    before = list(warnings.filters)
    renderer = MediaRenderer(cache_items=0)
    files = [make() for make in MALFORMED.values()] * 8 + [good_apng()] * 8

    def render(item):
        index, data = item
        return renderer.render(f"k{index}", data, (160, 120))

    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(render, enumerate(files)))
    assert all(r.image is None and r.reason for r in results[:-8])
    assert all(r.image is not None for r in results[-8:])
    assert warnings.filters == before
