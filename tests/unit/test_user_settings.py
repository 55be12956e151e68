"""The reviewer's own settings: media only ever stricter than the organisation's, wellness limits
only ever shorter than the defaults, bad hand edits named and ignored."""

from __future__ import annotations

from reviewer.media.presets import MediaPreset, PresetBook, tightening
from reviewer.profile import Profile
from reviewer.user_settings import (DEFAULT_EXPOSURE, exposure_settings, save_exposure,
                                    save_media_categories, user_media)


def test_a_looser_hand_edit_cannot_loosen_a_category():
    org = PresetBook.load()
    gore = org.for_category("gore")
    assert not gore.colour  # the shipped gore preset has no colour
    mine = user_media({"media_categories": {"gore": {"colour": True, "blur_fraction": 0.02,
                                                     "reveal": False}}})
    effective = mine.apply(org).for_category("gore")
    assert effective.colour is False  # not loosened
    assert effective.blur_fraction == gore.blur_fraction  # not less blurred
    assert effective.reveal is False  # but tightened where asked
    assert mine.apply(org).for_category("nudity") == org.for_category("nudity")


def test_never_render_from_a_category_setting_reaches_the_never_fetched_list():
    org = PresetBook.load()
    mine = user_media({"media_categories": {"self_harm": {"never_render": True}}})
    assert "self_harm" in mine.apply(org).never_rendered()


def test_what_the_dialog_writes_is_only_what_is_stricter():
    floor = PresetBook.load().for_category("graphic_violence")
    chosen = MediaPreset(blur_fraction=0.3, grayscale=True, reveal=False, colour=True,
                         never_render=False, reduced=True)
    assert tightening(chosen, floor) == {"blur_fraction": 0.3, "reveal": False}
    looser = MediaPreset(blur_fraction=0.02, grayscale=False)
    assert tightening(looser, floor) == {}


def test_bad_media_tables_are_named_and_left_out():
    problems: list[str] = []
    mine = user_media({"media_categories": {"gore": {"sharpness": 3}, "nudity": {"reveal": "no"},
                                            "hate_symbol": {"reveal": False}}}, problems)
    assert len(problems) == 2 and any("sharpness" in p for p in problems)
    assert set(mine.categories) == {"hate_symbol"}


def test_exposure_limits_only_get_shorter(tmp_path):
    problems: list[str] = []
    longer = exposure_settings({"exposure": {"daily_cap_min": 600, "break_after_min": "soon"}},
                               problems)
    assert longer.daily_cap_s == DEFAULT_EXPOSURE.daily_cap_s
    assert longer.break_after_work_s == DEFAULT_EXPOSURE.break_after_work_s
    assert len(problems) == 2
    profile = Profile(tmp_path).ensure()
    saved = save_exposure(profile, 12, 30)
    assert (saved.daily_cap_s, saved.break_after_work_s) == (12 * 60, 30 * 60)
    assert exposure_settings(profile.settings()) == saved


def test_saving_keeps_the_rest_of_settings_json(tmp_path):
    profile = Profile(tmp_path).ensure()
    profile.save_setting("server_url", "https://api.example.invalid")
    save_media_categories(profile, {"gore": {"reveal": False}, "nudity": {}})
    assert profile.settings() == {"server_url": "https://api.example.invalid",
                                  "media_categories": {"gore": {"reveal": False}}}
