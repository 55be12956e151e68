import pytest

from reviewer.media.exposure import BREAK, CAP_REACHED, CAP_WARNING, ExposureMeter, ExposureSettings
from reviewer.media.presets import MediaPreset, PresetBook, PresetError, relaxed_for_item
from reviewer.media.render import style_for
from reviewer.store.database import open_store


def test_shipped_presets_never_render_suspected_csam_and_ncii():
    book = PresetBook.load()
    assert {"csam_suspected", "ncii_suspected"} <= book.never_rendered()
    assert book.for_category("graphic_violence").blur_fraction >= 0.08
    assert book.for_category("something_new") == book.default  # unknown: the default preset


def test_reviewer_settings_only_tighten_and_item_relax_stops_at_the_org_line():
    org = PresetBook.load().with_org({"category": {"nudity": {"blur_fraction": 0.09, "colour": True}}})
    mine = org.with_user(MediaPreset(blur_fraction=0.2, colour=False))
    assert mine.for_category("nudity").blur_fraction == 0.2 and not mine.for_category("nudity").colour
    loose = mine.with_user(MediaPreset(blur_fraction=0.01, grayscale=False))  # cannot loosen
    assert loose.for_category("nudity").blur_fraction == 0.2 and loose.for_category("nudity").grayscale
    item = relaxed_for_item(mine.for_category("nudity"), org.for_category("nudity"),
                            blur_fraction=0.03, colour=True)
    assert item.blur_fraction == 0.09 and item.colour  # back to the org line, not below


def test_bad_org_presets_are_refused_clearly():
    with pytest.raises(PresetError, match="unknown preset setting"):
        PresetBook.load().with_org({"default": {"blurr": 0.1}})
    with pytest.raises(PresetError, match="blur_fraction must be between"):
        PresetBook.load().with_org({"default": {"blur_fraction": 0.0}})


def test_style_honours_what_the_preset_allows():
    no_colour = MediaPreset(colour=False)
    assert style_for(no_colour, "gore", revealed=True, colour=True).colour is False
    assert style_for(MediaPreset(reveal=False), "gore", revealed=True).revealed is False
    assert style_for(MediaPreset(grayscale=False), "benign").colour is True


def test_style_carries_the_category_and_whether_it_is_never_rendered():
    book = PresetBook.load()
    never = style_for(book.for_category("csam_suspected"), "csam_suspected")
    assert never.never_render and never.category == "csam_suspected"
    assert not style_for(book.for_category("gore"), "gore").never_render


def test_never_fetched_is_what_the_reviewers_own_book_never_renders(tmp_path):
    from reviewer.media.presets import never_fetched, save_org
    shipped = PresetBook.load().never_rendered()
    assert never_fetched() == shipped  # no store yet: the shipped presets alone
    db = open_store(tmp_path / "store.sqlite3")
    assert never_fetched(db) == shipped
    save_org(db, {"category": {"gore": {"never_render": True}}})
    assert never_fetched(db) == shipped | {"gore"}
    everything = never_fetched(db, MediaPreset(never_render=True))  # the reviewer's own setting
    assert everything == set(PresetBook.load().categories)


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_exposure_is_time_times_area_per_case_shift_and_day(tmp_path):
    db = open_store(tmp_path / "s.sqlite3")
    meter = ExposureMeter(db, clock=Clock(), today=lambda: "2026-11-22")
    meter.add("c1", 10, 0.15)
    meter.add("c2", 4, 1.0)
    meter.flush()
    reading = meter.reading("c1")
    assert reading.case_s == pytest.approx(1.5)
    assert reading.shift_s == pytest.approx(5.5) and reading.day_s == pytest.approx(5.5)
    # A new shift the same day (a restart) still counts the day's exposure.
    again = ExposureMeter(db, clock=Clock(), today=lambda: "2026-11-22")
    assert again.reading(None).day_s == pytest.approx(5.5) and again.reading(None).shift_s == 0


def test_break_and_cap_prompts_come_once_each(tmp_path):
    clock = Clock()
    meter = ExposureMeter(open_store(tmp_path / "s.sqlite3"),
                          ExposureSettings(break_after_work_s=3000, daily_cap_s=100), clock=clock)
    assert meter.new_prompts() == []
    meter.add("c1", 80, 1.0)
    assert meter.new_prompts() == [CAP_WARNING]
    assert meter.new_prompts() == []  # shown once
    meter.add("c1", 30, 1.0)
    assert meter.new_prompts() == [CAP_REACHED]
    clock.now = 3001  # 50 minutes of work
    assert meter.new_prompts() == [BREAK]
    meter.took_break()
    assert meter.new_prompts() == []
    clock.now = 6002
    assert meter.new_prompts() == [BREAK]  # and again after the next stretch


def test_a_presets_file_is_parsed_once_until_it_changes(tmp_path, monkeypatch):
    from reviewer.media import presets

    path = tmp_path / "presets.toml"
    path.write_text('[category.gore]\nblur_fraction = 0.2\n', encoding="utf-8")
    parsed = []
    loads = presets.tomllib.loads
    monkeypatch.setattr(presets.tomllib, "loads", lambda text: parsed.append(text) or loads(text))
    first = PresetBook.load(path)
    first.categories["gore"] = first.default  # one caller's book is its own
    assert PresetBook.load(path).for_category("gore").blur_fraction == 0.2
    assert len(parsed) == 1
    path.write_text('[category.gore]\nblur_fraction = 0.25\n', encoding="utf-8")
    assert PresetBook.load(path).for_category("gore").blur_fraction == 0.25  # read again
    assert len(parsed) == 2
