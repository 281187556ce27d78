"""The key registry and the settings dataclasses agree and validate every value."""

from __future__ import annotations

import dataclasses
import datetime

import pytest

from backbreak.config.kinds import ExerciseChoice, OneOf, Switch, TimeOfDay, Whole
from backbreak.config.registry import Schema, Section
from backbreak.config.schema import (
    BREATHING_PATTERN_CHOICES,
    KEYS,
    KEYS_BY_DOTTED,
    SCHEMA_VERSION,
    SECTIONS,
    WEEKDAYS,
    BreakSettings,
    InterruptionsSettings,
    KeySpec,
    PresenceSettings,
    ScheduleSettings,
    Settings,
    SoundSettings,
    build_settings,
    format_value,
    replace_value,
)

DOCUMENTED = (
    "schedule.interval_minutes",
    "schedule.work_days",
    "schedule.work_start",
    "schedule.work_end",
    "schedule.snooze_minutes",
    "break.exercise",
    "break.breathing_pattern",
    "break.reduce_motion",
    "sound.chime",
    "sound.volume",
    "sound.speak",
    "presence.idle_minutes",
    "interruptions.fullscreen",
    "interruptions.do_not_disturb",
    "interruptions.calls",
    "history.record",
    "goals.breaks_per_day",
    "goals.routines_per_week",
    "interface.language",
)


def spec(dotted: str) -> KeySpec:
    return KEYS_BY_DOTTED[dotted]


def test_registry_lists_the_documented_keys_in_order() -> None:
    assert tuple(key.dotted for key in KEYS) == DOCUMENTED
    assert SCHEMA_VERSION == 1
    assert WEEKDAYS == ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    assert BREATHING_PATTERN_CHOICES == ("box", "slow")
    assert SECTIONS == (
        "schedule",
        "break",
        "sound",
        "presence",
        "interruptions",
        "history",
        "goals",
        "interface",
    )
    assert [key.section for key in KEYS] == sorted(
        (key.section for key in KEYS), key=SECTIONS.index
    )


def test_dataclass_defaults_match_the_registry() -> None:
    settings = Settings()
    assert settings.schedule == ScheduleSettings(
        interval_minutes=45,
        work_days=("mon", "tue", "wed", "thu", "fri"),
        work_start=datetime.time(9, 0),
        work_end=datetime.time(17, 0),
        snooze_minutes=10,
    )
    assert settings.break_ == BreakSettings(
        exercise="alternate", breathing_pattern="box", reduce_motion=False
    )
    assert settings.sound == SoundSettings(chime=True, volume=60, speak=False)
    assert settings.presence == PresenceSettings(idle_minutes=2)
    assert settings.interruptions == InterruptionsSettings(
        fullscreen=True, do_not_disturb=True, calls=True
    )
    for key in KEYS:
        assert key.get(settings) == key.default, key.dotted


def bounds(dotted: str) -> tuple[int, int]:
    kind = spec(dotted).kind
    assert isinstance(kind, Whole)
    return kind.low, kind.high


def test_numeric_bounds_and_units_are_fields_a_dialog_can_use() -> None:
    assert bounds("schedule.interval_minutes") == (5, 240)
    assert bounds("schedule.snooze_minutes") == (1, 60)
    assert spec("schedule.interval_minutes").allowed == "a whole number from 5 to 240"
    assert bounds("sound.volume") == (0, 100)
    assert bounds("presence.idle_minutes") == (1, 30)
    assert bounds("goals.breaks_per_day") == (1, 30)
    assert bounds("goals.routines_per_week") == (1, 7)
    assert {key.dotted: key.unit for key in KEYS if key.unit} == {
        "schedule.interval_minutes": "min",
        "schedule.snooze_minutes": "min",
        "sound.volume": "%",
        "presence.idle_minutes": "min",
        "goals.breaks_per_day": "breaks",
        "goals.routines_per_week": "days",
    }
    assert isinstance(spec("break.exercise").kind, ExerciseChoice)
    pattern = spec("break.breathing_pattern").kind
    assert isinstance(pattern, OneOf)
    assert pattern.choices == BREATHING_PATTERN_CHOICES
    assert {key.dotted for key in KEYS if isinstance(key.kind, Switch)} == {
        "break.reduce_motion",
        "sound.chime",
        "sound.speak",
        "interruptions.fullscreen",
        "interruptions.do_not_disturb",
        "interruptions.calls",
        "history.record",
    }
    assert spec("presence.idle_minutes").default == 2
    assert spec("sound.chime").allowed == "true or false"
    assert all(key.label and key.help and key.doc and key.allowed for key in KEYS)


