"""Every interface string is in the Spanish translation, translated, and compiled."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from reviewer.resources import RESOURCES_DIR

ROOT = RESOURCES_DIR.parent
TS = RESOURCES_DIR / "translations" / "reviewer_es.ts"
BIN = Path(sys.executable).parent


def _sources() -> list[str]:
    return [str(p.relative_to(ROOT)) for folder in ("ui", "reviewer")
            for p in sorted((ROOT / folder).rglob("*.py"))]


def test_every_string_in_the_code_is_in_the_ts_file(tmp_path):
    copy = tmp_path / TS.name
    shutil.copy(TS, copy)
    run = subprocess.run([str(BIN / "pyside6-lupdate"), "-locations", "none", "-no-obsolete",
                          *_sources(), "-ts", str(copy)], cwd=ROOT, capture_output=True,
                         text=True, check=True)
    assert "(0 new and" in run.stdout, f"run `make translations` and translate: {run.stdout}"


def test_every_message_is_translated_with_the_same_placeholders():
    for message in ET.parse(TS).getroot().iter("message"):
        source = message.findtext("source")
        translation = message.find("translation")
        assert translation.get("type") is None, f"untranslated: {source!r}"
        forms = [f.text or "" for f in translation.iter("numerusform")] or [translation.text]
        for form in forms:
            assert form, f"empty translation of {source!r}"
            assert _placeholders(form) == _placeholders(source), (source, form)


def test_the_compiled_translation_matches_the_ts_file(tmp_path):
    built = tmp_path / "reviewer_es.qm"
    subprocess.run([str(BIN / "pyside6-lrelease"), "-silent", str(TS), "-qm", str(built)],
                   check=True)
    assert built.read_bytes() == TS.with_suffix(".qm").read_bytes(), "run `make translations`"


def _placeholders(text: str) -> set[str]:
    return set(re.findall(r"\{\w*\}|%n", text))
