"""The core's translatable text: English plurals without Qt, and the window's translator."""

from __future__ import annotations

from reviewer.words import Phrase, tr, translate, use_translator


def test_a_phrase_reads_as_english_with_real_plurals():
    assert Phrase(tr("%n case(s) late", "", 1), n=1) == "1 case late"
    assert Phrase(tr("%n case(s) late", "", 2), n=2) == "2 cases late"
    assert Phrase(tr("%Ln follower(s)", "", 12345), n=12345) == "12,345 followers"
    made = Phrase(translate("core", "SLA {time} left"), time="2h")
    assert made == "SLA 2h left" and made.template == "SLA {time} left"


def test_the_core_speaks_the_language_of_the_translator_it_is_handed():
    use_translator(lambda context, text, disambiguation, n: f"[{context}] {text}")
    try:
        assert translate("core", "Remove") == "[core] Remove"
        assert tr("%n case(s)", "", 3) == "[] %n case(s)"
    finally:
        use_translator(None)
    assert translate("core", "Remove") == "Remove"
