"""Run a test in a language: install_language as the app does, and take it all back after."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from backbreak.ui.language import install_language


@contextmanager
def speaking(choice: str) -> Iterator[str]:
    app = QCoreApplication.instance()
    assert app is not None
    before = QLocale()
    language = install_language(app, choice)
    try:
        yield language
    finally:
        for translator in app.findChildren(QTranslator):
            app.removeTranslator(translator)
            translator.deleteLater()
        QLocale.setDefault(before)
