"""Reading hand-written settings files: per-key fallbacks, clear messages, syntax errors."""

from __future__ import annotations

import datetime
import os
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

from backbreak.config.kinds import Days, ExerciseChoice, OneOf, Switch, TimeOfDay, Whole
from backbreak.config.loader import (
    MAX_NESTING,
    LoadedSettings,
    SettingProblem,
    SettingsSyntaxError,
    parse_settings,
    read_settings,
)
from backbreak.config.schema import (
    BREATHING_PATTERN_CHOICES,
    KEYS,
    KEYS_BY_DOTTED,
    SECTIONS,
    WEEKDAYS,
    KeySpec,
    Settings,
)

SAMPLE_EXERCISES = ("alternate", "seated-t-spine-matrix", "breathing", "scapular-squeeze")

# Every key set to a valid value that differs from its default.
ALL_KEYS_TOML = """\
schema_version = 1

[schedule]
interval_minutes = 30
work_days = ["sat", "mon"]
work_start = "22:00"
work_end = 06:15:00
snooze_minutes = 5

[break]
exercise = ["breathing", "scapular-squeeze", "my-own-move"]
breathing_pattern = "slow"
reduce_motion = true

[sound]
chime = false
volume = 0
speak = true

[presence]
idle_minutes = 30

[interruptions]
fullscreen = false
do_not_disturb = false
calls = false

[history]
record = false

[goals]
breaks_per_day = 30
routines_per_week = 7

[interface]
language = "da"
"""

ALL_KEYS_VALUES: dict[str, object] = {
    "schedule.interval_minutes": 30,
    "schedule.work_days": ("mon", "sat"),
    "schedule.work_start": datetime.time(22, 0),
    "schedule.work_end": datetime.time(6, 15),
    "schedule.snooze_minutes": 5,
    "break.exercise": ("breathing", "scapular-squeeze", "my-own-move"),
    "break.breathing_pattern": "slow",
    "break.reduce_motion": True,
    "sound.chime": False,
    "sound.volume": 0,
    "sound.speak": True,
    "presence.idle_minutes": 30,
    "interruptions.fullscreen": False,
    "interruptions.do_not_disturb": False,
    "interruptions.calls": False,
    "history.record": False,
    "goals.breaks_per_day": 30,
    "goals.routines_per_week": 7,
    "interface.language": "da",
}


def values(settings: Settings) -> dict[str, object]:
    return {key.dotted: key.get(settings) for key in KEYS}


def assert_within_bounds(settings: Settings) -> None:
    """Every value is one the schema itself accepts (and ints are within their bounds)."""
    for key in KEYS:
        value = key.get(settings)
        assert key.parse(value) == value, key.dotted
        if isinstance(key.kind, Whole):
            assert isinstance(value, int)
            assert not isinstance(value, bool)
            assert key.kind.low <= value <= key.kind.high


def test_missing_file_gives_defaults(tmp_path: Path) -> None:
    path = tmp_path / "nowhere" / "settings.toml"
    loaded = read_settings(path)
    assert loaded.settings == Settings()
    assert loaded.problems == ()
    assert loaded.file_version is None
    assert not loaded.newer
    assert not path.parent.exists()


def test_empty_text_gives_defaults() -> None:
    loaded = parse_settings("")
    assert loaded == LoadedSettings(Settings(), (), {}, None, False)


