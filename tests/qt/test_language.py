"""backbreak speaks Danish where asked (or where the system does), English otherwise; Qt's
standard buttons follow."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMenu, QMessageBox
from pytestqt.qtbot import QtBot

from backbreak.config.layers import load_layered
from backbreak.core.exercises import in_language
from backbreak.shell.login_start import SystemLoginStart
from backbreak.ui.actions import AppActions
from backbreak.ui.exercise_window import ExerciseWindow
from backbreak.ui.history.window import YourBreaksWindow
from backbreak.ui.language import language_for
from backbreak.ui.prompt import BreakPrompt
from backbreak.ui.settings_dialog import SettingsDialog
from backbreak.ui.status_text import _when
from tests.qt.helpers import CATALOGUE, make_controller
from tests.qt.history_fakes import FakeHistory, seeded_summary
from tests.qt.language import speaking
from tests.qt.test_settings_dialog import NOW, FakeAutostart


@pytest.mark.parametrize(
    ("choice", "system", "language"),
    [
        ("system", ["da-DK", "en-GB"], "da"),
        ("system", ["de-DE", "da"], "da"),
        ("system", ["fr-FR"], "en"),
        ("system", ["C"], "en"),
        ("en", ["da-DK"], "en"),  # the override beats the system
        ("da", ["en-US"], "da"),
    ],
)
def test_the_language_follows_the_system_unless_overridden(
    choice: str, system: list[str], language: str
) -> None:
    assert language_for(choice, system) == language


def test_english_installs_no_translator(qapp: QApplication) -> None:
    with speaking("en") as language:
        assert language == "en"
        assert qapp.findChildren(QTranslator) == []


def prompt_in(qtbot: QtBot, exercise_id: str) -> BreakPrompt:
    prompt = BreakPrompt(10)
    qtbot.addWidget(prompt)
    prompt.show_for(in_language(CATALOGUE, QLocale().name()[:2])[exercise_id])
    return prompt


def test_the_prompt_speaks_danish(qtbot: QtBot) -> None:
    with speaking("da"):
        prompt = prompt_in(qtbot, "standing-side-bend")
        assert prompt.heading.text() == "Tid til at rejse dig og bevæge dig"
        assert prompt.snooze_button.text() == "Udsæt 10 min."
        assert prompt.skip_button.text() == "Spring over"
        assert prompt.detail.text() == "Stående sidebøjning · 1\u00a0min.\u00a034\u00a0sek."
        assert prompt.windowTitle() == "Tid til en pause — backbreak"


def test_the_prompt_stays_english_in_english(qtbot: QtBot) -> None:
    with speaking("en"):
        prompt = prompt_in(qtbot, "standing-side-bend")
        assert prompt.heading.text() == "Time to stand up and move"
        assert prompt.snooze_button.text() == "Snooze 10 min"
        assert prompt.detail.text() == "Standing side bend · 1\u00a0min\u00a034\u00a0s"


def test_the_exercise_window_speaks_danish(qtbot: QtBot) -> None:
    with speaking("da"):
        exercise = CATALOGUE["seated-t-spine-matrix"].in_language("da")
        window = ExerciseWindow(exercise, show_safety_note=True)
        qtbot.addWidget(window)
        window.start()
        assert window.windowTitle() == "Siddende rotation af brysthvirvelsøjlen — backbreak"
        assert window.position.text() == "Trin 1 af 15"
        assert window.instruction.text().startswith("Sid på den forreste halvdel af stolen")
        assert window.next_button.text() == "Næste"
        assert window.finish_early_button.text() == "Slut før tid"
        assert window.safety_note is not None
        assert window.safety_note.heading.text() == "Før du går i gang"
        # The exercise's own line says "smerten bliver værre": the general point is not repeated.
        points = window.safety_note.points
        assert sum("smerten bliver værre" in point for point in points) == 1
        window.close()


def test_the_tray_menu_speaks_danish(qtbot: QtBot) -> None:
    with speaking("da"):
        controller, _clock, _deadline = make_controller()
        actions = AppActions(controller)
        menu = QMenu()
        actions.fill_menu(menu)
        texts = [action.text() for action in menu.actions() if action.text()]
        assert "Hold pause nu" in texts
        assert "Indstillinger…" in texts
        assert "Afslut" in texts
        assert actions.info.text().startswith("Næste pause ")
        assert actions.pause_menu.title() == "Sæt på pause"


def test_the_settings_dialog_speaks_danish(qtbot: QtBot, tmp_path: Path) -> None:
    with speaking("da"):
        path = tmp_path / "settings.toml"
        layered = load_layered(path, [], NOW, quarantine=False)
        dialog = SettingsDialog(path, layered, CATALOGUE, SystemLoginStart(FakeAutostart()))
        qtbot.addWidget(dialog)
        tabs = [dialog.tabs.tabText(i).replace("&", "") for i in range(dialog.tabs.count())]
        assert tabs == ["Tidsplan", "Pause", "Lyd", "Opmærksomhed", "Historik", "Generelt"]
        assert dialog.windowTitle() == "Indstillinger for backbreak"
        assert dialog.cancel.text().replace("&", "") == "Annuller"
        interval = dialog.fields["schedule.interval_minutes"]
        assert interval.spec.label == "Tid mellem pauser"
        language = dialog.fields["interface.language"]
        assert "næste gang backbreak starter" in language.spec.help
        assert language.inputs()[0].accessibleName() == "Sprog"


def test_qt_standard_buttons_speak_danish(qtbot: QtBot) -> None:
    with speaking("da"):
        box = QMessageBox(QMessageBox.Icon.Question, "x", "y")
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        qtbot.addWidget(box)
        yes = box.button(QMessageBox.StandardButton.Yes)
        assert yes is not None
        assert yes.text().replace("&", "") == "Ja"
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        assert cancel is not None
        assert cancel.text().replace("&", "") == "Annuller"


def test_an_override_sets_the_locale_for_dates(qapp: QApplication) -> None:
    with speaking("da"):
        assert QLocale().language() == QLocale.Language.Danish
        monday = datetime(2026, 11, 30, 9, 0).astimezone()
        assert _when(monday.replace(hour=17, minute=5), monday) == "17.05"
        thursday = _when(monday + timedelta(days=3, hours=5), monday)
        assert thursday == "tors. 14.00"
        later = _when(monday + timedelta(days=10), monday)
        assert later == "tors. 10 dec. 09.00"
    with speaking("en"):
        assert _when(monday + timedelta(days=3, hours=5), monday, english=True) == "Thu 14:00"


def test_your_breaks_speaks_danish_with_danish_dates(qtbot: QtBot) -> None:
    with speaking("da"):
        titles = {key: exercise.title for key, exercise in CATALOGUE.items()}
        window = YourBreaksWindow(FakeHistory(seeded_summary()), titles)
        qtbot.addWidget(window)
        window.present()
        assert window.windowTitle() == "Dine pauser"
        assert window.export_button.text() == "Eksportér…"
        assert window.today.goal.text().startswith("Dagligt mål: ")
        assert window.programme.lines[0].text().startswith("Rygprogram: lavet på ")
        # Day names and dates as Danish writes them.
        assert window.week.detail.text().split(" ")[0] in {
            QLocale(QLocale.Language.Danish).dayName(day) for day in range(1, 8)
        }
