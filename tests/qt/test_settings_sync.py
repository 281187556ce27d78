"""Hand edits of the settings file reach the running app; a broken edit is reported once."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from pytestqt.qtbot import QtBot

from backbreak.config.layers import LayeredSettings, load_layered
from backbreak.config.schema import Settings
from backbreak.ui.settings_sync import SettingsSync


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
