"""Which language backbreak speaks, and the translators that make Qt speak it.

The language follows the system (the first of ``QLocale.system().uiLanguages()`` that backbreak
is translated into, else English) unless ``interface.language`` names one. It is chosen once, at
start-up, before any window exists: Qt widgets take their words when they are built.

backbreak's own words come from ``resources/translations/backbreak_<lang>.qm`` (built from the
``.ts`` next to it, see the README's Languages section); the words of Qt's standard buttons and
dialogs from Qt's own ``qtbase_<lang>.qm``.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from backbreak.config.i18n import LANGUAGES, SOURCE_LANGUAGE, SYSTEM_LANGUAGE
from backbreak.resources import resources_dir

log = logging.getLogger(__name__)


def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """``text`` in the current language; ``%n`` in it becomes ``n`` (with the plural form that
    fits ``n`` when ``n`` is not -1). ``pyside6-lupdate`` extracts every call by its name.

    English needs no translation file: a source text's "(s)" reads as English plurals do."""
    return english_plural(QCoreApplication.translate(context, text, disambiguation, n), n)


class Plural:
    """Texts with a number in them (``%n``), in the form the number takes.

    ``pyside6-lupdate`` reads a plural only from a ``tr(text, disambiguation, n)`` call, and
    takes what stands before ``.tr`` as the context: every plural is ``Plural.tr("%n min",
    "", minutes)``, in the context "Plural".
    """

    @staticmethod
    def tr(text: str, disambiguation: str, n: int) -> str:
        return translate("Plural", text, disambiguation or None, n)


def english_plural(text: str, n: int) -> str:
    """``text`` with "(s)" made "s", or nothing when ``n`` is 1."""
    return text if n == -1 else text.replace("(s)", "" if n == 1 else "s")


_PLACE = re.compile(r"%([1-9])")


def arg(template: str, *values: object) -> str:
    """``template`` (translated) with ``%1``, ``%2``... replaced by ``values`` in one pass, as
    ``QString.arg`` does: a translation may put them in another order."""
    return _PLACE.sub(
        lambda match: str(values[int(match[1]) - 1]) if int(match[1]) <= len(values) else match[0],
        template,
    )


def language_for(choice: str, ui_languages: Iterable[str]) -> str:
    """The language to speak: ``choice`` unless it is ``"system"``, then the first of the
    system's languages (BCP 47 tags, most preferred first) backbreak knows, else English."""
    if choice != SYSTEM_LANGUAGE:
        return choice if choice in LANGUAGES else SOURCE_LANGUAGE
    for tag in ui_languages:
        base = tag.replace("_", "-").split("-")[0].lower()
        if base in LANGUAGES:
            return base
    return SOURCE_LANGUAGE


def translations_dir() -> str:
    """The folder holding backbreak's ``.qm`` files."""
    return str(resources_dir() / "translations")


def install_language(app: QCoreApplication, choice: str) -> str:
    """Choose the language for ``choice`` and install its translators on ``app``; return it.

    An override also becomes the default ``QLocale``, so dates, times and numbers read the way
    the language writes them; "system" keeps the system's locale (its formats included).
    """
    system = QLocale.system()
    language = language_for(choice, system.uiLanguages())
    if choice != SYSTEM_LANGUAGE and QLocale(language).language() != system.language():
        QLocale.setDefault(QLocale(language))
    if language == SOURCE_LANGUAGE:
        return language
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name, folder in (
        (f"backbreak_{language}", translations_dir()),
        (f"qtbase_{language}", qt_folder),
    ):
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
        else:
            log.warning("no %s.qm in %s: those words stay in English", name, folder)
    return language
