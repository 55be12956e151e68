"""The ui edge where text written by the core (reviewer/, no Qt) is translated.

The core marks fixed strings with reviewer.words.translate and builds sentences with values as
reviewer.words.Phrase; both are looked up here in the one "core" context. Text the core did
not mark (a server's message, a file name) comes through unchanged.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale

from reviewer.domain import parse_iso
from reviewer.words import CORE, PLURALS, Phrase


def tr(text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """Text of ui/ outside a Qt class's self.tr: `tr("…")`, `tr("%n case(s)", "", n)`.
    pyside6-lupdate files bare tr() calls under the empty context, as this looks them up."""
    return QCoreApplication.translate("", text, disambiguation, n)


def shown(text: str) -> str:
    """`text` in the interface's language."""
    if isinstance(text, Phrase):
        context = PLURALS if text.n >= 0 else CORE
        template = QCoreApplication.translate(context, text.template, None, text.n)
        # Only values the core marked are translated: a case id or typed text stays as it is.
        values = {k: shown(v) if isinstance(v, Phrase) else v for k, v in text.values.items()}
        try:
            return template.format(**values)
        except (KeyError, IndexError, ValueError):  # a broken translation: English, not a crash
            return str(text)
    return QCoreApplication.translate(CORE, text) if text else text


def number(value: int | float) -> str:
    """A count as the locale writes it (1,234 · 1.234)."""
    return QLocale().toString(value)


def local_time(iso: str) -> str:
    """A moment on the reviewer's clock, in the locale's short date and time format."""
    try:
        moment = parse_iso(iso)
    except ValueError:
        return iso
    return QLocale().toString(_qt(moment), QLocale.FormatType.ShortFormat)


def local_date(iso: str) -> str:
    """The day of a moment on the reviewer's clock, in the locale's short date format."""
    try:
        moment = parse_iso(iso)
    except ValueError:
        return iso[:10]
    return QLocale().toString(_qt(moment).date(), QLocale.FormatType.ShortFormat)


def local_and_utc(iso: str) -> str:
    """The reviewer's own clock first, then UTC ('22/11/26 15:05 (14:05 UTC)')."""
    try:
        moment = parse_iso(iso)
    except ValueError:
        return iso
    utc = QLocale().toString(_qt(moment).toUTC().time(), QLocale.FormatType.ShortFormat)
    return f"{local_time(iso)} ({utc} UTC)"


def _qt(moment: datetime) -> QDateTime:
    return QDateTime.fromSecsSinceEpoch(int(moment.timestamp())).toLocalTime()
