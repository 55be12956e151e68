"""Per-category media presets: how blurred, which stages (reduced detail, real pixels) and
whether colour are allowed, never-render.

Three layers, strictest wins except for one explicit escape hatch:
  shipped defaults (resources/media_presets.toml)
  <- organisation presets (from the central API; may relax or tighten the shipped ones)
  <- the reviewer's own settings (may only make things stricter)
and `relaxed_for_item` lets a reviewer loosen their own settings for the one item in front
of them, but never below the organisation's line.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass, field, fields, replace
from functools import lru_cache
from pathlib import Path

from reviewer.media.stages import ORDER, Stage
from reviewer.resources import RESOURCES_DIR

PRESETS_FILE = RESOURCES_DIR / "media_presets.toml"


@dataclass(frozen=True)
class MediaPreset:
    blur_fraction: float = 0.08
    grayscale: bool = True
    reveal: bool = True  # real pixels
    colour: bool = True
    never_render: bool = False
    reduced: bool = True  # the reduced-detail stage
    # Audio is off: only a category whose policy needs hearing it plays sound, and then only
    # while a key is held, at a capped volume (reviewer/media/audio.py).
    audio: bool = False

    def allows(self, stage: Stage) -> bool:
        """Whether this preset lets `stage` be shown; a never-render one allows none at all."""
        if self.never_render:
            return False
        return {Stage.BLURRED: True, Stage.REDUCED: self.reduced,
                Stage.REVEALED: self.reveal}[stage]

    def highest_allowed(self, wanted: Stage) -> Stage:
        """The most detailed stage this preset allows that is no more detailed than `wanted`:
        a category without real pixels stops at reduced detail, one without either stays
        blurred."""
        allowed = [s for s in ORDER[: ORDER.index(wanted) + 1] if self.allows(s)]
        return allowed[-1] if allowed else Stage.BLURRED

    def stricter(self, other: "MediaPreset") -> "MediaPreset":
        """The stricter of the two on every setting."""
        return MediaPreset(
            blur_fraction=max(self.blur_fraction, other.blur_fraction),
            grayscale=self.grayscale or other.grayscale,
            reveal=self.reveal and other.reveal,
            colour=self.colour and other.colour,
            never_render=self.never_render or other.never_render,
            reduced=self.reduced and other.reduced,
            audio=self.audio and other.audio,
        )


class PresetError(ValueError):
    pass


def _preset_from(table: dict, base: MediaPreset, where: str) -> MediaPreset:
    known = {f.name: f.type for f in fields(MediaPreset)}
    unknown = set(table) - set(known)
    if unknown:
        raise PresetError(f"{where}: unknown preset setting(s) {sorted(unknown)}")
    preset = replace(base, **table)
    if not 0.02 <= preset.blur_fraction <= 0.5:
        raise PresetError(f"{where}: blur_fraction must be between 0.02 and 0.5")
    return preset


@dataclass
class PresetBook:
    default: MediaPreset
    categories: dict[str, MediaPreset]

    @classmethod
    def load(cls, path: Path = PRESETS_FILE) -> "PresetBook":
        """The book a presets file holds, parsed once per version of the file: start-up, the
        media desk and every sync round ask for the shipped one. Each caller gets its own."""
        stat = path.stat()
        default, cats = _parsed(path, (stat.st_mtime_ns, stat.st_size))
        return cls(default, dict(cats))

    def for_category(self, category: str) -> MediaPreset:
        return self.categories.get(category, self.default)

    def with_org(self, org: dict) -> "PresetBook":
        """Apply the organisation's presets ({"default": {...}, "category": {name: {...}}})."""
        default = _preset_from(org.get("default", {}), self.default, "organisation default")
        cats = dict(self.categories)
        for name, table in org.get("category", {}).items():
            cats[name] = _preset_from(table, cats.get(name, default), f"organisation {name}")
        return PresetBook(default, cats)

    def with_user(self, user: MediaPreset) -> "PresetBook":
        """The reviewer's own settings: they can only tighten, never loosen."""
        return PresetBook(self.default.stricter(user),
                          {n: p.stricter(user) for n, p in self.categories.items()})

    def never_rendered(self) -> set[str]:
        return {name for name, p in self.categories.items() if p.never_render}


