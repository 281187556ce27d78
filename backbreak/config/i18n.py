"""Languages backbreak speaks, and the marker that lets Qt's tools find the settings' words.

config stays free of Qt, yet the settings dialog shows the labels, help, units, tab titles and
choices declared in :mod:`backbreak.config.schema` in the user's language. Each of those texts is
wrapped in :func:`QT_TRANSLATE_NOOP`, which returns it unchanged; ``pyside6-lupdate`` recognises
the call by its name and extracts the text under :data:`SETTINGS_CONTEXT`, and the dialog
translates it when it shows it (``QCoreApplication.translate(SETTINGS_CONTEXT, text)``).
"""

from __future__ import annotations

SETTINGS_CONTEXT = "Settings"
"""The translation context of every text the settings declare."""

SOURCE_LANGUAGE = "en"
"""The language the program is written in; every other one is a translation of it."""

LANGUAGES: tuple[str, ...] = ("en", "da")
"""The languages backbreak is translated into (ISO 639-1 codes), the source language first."""

SYSTEM_LANGUAGE = "system"
"""The ``interface.language`` choice that follows the system's language."""


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark ``text`` for translation in ``context``; return it untranslated."""
    del context
    return text
