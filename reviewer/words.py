"""Text the core hands to the screen, kept translatable without the core importing Qt.

The core writes English. A fixed string is marked with `translate("core", text)`:
`pyside6-lupdate` finds the call by its name and lists the text in resources/translations/*.ts,
and at run time it returns the text in the interface's language once ui/ has handed the core
its translator (else unchanged: the command line, the server, tests of the core). A string with values in it is a `Phrase`: it reads as the
English sentence (logs, the command line, tests), and also keeps its template and values, so
ui/i18n/core_text.py can translate the template and fill the values in again on the screen.
Its template is marked too, so lupdate lists it: `Phrase(translate("core", "{n} left"), n=3)`.
"""

from __future__ import annotations

from typing import Callable

CORE = "core"  # the one translation context of every core string


PLURALS = ""  # the context lupdate gives a bare tr() call: the core's plural texts


Translator = Callable[[str, str, "str | None", int], str]
_translator: Translator | None = None  # the window's (QCoreApplication.translate), once set


def use_translator(translator: Translator | None) -> None:
    """ui/ hands the core its translator when it chooses the language, so text the core makes
    while the window runs comes out translated; text made before (module constants such as the
    action labels) is translated where it reaches the screen (ui/i18n/core_text.shown)."""
    global _translator
    _translator = translator


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 -- the name lupdate knows
    """Marks a constant kept in English (in the store, say); ui/ translates it on screen."""
    return text


def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """`text` in the interface's language (as it is, in English, with no translator set)."""
    return _translator(context, text, disambiguation, n) if _translator else text


def tr(text: str, disambiguation: str = "", n: int = -1) -> str:
    """A text with a count: `Phrase(tr("%n case(s) late", "", n), n=n)`. lupdate reads plural
    forms from a tr() call only (not from translate()), under the empty context."""
    return _translator(PLURALS, text, disambiguation, n) if _translator else text


class Phrase(str):
    """An English sentence that remembers the template and values it was made from.

    `n` chooses a plural form: the template says `%n` where the count goes, as Qt's own
    plurals do, and English gets "(s)" resolved here."""

    template: str
    values: dict[str, object]
    n: int

    def __new__(cls, template: str, n: int = -1, **values: object) -> "Phrase":
        english = template.format(**values)
        if n >= 0:
            english = _english_plural(english, n)
        text = super().__new__(cls, english)
        text.template, text.values, text.n = template, values, n
        return text


def _english_plural(text: str, n: int) -> str:
    text = text.replace("%Ln", f"{n:,}").replace("%n", str(n))
    return text.replace("(s)", "" if n == 1 else "s")
