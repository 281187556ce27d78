"""The README's pictures of backbreak in Danish, drawn on the offscreen platform with the
language set as the app sets it: the prompt, a step of an exercise with its illustration, and
the settings dialog. Danish words are longer than English ones; each picture is checked for
text that does not fit."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget
from pytestqt.qtbot import QtBot

from backbreak.config.layers import load_layered
from backbreak.shell.login_start import SystemLoginStart
from backbreak.ui.exercise_window import ExerciseWindow
from backbreak.ui.prompt import BreakPrompt
from backbreak.ui.settings_dialog import SettingsDialog
from tests.qt.helpers import CATALOGUE
from tests.qt.language import speaking
from tests.qt.test_settings_dialog import NOW, FakeAutostart


@pytest.fixture(autouse=True)
def danish() -> Iterator[None]:
    with speaking("da"):
        yield


def assert_nothing_clipped(window: QWidget) -> None:
    """Every visible button and one-line label is at least as wide as its text."""
    for widget in window.findChildren(QAbstractButton) + window.findChildren(QLabel):
        if not widget.isVisibleTo(window) or not widget.text():
            continue
        if isinstance(widget, QLabel) and widget.wordWrap():
            continue
        needed = widget.minimumSizeHint().width()
        assert widget.width() >= needed, f"{widget.text()!r} is cut off"


def test_the_prompt_in_danish(qtbot: QtBot, screenshots: Path) -> None:
    prompt = BreakPrompt(10)
    qtbot.addWidget(prompt)
    prompt.show_for(CATALOGUE["standing-side-bend"].in_language("da"))
    qtbot.waitExposed(prompt)
    assert prompt.heading.text() == "Tid til at rejse dig og bevæge dig"
    assert_nothing_clipped(prompt)
    assert prompt.grab().save(str(screenshots / "prompt-da.png"))


def test_an_exercise_step_in_danish(qtbot: QtBot, screenshots: Path) -> None:
    window = ExerciseWindow(CATALOGUE["seated-t-spine-matrix"].in_language("da"))
    qtbot.addWidget(window)
    window.start()
    qtbot.waitExposed(window)
    for _ in range(2):
        window.next_step()
    assert window.position.text() == "Trin 3 af 15"
    assert window.stack.currentWidget() is window.illustration
    assert_nothing_clipped(window)
    assert window.grab().save(str(screenshots / "exercise-da.png"))
    window.close()


def test_the_settings_dialog_in_danish(qtbot: QtBot, tmp_path: Path, screenshots: Path) -> None:
    path = tmp_path / "settings.toml"
    layered = load_layered(path, [], NOW, quarantine=False)
    dialog = SettingsDialog(path, layered, CATALOGUE, SystemLoginStart(FakeAutostart()))
    qtbot.addWidget(dialog)
    dialog.present()
    qtbot.waitExposed(dialog)
    assert_nothing_clipped(dialog)
    assert dialog.grab().save(str(screenshots / "settings-da.png"))
    dialog.tabs.setCurrentIndex(dialog.tabs.count() - 1)
    assert_nothing_clipped(dialog)
    assert dialog.grab().save(str(screenshots / "settings-general-da.png"))
