"""Key bindings as data: shipped defaults per mode, user overrides merged on top.

A binding value is a Qt key-sequence string ("1", "Shift+Space", "Ctrl+K") or a list of them;
the core compares them as text in one spelling (modifier order and case do not matter), so
it never needs Qt. An empty string or list unbinds.
Two actions bound to the same key in one mode is a conflict, reported with both names so the
reviewer can fix their override file; the later binding is dropped rather than guessed at.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from reviewer.actions import ActionId
from reviewer.resources import KEYMAP_DIR


class KeymapError(ValueError):
    """The keymap file cannot be read at all (bad TOML, unknown action)."""


@dataclass
class Keymap:
    # mode -> action -> key sequences, in the order they were written
    bindings: dict[str, dict[ActionId, list[str]]] = field(default_factory=dict)
    conflicts: list[str] = field(default_factory=list)

    def keys_for(self, mode: str, action: ActionId) -> list[str]:
        return list(self.bindings.get(mode, {}).get(action, []))

    def action_for(self, mode: str, key: str) -> ActionId | None:
        for action, keys in self.bindings.get(mode, {}).items():
            if _normalise(key) in (_normalise(k) for k in keys):
                return action
        return None


def load_keymap(user_file: Path | None = None, defaults_dir: Path = KEYMAP_DIR) -> Keymap:
    raw: dict[str, dict[str, object]] = {}
    for path in sorted(defaults_dir.glob("*.toml")):
        _merge(raw, _read_toml(path))
    if user_file is not None and user_file.exists():
        _merge(raw, _read_toml(user_file))
    keymap = Keymap()
    for mode, table in raw.items():
        keymap.bindings[mode] = _resolve_mode(mode, table, keymap.conflicts)
    return keymap


def _read_toml(path: Path) -> dict[str, dict[str, object]]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise KeymapError(f"cannot read keymap {path}: {exc}") from exc
    for mode, table in data.items():
        if not isinstance(table, dict):
            raise KeymapError(f"{path}: [{mode}] must be a table of action = key")
    return data


def _merge(into: dict[str, dict[str, object]], extra: dict[str, dict[str, object]]) -> None:
    for mode, table in extra.items():
        into.setdefault(mode, {}).update(table)


def _resolve_mode(mode: str, table: dict[str, object], conflicts: list[str]) -> dict[ActionId, list[str]]:
    resolved: dict[ActionId, list[str]] = {}
    owner: dict[str, ActionId] = {}
    for name, value in table.items():
        action = _action_named(mode, name)
        keys = [value] if isinstance(value, str) else list(value or [])  # type: ignore[arg-type]
        kept = []
        for key in (k.strip() for k in keys if isinstance(k, str) and k.strip()):
            norm = _normalise(key)
            if norm in owner:
                conflicts.append(
                    f"[{mode}] key {key!r} is bound to both {owner[norm].value!r} and "
                    f"{action.value!r}; keeping {owner[norm].value!r}"
                )
                continue
            owner[norm] = action
            kept.append(key)
        resolved[action] = kept
    return resolved


def _action_named(mode: str, name: str) -> ActionId:
    try:
        return ActionId(name)
    except ValueError:
        known = ", ".join(a.value for a in ActionId)
        raise KeymapError(f"[{mode}] unknown action {name!r}; known actions: {known}") from None


# Modifiers in one fixed order (Qt's own when it prints a sequence), and the other names Qt
# accepts for them: "Shift+Ctrl+Z" and "Ctrl+Shift+Z" are the same key, so they must compare
# equal or a conflict between them goes unreported and one binding silently shadows the other.
_MODIFIERS = ("meta", "ctrl", "alt", "shift", "num")
_MODIFIER_ALIASES = {"control": "ctrl", "option": "alt", "cmd": "meta", "command": "meta",
                     "win": "meta", "super": "meta"}


def _normalise(key: str) -> str:
    """A key sequence in one spelling: no spaces, lower case, modifiers in a fixed order, chord
    by chord ("Ctrl+K, Shift+Alt+S" is two chords)."""
    return ",".join(_normalise_chord(chord) for chord in _chords(key.replace(" ", "").lower()))


def _chords(sequence: str) -> list[str]:
    """Split on the commas between chords, not on a comma that is itself the key ("Ctrl+,")."""
    chords, current = [], ""
    for char in sequence:
        if char == "," and current and not current.endswith("+"):
            chords.append(current)
            current = ""
        else:
            current += char
    return chords + [current]


def _normalise_chord(chord: str) -> str:
    # The last part is the key; "+" as the key itself leaves an empty part before it.
    head, plus, key = chord.rpartition("+")
    if not key and plus:  # "ctrl++": the key is "+"
        head, key = head[:-1] if head.endswith("+") else head, "+"
    mods = {_MODIFIER_ALIASES.get(m, m) for m in head.split("+") if m}
    ordered = [m for m in _MODIFIERS if m in mods] + sorted(mods - set(_MODIFIERS))
    return "+".join([*ordered, key])