@dataclass(frozen=True)
class UserMedia:
    """The reviewer's own media settings from settings.json: "media" tightens every category,
    "media_categories" {category: {setting: value}} tightens one. A setting looser than the
    organisation's is not an error (the organisation may have tightened since it was written):
    it simply has no effect, because every layer is combined with `stricter`."""

    everything: MediaPreset | None = None
    categories: dict[str, dict] = field(default_factory=dict)

    def apply(self, book: PresetBook) -> PresetBook:
        if self.everything is not None:
            book = book.with_user(self.everything)
        cats = dict(book.categories)
        for name, table in self.categories.items():
            base = cats.get(name, book.default)
            cats[name] = _preset_from(table, base, f"your setting for {name}").stricter(base)
        return PresetBook(book.default, cats)

    def problems(self) -> list[str]:
        """What is wrong with a hand-edited table (it is ignored at start, not guessed at)."""
        found = []
        for name, table in self.categories.items():
            try:
                preset = _preset_from(table, MediaPreset(), f"media_categories.{name}")
            except (PresetError, TypeError) as exc:
                found.append(str(exc))
                continue
            wrong = [f.name for f in fields(MediaPreset) if f.name in table
                     and not isinstance(getattr(preset, f.name), float if f.type == "float" else bool)]
            if wrong:
                found.append(f"media_categories.{name}: {', '.join(wrong)} must be "
                             "true/false (blur_fraction a number)")
        return found

    def valid(self) -> "UserMedia":
        """Without the category tables that cannot be applied."""
        bad = {name for name, table in self.categories.items()
               if UserMedia(None, {name: table}).problems()}
        return UserMedia(self.everything, {n: t for n, t in self.categories.items() if n not in bad})


def tightening(chosen: MediaPreset, floor: MediaPreset) -> dict:
    """The settings of `chosen` that differ from the organisation's `floor`, after making sure
    none of them is looser: what the settings dialog writes for one category."""
    strict = chosen.stricter(floor)
    return {f.name: getattr(strict, f.name) for f in fields(MediaPreset)
            if getattr(strict, f.name) != getattr(floor, f.name)}


def relaxed_for_item(mine: MediaPreset, org: MediaPreset, **relax) -> MediaPreset:
    """Loosen the reviewer's preset for one item, but never past the organisation's line."""
    wanted = replace(mine, **relax)
    return wanted.stricter(org)


@lru_cache(maxsize=4)
def _parsed(path: Path, version: tuple[int, int]) -> tuple[MediaPreset, dict[str, MediaPreset]]:
    """`version` (modification time, size) is only the cache's key: a changed file is read
    again."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    default = _preset_from(data.get("default", {}), MediaPreset(), f"{path.name} [default]")
    return default, {name: _preset_from(t, default, f"{path.name} [category.{name}]")
                     for name, t in data.get("category", {}).items()}


ORG_PRESETS_KEY = "org_presets"


def load_org(db) -> dict:
    """The organisation's presets as last fetched from the central API ({} before the first)."""
    # Imported here: rendering reads presets but never the store, and the store's imports
    # (sqlite_utils, which loads numpy) would add ~25 MB to every process that only renders.
    from reviewer.store.database import read_state

    try:
        org = json.loads(read_state(db, ORG_PRESETS_KEY, "{}"))
    except ValueError:
        return {}
    return org if isinstance(org, dict) else {}


def save_org(db, org: dict) -> bool:
    """Store fetched org presets; True if they changed. Refuses (raises) presets it cannot apply."""
    PresetBook.load().with_org(org)  # validate before storing: a bad answer changes nothing
    from reviewer.store.database import write_state  # see load_org

    text = json.dumps(org, sort_keys=True)
    if text == json.dumps(load_org(db), sort_keys=True):
        return False
    write_state(db, ORG_PRESETS_KEY, text)
    return True


def effective_books(db, user: "MediaPreset | UserMedia | None") -> tuple[PresetBook, PresetBook]:
    """(the reviewer's book, the organisation's book): shipped <- org, then <- the reviewer's
    own stricter settings. The org book is the floor a per-item relax may go down to.
    Without a store (`db` None) there are no organisation presets yet: shipped ones only."""
    org = PresetBook.load().with_org(load_org(db) if db is not None else {})
    if isinstance(user, UserMedia):
        return user.apply(org), org
    return (org.with_user(user) if user else org), org


def never_fetched(db=None, user: "MediaPreset | UserMedia | None" = None) -> frozenset[str]:
    """The categories whose bytes are never fetched, and deleted if already cached: exactly
    those the reviewer's effective book never renders, so the sync worker, the start-up purge
    and the renderer agree on one list."""
    return frozenset(effective_books(db, user)[0].never_rendered())
