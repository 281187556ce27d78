"""Exercise titles come from files a user may write: wherever one is shown it is plain text.

A title such as ``<b>x</b>`` or ``<img src=...>`` must show as those characters, never as bold
text or a picture loaded from somewhere.
"""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from backbreak.config.schema import KEYS_BY_DOTTED
from backbreak.core.exercises import Exercise
from backbreak.ui.exercise_window import ExerciseWindow
from backbreak.ui.prompt import BreakPrompt
from backbreak.ui.settings.exercise_field import ExerciseField
from tests.qt.helpers import CATALOGUE

TITLES = ["<b>x</b>", '<img src="/tmp/x.png">Chest opener']


def titled(title: str) -> Exercise:
    return dataclasses.replace(CATALOGUE["scapular-squeeze"], id="custom-one", title=title)


def shows_literally(label: QLabel) -> bool:
    """The label lays its text out as plain characters, as a plain-text label would."""
    plain = QLabel()
    plain.setFont(label.font())
    plain.setWordWrap(label.wordWrap())
    plain.setTextFormat(Qt.TextFormat.PlainText)
    plain.setText(label.text())
    same = label.sizeHint() == plain.sizeHint()
    return label.textFormat() == Qt.TextFormat.PlainText and same


@pytest.mark.parametrize("title", TITLES)
def test_the_exercise_window_shows_the_title_as_written(qtbot: QtBot, title: str) -> None:
    window = ExerciseWindow(titled(title), show_safety_note=False)
    qtbot.addWidget(window)
    assert window.title.text() == title
    assert shows_literally(window.title)
    assert window.windowTitle().startswith(title)


@pytest.mark.parametrize("title", TITLES)
def test_the_prompt_shows_the_title_as_written(qtbot: QtBot, title: str) -> None:
    prompt = BreakPrompt(10)
    qtbot.addWidget(prompt)
    prompt.show_for(titled(title))
    assert prompt.detail.text().startswith(title)
    assert shows_literally(prompt.detail)


@pytest.mark.parametrize("title", TITLES)
def test_the_settings_list_shows_the_title_as_written(qtbot: QtBot, title: str) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    catalogue = {**CATALOGUE, "custom-one": titled(title)}
    field = ExerciseField(KEYS_BY_DOTTED["break.exercise"], parent, catalogue)
    combo_index = field.combo.findData("custom-one")
    assert field.combo.itemText(combo_index).startswith(title + " — ")  # then how it is done
    field.combo.setCurrentIndex(combo_index)
    parent.resize(600, 400)
    parent.show()
    qtbot.waitExposed(parent)
    # The closed combo draws its current text through the style: as characters, never rich.
    assert field.combo.currentText() == field.combo.itemText(combo_index)
    field._fill_list(("custom-one",))
    item = field.list.item(0)
    assert item.text().startswith(title + " — ")
    assert item.data(Qt.ItemDataRole.DisplayRole) == item.text()
