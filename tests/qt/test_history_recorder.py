"""The shell's recorder: what happens to breaks reaches the history file, and nothing is lost."""

from __future__ import annotations

import csv
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from backbreak.core.planner import BreakRecord, Outcome
from backbreak.history.events import EventKind
from backbreak.history.from_planner import event_of
from backbreak.history.stats import Goals
from backbreak.history.store import SCHEMA_VERSION, open_history_read_only
from backbreak.shell.history_recorder import HistoryRecorder
from tests.hostile import ROOT
from tests.qt.helpers import make_controller

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
ALL_TIME = (datetime(2000, 1, 1, tzinfo=UTC), datetime(2100, 1, 1, tzinfo=UTC))


def recorder(path: Path, **options: object) -> HistoryRecorder:
    return HistoryRecorder(path, lambda: NOW, **options)  # type: ignore[arg-type]


def stored(path: Path) -> list[tuple[EventKind, int | None, str | None, str]]:
    with open_history_read_only(path) as store:
        return [(e.kind, e.seconds, e.cause, e.exercise) for e in store.events(*ALL_TIME)]


def test_each_planner_record_becomes_one_event_in_the_file(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "data" / "history.sqlite3"
    history = recorder(path)
    for record in [
        BreakRecord(Outcome.PROMPTED, NOW, "breathing"),
        BreakRecord(Outcome.STARTED, NOW, "breathing"),
        BreakRecord(Outcome.COMPLETED, NOW, "breathing", 89.6),
        BreakRecord(Outcome.NATURAL, NOW, "breathing", 700.0, "lock"),
        BreakRecord(Outcome.DEFERRED, NOW, "breathing", cause="calls"),
        BreakRecord(Outcome.DEFERRED, NOW, "breathing", cause="do-not-disturb"),
        BreakRecord(Outcome.SKIPPED, NOW, "breathing", 12.0),
    ]:
        with qtbot.waitSignal(history.changed):
            history.record(record)
    assert stored(path) == [
        (EventKind.PROMPTED, None, None, "breathing"),
        (EventKind.STARTED, None, None, "breathing"),
        (EventKind.COMPLETED, 90, None, "breathing"),
        (EventKind.NATURAL, None, "lock", "breathing"),
        (EventKind.DEFERRED, None, "call", "breathing"),
        (EventKind.DEFERRED, None, "do_not_disturb", "breathing"),
        (EventKind.SKIPPED, None, None, "breathing"),
    ]
    today = history.today()
    assert today is not None
    assert (today.taken, today.due, today.seconds_moved) == (2, 3, 90)
    history.close()


def test_a_hold_the_history_has_no_name_for_is_left_out() -> None:
    assert event_of(BreakRecord(Outcome.DEFERRED, NOW, "breathing", cause="eclipse")) is None


def test_the_controllers_records_reach_the_file(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    controller, clock, deadline = make_controller()
    history = HistoryRecorder(path, clock.now)
    controller.recorded.connect(history.record)
    controller.start()
    clock.advance(timedelta(minutes=45))
    with qtbot.waitSignal(controller.prompt_requested):
        deadline.due.emit()
    controller.skip()
    assert [kind for kind, *_ in stored(path)] == [EventKind.PROMPTED, EventKind.SKIPPED]
    history.close()
    controller.stop()


def test_with_recording_off_nothing_is_written_or_created(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    history = recorder(path, recording=False)
    history.record(BreakRecord(Outcome.PROMPTED, NOW, "breathing"))
    summary = history.summary()
    assert summary is not None
    assert summary.today.due == 0
    assert history.today(open_it=True) is None
    assert not path.exists()
    history.configure(recording=True, goals=Goals(), routine=())
    history.record(BreakRecord(Outcome.PROMPTED, NOW, "breathing"))
    assert len(stored(path)) == 1
    history.close()


def test_a_newer_file_is_reported_once_and_never_written(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    import sqlite3

    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    connection.close()
    before = path.read_bytes()
    history = recorder(path)
    said: list[str] = []
    history.problem_found.connect(said.append)
    for _ in range(3):
        history.record(BreakRecord(Outcome.PROMPTED, NOW, "breathing"))
    assert history.summary() is None
    assert path.read_bytes() == before
    assert len(said) == 1
    assert "newer version" in said[0]
    assert history.problem() == said[0]


def test_a_corrupt_file_is_moved_aside_reported_and_a_new_one_started(
    qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "history.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    history = recorder(path)
    said: list[str] = []
    history.problem_found.connect(said.append)
    history.record(BreakRecord(Outcome.PROMPTED, NOW, "breathing"))
    history.record(BreakRecord(Outcome.SKIPPED, NOW, "breathing"))
    assert len(said) == 1
    assert "moved to" in said[0]
    (moved,) = tmp_path.glob("history.sqlite3.corrupt-*")
    assert moved.read_bytes() == b"this is not a database" * 100
    assert len(stored(path)) == 2
    history.close()


def test_a_folder_in_the_files_place_is_reported_once_and_the_app_goes_on(
    qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "history.sqlite3"
    path.mkdir()
    history = recorder(path)
    said: list[str] = []
    history.problem_found.connect(said.append)
    history.record(BreakRecord(Outcome.PROMPTED, NOW, "breathing"))
    history.record(BreakRecord(Outcome.SKIPPED, NOW, "breathing"))
    assert history.summary() is None
    assert len(said) == 1
    assert str(path) in said[0]
    assert history.today() is None


def test_export_writes_every_event_and_clear_removes_them(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    history = recorder(path)
    history.record(BreakRecord(Outcome.PROMPTED, NOW, "breathing"))
    history.record(BreakRecord(Outcome.COMPLETED, NOW, "breathing", 60.0))
    out = tmp_path / "export" / "breaks.csv"
    assert history.export(out, "csv") == 2
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [row["event"] for row in rows] == ["prompted", "completed"]
    with qtbot.waitSignal(history.changed):
        history.clear()
    assert stored(path) == []
    summary = history.summary()
    assert summary is not None
    assert summary.today.taken == 0
    history.close()


def test_sqlite_is_loaded_by_the_first_event_not_before() -> None:
    script = """
import sys
from datetime import UTC, datetime
from pathlib import Path
from backbreak.core.planner import BreakRecord, Outcome
from backbreak.shell.history_recorder import HistoryRecorder
now = datetime(2026, 3, 2, 10, tzinfo=UTC)
history = HistoryRecorder(Path(sys.argv[1]), lambda: now)
assert history.today() is None
print("sqlite3" in sys.modules)
history.record(BreakRecord(Outcome.PROMPTED, now, "breathing"))
print("sqlite3" in sys.modules)
"""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        done = subprocess.run(
            [sys.executable, "-c", script, str(Path(folder) / "history.sqlite3")],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=60,
            check=False,
        )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False", "True"]


@pytest.mark.parametrize("kind", ["csv", "json"])
def test_an_export_that_cannot_be_written_raises_with_the_reason(tmp_path: Path, kind: str) -> None:
    history = recorder(tmp_path / "history.sqlite3")
    history.record(BreakRecord(Outcome.PROMPTED, NOW, "breathing"))
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(FileExistsError, match="File exists"):
        history.export(blocker / f"breaks.{kind}", kind)
    history.close()
