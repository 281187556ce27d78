"""The tray's tooltip says how today goes against the daily goal, from the recorded history."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from pytestqt.qtbot import QtBot

from backbreak.core.planner import BreakRecord, Outcome
from backbreak.history.stats import DayTally, Goals
from backbreak.shell.history_recorder import HistoryRecorder
from backbreak.ui.actions import AppActions
from backbreak.ui.status_text import progress_line
from backbreak.ui.tray import TrayShell
from tests.qt.helpers import make_controller


def test_progress_reads_breaks_taken_against_the_goal() -> None:
    day = date(2026, 3, 2)
    assert progress_line(None, 6) is None
    assert progress_line(DayTally(day), 6) == "0 of 6 breaks today"
    assert progress_line(DayTally(day, exercised=2, natural=1, skipped=4), 6) == (
        "3 of 6 breaks today"
    )
    assert progress_line(DayTally(day, exercised=1), 1) == "1 of 1 break today"


def test_the_tooltip_follows_each_recorded_break(qtbot: QtBot, tmp_path: Path) -> None:
    controller, clock, deadline = make_controller()
    history = HistoryRecorder(tmp_path / "history.sqlite3", clock.now, goals=Goals(4, 3))
    controller.recorded.connect(history.record)
    tray = TrayShell(controller, AppActions(controller))
    tray.show_progress_from(lambda: progress_line(history.today(), history.goals.breaks_per_day))
    history.changed.connect(tray.refresh)
    controller.start()
    assert "today" not in tray.icon.toolTip()  # nothing read yet: SQLite not even loaded
    clock.advance(timedelta(minutes=45))
    with qtbot.waitSignal(controller.prompt_requested):
        deadline.due.emit()
    assert tray.icon.toolTip().endswith("\n0 of 4 breaks today")
    controller.start_from_prompt()
    clock.advance(timedelta(minutes=2))
    controller.finish_break(completed=True)
    assert tray.icon.toolTip().endswith("\n1 of 4 breaks today")
    history.close()
    controller.stop()


def test_an_existing_history_gives_the_tooltip_todays_count_from_the_start(
    qtbot: QtBot, tmp_path: Path
) -> None:
    controller, clock, _deadline = make_controller()
    path = tmp_path / "history.sqlite3"
    earlier = HistoryRecorder(path, clock.now)
    earlier.record(BreakRecord(Outcome.COMPLETED, clock.now(), "breathing", 60.0))
    earlier.close()
    history = HistoryRecorder(path, clock.now, goals=Goals(4, 3))
    tray = TrayShell(controller, AppActions(controller))
    tray.show_progress_from(lambda: progress_line(history.today(), history.goals.breaks_per_day))
    history.changed.connect(tray.refresh)
    with qtbot.waitSignal(history.changed):
        history.open_existing()
    assert tray.icon.toolTip().endswith("\n1 of 4 breaks today")
    history.close()


def test_without_a_history_file_nothing_is_opened_or_made(tmp_path: Path) -> None:
    history = HistoryRecorder(tmp_path / "history.sqlite3", make_controller()[1].now)
    history.open_existing()
    assert history.today() is None
    assert not (tmp_path / "history.sqlite3").exists()