def test_the_dialog_words_are_declared_with_each_key() -> None:
    assert spec("schedule.interval_minutes").label == "Interval between breaks"
    assert spec("schedule.snooze_minutes").help == "How long “Snooze” puts a break off."
    assert spec("interruptions.fullscreen").help == (
        "Hold prompts back while the focused window is fullscreen."
    )
    assert [key.tab for key in KEYS if key.section in ("presence", "interruptions")] == [
        "Awareness"
    ] * 4


def test_the_work_end_declares_the_start_of_its_span() -> None:
    end, start = spec("schedule.work_end").kind, spec("schedule.work_start").kind
    assert isinstance(end, TimeOfDay)
    assert isinstance(start, TimeOfDay)
    assert (end.span_from, start.span_from) == ("work_start", None)


def test_a_section_field_not_declared_with_setting_is_refused() -> None:
    @dataclasses.dataclass(frozen=True)
    class Loose(Section, table="loose", tab="Loose"):
        count: int = 3

    @dataclasses.dataclass(frozen=True)
    class Root:
        loose: Loose = dataclasses.field(default_factory=Loose)

    with pytest.raises(TypeError, match=r"Loose\.count is not declared with setting\(\)"):
        Schema(Root)


@pytest.mark.parametrize(
    ("dotted", "raw", "expected"),
    [
        ("schedule.interval_minutes", 5, 5),
        ("schedule.interval_minutes", 240, 240),
        ("schedule.snooze_minutes", 1, 1),
        ("schedule.snooze_minutes", 60, 60),
        ("schedule.work_days", [], ()),
        ("schedule.work_days", ["sun", "mon"], ("mon", "sun")),
        ("schedule.work_days", ("sat",), ("sat",)),
        ("schedule.work_start", "00:00", datetime.time(0, 0)),
        ("schedule.work_start", "23:59", datetime.time(23, 59)),
        ("schedule.work_end", datetime.time(8, 30), datetime.time(8, 30)),
        ("schedule.work_end", datetime.time(8, 30, 0), datetime.time(8, 30)),
        ("break.exercise", "breathing", "breathing"),
        ("break.exercise", "seated-t-spine-matrix", "seated-t-spine-matrix"),
        ("break.exercise", "alternate", "alternate"),
        ("break.exercise", "my-own-move", "my-own-move"),  # custom ids: checked at run time
        ("break.exercise", "a" * 48, "a" * 48),
        ("break.exercise", "2nd-stretch", "2nd-stretch"),
        ("break.exercise", ["breathing"], ("breathing",)),
        ("break.exercise", ("scapular-squeeze", "breathing"), ("scapular-squeeze", "breathing")),
        ("break.exercise", ["breathing", "breathing"], ("breathing", "breathing")),
        ("break.exercise", ["x"] * 20, ("x",) * 20),
        ("break.breathing_pattern", "box", "box"),
        ("break.breathing_pattern", "slow", "slow"),
        ("break.reduce_motion", True, True),
        ("break.reduce_motion", False, False),
        ("sound.chime", False, False),
        ("sound.speak", True, True),
        ("sound.volume", 0, 0),
        ("sound.volume", 100, 100),
        ("presence.idle_minutes", 1, 1),
        ("presence.idle_minutes", 30, 30),
        ("interruptions.fullscreen", False, False),
        ("interruptions.do_not_disturb", False, False),
        ("interruptions.do_not_disturb", True, True),
        ("interruptions.calls", False, False),
    ],
)
def test_parse_accepts(dotted: str, raw: object, expected: object) -> None:
    assert spec(dotted).parse(raw) == expected


