"""Changing the reviewer's keymap.toml from the settings dialog without losing hand edits.

The file stays the one a reviewer can edit by hand (same tables as resources/keymap/), so it is
edited line by line, not regenerated: comments, order and other bindings stay as written; only
the one `action = ...` line changes, is added, or (reset to default) goes. Every write is read
back through `load_keymap` before it replaces the file, so a change that would make the file
unreadable is refused and the old file stays. Resetting every key moves the file aside
(keymap.toml.bak) rather than deleting what the reviewer wrote.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from reviewer.actions import ActionId
from reviewer.keymap import Keymap, KeymapError, _normalise, load_keymap

_HEADER = re.compile(r"^\s*\[\s*([A-Za-z0-9_-]+)\s*\]\s*(#.*)?$")


def conflicts_with(keymap: Keymap, mode: str, action: ActionId, key: str) -> ActionId | None:
    """The other action `key` is already bound to in `mode`, if any."""
    if not key.strip():
        return None
    owner = keymap.action_for(mode, key)
    return owner if owner is not None and owner != action else None


def same_key(a: str, b: str) -> bool:
    return _normalise(a) == _normalise(b)


def set_binding(path: Path, mode: str, action: ActionId, keys: list[str]) -> None:
    """Bind `action` to `keys` in `mode` (no keys: unbound, written as "")."""
    value = json.dumps(keys[0]) if len(keys) == 1 else (
        "[" + ", ".join(json.dumps(k) for k in keys) + "]" if keys else '""')
    _write(path, _with_line(_lines(path), mode, action.value, f"{action.value} = {value}"))


def reset_binding(path: Path, mode: str, action: ActionId) -> None:
    """Back to the shipped default: the reviewer's line for it goes."""
    if path.exists():
        _write(path, _with_line(_lines(path), mode, action.value, None))


def reset_all(path: Path) -> Path | None:
    """Every key back to the shipped defaults; the reviewer's file is kept as keymap.toml.bak."""
    if not path.exists():
        return None
    backup = path.with_name(path.name + ".bak")
    os.replace(path, backup)
    return backup


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines() if path.exists() else []


def _with_line(lines: list[str], mode: str, name: str, line: str | None) -> list[str]:
    start, end = _section(lines, mode)
    if start is None:
        return lines if line is None else [*lines, *([""] if lines else []), f"[{mode}]", line]
    assign = re.compile(rf"^\s*{re.escape(name)}\s*=")
    for i in range(start + 1, end):
        if assign.match(lines[i]):
            stop = _value_end(lines, i, end)
            return lines[:i] + ([line] if line else []) + lines[stop:]
    if line is None:
        return lines
    last = max([i for i in range(start, end) if lines[i].strip()] or [start])
    return lines[:last + 1] + [line] + lines[last + 1:]


def _section(lines: list[str], mode: str) -> tuple[int | None, int]:
    start = None
    for i, text in enumerate(lines):
        header = _HEADER.match(text)
        if header and start is not None:
            return start, i
        if header and header.group(1) == mode:
            start = i
    return start, len(lines)


def _value_end(lines: list[str], i: int, end: int) -> int:
    """The line after an assignment: a hand-written array may run over several lines."""
    value = lines[i].split("=", 1)[1].split("#", 1)[0].strip()
    if not value.startswith("[") or value.endswith("]"):
        return i + 1
    for j in range(i + 1, end):
        if lines[j].split("#", 1)[0].strip().endswith("]"):
            return j + 1
    return i + 1


def _write(path: Path, lines: list[str]) -> None:
    text = "\n".join(lines) + "\n"
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    try:
        load_keymap(tmp)  # read back exactly as the workstation will at start
    except KeymapError:
        tmp.unlink()
        raise
    os.replace(tmp, path)  # atomic: a crash never leaves half a file
