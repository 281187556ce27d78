"""Hand edits of the settings file reach the running app; a broken edit is reported once."""

from __future__ import annotations

import logging
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from backbreak.config.layers import LayeredSettings, load_layered
from backbreak.config.schema import Settings
from backbreak.shell.settings_sync import SettingsSync


def make_sync(tmp_path: Path) -> tuple[SettingsSync, Path]:
    folder = tmp_path / "backbreak"
    folder.mkdir()
    path = folder / "settings.toml"
    path.write_text("[schedule]\ninterval_minutes = 45\n", encoding="utf-8")

    def load() -> LayeredSettings:
        return load_layered(path, [], datetime.now(UTC), quarantine=False)

    return SettingsSync(path, load(), load), path


def test_a_hand_edit_is_applied(qtbot: QtBot, tmp_path: Path) -> None:
    sync, path = make_sync(tmp_path)
    with qtbot.waitSignal(sync.changed, timeout=5000) as changed:
        path.write_text("[schedule]\ninterval_minutes = 30\n", encoding="utf-8")
    settings = changed.args[0]
    assert isinstance(settings, Settings)
    assert settings.schedule.interval_minutes == 30
    assert sync.settings.schedule.interval_minutes == 30


def test_an_atomic_replace_is_noticed_too(qtbot: QtBot, tmp_path: Path) -> None:
    sync, path = make_sync(tmp_path)
    temp = path.with_name("settings.toml.tmp")
    temp.write_text("[schedule]\nsnooze_minutes = 5\n", encoding="utf-8")
    with qtbot.waitSignal(sync.changed, timeout=5000):
        temp.replace(path)
    assert sync.settings.schedule.snooze_minutes == 5
    with qtbot.waitSignal(sync.changed, timeout=5000):  # the new file is watched as well
        path.write_text("[schedule]\nsnooze_minutes = 7\n", encoding="utf-8")
    assert sync.settings.schedule.snooze_minutes == 7


def test_a_broken_edit_keeps_the_settings_and_is_reported_once(
    qtbot: QtBot, tmp_path: Path
) -> None:
    sync, path = make_sync(tmp_path)
    with qtbot.waitSignal(sync.problem, timeout=5000) as problem:
        path.write_text("[schedule\n", encoding="utf-8")
    assert "line 1" in problem.args[0]
    assert path.read_text(encoding="utf-8") == "[schedule\n"  # left for the user to fix
    assert sync.settings.schedule.interval_minutes == 45
    with qtbot.assertNotEmitted(sync.problem, wait=200):
        sync.reload()  # the same problem again: not reported twice
    with qtbot.assertNotEmitted(sync.changed, wait=200):
        sync.reload()


def test_a_bad_value_written_live_is_reported_once_with_key_value_and_range(
    qtbot: QtBot, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    sync, path = make_sync(tmp_path)
    with caplog.at_level(logging.WARNING), qtbot.waitSignal(sync.problem, timeout=5000) as problem:
        path.write_text("[schedule]\ninterval_minutes = 2\n", encoding="utf-8")
    message = problem.args[0]
    assert "schedule.interval_minutes = 2 is not allowed" in message
    assert "5 to 240" in message
    assert "using the default 45" in message
    assert [r.getMessage() for r in caplog.records] == [f"settings: {message}"]
    # An unrelated change later applies, and the problem that is still there is not repeated.
    with qtbot.assertNotEmitted(sync.problem, wait=200), qtbot.waitSignal(sync.changed):
        path.write_text("[schedule]\ninterval_minutes = 2\nsnooze_minutes = 7\n", encoding="utf-8")
    assert sync.settings.schedule.snooze_minutes == 7
    # Fixed and broken again: a problem that comes back is news again.
    with qtbot.waitSignal(sync.changed):
        path.write_text("[schedule]\ninterval_minutes = 30\n", encoding="utf-8")
    with qtbot.waitSignal(sync.problem, timeout=5000) as again:
        path.write_text("[schedule]\ninterval_minutes = 2\n", encoding="utf-8")
    assert again.args[0] == message


def test_a_newer_schema_version_written_live_is_reported(qtbot: QtBot, tmp_path: Path) -> None:
    sync, path = make_sync(tmp_path)
    with qtbot.waitSignal(sync.problem, timeout=5000) as problem:
        path.write_text("schema_version = 99\n[schedule]\ninterval_minutes = 30\n")
    assert "newer version of backbreak" in problem.args[0]
    assert sync.settings.schedule.interval_minutes == 30
    assert sync.layered.read_only


@pytest.mark.parametrize("kind", ["folder", "fifo"])
def test_a_file_that_cannot_be_read_appearing_live_is_reported(
    qtbot: QtBot, tmp_path: Path, kind: str
) -> None:
    sync, path = make_sync(tmp_path)
    path.unlink()
    with qtbot.waitSignal(sync.problem, timeout=5000) as problem:
        if kind == "folder":
            path.mkdir()
        else:
            os.mkfifo(path)
    assert str(path) in problem.args[0]
    assert "not a regular file" in problem.args[0]
    assert sync.layered.read_only


def test_problems_known_at_start_are_not_reported_again(qtbot: QtBot, tmp_path: Path) -> None:
    folder = tmp_path / "backbreak"
    folder.mkdir()
    path = folder / "settings.toml"
    path.write_text("[schedule]\ninterval_minutes = 2\n", encoding="utf-8")

    def load() -> LayeredSettings:
        return load_layered(path, [], datetime.now(UTC), quarantine=False)

    sync = SettingsSync(path, load(), load)
    with qtbot.assertNotEmitted(sync.problem, wait=200), qtbot.waitSignal(sync.changed):
        path.write_text("[schedule]\ninterval_minutes = 2\nsnooze_minutes = 7\n", encoding="utf-8")
