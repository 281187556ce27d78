"""The README's picture of "Your breaks", drawn on the offscreen platform from a seeded history
of twelve weeks (the window reads the history through the same interface either way), with a
dark twin in the artifacts to look at."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLocale
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from backbreak.ui.history.window import YourBreaksWindow
from tests.qt.helpers import CATALOGUE
from tests.qt.history_fakes import FakeHistory, seeded_summary

BRITISH = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
DARK = {
    QPalette.ColorRole.Window: "#2b2b2b",
    QPalette.ColorRole.WindowText: "#eeeeee",
    QPalette.ColorRole.Base: "#1e1e1e",
    QPalette.ColorRole.AlternateBase: "#3a3a3a",
    QPalette.ColorRole.Text: "#eeeeee",
    QPalette.ColorRole.Button: "#353535",
    QPalette.ColorRole.ButtonText: "#eeeeee",
    QPalette.ColorRole.Highlight: "#3daee9",
    QPalette.ColorRole.PlaceholderText: "#999999",
}


def shown(qtbot: QtBot, palette: QPalette | None = None) -> YourBreaksWindow:
    titles = {key: exercise.title for key, exercise in CATALOGUE.items()}
    window = YourBreaksWindow(FakeHistory(seeded_summary()), titles, locale=BRITISH)
    qtbot.addWidget(window)
    if palette is not None:
        window.setPalette(palette)
    window.present()
    window.resize(720, 760)
    qtbot.waitExposed(window)
    window.week.chart.setFocus()
    # All of it in the picture, once the layout has followed the size.
    qtbot.waitUntil(lambda: not window.scroller.verticalScrollBar().isVisible())
    return window


def test_your_breaks_for_the_readme(qtbot: QtBot, screenshots: Path, artifacts: Path) -> None:
    window = shown(qtbot)
    picture = window.grab()
    assert picture.save(str(screenshots / "your-breaks.png"))
    dark = QPalette(QApplication.palette())
    for role, colour in DARK.items():
        dark.setColor(role, QColor(colour))
    assert shown(qtbot, dark).grab().save(str(artifacts / "your-breaks-dark.png"))