@pytest.mark.parametrize(
    ("dotted", "raw"),
    [
        ("schedule.interval_minutes", 4),
        ("schedule.interval_minutes", 241),
        ("schedule.interval_minutes", True),
        ("schedule.interval_minutes", 45.0),
        ("schedule.interval_minutes", "45"),
        ("schedule.snooze_minutes", 0),
        ("schedule.snooze_minutes", 61),
        ("schedule.snooze_minutes", False),
        ("schedule.snooze_minutes", True),  # would pass the bounds check as 1
        ("schedule.work_days", ["mon", "mon"]),
        ("schedule.work_days", ["Mon"]),
        ("schedule.work_days", ["monday"]),
        ("schedule.work_days", "mon"),
        ("schedule.work_days", [1]),
        ("schedule.work_days", [["mon"]]),
        ("schedule.work_start", "9:00"),
        ("schedule.work_start", "24:00"),
        ("schedule.work_start", "09:60"),
        ("schedule.work_start", "09:00:00"),
        ("schedule.work_start", " 09:00"),
        ("schedule.work_start", "٠٩:٠٠"),  # non-ASCII digits
        ("schedule.work_start", 900),
        ("schedule.work_end", datetime.time(9, 0, 30)),
        ("schedule.work_end", datetime.time(9, 0, tzinfo=datetime.UTC)),
        ("schedule.work_end", datetime.datetime(2026, 1, 1, 9, 0)),
        ("break.exercise", "Breathing"),
        ("break.exercise", ""),
        ("break.exercise", "-breathing"),
        ("break.exercise", "my_move"),
        ("break.exercise", "my move"),
        ("break.exercise", "../breathing"),
        ("break.exercise", "breathing.toml"),
        ("break.exercise", "a" * 49),
        ("break.exercise", "übung"),
        ("break.exercise", []),
        ("break.exercise", ["x"] * 21),
        ("break.exercise", ["breathing", "alternate"]),
        ("break.exercise", ["breathing", 3]),
        ("break.exercise", [["breathing"]]),
        ("break.exercise", 1),
        ("break.exercise", True),
        ("break.exercise", {"id": "breathing"}),
        ("break.breathing_pattern", "Box"),
        ("break.breathing_pattern", "4-7-8"),
        ("break.breathing_pattern", ["box"]),
        ("break.reduce_motion", 1),
        ("break.reduce_motion", 0),
        ("break.reduce_motion", "true"),
        ("break.reduce_motion", "false"),
        ("sound.chime", 1),
        ("sound.chime", "yes"),
        ("sound.chime", None),
        ("sound.speak", 0),
        ("sound.speak", [True]),
        ("sound.volume", -1),
        ("sound.volume", 101),
        ("sound.volume", 60.0),
        ("sound.volume", "60"),
        ("sound.volume", True),
        ("presence.idle_minutes", 0),
        ("presence.idle_minutes", 31),
        ("presence.idle_minutes", 2.0),
        ("presence.idle_minutes", "2"),
        ("presence.idle_minutes", True),
        ("interruptions.fullscreen", 1),
        ("interruptions.fullscreen", "true"),
        ("interruptions.do_not_disturb", 0),
        ("interruptions.do_not_disturb", None),
    ],
)
def test_parse_rejects_with_value_error(dotted: str, raw: object) -> None:
    with pytest.raises(ValueError, match="is not allowed") as caught:
        spec(dotted).parse(raw)
    assert dotted in str(caught.value)


@pytest.mark.parametrize("key", KEYS, ids=lambda key: key.dotted)
def test_to_toml_round_trips_the_default(key: KeySpec) -> None:
    written = key.to_toml(key.default)
    assert not isinstance(written, datetime.time | tuple)
    assert key.parse(written) == key.default


def test_times_are_written_as_hh_mm_text() -> None:
    assert spec("schedule.work_start").to_toml(datetime.time(7, 5)) == "07:05"
    assert spec("schedule.work_days").to_toml(("mon", "fri")) == ["mon", "fri"]


def test_exercise_lists_and_bools_are_written_as_toml_values() -> None:
    exercise = spec("break.exercise")
    assert exercise.to_toml(("breathing", "my-move")) == ["breathing", "my-move"]
    assert exercise.parse(exercise.to_toml(("breathing", "my-move"))) == ("breathing", "my-move")
    assert exercise.to_toml("breathing") == "breathing"
    assert spec("sound.chime").to_toml(False) is False
    assert format_value(spec("break.reduce_motion").to_toml(False)) == "false"


