"""The settings: every key declared once, as a field of a typed section dataclass.

Each field says everything about its key (see :func:`~backbreak.config.registry.setting`):
default, kind with bounds, unit, the dialog's label and help, the docs' description. The loader,
the writer, the settings dialog and the README's table all read :data:`KEYS`, which is derived
from these fields; adding a key is adding a field here.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from backbreak.config.formatting import format_key, format_value
from backbreak.config.i18n import LANGUAGES, QT_TRANSLATE_NOOP, SYSTEM_LANGUAGE
from backbreak.config.kinds import (
    WEEKDAYS,
    Days,
    ExerciseChoice,
    OneOf,
    Switch,
    TimeOfDay,
    Whole,
)
from backbreak.config.registry import KeySpec, Schema, Section, setting
from backbreak.core.exercises import ALTERNATE, BREATHING_PATTERNS, DEFAULT_BREATHING_PATTERN

#: The breathing patterns as the dialog names them (the patterns themselves are core's).
BREATHING_PATTERN_TITLES = {
    "box": QT_TRANSLATE_NOOP("Settings", "Box breathing (4-4-4-4)"),
    "slow": QT_TRANSLATE_NOOP("Settings", "Slow breathing (5.5 in, 5.5 out)"),
}

#: The interface languages as the dialog names them: each in its own words, so that someone who
#: cannot read the current language still finds theirs (not translated, except "system").
LANGUAGE_TITLES = {
    SYSTEM_LANGUAGE: QT_TRANSLATE_NOOP("Settings", "Same as the system"),
    "en": "English",
    "da": "Dansk",
}
assert set(LANGUAGE_TITLES) == {SYSTEM_LANGUAGE, *LANGUAGES}

SCHEMA_VERSION = 1
"""Version written to ``schema_version``; bump it when a key changes meaning."""


@dataclass(frozen=True)
class ScheduleSettings(Section, table="schedule", tab=QT_TRANSLATE_NOOP("Settings", "Schedule")):
    """When breaks are due."""

    interval_minutes: int = setting(
        45,
        Whole(5, 240),
        unit=QT_TRANSLATE_NOOP("Settings", "min"),
        label=QT_TRANSLATE_NOOP("Settings", "Interval between breaks"),
        help=QT_TRANSLATE_NOOP("Settings", "How long you work at the computer between two breaks."),
        doc="minutes at the computer between breaks",
    )
    work_days: tuple[str, ...] = setting(
        ("mon", "tue", "wed", "thu", "fri"),
        Days(),
        label=QT_TRANSLATE_NOOP("Settings", "Work days"),
        help=QT_TRANSLATE_NOOP(
            "Settings", "The days on which backbreak reminds you to take breaks."
        ),
        doc="the days on which breaks are prompted (an empty list means no prompts)",
    )
    work_start: datetime.time = setting(
        datetime.time(9, 0),
        TimeOfDay(),
        label=QT_TRANSLATE_NOOP("Settings", "Work starts at"),
        help=QT_TRANSLATE_NOOP(
            "Settings", "When your working day starts, in local time (24-hour clock)."
        ),
        doc="the local time the work period starts",
    )
    work_end: datetime.time = setting(
        datetime.time(17, 0),
        TimeOfDay(span_from="work_start"),
        label=QT_TRANSLATE_NOOP("Settings", "Work ends at"),
        help=QT_TRANSLATE_NOOP(
            "Settings",
            "When your working day ends. A time before “Work starts at” means the day runs past "
            "midnight (a night shift); the same time means around the clock.",
        ),
        doc=(
            "the local time the work period ends; earlier than `work_start` means the period "
            "ends the next day, equal to it means a 24-hour period"
        ),
    )
    snooze_minutes: int = setting(
        10,
        Whole(1, 60),
        unit=QT_TRANSLATE_NOOP("Settings", "min"),
        label=QT_TRANSLATE_NOOP("Settings", "Snooze for"),
        help=QT_TRANSLATE_NOOP("Settings", "How long “Snooze” puts a break off."),
        doc="minutes a snoozed break is put off by",
    )


@dataclass(frozen=True)
class BreakSettings(Section, table="break", tab=QT_TRANSLATE_NOOP("Settings", "Break")):
    """What a break asks the user to do."""

    exercise: str | tuple[str, ...] = setting(
        ALTERNATE,
        ExerciseChoice(),
        label=QT_TRANSLATE_NOOP("Settings", "Exercise"),
        help=QT_TRANSLATE_NOOP(
            "Settings",
            "What a break shows. Alternate takes the office exercises in turn, each followed by "
            "paced breathing; pick one exercise to always do that one, or “Rotate through…” to "
            "tick several and put them in order.",
        ),
        doc=(
            '`"alternate"` (see below) rotates through the office exercises with paced '
            'breathing after each; one id such as `"breathing"` always shows that exercise; a '
            'list such as `["seated-t-spine-matrix", "scapular-squeeze"]` is rotated through in '
            "order; ids of your own exercises work too"
        ),
    )
    breathing_pattern: str = setting(
        DEFAULT_BREATHING_PATTERN,
        OneOf(BREATHING_PATTERN_TITLES),
        label=QT_TRANSLATE_NOOP("Settings", "Breathing pattern"),
        help=QT_TRANSLATE_NOOP(
            "Settings",
            "The pace of paced breathing. Box: breathe in, hold, breathe out and hold for 4 "
            "seconds each. Slow: breathe in and out for 5.5 seconds each, without holding.",
        ),
        doc=(
            '`"box"` breathes in, holds, breathes out and holds for 4 seconds each; `"slow"` '
            "breathes in and out for 5.5 seconds each, without holds"
        ),
    )
    reduce_motion: bool = setting(
        False,
        Switch(),
        label=QT_TRANSLATE_NOOP("Settings", "Reduce motion in the breathing pacer"),
        help=QT_TRANSLATE_NOOP(
            "Settings",
            "Show the breathing pacer as a countdown with the phase name instead of a moving "
            "shape.",
        ),
        doc=(
            "`true` shows the breathing pacer as a countdown with the phase name instead of a "
            "moving shape"
        ),
    )


@dataclass(frozen=True)
class SoundSettings(Section, table="sound", tab=QT_TRANSLATE_NOOP("Settings", "Sound")):
    """What a break sounds like."""

    chime: bool = setting(
        True,
        Switch(),
        label=QT_TRANSLATE_NOOP("Settings", "Chime at each step"),
        help=QT_TRANSLATE_NOOP(
            "Settings", "Play a soft chime when an exercise moves on to its next step."
        ),
        doc="a soft chime when an exercise moves on to its next step",
    )
    volume: int = setting(
        60,
        Whole(0, 100),
        unit=QT_TRANSLATE_NOOP("Settings", "%"),
        label=QT_TRANSLATE_NOOP("Settings", "Chime volume"),
        help=QT_TRANSLATE_NOOP("Settings", "How loud the chime is."),
        doc="the chime's volume, in percent",
    )
    speak: bool = setting(
        False,
        Switch(),
        label=QT_TRANSLATE_NOOP("Settings", "Read the steps aloud"),
        help=QT_TRANSLATE_NOOP(
            "Settings", "Read each step aloud where the system has a speech engine."
        ),
        doc="read each step aloud where the system has a speech engine",
    )


@dataclass(frozen=True)
class PresenceSettings(Section, table="presence", tab=QT_TRANSLATE_NOOP("Settings", "Awareness")):
    """How backbreak tells whether someone is at the computer."""

    idle_minutes: int = setting(
        2,
        Whole(1, 30),
        unit=QT_TRANSLATE_NOOP("Settings", "min"),
        label=QT_TRANSLATE_NOOP("Settings", "Count as away after"),
        help=QT_TRANSLATE_NOOP(
            "Settings",
            "How long without keyboard or mouse input counts as being away from the computer, "
            "so that reading something for a while is not mistaken for a break.",
        ),
        doc=(
            "minutes without keyboard or mouse input that count as being away from the "
            "computer (so a few minutes of reading are not mistaken for a break)"
        ),
    )


@dataclass(frozen=True)
class InterruptionsSettings(
    Section, table="interruptions", tab=QT_TRANSLATE_NOOP("Settings", "Awareness")
):
    """When a due prompt is held back rather than shown."""

    fullscreen: bool = setting(
        True,
        Switch(),
        label=QT_TRANSLATE_NOOP("Settings", "Hold breaks back while a window is full screen"),
        help=QT_TRANSLATE_NOOP(
            "Settings", "Hold prompts back while the focused window is fullscreen."
        ),
        doc="hold prompts back while the focused window is fullscreen (a presentation, a video)",
    )
    do_not_disturb: bool = setting(
        True,
        Switch(),
        label=QT_TRANSLATE_NOOP("Settings", "Hold breaks back while do-not-disturb is on"),
        help=QT_TRANSLATE_NOOP(
            "Settings", "Hold prompts back while the desktop's do-not-disturb mode is on."
        ),
        doc="hold prompts back while the desktop's do-not-disturb mode is on",
    )
    calls: bool = setting(
        True,
        Switch(),
        label=QT_TRANSLATE_NOOP(
            "Settings", "Hold breaks back during calls, presentations and videos"
        ),
        help=QT_TRANSLATE_NOOP(
            "Settings",
            "Hold prompts back while an app keeps the session awake: a video call, a "
            "presentation or a video playing (GNOME, KDE Plasma and other desktops with the "
            "freedesktop power management interface).",
        ),
        doc=(
            "hold prompts back while an app keeps the session awake (a video call, a presentation, "
            "a video)"
        ),
    )


@dataclass(frozen=True)
class HistorySettings(Section, table="history", tab=QT_TRANSLATE_NOOP("Settings", "History")):
    """What is kept of past breaks."""

    record: bool = setting(
        True,
        Switch(),
        label=QT_TRANSLATE_NOOP("Settings", "Keep a history of my breaks"),
        help=QT_TRANSLATE_NOOP(
            "Settings",
            "Record each break (prompted, taken, snoozed, skipped...) on this computer, for the "
            "Your breaks window and the backbreak history command. Off: nothing new is recorded.",
        ),
        doc=(
            "record each break event in the history file (off: nothing new is recorded; what "
            "is there stays until cleared)"
        ),
    )


@dataclass(frozen=True)
class GoalsSettings(Section, table="goals", tab=QT_TRANSLATE_NOOP("Settings", "History")):
    """What the user aims for; the Your breaks window measures against it."""

    breaks_per_day: int = setting(
        6,
        Whole(1, 30),
        unit=QT_TRANSLATE_NOOP("Settings", "breaks"),
        label=QT_TRANSLATE_NOOP("Settings", "Daily goal"),
        help=QT_TRANSLATE_NOOP(
            "Settings",
            "How many breaks you want to take on a work day; streaks count days that reach it.",
        ),
        doc="breaks a day to aim for; a streak counts the days in a row that reach it",
    )
    routines_per_week: int = setting(
        3,
        Whole(1, 7),
        unit=QT_TRANSLATE_NOOP("Settings", "days"),
        label=QT_TRANSLATE_NOOP("Settings", "Mid-back routine, days a week"),
        help=QT_TRANSLATE_NOOP(
            "Settings",
            "On how many days a week you want to do the whole mid-back routine: each routine "
            "exercise in your rotation completed at least once that day (3 to 4 is advised).",
        ),
        doc=(
            "days a week to do the whole mid-back routine (each routine exercise in the "
            "rotation completed that day); 3 to 4 is advised"
        ),
    )


@dataclass(frozen=True)
class InterfaceSettings(Section, table="interface", tab=QT_TRANSLATE_NOOP("Settings", "General")):
    """How backbreak speaks to the user."""

    language: str = setting(
        SYSTEM_LANGUAGE,
        OneOf(LANGUAGE_TITLES),
        label=QT_TRANSLATE_NOOP("Settings", "Language"),
        help=QT_TRANSLATE_NOOP(
            "Settings",
            "The language of backbreak's windows, menus, notifications and exercises. Takes "
            "effect the next time backbreak starts.",
        ),
        doc=(
            '`"system"` follows the system\'s language (English where backbreak is not '
            'translated into it); `"en"` English, `"da"` Danish; applies at the next start'
        ),
    )


@dataclass(frozen=True)
class Settings:
    """All user settings, one field per TOML table. ``break`` is a Python keyword: ``break_``."""

    schedule: ScheduleSettings = field(default_factory=ScheduleSettings)
    break_: BreakSettings = field(default_factory=BreakSettings)
    sound: SoundSettings = field(default_factory=SoundSettings)
    presence: PresenceSettings = field(default_factory=PresenceSettings)
    interruptions: InterruptionsSettings = field(default_factory=InterruptionsSettings)
    history: HistorySettings = field(default_factory=HistorySettings)
    goals: GoalsSettings = field(default_factory=GoalsSettings)
    interface: InterfaceSettings = field(default_factory=InterfaceSettings)


SCHEMA: Schema[Settings] = Schema(Settings)

SECTIONS: tuple[str, ...] = SCHEMA.tables
"""TOML tables the schema owns, in the order they are written."""
KEYS: tuple[KeySpec, ...] = SCHEMA.keys
KEYS_BY_DOTTED: Mapping[str, KeySpec] = SCHEMA.by_dotted
BREATHING_PATTERN_CHOICES: tuple[str, ...] = tuple(BREATHING_PATTERNS)


def keys_in(section: str) -> Iterator[KeySpec]:
    """The keys of one section, in declaration order."""
    return SCHEMA.keys_in(section)


def build_settings(values: Mapping[str, object]) -> Settings:
    """Settings from dotted-key values; see :meth:`Schema.build`."""
    return SCHEMA.build(values)


def settings_from_sections(by_section: Mapping[str, Mapping[str, Any]]) -> Settings:
    """Settings from parsed values by section and field name; see :meth:`Schema.from_sections`."""
    return SCHEMA.from_sections(by_section)


def replace_value(settings: Settings, dotted: str, raw: object) -> Settings:
    """A copy of ``settings`` with one key changed; ``ValueError`` if the value is not allowed."""
    return SCHEMA.replace(settings, dotted, raw)


__all__ = [
    "BREATHING_PATTERN_CHOICES",
    "KEYS",
    "KEYS_BY_DOTTED",
    "SCHEMA",
    "SCHEMA_VERSION",
    "SECTIONS",
    "WEEKDAYS",
    "BreakSettings",
    "InterfaceSettings",
    "InterruptionsSettings",
    "KeySpec",
    "PresenceSettings",
    "ScheduleSettings",
    "Settings",
    "SoundSettings",
    "build_settings",
    "format_key",
    "format_value",
    "keys_in",
    "replace_value",
    "settings_from_sections",
]
