"""Which language the interface speaks, and installing its translations before any widget.

The language comes from the `language` key of settings.json ("es", "en"...), else from the
system locale. Widgets translate their text when they are built, so the translators are
installed first (a change takes effect at the next start). Qt's own strings (dialog buttons,
context menus) come from Qt's qtbase_<lang>.qm, ours from resources/translations/.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from reviewer.resources import TRANSLATIONS_DIR
from reviewer.words import use_translator

SOURCE_LANGUAGE = "en"  # the language the code is written in: needs no translator
_installed: list[QTranslator] = []  # kept alive, and removed when the language changes


def shipped_languages() -> list[str]:
    """Languages with a compiled translation here, besides English."""
    found = (p.stem.removeprefix("reviewer_") for p in TRANSLATIONS_DIR.glob("reviewer_*.qm"))
    return sorted(lang for lang in found if lang != SOURCE_LANGUAGE)


def choose_language(setting: object) -> str:
    """The setting if it names a shipped language, else the first of the system's preferred
    languages that is shipped, else English."""
    wanted = [setting] if isinstance(setting, str) and setting else []
    wanted += [lang.replace("-", "_") for lang in QLocale.system().uiLanguages()]
    shipped = shipped_languages()
    for lang in wanted:
        for candidate in (lang, lang.split("_")[0]):
            if candidate == SOURCE_LANGUAGE or candidate in shipped:
                return candidate
    return SOURCE_LANGUAGE


def use_language(language: str) -> str:
    """Install the translations of `language` on the application (replacing any earlier ones)
    and make its locale the default for numbers and dates. Returns the language in use."""
    app = QCoreApplication.instance()
    use_translator(QCoreApplication.translate)  # text the core makes from now on
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    system = QLocale.system()
    # Numbers and dates follow the system's conventions when it speaks this language (es_MX
    # stays es_MX), else the language's own.
    QLocale.setDefault(system if system.name().startswith(language) else QLocale(language))
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    # English too has a file: only its plural forms ("1 case", "2 cases"), as Qt expects.
    for name, folder in (("qtbase", qt_dir), ("reviewer", str(TRANSLATIONS_DIR))):
        if name == "qtbase" and language == SOURCE_LANGUAGE:
            continue
        translator = QTranslator(app)
        if translator.load(f"{name}_{language}", folder):
            app.installTranslator(translator)
            _installed.append(translator)
    return language
