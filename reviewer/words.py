"""Text the core hands to the screen, kept translatable without the core importing Qt.

The core writes English. A fixed string is marked with `translate(context, text)`: at run time
it returns the text unchanged, and `pyside6-lupdate` finds the call by its name and lists the
text in resources/translations/*.ts. A string with values in it is a `Phrase`: it reads as the
English sentence (logs, the command line, tests), and also keeps its template and values, so
ui/i18n/core_text.py can translate the template and fill the values in again on the screen.
Its template is marked too, so lupdate lists it: `Phrase(translate("core", "{n} left"), n=3)`.
"""

from __future__ import annotations

CORE = "core"  # the one translation context of every core string


PLURALS = ""  # the context lupdate gives a bare tr() call: the core's plural texts


def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """A marker: the text itself. ui/ translates it where it reaches the screen."""
    return text


def tr(text: str, disambiguation: str = "", n: int = -1) -> str:
    """A marker for a text with a count: `Phrase(tr("%n case(s) late", "", n), n=n)`. lupdate
    reads plural forms from a tr() call only (not from translate()), under the empty context."""
    return text


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
    return text.replace("%n", str(n)).replace("(s)", "" if n == 1 else "s")
