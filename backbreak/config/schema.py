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
    "box": "Box breathing (4-4-4-4)",
    "slow": "Slow breathing (5.5 in, 5.5 out)",
}

SCHEMA_VERSION = 1
"""Version written to ``schema_version``; bump it when a key changes meaning."""


@dataclass(frozen=True)
class ScheduleSettings(Section, table="schedule", tab="Schedule"):
    """When breaks are due."""

    interval_minutes: int = setting(
        45,
        Whole(5, 240),
        unit="min",
        label="Interval between breaks",
        help="How long you work at the computer between two breaks.",
        doc="minutes at the computer between breaks",
    )
    work_days: tuple[str, ...] = setting(
        ("mon", "tue", "wed", "thu", "fri"),
        Days(),
        label="Work days",
        help="The days on which backbreak reminds you to take breaks.",
        doc="the days on which breaks are prompted (an empty list means no prompts)",
    )
    work_start: datetime.time = setting(
        datetime.time(9, 0),
        TimeOfDay(),
        label="Work starts at",
        help="When your working day starts, in local time (24-hour clock).",
        doc="the local time the work period starts",
    )
    work_end: datetime.time = setting(
        datetime.time(17, 0),
        TimeOfDay(span_from="work_start"),
        label="Work ends at",
        help=(
            "When your working day ends. A time before “Work starts at” means the day runs past "
            "midnight (a night shift); the same time means around the clock."
        ),
        doc=(
            "the local time the work period ends; earlier than `work_start` means the period "
            "ends the next day, equal to it means a 24-hour period"
        ),
    )
    snooze_minutes: int = setting(
        10,
        Whole(1, 60),
        unit="min",
        label="Snooze for",
        help="How long “Snooze” puts a break off.",
        doc="minutes a snoozed break is put off by",
    )


@dataclass(frozen=True)
class BreakSettings(Section, table="break", tab="Break"):
    """What a break asks the user to do."""

    exercise: str | tuple[str, ...] = setting(
        ALTERNATE,
        ExerciseChoice(),
        label="Exercise",
        help=(
            "What a break shows. Alternate takes the office exercises in turn, each followed by "
            "paced breathing; pick one exercise to always do that one, or “Rotate through…” to "
            "tick several and put them in order."
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
        label="Breathing pattern",
        help=(
            "The pace of paced breathing. Box: breathe in, hold, breathe out and hold for 4 "
            "seconds each. Slow: breathe in and out for 5.5 seconds each, without holding."
        ),
        doc=(
            '`"box"` breathes in, holds, breathes out and holds for 4 seconds each; `"slow"` '
            "breathes in and out for 5.5 seconds each, without holds"
        ),
    )
    reduce_motion: bool = setting(
        False,
        Switch(),
        label="Reduce motion in the breathing pacer",
        help=(
            "Show the breathing pacer as a countdown with the phase name instead of a moving shape."
        ),
        doc=(
            "`true` shows the breathing pacer as a countdown with the phase name instead of a "
            "moving shape"
        ),
    )


@dataclass(frozen=True)
class SoundSettings(Section, table="sound", tab="Sound"):
    """What a break sounds like."""

    chime: bool = setting(
        True,
        Switch(),
        label="Chime at each step",
        help="Play a soft chime when an exercise moves on to its next step.",
        doc="a soft chime when an exercise moves on to its next step",
    )
    volume: int = setting(
        60,
        Whole(0, 100),
        unit="%",
        label="Chime volume",
        help="How loud the chime is.",
        doc="the chime's volume, in percent",
    )
    speak: bool = setting(
        False,
        Switch(),
        label="Read the steps aloud",
        help="Read each step aloud where the system has a speech engine.",
        doc="read each step aloud where the system has a speech engine",
    )


@dataclass(frozen=True)
class PresenceSettings(Section, table="presence", tab="Awareness"):
    """How backbreak tells whether someone is at the computer."""

    idle_minutes: int = setting(
        2,
        Whole(1, 30),
        unit="min",
        label="Count as away after",
        help=(
            "How long without keyboard or mouse input counts as being away from the computer, "
            "so that reading something for a while is not mistaken for a break."
        ),
        doc=(
            "minutes without keyboard or mouse input that count as being away from the "
            "computer (so a few minutes of reading are not mistaken for a break)"
        ),
    )


@dataclass(frozen=True)
class InterruptionsSettings(Section, table="interruptions", tab="Awareness"):
    """When a due prompt is held back rather than shown."""

    fullscreen: bool = setting(
        True,
        Switch(),
        label="Hold breaks back while a window is full screen",
        help="Hold prompts back while the focused window is fullscreen.",
        doc="hold prompts back while the focused window is fullscreen (a presentation, a video)",
    )
    do_not_disturb: bool = setting(
        True,
        Switch(),
        label="Hold breaks back while do-not-disturb is on",
        help="Hold prompts back while the desktop's do-not-disturb mode is on.",
        doc="hold prompts back while the desktop's do-not-disturb mode is on",
    )
    calls: bool = setting(
        True,
        Switch(),
        label="Hold breaks back during calls, presentations and videos",
        help=(
            "Hold prompts back while an app keeps the session awake: a video call, a "
            "presentation or a video playing (GNOME, KDE Plasma and other desktops with the "
            "freedesktop power management interface)."
        ),
        doc=(
            "hold prompts back while an app keeps the session awake (a video call, a presentation, "
            "a video)"
        ),
    )


@dataclass(frozen=True)
class HistorySettings(Section, table="history", tab="History"):
    """What is kept of past breaks."""

    record: bool = setting(
        True,
        Switch(),
        label="Keep a history of my breaks",
        help=(
            "Record each break (prompted, taken, snoozed, skipped...) on this computer, for the "
            "Your breaks window and the backbreak history command. Off: nothing new is recorded."
        ),
        doc=(
            "record each break event in the history file (off: nothing new is recorded; what "
            "is there stays until cleared)"
        ),
    )


@dataclass(frozen=True)
class GoalsSettings(Section, table="goals", tab="History"):
    """What the user aims for; the Your breaks window measures against it."""

    breaks_per_day: int = setting(
        6,
        Whole(1, 30),
        unit="breaks",
        label="Daily goal",
        help="How many breaks you want to take on a work day; streaks count days that reach it.",
        doc="breaks a day to aim for; a streak counts the days in a row that reach it",
    )
    routines_per_week: int = setting(
        3,
        Whole(1, 7),
        unit="days",
        label="Mid-back routine, days a week",
        help=(
            "On how many days a week you want to do the whole mid-back routine: each routine "
            "exercise in your rotation completed at least once that day (3 to 4 is advised)."
        ),
        doc=(
            "days a week to do the whole mid-back routine (each routine exercise in the "
            "rotation completed that day); 3 to 4 is advised"
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
