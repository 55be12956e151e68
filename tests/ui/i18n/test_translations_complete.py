"""Every interface string is in the Spanish translation, translated, and compiled; English has
its plural forms ("1 case", "2 cases")."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from reviewer.resources import RESOURCES_DIR

ROOT = RESOURCES_DIR.parent
TS = RESOURCES_DIR / "translations" / "reviewer_es.ts"
EN = RESOURCES_DIR / "translations" / "reviewer_en.ts"  # plural forms only
BIN = Path(sys.executable).parent


def _sources() -> list[str]:
    return [str(p.relative_to(ROOT)) for folder in ("ui", "reviewer")
            for p in sorted((ROOT / folder).rglob("*.py"))]


@pytest.mark.parametrize("ts, options", [(TS, []), (EN, ["-pluralonly"])])
def test_every_string_in_the_code_is_in_the_ts_file(tmp_path, ts, options):
    copy = tmp_path / ts.name
    shutil.copy(ts, copy)
    subprocess.run([str(BIN / "pyside6-lupdate"), "-locations", "none", "-no-obsolete",
                    *options, *_sources(), "-ts", str(copy)], cwd=ROOT,
                   capture_output=True, text=True, check=True)
    new = [m.findtext("source") for m in ET.parse(copy).getroot().iter("message")
           if m.find("translation").get("type") == "unfinished"]
    assert not new, f"run `make translations` and translate these: {new}"


@pytest.mark.parametrize("ts", [TS, EN])
def test_every_message_is_translated_with_the_same_placeholders(ts):
    for message in ET.parse(ts).getroot().iter("message"):
        source = message.findtext("source")
        translation = message.find("translation")
        assert translation.get("type") is None, f"untranslated: {source!r}"
        forms = [f.text or "" for f in translation.iter("numerusform")] or [translation.text]
        for form in forms:
            assert form, f"empty translation of {source!r}"
            assert _placeholders(form) == _placeholders(source), (source, form)


@pytest.mark.parametrize("ts", [TS, EN])
def test_the_compiled_translation_matches_the_ts_file(tmp_path, ts):
    built = tmp_path / ts.with_suffix(".qm").name
    subprocess.run([str(BIN / "pyside6-lrelease"), "-silent", str(ts), "-qm", str(built)],
                   check=True)
    assert built.read_bytes() == ts.with_suffix(".qm").read_bytes(), "run `make translations`"


def _placeholders(text: str) -> set[str]:
    return set(re.findall(r"\{\w*\}|%L?n", text))
