"""Saving settings atomically, keeping what we don't understand, and start-up recovery."""

from __future__ import annotations

import datetime
import os
import stat
import sys
import time
import tomllib
from pathlib import Path
from typing import NoReturn

import platformdirs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from backbreak.config import loader
from backbreak.config.layers import LayeredSettings, load_layered
from backbreak.config.loader import SettingsSyntaxError, parse_settings, read_settings
from backbreak.config.schema import (
    BREATHING_PATTERN_CHOICES,
    WEEKDAYS,
    BreakSettings,
    InterruptionsSettings,
    PresenceSettings,
    ScheduleSettings,
    Settings,
    SoundSettings,
)
from backbreak.config.store import (
    NewerFileError,
    atomic_write_text,
    custom_exercises_path,
    quarantine,
    remove_stale_temps,
    render_settings,
    save_settings,
    settings_path,
)

NOW = datetime.datetime(2026, 3, 2, 8, 5, 9, tzinfo=datetime.UTC)
SAMPLE_EXERCISES = ("seated-t-spine-matrix", "breathing", "scapular-squeeze", "sport-cord-rows")
posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")

CUSTOM = Settings(
    schedule=ScheduleSettings(interval_minutes=30, work_end=datetime.time(18, 30)),
    break_=BreakSettings(exercise="breathing"),
)


def fail(*_args: object, **_kwargs: object) -> NoReturn:
    raise OSError("disk on fire")


def test_settings_path_is_the_per_user_config_file() -> None:
    path = settings_path()
    assert path.name == "settings.toml"
    assert path == platformdirs.user_config_path("backbreak") / "settings.toml"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG layout")
def test_settings_path_follows_xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert settings_path() == tmp_path / "backbreak" / "settings.toml"
    assert custom_exercises_path() == tmp_path / "backbreak" / "exercises"


def test_render_writes_new_keys_only_when_changed() -> None:
    settings = Settings(
        break_=BreakSettings(exercise=("scapular-squeeze", "breathing"), reduce_motion=True),
        sound=SoundSettings(volume=30),
    )
    document = tomllib.loads(render_settings(settings))
    assert document == {
        "schema_version": 1,
        "break": {"exercise": ["scapular-squeeze", "breathing"], "reduce_motion": True},
        "sound": {"volume": 30},
    }
    assert parse_settings(render_settings(settings)).settings == settings


# --- atomic_write_text ------------------------------------------------------------------------


def test_atomic_write_creates_folders_and_leaves_no_temp_files(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "settings.toml"
    atomic_write_text(path, "x = 'é'\n")
    assert path.read_bytes() == "x = 'é'\n".encode()
    assert list(path.parent.iterdir()) == [path]


def test_atomic_write_replaces_content_and_keeps_mode(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text("old = 1\n")
    if os.name == "posix":
        path.chmod(0o640)
    atomic_write_text(path, "new = 2\n")
    assert path.read_text() == "new = 2\n"
    assert list(tmp_path.iterdir()) == [path]
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o640


@posix_only
def test_atomic_write_new_file_honours_umask(tmp_path: Path) -> None:
    previous = os.umask(0o027)
    try:
        atomic_write_text(tmp_path / "settings.toml", "")
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "settings.toml").stat().st_mode) == 0o640


@pytest.mark.parametrize("broken", ["replace", "fsync"])
def test_failed_write_keeps_old_file_and_removes_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, broken: str
) -> None:
    path = tmp_path / "settings.toml"
    path.write_bytes(b"old = 1\n")
    monkeypatch.setattr(os, broken, fail)
    with pytest.raises(OSError, match="disk on fire"):
        atomic_write_text(path, "new = 2\n")
    monkeypatch.undo()
    assert path.read_bytes() == b"old = 1\n"
    assert list(tmp_path.iterdir()) == [path]


@posix_only
def test_atomic_write_goes_through_a_symlink(tmp_path: Path) -> None:
    real = tmp_path / "dotfiles" / "settings.toml"
    real.parent.mkdir()
    real.write_text("old = 1\n")
    link = tmp_path / "settings.toml"
    link.symlink_to(real)
    atomic_write_text(link, "new = 2\n")
    assert link.is_symlink()
    assert real.read_text() == "new = 2\n"


# --- quarantine -------------------------------------------------------------------------------


