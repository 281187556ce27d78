"""Organisation-wide site files under the user's settings: defaults, locks, problems, saving."""

from __future__ import annotations

import datetime
import os
import sys
import tempfile
import tomllib
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backbreak.config import loader
from backbreak.config.files import read_bounded
from backbreak.config.layers import (
    LayeredSettings,
    load_layered,
    save_user_settings,
    site_settings_paths,
)
from backbreak.config.loader import SettingsSyntaxError
from backbreak.config.schema import (
    KEYS,
    KEYS_BY_DOTTED,
    SECTIONS,
    ScheduleSettings,
    Settings,
    SoundSettings,
    replace_value,
)
from backbreak.config.store import NewerFileError

NOW = datetime.datetime(2026, 3, 2, 8, 5, 9, tzinfo=datetime.UTC)
xdg_only = pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="XDG layout")


def deny_reading(monkeypatch: pytest.MonkeyPatch, denied: Path) -> None:
    """Make ``denied`` unreadable, as a file without read permission is (even for root)."""

    def guarded(path: Path, limit: int) -> bytes:
        if path == denied:
            raise PermissionError(13, "Permission denied", str(path))
        return read_bounded(path, limit)

    monkeypatch.setattr(loader, "read_bounded", guarded)


class Files:
    """A user file and any number of site folders under one temporary directory."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.user = root / "home" / "backbreak" / "settings.toml"
        self.sites: list[Path] = []

    def site(self, text: str | None, name: str | None = None) -> Path:
        """Add a site file, less important than those added before; ``None``: no file there."""
        path = self.root / (name or f"site{len(self.sites)}") / "backbreak" / "settings.toml"
        if text is not None:
            write(path, text)
        self.sites.append(path)
        return path

    def write_user(self, text: str) -> Path:
        return write(self.user, text)

    def load(self, *, quarantine: bool = False) -> LayeredSettings:
        return load_layered(self.user, self.sites, NOW, quarantine=quarantine)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def files(tmp_path: Path) -> Files:
    return Files(tmp_path)


def only(problems: tuple[str, ...]) -> str:
    assert len(problems) == 1, problems
    return problems[0]


# --- where site files are -------------------------------------------------------------------


@xdg_only
def test_site_paths_follow_xdg_config_dirs_most_important_first() -> None:
    env = {"XDG_CONFIG_DIRS": "/opt/corp/xdg:relative/dir::/etc/xdg/:/opt/corp/xdg"}
    assert site_settings_paths(env) == [
        Path("/opt/corp/xdg/backbreak/settings.toml"),
        Path("/etc/xdg/backbreak/settings.toml"),
    ]


@xdg_only
@pytest.mark.parametrize("value", [None, "", "  ", "relative:also/relative"])
def test_site_path_defaults_to_etc_xdg(value: str | None) -> None:
    env = {} if value is None else {"XDG_CONFIG_DIRS": value}
    assert site_settings_paths(env) == [Path("/etc/xdg/backbreak/settings.toml")]


@xdg_only
def test_site_paths_read_the_environment_by_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(tmp_path))
    assert site_settings_paths() == [tmp_path / "backbreak" / "settings.toml"]


# --- defaults and overrides -----------------------------------------------------------------


def test_without_any_file_everything_is_built_in(files: Files) -> None:
    files.site(None)
    layered = files.load()
    assert layered.settings == layered.defaults == Settings()
    assert layered.locked == frozenset()
    assert dict(layered.locked_by) == {}
    assert layered.user_document == {}
    assert layered.problems == ()
    assert (layered.quarantined, layered.syntax_error, layered.read_only) == (None, None, False)


def test_site_values_become_the_defaults(files: Files) -> None:
    files.site("[schedule]\ninterval_minutes = 30\n[presence]\nidle_minutes = 5\n")
    layered = files.load()
    expected = replace_value(
        replace_value(Settings(), "schedule.interval_minutes", 30), "presence.idle_minutes", 5
    )
    assert layered.defaults == expected
    assert layered.settings == expected
    assert layered.problems == ()


def test_the_users_file_overrides_site_defaults(files: Files) -> None:
    files.site("[schedule]\ninterval_minutes = 30\nsnooze_minutes = 5\n")
    files.write_user("[schedule]\ninterval_minutes = 60\n[sound]\nvolume = 10\n")
    layered = files.load()
    assert layered.settings.schedule == ScheduleSettings(interval_minutes=60, snooze_minutes=5)
    assert layered.settings.sound == SoundSettings(volume=10)
    assert layered.defaults.schedule == ScheduleSettings(interval_minutes=30, snooze_minutes=5)
    assert layered.user_document == {"schedule": {"interval_minutes": 60}, "sound": {"volume": 10}}
    assert layered.problems == ()


def test_a_bad_user_value_falls_back_to_the_site_default(files: Files) -> None:
    files.site("[schedule]\ninterval_minutes = 30\n")
    files.write_user("[schedule]\ninterval_minutes = 500\n")
    layered = files.load()
    assert layered.settings.schedule.interval_minutes == 30
    assert only(layered.problems) == (
        f"{files.user}: schedule.interval_minutes = 500 is not allowed "
        "(a whole number from 5 to 240); using the default 30"
    )


def test_several_site_files_the_first_is_the_most_important(
    files: Files, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = files.site("[schedule]\ninterval_minutes = 60\n", "first")
    second = files.site(
        'locked = ["sound.volume"]\n[schedule]\ninterval_minutes = 30\n[sound]\nvolume = 20\n',
        "second",
    )
    files.site('locked = ["sound.volume", "schedule.interval_minutes"]\n', "third")
    files.write_user("[schedule]\ninterval_minutes = 90\n")
    layered = files.load()
    assert layered.defaults.schedule.interval_minutes == 60
    assert layered.defaults.sound.volume == 20
    assert layered.settings.schedule.interval_minutes == 60  # locked by the third, value of first
    assert layered.locked == {"sound.volume", "schedule.interval_minutes"}
    assert layered.locked_by["sound.volume"] == second  # the most important one that locks it
    assert "organisation" in only(layered.problems)

    # The same order through $XDG_CONFIG_DIRS.
    if sys.platform not in ("win32", "darwin"):
        folders = [path.parent.parent for path in files.sites]
        monkeypatch.setenv("XDG_CONFIG_DIRS", os.pathsep.join(map(str, folders)))
        assert site_settings_paths() == files.sites
        assert first == files.sites[0]


# --- locked keys ----------------------------------------------------------------------------


def test_locked_keys_ignore_the_users_value_with_a_problem(files: Files) -> None:
    site = files.site(
        'locked = ["schedule.interval_minutes", "interruptions.fullscreen"]\n'
        "[schedule]\ninterval_minutes = 30\n"
    )
    files.write_user(
        "[schedule]\ninterval_minutes = 60\nsnooze_minutes = 5\n"
        "[interruptions]\nfullscreen = false\n"
    )
    layered = files.load()
    assert layered.settings.schedule.interval_minutes == 30
    assert layered.settings.schedule.snooze_minutes == 5
    assert layered.settings.interruptions.fullscreen is True  # locked at the built-in default
    assert layered.locked == {"schedule.interval_minutes", "interruptions.fullscreen"}
    assert dict(layered.locked_by) == {
        "schedule.interval_minutes": site,
        "interruptions.fullscreen": site,
    }
    assert layered.problems == (
        f"{files.user}: schedule.interval_minutes is set by your organisation (in {site}); "
        "your value 60 is ignored",
        f"{files.user}: interruptions.fullscreen is set by your organisation (in {site}); "
        "your value false is ignored",
    )
    assert not layered.read_only


def test_a_users_value_equal_to_the_locked_one_is_not_worth_a_message(files: Files) -> None:
    files.site('locked = ["schedule.interval_minutes"]\n[schedule]\ninterval_minutes = 30\n')
    files.write_user("[schedule]\ninterval_minutes = 30\n")
    assert files.load().problems == ()


def test_a_bad_users_value_for_a_locked_key_says_it_is_locked(files: Files) -> None:
    files.site('locked = ["sound.volume"]\n')
    files.write_user("[sound]\nvolume = 500\n")
    layered = files.load()
    assert layered.settings.sound.volume == 60
    assert "sound.volume is set by your organisation" in only(layered.problems)
    assert "500" in layered.problems[0]


def test_unknown_names_in_locked_are_reported(files: Files) -> None:
    site = files.site(
        'locked = ["schedule.intervall", "schedule", 3, "sound.chime"]\n[sound]\nchime = false\n'
    )
    layered = files.load()
    assert layered.locked == {"sound.chime"}
    assert layered.settings.sound.chime is False
    assert layered.problems == (
        f'{site}: unknown setting "schedule.intervall" in locked ignored',
        f'{site}: unknown setting "schedule" in locked ignored',
        f"{site}: unknown setting 3 in locked ignored",
    )


def test_locked_that_is_not_a_list_locks_nothing(files: Files) -> None:
    site = files.site('locked = "schedule.interval_minutes"\n')
    files.write_user("[schedule]\ninterval_minutes = 60\n")
    layered = files.load()
    assert layered.locked == frozenset()
    assert layered.settings.schedule.interval_minutes == 60
    assert only(layered.problems).startswith(f'{site}: locked = "schedule.interval_minutes" is')


def test_locked_in_the_users_file_has_no_effect(files: Files) -> None:
    files.write_user('locked = ["schedule.interval_minutes"]\n')
    layered = files.load()
    assert layered.locked == frozenset()
    assert only(layered.problems) == (
        f"{files.user}: locked only has an effect in a site settings file"
    )


def test_a_newer_site_file_may_lock_keys_this_version_does_not_know(files: Files) -> None:
    files.site('schema_version = 2\nlocked = ["future.key", "sound.speak"]\n[future]\nx = 1\n')
    layered = files.load()
    assert layered.locked == {"sound.speak"}
    assert layered.problems == ()
    assert not layered.read_only  # the site file's version says nothing about the user's file


# --- bad site files -------------------------------------------------------------------------


def test_a_site_file_with_a_syntax_error_is_skipped_as_a_whole(files: Files) -> None:
    site = files.site(
        'locked = ["schedule.interval_minutes"]\n[schedule]\ninterval_minutes = = 30\n'
    )
    before = site.read_bytes()
    files.write_user("[schedule]\ninterval_minutes = 60\n")
    for quarantine in (False, True):
        layered = files.load(quarantine=quarantine)
        assert layered.settings.schedule.interval_minutes == 60
        assert layered.defaults == Settings()
        assert layered.locked == frozenset()
        problem = only(layered.problems)
        assert problem.startswith(f"{site}: line 3, column ")
        assert problem.endswith("; this site settings file is skipped")
        assert layered.syntax_error is None
        assert layered.quarantined is None
        assert site.read_bytes() == before
        assert list(site.parent.iterdir()) == [site]


def test_a_bad_site_value_falls_back_to_the_built_in_default(files: Files) -> None:
    site = files.site("[schedule]\ninterval_minutes = 500\nsnooze_minutes = 5\n")
    layered = files.load()
    assert layered.defaults.schedule == ScheduleSettings(snooze_minutes=5)
    assert only(layered.problems) == (
        f"{site}: schedule.interval_minutes = 500 is not allowed "
        "(a whole number from 5 to 240); using the default 45"
    )


def test_a_bad_value_in_a_more_important_site_file_keeps_the_less_important_one(
    files: Files,
) -> None:
    strong = files.site("[schedule]\ninterval_minutes = 4\n")
    files.site("[schedule]\ninterval_minutes = 30\n")
    layered = files.load()
    assert layered.defaults.schedule.interval_minutes == 30
    assert only(layered.problems).startswith(f"{strong}: schedule.interval_minutes = 4 ")
    assert layered.problems[0].endswith("using the default 30")


def test_unknown_keys_in_a_site_file_are_reported(files: Files) -> None:
    site = files.site("[schedule]\nintervall = 30\n[colours]\n")
    assert files.load().problems == (
        f"{site}: unknown key 'schedule.intervall' ignored",
        f"{site}: unknown section [colours] ignored",
    )


def test_many_unknown_keys_are_one_line_per_file(files: Files) -> None:
    site = files.site("[colours]\n[fonts]\n[schedule]\nintervall = 1\nsnoze = 2\n")
    keys = "".join(f"key{number} = {number}\n" for number in range(10_000))
    user = files.write_user(f"{keys}[schedule]\ninterval_minutes = 2\nx = 1\n")
    assert files.load().problems == (
        f"{site}: 4 unknown keys ignored: schedule.intervall, schedule.snoze, [colours] and 1 more",
        f"{user}: schedule.interval_minutes = 2 is not allowed (a whole number from 5 to 240); "
        "using the default 45",
        f"{user}: 10001 unknown keys ignored: schedule.x, key0, key1 and 9998 more",
    )


def test_an_unreadable_site_file_is_reported_and_skipped(
    files: Files, monkeypatch: pytest.MonkeyPatch
) -> None:
    unreadable = files.site('locked = ["sound.volume"]\n[sound]\nvolume = 5\n')
    files.site("[sound]\nchime = false\n")
    deny_reading(monkeypatch, unreadable)
    layered = files.load()
    assert layered.settings.sound == SoundSettings(chime=False)
    assert layered.locked == frozenset()
    assert only(layered.problems) == (
        f"{unreadable}: could not read the site settings file (Permission denied); it is skipped"
    )


def test_a_folder_in_place_of_a_site_file_is_reported(files: Files) -> None:
    folder = files.site(None)
    folder.mkdir(parents=True)
    layered = files.load()
    assert layered.settings == Settings()
    assert only(layered.problems).startswith(f"{folder}: could not read the site settings file")


def test_a_site_path_that_is_the_users_file_is_not_a_site_file(files: Files) -> None:
    files.write_user('[sound]\nvolume = 5\nlocked = ["sound.volume"]\n')
    files.sites.append(files.user)
    layered = files.load()
    assert layered.defaults == Settings()
    assert layered.settings.sound.volume == 5
    assert layered.locked == frozenset()


# --- the user's file ------------------------------------------------------------------------


def test_an_unparseable_user_file_raises_without_quarantine_and_is_left_alone(
    files: Files,
) -> None:
    files.site("[schedule]\ninterval_minutes = 30\n")
    files.write_user("[schedule]\ninterval_minutes = = 3\n")
    before = files.user.read_bytes()
    with pytest.raises(SettingsSyntaxError) as caught:
        files.load(quarantine=False)
    assert caught.value.path == files.user
    assert caught.value.line == 2
    assert files.user.read_bytes() == before
    assert list(files.user.parent.iterdir()) == [files.user]


def test_an_unparseable_user_file_is_moved_aside_with_quarantine(files: Files) -> None:
    site = files.site("[schedule]\ninterval_minutes = 30\n")
    files.write_user("[schedule]\ninterval_minutes = = 3\n")
    before = files.user.read_bytes()
    layered = files.load(quarantine=True)
    moved = files.user.with_name("settings.toml.corrupt-20260302-080509")
    assert layered.quarantined == moved
    assert moved.read_bytes() == before
    assert not files.user.exists()
    assert layered.syntax_error is not None
    assert layered.syntax_error.line == 2
    assert layered.settings == layered.defaults
    assert layered.settings.schedule.interval_minutes == 30
    assert not layered.read_only
    assert only(layered.problems).startswith(f"{files.user}: line 2, column ")
    assert f"moved to {moved}" in layered.problems[0]
    assert list(site.parent.iterdir()) == [site]


def test_an_unreadable_user_file_means_defaults_and_read_only(
    files: Files, monkeypatch: pytest.MonkeyPatch
) -> None:
    files.site("[sound]\nvolume = 5\n")
    before = files.write_user("[sound]\nvolume = 50\n").read_bytes()
    deny_reading(monkeypatch, files.user)
    for quarantine in (False, True):
        layered = files.load(quarantine=quarantine)
        assert layered.settings.sound.volume == 5
        assert layered.read_only
        assert layered.quarantined is None
        assert only(layered.problems) == (
            f"{files.user}: could not read the file (Permission denied); using the defaults "
            "and not saving changes"
        )
    monkeypatch.undo()
    assert files.user.read_bytes() == before
    assert list(files.user.parent.iterdir()) == [files.user]


def test_a_folder_in_place_of_the_users_file_means_read_only(files: Files) -> None:
    files.user.mkdir(parents=True)
    layered = files.load(quarantine=True)
    assert layered.read_only
    assert layered.settings == Settings()
    assert files.user.is_dir()


def test_a_newer_user_file_is_used_but_read_only(files: Files) -> None:
    files.write_user("schema_version = 2\n[sound]\nvolume = 5\n[future]\nx = 1\n")
    layered = files.load()
    assert layered.settings.sound.volume == 5
    assert layered.read_only
    assert "newer version" in only(layered.problems)


# --- saving ---------------------------------------------------------------------------------


def saved(path: Path) -> dict[str, Any]:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def test_save_writes_only_differences_from_the_layered_defaults(files: Files) -> None:
    files.site("[schedule]\ninterval_minutes = 30\n[sound]\nvolume = 20\n")
    layered = files.load()
    changed = replace_value(layered.settings, "sound.volume", 60)  # the built-in default
    changed = replace_value(changed, "presence.idle_minutes", 10)
    save_user_settings(files.user, changed, layered)
    assert saved(files.user) == {
        "schema_version": 1,
        "sound": {"volume": 60},
        "presence": {"idle_minutes": 10},
    }
    assert files.load().settings == changed


def test_save_never_writes_locked_keys(files: Files) -> None:
    files.site('locked = ["schedule.interval_minutes", "sound.volume"]\n')
    files.write_user("[sound]\nvolume = 5\n")
    layered = files.load()
    changed = replace_value(layered.settings, "schedule.interval_minutes", 90)
    changed = replace_value(changed, "schedule.snooze_minutes", 3)
    save_user_settings(files.user, changed, layered)
    # The user's own value for a locked key stays in their file, ignored while it is locked.
    assert saved(files.user) == {
        "schema_version": 1,
        "schedule": {"snooze_minutes": 3},
        "sound": {"volume": 5},
    }


def test_save_keeps_unknown_keys(files: Files) -> None:
    files.write_user('colour = "teal"\n[sound]\nvolume = 5\nloudness = 3\n[plugin]\nx = 1\n')
    layered = files.load()
    save_user_settings(files.user, replace_value(layered.settings, "sound.volume", 7), layered)
    assert saved(files.user) == {
        "schema_version": 1,
        "colour": "teal",
        "sound": {"volume": 7, "loudness": 3},
        "plugin": {"x": 1},
    }


def test_save_refuses_a_newer_file(files: Files) -> None:
    files.write_user("schema_version = 2\n[sound]\nvolume = 5\n")
    before = files.user.read_bytes()
    layered = files.load()
    with pytest.raises(NewerFileError):
        save_user_settings(files.user, Settings(), layered)
    assert files.user.read_bytes() == before


def test_save_creates_the_folder_and_leaves_site_files_alone(files: Files) -> None:
    site = files.site('locked = ["sound.chime"]\n[sound]\nvolume = 20\n')
    before = site.read_bytes()
    layered = files.load()
    save_user_settings(files.user, replace_value(layered.settings, "sound.speak", True), layered)
    assert saved(files.user) == {"schema_version": 1, "sound": {"speak": True}}
    assert site.read_bytes() == before
    assert [p.name for p in files.user.parent.iterdir()] == ["settings.toml"]


# --- property tests -------------------------------------------------------------------------

scalars = st.one_of(
    st.booleans(),
    st.integers(-5, 300),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=10),
    st.sampled_from([key.dotted for key in KEYS] + ["09:00", "alternate", "box", "mon"]),
    st.times(),
)
toml_values = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=6), children, max_size=3)
    ),
    max_leaves=8,
)


def section_tables(section: str) -> st.SearchStrategy[dict[str, Any]]:
    names = [key.name for key in KEYS if key.section == section]
    return st.dictionaries(st.sampled_from(names) | st.text(max_size=6), toml_values, max_size=4)


documents = st.fixed_dictionaries(
    {},
    optional={
        "schema_version": st.sampled_from([1, 1, 2]) | toml_values,
        "locked": st.lists(st.sampled_from(list(KEYS_BY_DOTTED)) | scalars, max_size=5)
        | toml_values,
        **{section: section_tables(section) | toml_values for section in SECTIONS},
        "other": toml_values,
    },
)
file_texts = st.none() | documents.map(tomli_w.dumps) | st.text(max_size=200)


def within_bounds(settings: Settings) -> bool:
    return all(key.parse(key.get(settings)) == key.get(settings) for key in KEYS)


def load_or_syntax_error(
    files: Files, *, quarantine: bool
) -> LayeredSettings | SettingsSyntaxError:
    try:
        return files.load(quarantine=quarantine)
    except SettingsSyntaxError as error:
        return error


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sites=st.lists(file_texts, max_size=3), user=file_texts, quarantine=st.booleans())
def test_arbitrary_site_and_user_files_never_crash(
    sites: list[str | None], user: str | None, quarantine: bool
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        files = Files(Path(folder))
        site_paths = [files.site(text) for text in sites]
        before = [path.read_bytes() if path.exists() else None for path in site_paths]
        if user is not None:
            files.write_user(user)
        outcome = load_or_syntax_error(files, quarantine=quarantine)
        after = [path.read_bytes() if path.exists() else None for path in site_paths]
        assert after == before  # site files are never moved or written
        if isinstance(outcome, SettingsSyntaxError):
            assert not quarantine
            assert outcome.path == files.user
            assert files.user.read_bytes() == (user or "").encode()  # left alone
            return
        layered = outcome
        assert within_bounds(layered.settings)
        assert within_bounds(layered.defaults)
        assert layered.locked <= set(KEYS_BY_DOTTED)
        assert set(layered.locked_by) == layered.locked
        for key in layered.locked:
            spec = KEYS_BY_DOTTED[key]
            assert spec.get(layered.settings) == spec.get(layered.defaults)
        assert all(line and "\n" not in line for line in layered.problems)
        assert (layered.quarantined is not None) <= quarantine
        if not layered.read_only:
            speak = not layered.settings.sound.speak
            changed = replace_value(layered.settings, "sound.speak", speak)
            save_user_settings(files.user, changed, layered)
            expected = layered.settings if "sound.speak" in layered.locked else changed
            assert files.load().settings == expected
