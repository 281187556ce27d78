"""The "Your breaks" window, on a fake history: what it says, what its charts tell a screen
reader, the keyboard, Export…, Clear history…, and the states without charts."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QPoint, QRect, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from backbreak.history.stats import DayTally, Goals, Summary, WeekTally
from backbreak.ui.history.bars import contrast, part_colours
from backbreak.ui.history.exporting import CSV_FILTER, JSON_FILTER, kind_for
from backbreak.ui.history.texts import EMPTY, UNREADABLE, history_off, no_routine
from backbreak.ui.history.window import YourBreaksWindow
from tests.qt.history_fakes import ROUTINE, TODAY, FakeHistory, empty_summary, seeded_summary
from tests.qt.screen_fit import report_at_200_percent

ENGLISH = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
TITLES = {
    "foam-roll-thoracic-extension": "Foam-roller thoracic extension",
    "seated-t-spine-matrix": "Seated T-spine matrix",
    "sport-cord-rows": "Elastic cord rows",
    "t-spine-rotation-all-fours": "T-spine rotation on all fours",
}
MONDAY = TODAY - timedelta(days=1)


def hand_built(routine: tuple[str, ...] = ROUTINE, streak: int = 5) -> Summary:
    """Today (Tuesday 1 2 Dec026): 2 exercised, 1 natural, 1 skipped, 7 min moving; Monday:
    4 exercised, 2 skipped; goals 6 a day and the routine on 3 days a week, done on 2."""
    today = DayTally(TODAY, exercised=2, natural=1, skipped=1, seconds_moved=420)
    monday = DayTally(MONDAY, exercised=4, skipped=2, seconds_moved=600)
    week = (monday, today, *(DayTally(TODAY + timedelta(days=n)) for n in range(1, 6)))
    earlier = [
        WeekTally(MONDAY - timedelta(weeks=back), 20 + back, 3, 2, 1, 2)
        for back in range(11, 0, -1)
    ]
    weeks = (*earlier, WeekTally(MONDAY, 6, 1, 3, 2, 0))
    return Summary(
        today=today,
        week=week,
        weeks=weeks,
        streak=streak,
        best_streak=12,
        routines_this_week=2,
        routine=routine,
        goals=Goals(breaks_per_day=6, routines_per_week=3),
    )


def open_window(qtbot: QtBot, history: FakeHistory) -> YourBreaksWindow:
    window = YourBreaksWindow(history, TITLES, locale=ENGLISH)
    qtbot.addWidget(window)
    window.present()
    qtbot.waitExposed(window)
    return window


def test_today_goal_streak_and_programme_in_words(qtbot: QtBot) -> None:
    window = open_window(qtbot, FakeHistory(hand_built()))
    assert window.today.line.text() == "3 breaks taken of 4 due · 7 min moving"
    assert window.today.goal.text() == "Daily goal: 3 of 6"
    assert (window.today.progress.value(), window.today.progress.maximum()) == (3, 6)
    assert window.streaks.lines[0].text() == ("5 days in a row with your daily goal met · best 12")
    progress, dots, routine = window.programme.lines
    assert progress.text() == "Mid-back routine: done on 2 of 3 days this week"
    assert dots.text() == "● ● ○"
    assert dots.accessibleDescription() == progress.text()
    for title in TITLES.values():
        assert title in routine.text()
    assert not window.off_notice.isVisible()
    assert not window.problem.isVisible()
    assert not window.empty.isVisible()


def test_a_met_daily_goal_reads_on_one_line_beside_its_bar(qtbot: QtBot) -> None:
    summary = hand_built()
    met = DayTally(TODAY, exercised=7, natural=1, skipped=1, seconds_moved=1020)
    window = open_window(qtbot, FakeHistory(replace(summary, today=met)))
    goal = window.today.goal
    assert goal.text() == "Daily goal: 8 of 6 — met"
    assert goal.height() < 2 * goal.fontMetrics().height()
    assert goal.width() >= goal.fontMetrics().horizontalAdvance(goal.text())


def test_a_streak_of_one_day_and_none(qtbot: QtBot) -> None:
    window = open_window(qtbot, FakeHistory(hand_built(streak=1)))
    assert window.streaks.lines[0].text().startswith("1 day in a row")
    window._source.current = hand_built(streak=0)  # type: ignore[attr-defined]
    window.refresh()
    assert window.streaks.lines[0].text() == (
        "No streak yet: take 6 breaks on a day to start one · best 12"
    )


def test_an_empty_routine_points_to_the_settings(qtbot: QtBot) -> None:
    window = open_window(qtbot, FakeHistory(hand_built(routine=())))
    progress, dots, routine = window.programme.lines
    assert progress.text() == no_routine()
    assert "Settings → Break" in no_routine()
    assert not dots.isVisible()
    assert not routine.isVisible()


def test_history_off_is_said(qtbot: QtBot) -> None:
    window = open_window(qtbot, FakeHistory(hand_built(), on=False))
    assert window.off_notice.isVisible()
    assert window.off_notice.text() == history_off()
    assert "Settings → History" in history_off()
    assert window.week.isVisible()  # what was recorded before is still shown


def test_an_unreadable_history_shows_the_problem_instead_of_charts(qtbot: QtBot) -> None:
    trouble = "not using /x/history.sqlite3: it was written by a newer version of backbreak"
    window = open_window(qtbot, FakeHistory(None, trouble=trouble))
    assert window.problem.isVisible()
    assert window.problem.text() == f"{UNREADABLE}\n\n{trouble}"
    for part in (window.today, window.week, window.weeks, window.streaks, window.programme):
        assert not part.isVisible()
    assert not window.export_button.isEnabled()
    assert not window.clear_button.isEnabled()


def test_an_empty_history_has_a_friendly_word_not_empty_axes(qtbot: QtBot) -> None:
    window = open_window(qtbot, FakeHistory(empty_summary()))
    assert window.empty.isVisible()
    assert window.empty.text() == EMPTY
    assert not window.week.isVisible()
    assert not window.weeks.isVisible()
    assert window.today.isVisible()
    assert window.today.line.text() == "No breaks yet today · 0 min moving"
    assert window.export_button.isEnabled()


def test_the_charts_tell_their_data_in_words(qtbot: QtBot) -> None:
    window = open_window(qtbot, FakeHistory(hand_built()))
    week = window.week.chart
    assert week.focusPolicy() == Qt.FocusPolicy.StrongFocus
    assert week.accessibleName() == "This week"
    description = week.accessibleDescription()
    assert "goal 6 a day" in description
    assert "today is Tuesday" in description
    assert (
        "Monday 30 Nov: 4 taken of 6 due (4 exercised, 0 by being away, 2 skipped), 10 min moving"
    ) in description
    assert "Tuesday 1 Dec: 3 taken of 4 due (2 exercised, 1 by being away, 1 skipped)" in (
        description
    )
    assert "Wednesday 2 Dec: still to come" in description
    weeks = window.weeks.chart
    assert weeks.accessibleName() == "Last 12 weeks"
    words = weeks.accessibleDescription()
    assert "Week of 14 Sep: 34 taken of 36 due" in words
    assert "Week of 30 Nov: 7 taken of 10 due" in words
    assert words.startswith("Selected: Week of 30 Nov (this week)")  # the current week
    listed = words.split("oldest first.")[1]
    assert listed.index("14 Sep") < listed.index("30 Nov")  # oldest first, as drawn


def test_arrow_keys_move_the_selected_day_and_week(qtbot: QtBot) -> None:
    window = open_window(qtbot, FakeHistory(hand_built()))
    chart, detail = window.week.chart, window.week.detail
    assert chart.selection == 1  # today
    assert detail.text().startswith("Tuesday 1 Dec: 3 taken of 4 due")
    chart.setFocus()
    qtbot.keyClick(chart, Qt.Key.Key_Left)
    assert chart.selection == 0
    assert detail.text().startswith("Monday 30 Nov: 4 taken of 6 due")
    # A screen reader hears where the selection went: the description leads with it.
    assert chart.accessibleDescription().startswith("Selected: Monday 30 Nov: 4 taken")
    qtbot.keyClick(chart, Qt.Key.Key_Left)  # stays on the first day
    assert chart.selection == 0
    qtbot.keyClick(chart, Qt.Key.Key_End)
    assert detail.text() == "Sunday 6 Dec: still to come"
    weeks = window.weeks.chart
    assert weeks.selection == 11
    assert window.weeks.detail.text().startswith("Week of 30 Nov (this week): 7 taken")
    qtbot.keyClick(weeks, Qt.Key.Key_Left)
    assert window.weeks.detail.text().startswith("Week of 23 Nov: 24 taken of 26 due")
    qtbot.keyClick(weeks, Qt.Key.Key_Home)
    assert window.weeks.detail.text().startswith("Week of 14 Sep:")


def test_a_click_selects_a_day(qtbot: QtBot) -> None:
    window = open_window(qtbot, FakeHistory(hand_built()))
    chart = window.week.chart
    slot = chart.width() // 7
    qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=QPoint(slot // 2 + 4, 40))
    assert chart.selection == 0
    assert window.focusWidget() is chart


def test_a_refresh_keeps_the_selection(qtbot: QtBot) -> None:
    history = FakeHistory(hand_built())
    window = open_window(qtbot, history)
    window.week.chart.setFocus()
    qtbot.keyClick(window.week.chart, Qt.Key.Key_Left)
    window.refresh()
    assert window.week.chart.selection == 0


@pytest.mark.parametrize(
    ("chosen", "name", "written", "kind"),
    [
        (CSV_FILTER, "breaks", "breaks.csv", "csv"),
        (JSON_FILTER, "breaks", "breaks.json", "json"),
        (CSV_FILTER, "breaks.json", "breaks.json", "json"),
    ],
)
def test_export_writes_through_the_history_in_the_chosen_format(
    qtbot: QtBot, tmp_path: Path, chosen: str, name: str, written: str, kind: str
) -> None:
    history = FakeHistory(hand_built())
    window = open_window(qtbot, history)
    window.export_button.click()
    dialog = window.export_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    dialog.setDirectory(str(tmp_path))
    dialog.selectNameFilter(chosen)
    dialog.selectFile(str(tmp_path / name))
    dialog.accept()
    assert history.exports == [(tmp_path / written, kind)]
    assert window.message.isVisible()
    assert window.message.text() == f"Exported 1,234 events to {tmp_path / written}."


def test_the_name_or_the_filter_says_the_format() -> None:
    assert kind_for(Path("/t/a.CSV"), JSON_FILTER) == (Path("/t/a.CSV"), "csv")
    assert kind_for(Path("/t/a"), JSON_FILTER) == (Path("/t/a.json"), "json")
    assert kind_for(Path("/t/a.txt"), CSV_FILTER) == (Path("/t/a.txt.csv"), "csv")


def test_a_failed_export_says_why_in_the_window(qtbot: QtBot, tmp_path: Path) -> None:
    history = FakeHistory(hand_built(), export_error=OSError("disk full"))
    window = open_window(qtbot, history)
    window.export_to(str(tmp_path / "x.csv"), CSV_FILTER)
    assert window.message.text() == "Not exported: disk full"
    assert history.exports == []


def test_a_cancelled_export_writes_nothing(qtbot: QtBot) -> None:
    history = FakeHistory(hand_built())
    window = open_window(qtbot, history)
    window.export_button.click()
    dialog = window.export_dialog
    assert isinstance(dialog, QFileDialog)
    dialog.reject()
    assert history.exports == []
    assert not window.message.isVisible()


def answer_clear(
    qtbot: QtBot, window: YourBreaksWindow, button: QMessageBox.StandardButton
) -> None:
    window.clear_button.click()
    box = window.confirm_box
    assert box is not None
    qtbot.waitUntil(box.isVisible)
    assert "cannot be undone" in box.text()
    assert "326 breaks taken" in box.text()  # what will be lost, in numbers
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.No)
    box.button(button).click()


def test_clear_asks_first_and_no_clears_nothing(qtbot: QtBot) -> None:
    history = FakeHistory(hand_built())
    window = open_window(qtbot, history)
    answer_clear(qtbot, window, QMessageBox.StandardButton.No)
    assert history.cleared == 0
    assert not window.empty.isVisible()


def test_clear_on_yes_clears_and_shows_the_empty_history(qtbot: QtBot) -> None:
    history = FakeHistory(hand_built())
    window = open_window(qtbot, history)
    answer_clear(qtbot, window, QMessageBox.StandardButton.Yes)
    assert history.cleared == 1
    assert window.empty.isVisible()
    assert window.message.text() == "The history is cleared."


def test_the_day_names_follow_the_locale(qtbot: QtBot) -> None:
    window = YourBreaksWindow(
        FakeHistory(hand_built()), TITLES, locale=QLocale(QLocale.Language.German)
    )
    qtbot.addWidget(window)
    window.refresh()
    assert [bar.label for bar in window.week.chart.bars][:2] == ["Mo.", "Di."]
    assert "Dienstag" in window.week.chart.accessibleDescription()


def test_the_seeded_history_draws(qtbot: QtBot) -> None:
    window = open_window(qtbot, FakeHistory(seeded_summary()))
    assert not window.grab().isNull()
    assert len(window.weeks.chart.bars) == 12
    assert window.weeks.chart.bars[-1].marked


FIT_CHECK = """
import json
from PySide6.QtCore import QLocale, QPoint, QRect
from PySide6.QtWidgets import QApplication, QPushButton
from backbreak.ui.history.window import YourBreaksWindow
from tests.qt.history_fakes import FakeHistory