def test_quarantine_renames_with_timestamp_and_counter(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    moved = []
    for content in (b"one", b"two", b"three"):
        path.write_bytes(content)
        moved.append(quarantine(path, NOW))
        assert not path.exists()
    assert [p.name for p in moved] == [
        "settings.toml.corrupt-20260302-080509",
        "settings.toml.corrupt-20260302-080509-1",
        "settings.toml.corrupt-20260302-080509-2",
    ]
    assert [p.read_bytes() for p in moved] == [b"one", b"two", b"three"]


def test_the_quarantine_stamp_is_utc_whatever_the_zone_of_now(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_bytes(b"x")
    kolkata = datetime.timezone(datetime.timedelta(hours=5, minutes=30))
    moved = quarantine(path, NOW.astimezone(kolkata))
    assert moved.name == "settings.toml.corrupt-20260302-080509"


@pytest.mark.skipif(not hasattr(time, "tzset"), reason="needs time.tzset")
def test_a_save_stamps_the_quarantine_in_utc_like_start_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", "Asia/Kolkata")
    time.tzset()
    try:
        path = tmp_path / "settings.toml"
        path.write_bytes(b"[schedule\n")
        before = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
        save_settings(path, CUSTOM)
        after = datetime.datetime.now(datetime.UTC)
    finally:
        monkeypatch.undo()
        time.tzset()
    (aside,) = tmp_path.glob("settings.toml.corrupt-*")
    stamp = datetime.datetime.strptime(aside.name[-15:], "%Y%m%d-%H%M%S")
    assert before <= stamp.replace(tzinfo=datetime.UTC) <= after


# --- temp files left by killed saves ------------------------------------------------------------

HOUR_AGO = NOW.timestamp() - 3600


def temp_file(folder: Path, name: str, *, mtime: float = HOUR_AGO) -> Path:
    path = folder / name
    path.write_text("half a save", encoding="utf-8")
    os.utime(path, (mtime, mtime))
    return path


@posix_only
def test_only_our_own_stale_temp_files_are_removed(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text("schema_version = 1\n", encoding="utf-8")
    stale = [temp_file(tmp_path, ".settings.toml.0a1b2c3d.tmp")]
    kept = [
        temp_file(tmp_path, ".settings.toml.0a1b2c3e.tmp", mtime=NOW.timestamp() - 5),  # saving
        temp_file(tmp_path, ".state.toml.0a1b2c3d.tmp"),  # another file's: not asked for
        temp_file(tmp_path, ".settings.toml.0A1B2C3D.tmp"),  # not a name we make
        temp_file(tmp_path, ".settings.toml.0a1b2c3.tmp"),
        temp_file(tmp_path, "settings.toml.0a1b2c3d.tmp"),
    ]
    (tmp_path / ".settings.toml.11111111.tmp").mkdir()
    target = temp_file(tmp_path, "precious.txt")
    (tmp_path / ".settings.toml.22222222.tmp").symlink_to(target)
    os.utime(tmp_path / ".settings.toml.22222222.tmp", (HOUR_AGO, HOUR_AGO), follow_symlinks=False)
    if os.geteuid() == 0:
        foreign = temp_file(tmp_path, ".settings.toml.33333333.tmp")
        os.chown(foreign, 65534, 65534)
        kept.append(foreign)

    assert remove_stale_temps([path], now=NOW.timestamp()) == stale

    assert not stale[0].exists()
    assert all(path.exists() for path in kept)
    assert (tmp_path / ".settings.toml.11111111.tmp").is_dir()
    assert (tmp_path / ".settings.toml.22222222.tmp").is_symlink()
    assert target.exists()
    assert path.read_text(encoding="utf-8") == "schema_version = 1\n"


@posix_only
def test_stale_temp_files_are_looked_for_where_a_symlinked_file_is_saved(tmp_path: Path) -> None:
    dotfiles = tmp_path / "dotfiles"
    dotfiles.mkdir()
    (dotfiles / "backbreak.toml").write_text("schema_version = 1\n", encoding="utf-8")
    link = tmp_path / "settings.toml"
    link.symlink_to(dotfiles / "backbreak.toml")
    stale = temp_file(dotfiles, ".backbreak.toml.0a1b2c3d.tmp")
    assert remove_stale_temps([link], now=NOW.timestamp()) == [stale]


def test_a_missing_folder_has_no_stale_temp_files(tmp_path: Path) -> None:
    assert remove_stale_temps([tmp_path / "nowhere" / "settings.toml"]) == []


def test_the_temp_file_of_a_killed_save_is_cleaned_later(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The names saves make and the names the cleaning matches stay in step."""
    path = tmp_path / "settings.toml"
    monkeypatch.setattr(os, "replace", fail)  # killed before the rename...
    monkeypatch.setattr(os, "unlink", lambda _path: None)  # ...so nothing tidied up
    with pytest.raises(OSError, match="disk on fire"):
        atomic_write_text(path, "x")
    monkeypatch.undo()
    (leftover,) = tmp_path.iterdir()
    assert remove_stale_temps([path]) == []  # too fresh: it could be a save in progress
    assert remove_stale_temps([path], now=time.time() + 3600) == [leftover]
    assert list(tmp_path.iterdir()) == []


# --- render_settings --------------------------------------------------------------------------


def test_render_defaults_writes_only_the_version() -> None:
    text = render_settings(Settings())
    assert tomllib.loads(text) == {"schema_version": 1}


def test_render_writes_only_non_default_values_in_key_order() -> None:
    text = render_settings(CUSTOM)
    assert tomllib.loads(text) == {
        "schema_version": 1,
        "schedule": {"interval_minutes": 30, "work_end": "18:30"},
        "break": {"exercise": "breathing"},
    }
    assert text.index("interval_minutes") < text.index("work_end") < text.index("exercise")


def test_render_writes_an_empty_work_week() -> None:
    settings = Settings(schedule=ScheduleSettings(work_days=()))
    assert tomllib.loads(render_settings(settings))["schedule"] == {"work_days": []}


def test_render_keeps_unknown_keys_and_drops_stale_known_ones() -> None:
    keep = {
        "schema_version": 1,
        "theme": "dark",
        "schedule": {"interval_minutes": 500, "snooze_minutes": 20, "lunch": "12:00"},
        "break": {"exercise": "yoga"},
        "plugins": {"x": {"y": [1, 2]}},
    }
    document = tomllib.loads(render_settings(CUSTOM, keep))
    assert document == {
        "schema_version": 1,
        "theme": "dark",
        "schedule": {"interval_minutes": 30, "work_end": "18:30", "lunch": "12:00"},
        "break": {"exercise": "breathing"},
        "plugins": {"x": {"y": [1, 2]}},
    }
    assert keep["schedule"] == {"interval_minutes": 500, "snooze_minutes": 20, "lunch": "12:00"}


def test_render_against_other_defaults_and_with_locked_keys() -> None:
    defaults = Settings(schedule=ScheduleSettings(interval_minutes=30))
    settings = Settings(
        schedule=ScheduleSettings(interval_minutes=30, snooze_minutes=5),
        sound=SoundSettings(volume=20),
    )
    keep = {"schedule": {"interval_minutes": 90, "snooze_minutes": 1}, "sound": {"volume": 99}}
    document = tomllib.loads(
        render_settings(settings, keep, defaults=defaults, locked={"sound.volume"})
    )
    assert document == {
        "schema_version": 1,
        "schedule": {"snooze_minutes": 5},  # 30 is the default given, so not written
        "sound": {"volume": 99},  # locked: the file's own value stays as it was
    }


def test_render_replaces_a_section_that_was_not_a_table() -> None:
    document = tomllib.loads(render_settings(Settings(), {"schedule": 5}))
    assert document == {"schema_version": 1}


custom_settings = st.builds(
    Settings,
    schedule=st.builds(
        ScheduleSettings,
        interval_minutes=st.integers(5, 240),
        work_days=st.lists(st.sampled_from(WEEKDAYS), unique=True).map(tuple),
        work_start=st.times().map(lambda t: t.replace(second=0, microsecond=0)),
        work_end=st.times().map(lambda t: t.replace(second=0, microsecond=0)),
        snooze_minutes=st.integers(1, 60),
    ),
    break_=st.builds(
        BreakSettings,
        exercise=st.sampled_from(("alternate", *SAMPLE_EXERCISES))
        | st.lists(st.sampled_from((*SAMPLE_EXERCISES, "my-move")), min_size=1, max_size=20).map(
            tuple
        ),
        breathing_pattern=st.sampled_from(BREATHING_PATTERN_CHOICES),
        reduce_motion=st.booleans(),
    ),
    sound=st.builds(
        SoundSettings,
        chime=st.booleans(),
        volume=st.integers(0, 100),
        speak=st.booleans(),
    ),
    presence=st.builds(PresenceSettings, idle_minutes=st.integers(1, 30)),
    interruptions=st.builds(
        InterruptionsSettings,
        fullscreen=st.booleans(),
        do_not_disturb=st.booleans(),
        calls=st.booleans(),
    ),
)


@given(custom_settings)
def test_render_then_parse_round_trips(settings: Settings) -> None:
    loaded = parse_settings(render_settings(settings))
    assert loaded.problems == ()
    assert loaded.settings == settings


# --- save_settings ----------------------------------------------------------------------------


def test_save_creates_the_file(tmp_path: Path) -> None:
    path = tmp_path / "config" / "settings.toml"
    save_settings(path, CUSTOM)
    assert read_settings(path).settings == CUSTOM
    assert list(path.parent.iterdir()) == [path]


def test_save_keeps_unknown_keys_of_the_existing_file(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text("schema_version = 1\nnote = 'mine'\n[schedule]\nlunch = 12:30:00\n")
    save_settings(path, CUSTOM)
    document = tomllib.loads(path.read_text())
    assert document["note"] == "mine"
    assert document["schedule"]["lunch"] == datetime.time(12, 30)
    assert read_settings(path).settings == CUSTOM


def test_save_refuses_to_overwrite_a_newer_file(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    original = b"schema_version = 2\n[schedule]\ninterval_minutes = 60\n"
    path.write_bytes(original)
    with pytest.raises(NewerFileError) as caught:
        save_settings(path, CUSTOM)
    assert caught.value.path == path
    assert caught.value.version == 2
    assert str(path) in str(caught.value)
    assert path.read_bytes() == original
    assert list(tmp_path.iterdir()) == [path]


def test_save_over_an_unparseable_file_keeps_it_aside(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_bytes(b"[schedule\n")
    save_settings(path, CUSTOM, now=NOW)
    assert read_settings(path).settings == CUSTOM
    aside = tmp_path / "settings.toml.corrupt-20260302-080509"
    assert aside.read_bytes() == b"[schedule\n"


def test_save_refuses_when_the_existing_file_cannot_be_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "settings.toml"
    path.write_bytes(b"schema_version = 1\n")
    monkeypatch.setattr(loader, "read_bounded", fail)
    with pytest.raises(OSError, match="disk on fire"):
        save_settings(path, CUSTOM)
    monkeypatch.undo()
    assert path.read_bytes() == b"schema_version = 1\n"


# --- start-up: load_layered(..., quarantine=True) on the user's file alone ----------------


def startup(path: Path) -> LayeredSettings:
    return load_layered(path, [], NOW, quarantine=True)


def test_startup_without_a_file(tmp_path: Path) -> None:
    result = startup(tmp_path / "settings.toml")
    assert result.settings == Settings()
    assert (result.problems, result.quarantined, result.syntax_error) == ((), None, None)
    assert not result.read_only
    assert list(tmp_path.iterdir()) == []


def test_startup_quarantines_an_unparseable_file(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    original = b"schema_version = 1\r\n[schedule]\r\ninterval_minutes = = 3\r\n\xff"
    path.write_bytes(original)
    result = startup(path)
    assert result.settings == Settings()
    assert not path.exists()
    assert result.quarantined == tmp_path / "settings.toml.corrupt-20260302-080509"
    assert result.quarantined.read_bytes() == original
    assert isinstance(result.syntax_error, SettingsSyntaxError)
    assert result.syntax_error.path == path
    assert not result.read_only
    (message,) = result.problems
    assert str(result.quarantined) in message


def test_startup_keeps_a_broken_file_read_only_if_it_cannot_be_moved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "settings.toml"
    path.write_bytes(b"[[[")
    monkeypatch.setattr(os, "rename", fail)
    result = startup(path)
    assert result.settings == Settings()
    assert result.quarantined is None
    assert result.syntax_error is not None
    assert result.read_only
    assert path.read_bytes() == b"[[["


def test_startup_with_bad_values_leaves_the_file_alone(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    original = b"[schedule]\ninterval_minutes = 500\nsnooze_minutes = 20\n"
    path.write_bytes(original)
    result = startup(path)
    assert result.settings.schedule.interval_minutes == 45
    assert result.settings.schedule.snooze_minutes == 20
    (message,) = result.problems
    assert "schedule.interval_minutes" in message
    assert (result.quarantined, result.syntax_error, result.read_only) == (None, None, False)
    assert path.read_bytes() == original
    assert list(tmp_path.iterdir()) == [path]


def test_startup_with_a_newer_file_is_read_only(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    original = b"schema_version = 3\nshiny = true\n[break]\nexercise = 'breathing'\n"
    path.write_bytes(original)
    result = startup(path)
    assert result.read_only
    assert result.settings.break_.exercise == "breathing"
    with pytest.raises(NewerFileError):
        save_settings(path, result.settings)
    assert path.read_bytes() == original


def test_startup_survives_an_unreadable_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "settings.toml"
    path.write_bytes(b"schema_version = 1\n")

    def denied(_path: Path, _limit: int) -> NoReturn:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(loader, "read_bounded", denied)
    result = startup(path)
    monkeypatch.undo()
    assert result.settings == Settings()
    assert result.read_only
    assert result.quarantined is None
    assert "Permission denied" in result.problems[0]
    assert path.read_bytes() == b"schema_version = 1\n"
    assert list(tmp_path.iterdir()) == [path]


def test_startup_survives_a_folder_in_place_of_the_file(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.mkdir()
    result = startup(path)
    assert result.settings == Settings()
    assert result.read_only
    assert result.problems
    assert path.is_dir()