def test_every_key_is_applied(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text(ALL_KEYS_TOML, encoding="utf-8")
    loaded = read_settings(path)
    assert loaded.problems == ()
    assert values(loaded.settings) == ALL_KEYS_VALUES
    assert loaded.values == ALL_KEYS_VALUES
    assert loaded.file_version == 1
    section = loaded.document["break"]
    assert isinstance(section, dict)
    assert section["exercise"] == ["breathing", "scapular-squeeze", "my-own-move"]


def test_toml_local_time_with_seconds_is_accepted() -> None:
    loaded = parse_settings("[schedule]\nwork_start = 07:45:00\n")
    assert loaded.settings.schedule.work_start == datetime.time(7, 45)
    assert loaded.problems == ()


def test_byte_order_mark_is_tolerated(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_bytes(b"\xef\xbb\xbf[schedule]\r\ninterval_minutes = 60\r\n")
    assert read_settings(path).settings.schedule.interval_minutes == 60


BAD_VALUES = [
    ("schedule.interval_minutes", "500", "500"),
    ("schedule.interval_minutes", "true", "true"),
    ("schedule.interval_minutes", "45.0", "45.0"),
    ("schedule.interval_minutes", '"45"', '"45"'),
    ("schedule.work_days", '["mon", "mon"]', '["mon", "mon"]'),
    ("schedule.work_days", '["monday"]', '["monday"]'),
    ("schedule.work_days", '"mon"', '"mon"'),
    ("schedule.work_start", '"9:00"', '"9:00"'),
    ("schedule.work_start", '"24:00"', '"24:00"'),
    ("schedule.work_end", '"09:60"', '"09:60"'),
    ("schedule.work_end", "09:00:30", "09:00:30"),
    ("schedule.snooze_minutes", "0", "0"),
    ("schedule.snooze_minutes", "false", "false"),
    ("schedule.snooze_minutes", "true", "true"),
    ("break.exercise", '"Yoga"', '"Yoga"'),
    ("break.exercise", '"../yoga"', '"../yoga"'),
    ("break.exercise", "[]", "[]"),
    ("break.exercise", '["breathing", "alternate"]', '["breathing", "alternate"]'),
    ("break.exercise", '["breathing", 1]', '["breathing", 1]'),
    ("break.exercise", "3", "3"),
    ("break.breathing_pattern", '"square"', '"square"'),
    ("break.breathing_pattern", '"Box"', '"Box"'),
    ("break.reduce_motion", "1", "1"),
    ("break.reduce_motion", '"true"', '"true"'),
    ("sound.chime", "0", "0"),
    ("sound.chime", '"yes"', '"yes"'),
    ("sound.volume", "101", "101"),
    ("sound.volume", "-1", "-1"),
    ("sound.volume", "50.5", "50.5"),
    ("sound.volume", "true", "true"),
    ("sound.speak", '"false"', '"false"'),
    ("presence.idle_minutes", "0", "0"),
    ("presence.idle_minutes", "31", "31"),
    ("presence.idle_minutes", '"2"', '"2"'),
    ("interruptions.fullscreen", "1", "1"),
    ("interruptions.do_not_disturb", '"no"', '"no"'),
    ("history.record", '"off"', '"off"'),
    ("goals.breaks_per_day", "0", "0"),
    ("goals.routines_per_week", "8", "8"),
    ("interface.language", '"de"', '"de"'),
    ("interface.language", '"Dansk"', '"Dansk"'),
]


@pytest.mark.parametrize(("dotted", "bad_toml", "shown"), BAD_VALUES)
def test_bad_value_falls_back_for_that_key_only(dotted: str, bad_toml: str, shown: str) -> None:
    key = KEYS_BY_DOTTED[dotted]
    lines = []
    section = ""
    for line in ALL_KEYS_TOML.splitlines():
        if line.startswith("["):
            section = line.strip("[]")
        if section == key.section and line.split(" = ")[0] == key.name:
            line = f"{key.name} = {bad_toml}"
        lines.append(line)
    loaded = parse_settings("\n".join(lines))

    expected = dict(ALL_KEYS_VALUES, **{dotted: key.default})
    assert values(loaded.settings) == expected
    assert loaded.values == {k: v for k, v in ALL_KEYS_VALUES.items() if k != dotted}
    assert len(loaded.problems) == 1
    problem = loaded.problems[0]
    assert problem.key == dotted
    assert not problem.unknown
    message = str(problem)
    assert message.startswith(f"{dotted} = {shown} is not allowed ({key.allowed}); ")
    assert "using the default " in message
    assert "\n" not in message


def test_problem_message_format() -> None:
    loaded = parse_settings("[schedule]\ninterval_minutes = 500\nwork_end = 1\n")
    assert [str(p) for p in loaded.problems] == [
        "schedule.interval_minutes = 500 is not allowed (a whole number from 5 to 240); "
        "using the default 45",
        'schedule.work_end = 1 is not allowed (a time "HH:MM" from 00:00 to 23:59); '
        'using the default "17:00"',
    ]


def test_unknown_keys_and_sections_are_reported_and_ignored() -> None:
    text = (
        "colour = 'red'\n"
        "[schedule]\nintervall = 30\ninterval_minutes = 20\n"
        "[schedule.extra]\nx = 1\n"
        "[brake]\nexercise = 'breathing'\n"
    )
    loaded = parse_settings(text)
    assert loaded.settings.schedule.interval_minutes == 20
    assert loaded.settings.break_.exercise == "alternate"
    assert all(problem.unknown for problem in loaded.problems)
    assert sorted(str(problem) for problem in loaded.problems) == [
        "unknown key 'colour' ignored",
        "unknown key 'schedule.intervall' ignored",
        "unknown section [brake] ignored",
        "unknown section [schedule.extra] ignored",
    ]


def test_extra_top_level_keys_are_left_to_the_caller() -> None:
    text = 'locked = ["schedule.interval_minutes"]\nother = 1\n'
    loaded = parse_settings(text, extra_keys=("locked",))
    assert [str(p) for p in loaded.problems] == ["unknown key 'other' ignored"]
    assert loaded.document["locked"] == ["schedule.interval_minutes"]
    assert len(parse_settings(text).problems) == 2


def test_odd_unknown_key_names_are_quoted() -> None:
    (problem,) = parse_settings('[schedule]\n"inter val" = 1\n').problems
    assert str(problem) == "unknown key 'schedule.\"inter val\"' ignored"


def test_section_that_is_not_a_table() -> None:
    loaded = parse_settings('schedule = 5\n[break]\nexercise = "breathing"\n')
    assert loaded.settings.schedule == Settings().schedule
    assert loaded.settings.break_.exercise == "breathing"
    (problem,) = loaded.problems
    assert problem.key == "schedule"
    assert problem.value == 5
    assert str(problem).startswith("schedule = 5 is not allowed (a table [schedule]")


def test_syntax_error_has_line_and_column_and_file_is_untouched(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    original = b"schema_version = 1\n[schedule]\ninterval_minutes 45\n"
    path.write_bytes(original)
    os.utime(path, (1_000_000_000, 1_000_000_000))
    with pytest.raises(SettingsSyntaxError) as caught:
        read_settings(path)
    error = caught.value
    assert (error.path, error.line, error.column) == (path, 3, 18)
    assert str(error) == f"{path}: line 3, column 18: {error.detail}"
    assert error.detail.startswith("Expected '=' after a key")
    assert path.read_bytes() == original
    assert path.stat().st_mtime == 1_000_000_000
    assert list(tmp_path.iterdir()) == [path]


def test_syntax_error_at_end_of_document_still_has_a_position() -> None:
    with pytest.raises(SettingsSyntaxError) as caught:
        parse_settings('[schedule]\nwork_days = ["mon",')
    assert (caught.value.line, caught.value.column) == (2, 20)
    assert str(caught.value).startswith("line 2, column 20: ")


def test_bare_hh_mm_time_gets_a_hint() -> None:
    with pytest.raises(SettingsSyntaxError, match='quotes like "09:00"') as caught:
        parse_settings("[schedule]\nwork_start = 09:00  # morning\n")
    assert caught.value.line == 2


def test_file_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_bytes(b"[schedule]\nexercise = '\xe9'\n")
    with pytest.raises(SettingsSyntaxError, match="not UTF-8") as caught:
        read_settings(path)
    assert (caught.value.line, caught.value.column) == (2, 13)
    assert caught.value.path == path


@pytest.mark.parametrize("version", ['"1"', "true", "0", "-3", "1.0", "[1]"])
def test_bad_schema_version_is_a_syntax_error(version: str) -> None:
    with pytest.raises(SettingsSyntaxError, match="schema_version") as caught:
        parse_settings(f"# settings\nschema_version = {version}\n")
    assert caught.value.line == 2


def test_newer_schema_applies_known_values_best_effort() -> None:
    text = (
        "schema_version = 7\nfuture = true\n"
        "[schedule]\ninterval_minutes = 60\nsnooze_minutes = 999\nnew_key = 1\n"
    )
    loaded = parse_settings(text)
    assert loaded.newer
    assert loaded.file_version == 7
    assert loaded.settings.schedule.interval_minutes == 60
    assert loaded.settings.schedule.snooze_minutes == 10
    # Unknown keys are expected in a newer file; only the bad value is worth reporting.
    assert [problem.key for problem in loaded.problems] == ["schedule.snooze_minutes"]
    assert loaded.document["future"] is True


def test_deeply_nested_values_are_a_syntax_error_not_a_crash() -> None:
    with pytest.raises(SettingsSyntaxError, match="nested"):
        parse_settings("x = " + "[" * (MAX_NESTING + 5) + "]" * (MAX_NESTING + 5))
    with pytest.raises(SettingsSyntaxError):
        parse_settings("x = " + "[" * 100_000)


def test_error_and_problem_are_plain_values() -> None:
    problem = SettingProblem("schedule.x", 1, "", unknown=True)
    assert problem == SettingProblem("schedule.x", 1, "", unknown=True)
    error = SettingsSyntaxError("broken")
    assert str(error) == "broken"
    assert (error.path, error.line, error.column) == (None, None, None)


# --- property tests -------------------------------------------------------------------------

scalars = st.one_of(
    st.booleans(),
    st.integers(),
    st.integers(min_value=-5, max_value=300),
    st.floats(),
    st.text(max_size=12),
    st.sampled_from(
        WEEKDAYS
        + SAMPLE_EXERCISES
        + BREATHING_PATTERN_CHOICES
        + ("09:00", "9:00", "24:00", "23:59", "", "true", "my-move", "-x", "a" * 49)
    ),
    st.times(),
    st.dates(),
    st.datetimes(),
)
names = st.sampled_from([key.name for key in KEYS] + [*SECTIONS, "schema_version"]) | st.text(
    max_size=8
)
toml_values = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(names, children, max_size=4),
    max_leaves=12,
)


def valid_values(key: KeySpec) -> st.SearchStrategy[Any]:
    kind = key.kind
    if isinstance(kind, Whole):
        return st.integers(kind.low, kind.high)
    if isinstance(kind, Days):
        return st.lists(st.sampled_from(kind.choices), unique=True)
    if isinstance(kind, TimeOfDay):
        return st.times().map(lambda t: t.replace(second=0, microsecond=0)) | st.times().map(
            lambda t: t.strftime("%H:%M")
        )
    if isinstance(kind, Switch):
        return st.booleans()
    if isinstance(kind, ExerciseChoice):
        ids = st.from_regex(r"[a-z0-9][a-z0-9-]{0,47}", fullmatch=True)
        return st.sampled_from(SAMPLE_EXERCISES) | ids | st.lists(ids, min_size=1, max_size=20)
    assert isinstance(kind, OneOf), key.dotted
    return st.sampled_from(kind.choices)


def section_tables(section: str) -> st.SearchStrategy[Any]:
    fields = {key.name: valid_values(key) | toml_values for key in KEYS if key.section == section}
    known = st.fixed_dictionaries({}, optional=fields)
    extra = st.dictionaries(names, toml_values, max_size=2)
    return st.builds(lambda k, e: {**e, **k}, known, extra)


documents = st.builds(
    lambda known, extra: {**extra, **known},
    st.fixed_dictionaries(
        {},
        optional={
            "schema_version": st.sampled_from([1, 1, 1, 2]) | toml_values,
            "schedule": section_tables("schedule") | toml_values,
            "break": section_tables("break") | toml_values,
            "sound": section_tables("sound") | toml_values,
            "presence": section_tables("presence") | toml_values,
            "interruptions": section_tables("interruptions") | toml_values,
        },
    ),
    st.dictionaries(names, toml_values, max_size=3),
)


@settings(max_examples=300)
@given(st.text())
def test_arbitrary_text_only_raises_syntax_errors(text: str) -> None:
    try:
        loaded = parse_settings(text)
    except SettingsSyntaxError:
        return
    assert_within_bounds(loaded.settings)


@settings(max_examples=300)
@given(documents)
def test_arbitrary_documents_apply_exactly_the_valid_keys(document: dict[str, Any]) -> None:
    text = tomli_w.dumps(document)
    try:
        loaded = parse_settings(text)
    except SettingsSyntaxError:
        version = document.get("schema_version")
        assert not (type(version) is int and version >= 1)
        return
    assert_within_bounds(loaded.settings)
    version = document.get("schema_version", 1)
    assert type(version) is int
    assert version >= 1
    assert loaded.newer == (version > 1)
    reported = {problem.key for problem in loaded.problems}
    for key in KEYS:
        table = document.get(key.section, {})
        if not isinstance(table, dict) or key.name not in table:
            assert key.get(loaded.settings) == key.default
            continue
        try:
            expected = key.parse(table[key.name])
        except ValueError:
            assert key.get(loaded.settings) == key.default
            assert key.dotted in reported
            assert key.dotted not in loaded.values
        else:
            assert key.get(loaded.settings) == expected
            assert key.dotted not in reported
            assert loaded.values[key.dotted] == expected
    for problem in loaded.problems:
        assert str(problem)
        assert "\n" not in str(problem)