app = QApplication([])
area = app.primaryScreen().availableGeometry()
window = YourBreaksWindow(FakeHistory(), {}, locale=QLocale(QLocale.Language.English))
window.present()
app.processEvents()
problems = []
if not area.contains(window.frameGeometry()):
    problems.append(f"frame {window.frameGeometry()} outside {area}")
for button in window.findChildren(QPushButton):
    rect = QRect(button.mapToGlobal(QPoint(0, 0)), button.size())
    if not button.isVisible() or not area.contains(rect):
        problems.append(f"{button.text()} at {rect}")
bar = window.scroller.verticalScrollBar()
bar.setValue(bar.maximum())  # everything can be reached
app.processEvents()
dots = window.programme.lines[1]
top = dots.mapTo(window.scroller.viewport(), QPoint(0, 0)).y()
if not 0 <= top < window.scroller.viewport().height():
    problems.append(f"the programme is out of reach at {top}")
print(json.dumps({"area": [area.width(), area.height()], "problems": problems}))
"""


def test_the_window_fits_1366_by_768_at_200_percent(tmp_path: Path) -> None:
    assert report_at_200_percent(tmp_path, FIT_CHECK)["problems"] == []


def test_the_window_fits_a_small_area_with_its_buttons(qtbot: QtBot) -> None:
    window = open_window(qtbot, FakeHistory(hand_built()))
    area = QRect(0, 0, 1024, 600)
    window.fit_to(area)
    qtbot.waitUntil(lambda: window.height() <= 600)
    assert area.contains(window.frameGeometry())
    for button in window.findChildren(QPushButton):
        rect = QRect(button.mapTo(window, QPoint(0, 0)), button.size())
        assert window.rect().contains(rect), button.text()


def test_titles_name_an_exercise_they_know_and_keep_an_unknown_id(qtbot: QtBot) -> None:
    summary = hand_built(routine=("seated-t-spine-matrix", "my-own"))
    window = open_window(qtbot, FakeHistory(summary))
    assert window.programme.lines[2].text().endswith(": Seated T-spine matrix, my-own.")


def test_today_without_breaks_and_a_met_goal(qtbot: QtBot) -> None:
    met = hand_built()
    met = Summary(
        today=DayTally(TODAY, exercised=6, natural=1, seconds_moved=900),
        week=met.week,
        weeks=met.weeks,
        streak=met.streak,
        best_streak=met.best_streak,
        routines_this_week=3,
        routine=met.routine,
        goals=met.goals,
    )
    window = open_window(qtbot, FakeHistory(met))
    assert window.today.line.text() == "7 breaks taken of 7 due · 15 min moving"
    assert window.today.goal.text() == "Daily goal: 7 of 6 — met"
    assert window.today.progress.value() == 6
    assert window.programme.lines[0].text().endswith("this week — done for this week")
    assert window.programme.lines[1].text() == "● ● ●"


def test_no_day_is_missing_from_the_week(qtbot: QtBot) -> None:
    window = open_window(qtbot, FakeHistory(hand_built()))
    bars = window.week.chart.bars
    assert [bar.label for bar in bars] == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    assert [bar.marked for bar in bars] == [False, True, False, False, False, False, False]
    assert all(bar.future for bar in bars[2:])
    assert date(2026, 12, 1) == TODAY


def palette_of(window: str, highlight: str, text: str) -> QPalette:
    palette = QPalette()
    for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Base):
        palette.setColor(role, QColor(window))
    palette.setColor(QPalette.ColorRole.Highlight, QColor(highlight))
    palette.setColor(QPalette.ColorRole.Text, QColor(text))
    return palette


@pytest.mark.parametrize(
    ("window", "highlight", "text"),
    [
        ("#efefef", "#308cc6", "#000000"),  # Fusion, light
        ("#ffffff", "#cce8ff", "#202020"),  # a pale accent on white
        ("#2b2b2b", "#3daee9", "#eeeeee"),  # Breeze, dark
        ("#202020", "#1d3557", "#f0f0f0"),  # a deep accent on a dark window
    ],
    ids=["light", "pale-accent", "dark", "deep-accent-on-dark"],
)
def test_the_bars_stand_out_on_light_and_dark_themes(
    window: str, highlight: str, text: str
) -> None:
    exercised, _natural, skipped = part_colours(palette_of(window, highlight, text))
    assert contrast(exercised, QColor(window)) >= 3.0
    assert contrast(skipped, QColor(window)) >= 3.0