def test_new_keys_in_build_settings_and_replace_value() -> None:
    settings = build_settings(
        {
            "break.exercise": ["scapular-squeeze", "breathing"],
            "break.breathing_pattern": "slow",
            "sound.volume": 25,
            "sound.speak": True,
        }
    )
    assert settings.break_.exercise == ("scapular-squeeze", "breathing")
    assert settings.break_.breathing_pattern == "slow"
    assert settings.sound == SoundSettings(chime=True, volume=25, speak=True)
    quiet = replace_value(settings, "sound.chime", False)
    assert quiet.sound.chime is False
    assert quiet.sound.volume == 25
    with pytest.raises(ValueError, match="true or false"):
        replace_value(settings, "sound.chime", 0)


def test_presence_and_interruptions_in_build_settings_and_replace_value() -> None:
    settings = build_settings({"presence.idle_minutes": 5, "interruptions.fullscreen": False})
    assert settings.presence == PresenceSettings(idle_minutes=5)
    assert settings.interruptions == InterruptionsSettings(fullscreen=False, do_not_disturb=True)
    quiet = replace_value(settings, "interruptions.do_not_disturb", False)
    assert quiet.interruptions == InterruptionsSettings(fullscreen=False, do_not_disturb=False)
    assert quiet.presence == settings.presence
    with pytest.raises(ValueError, match="1 to 30"):
        replace_value(settings, "presence.idle_minutes", 31)
    with pytest.raises(ValueError, match="idle_minutes"):
        PresenceSettings(idle_minutes=0)
    with pytest.raises(ValueError, match="fullscreen"):
        InterruptionsSettings(fullscreen=1)  # type: ignore[arg-type]
    calm = replace_value(settings, "interruptions.calls", False)
    assert calm.interruptions == InterruptionsSettings(fullscreen=False, calls=False)
    with pytest.raises(ValueError, match="calls"):
        InterruptionsSettings(calls="yes")  # type: ignore[arg-type]


def test_dataclasses_validate_and_canonicalise() -> None:
    with pytest.raises(ValueError, match="interval_minutes"):
        ScheduleSettings(interval_minutes=500)
    with pytest.raises(ValueError, match="exercise"):
        BreakSettings(exercise="Yoga")
    with pytest.raises(ValueError, match="reduce_motion"):
        BreakSettings(reduce_motion=1)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="volume"):
        SoundSettings(volume=150)
    assert BreakSettings(exercise=("breathing",)).exercise == ("breathing",)
    shuffled = ScheduleSettings(work_days=("fri", "mon", "wed"))
    assert shuffled.work_days == ("mon", "wed", "fri")
    assert shuffled == ScheduleSettings(work_days=("mon", "wed", "fri"))
    with pytest.raises(dataclasses.FrozenInstanceError):
        shuffled.interval_minutes = 30  # type: ignore[misc]


def test_build_settings_and_replace_value() -> None:
    settings = build_settings({"schedule.work_start": "22:00", "break.exercise": "breathing"})
    assert settings.schedule.work_start == datetime.time(22, 0)
    assert settings.schedule.interval_minutes == 45
    assert settings.break_.exercise == "breathing"
    changed = replace_value(settings, "schedule.snooze_minutes", 15)
    assert changed.schedule.snooze_minutes == 15
    assert changed.schedule.work_start == datetime.time(22, 0)
    assert settings.schedule.snooze_minutes == 10
    with pytest.raises(ValueError, match="unknown"):
        build_settings({"schedule.intervall": 5})
    with pytest.raises(ValueError, match="not allowed"):
        replace_value(settings, "schedule.snooze_minutes", 0)


def test_format_value_is_one_short_line() -> None:
    assert format_value("a\nb") == '"a\\nb"'
    assert format_value(True) == "true"
    assert format_value(["mon", 1]) == '["mon", 1]'
    assert format_value({"a b": 1}) == '{"a b" = 1}'
    long = format_value("x" * 1000)
    assert len(long) <= 80
    assert long.endswith("…")


def test_every_breathing_pattern_has_a_title_and_every_title_a_pattern() -> None:
    from backbreak.config.schema import BREATHING_PATTERN_TITLES
    from backbreak.core.exercises import BREATHING_PATTERNS

    assert list(BREATHING_PATTERN_TITLES) == list(BREATHING_PATTERNS)
