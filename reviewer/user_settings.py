"""The reviewer's own settings in settings.json, read with their limits and written one key at
a time (Profile.save_setting, atomic), so the settings dialog and a hand edit are the same file.

Wellness settings can only be stricter than the shipped defaults (DESIGN: wellness is a default,
not a setting): a daily exposure cap or a break interval may be shortened, never lengthened.
Media settings can only be stricter than the organisation's (reviewer/media/presets.py). A value
that cannot be used is named in `problems` and the default used instead; the file is never
rewritten because of it, so nothing the reviewer typed is lost.
"""

from __future__ import annotations

from dataclasses import replace

from reviewer.media.exposure import ExposureSettings
from reviewer.media.presets import MediaPreset, UserMedia
from reviewer.profile import Profile

# {"daily_cap_min": 15, "break_after_min": 40, "calm_after_graphic": 6}
EXPOSURE_KEY = "exposure"
MEDIA_CATEGORIES_KEY = "media_categories"
THEME_KEY, TEXT_SIZE_KEY = "theme", "text_size"
LANGUAGE_KEY = "language"  # read by ui/i18n/language.py at start

DEFAULT_EXPOSURE = ExposureSettings()
CAP_RANGE_MIN = (1, int(DEFAULT_EXPOSURE.daily_cap_s // 60))
BREAK_RANGE_MIN = (5, int(DEFAULT_EXPOSURE.break_after_work_s // 60))
CALM_AFTER_RANGE = (1, DEFAULT_EXPOSURE.calm_after_graphic)  # graphic cases in a row


def exposure_settings(settings: dict, problems: list[str] | None = None) -> ExposureSettings:
    """The exposure limits in force: the defaults, shortened where the reviewer asked."""
    table = settings.get(EXPOSURE_KEY) or {}
    if not isinstance(table, dict):
        _note(problems, f"{EXPOSURE_KEY} must be a table; using the default limits")
        return DEFAULT_EXPOSURE
    cap = _minutes(table, "daily_cap_min", CAP_RANGE_MIN, problems)
    every = _minutes(table, "break_after_min", BREAK_RANGE_MIN, problems)
    calm = _minutes(table, "calm_after_graphic", CALM_AFTER_RANGE, problems, unit="cases")
    return replace(DEFAULT_EXPOSURE,
                   daily_cap_s=cap * 60 if cap else DEFAULT_EXPOSURE.daily_cap_s,
                   break_after_work_s=every * 60 if every else DEFAULT_EXPOSURE.break_after_work_s,
                   calm_after_graphic=calm or DEFAULT_EXPOSURE.calm_after_graphic)


def _minutes(table: dict, key: str, limits: tuple[int, int], problems: list[str] | None,
             unit: str = "minutes") -> int | None:
    value = table.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        _note(problems, f"{EXPOSURE_KEY}.{key} must be a number of {unit}; using the default")
        return None
    if not limits[0] <= value <= limits[1]:
        _note(problems, f"{EXPOSURE_KEY}.{key} = {value} is outside {limits[0]}–{limits[1]} "
                        f"{unit} (it can only be lower than the default); using the nearest")
    return int(min(max(value, limits[0]), limits[1]))


def save_exposure(profile: Profile, daily_cap_min: int, break_after_min: int) -> ExposureSettings:
    kept = profile.settings().get(EXPOSURE_KEY)  # other keys (calm_after_graphic) stay
    table = {**(kept if isinstance(kept, dict) else {}),
             "daily_cap_min": int(daily_cap_min), "break_after_min": int(break_after_min)}
    profile.save_setting(EXPOSURE_KEY, table)
    return exposure_settings({EXPOSURE_KEY: table})


def user_media(settings: dict, problems: list[str] | None = None) -> UserMedia | None:
    """"media" (every category) and "media_categories" (one each), the unusable parts left out."""
    everything = None
    mine = settings.get("media")
    if isinstance(mine, dict):
        try:
            everything = MediaPreset(**mine)
        except TypeError as exc:
            _note(problems, f"ignoring the media setting ({exc})")
    tables = settings.get(MEDIA_CATEGORIES_KEY) or {}
    if not isinstance(tables, dict):
        _note(problems, f"{MEDIA_CATEGORIES_KEY} must be a table of category = settings")
        tables = {}
    tables = {name: t for name, t in tables.items() if isinstance(t, dict)}
    found = UserMedia(everything, tables)
    for problem in found.problems():
        _note(problems, f"ignoring {problem}")
    found = found.valid()
    return found if (found.everything or found.categories) else None


def save_media_categories(profile: Profile, tables: dict[str, dict]) -> None:
    profile.save_setting(MEDIA_CATEGORIES_KEY, {n: t for n, t in sorted(tables.items()) if t})


def _note(problems: list[str] | None, text: str) -> None:
    if problems is not None:
        problems.append(text)


def problems(settings: dict) -> list[str]:
    """Everything in settings.json that cannot be used as written (each is ignored, the file
    left as it is): said once at start so a hand edit gone wrong does not pass unnoticed."""
    found: list[str] = []
    user_media(settings, found)
    exposure_settings(settings, found)
    if settings.get(THEME_KEY, "system") not in ("system", "dark", "light"):
        found.append(f"{THEME_KEY} must be \"system\", \"dark\" or \"light\"; following the desktop")
    size = settings.get(TEXT_SIZE_KEY)
    if size is not None and (isinstance(size, bool) or not isinstance(size, (int, float))
                             or not 6 <= size <= 40):
        found.append(f"{TEXT_SIZE_KEY} must be a size in points from 6 to 40; using the "
                     "desktop's")
    return found
