"""The settings schema: typed defaults plus one declarative key registry.

Everything that needs to know about a setting (the loader, the writer, the docs, a settings
dialog) reads :data:`KEYS`, so a key's bounds, default and help text live in exactly one place.
"""

from __future__ import annotations

import dataclasses
import datetime
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from backbreak.core.exercises import (
    ALTERNATE,
    BREATHING_PATTERNS,
    DEFAULT_BREATHING_PATTERN,
    MAX_ID_LENGTH,
    MAX_ROTATION,
    is_exercise_id,
)

SCHEMA_VERSION = 1
"""Version written to ``schema_version``; bump it when a key changes meaning."""

WEEKDAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
"""Day names in canonical order; index = ``datetime.date.weekday()``."""

EXERCISE_CHOICES: tuple[str, ...] = (
    ALTERNATE,
    "seated-t-spine-matrix",
    "breathing",
    "seated-thoracic-extension",
    "scapular-squeeze",
    "standing-side-bend",
    "t-spine-rotation-all-fours",
    "foam-roll-thoracic-extension",
    "sport-cord-rows",
)
"""What a settings dialog offers for ``break.exercise``: "alternate" and the shipped exercises.

The key itself accepts any exercise id (custom exercises too) or a list of ids; this layer
checks only their syntax, and ids that name no exercise are dropped when the rotation is
resolved at run time (``backbreak.core.exercises.resolve_rotation``).
"""

BREATHING_PATTERN_CHOICES: tuple[str, ...] = tuple(BREATHING_PATTERNS)

SECTIONS: tuple[str, ...] = ("schedule", "break", "sound", "presence", "interruptions")
"""TOML tables the schema owns, in the order they are written."""

KeyKind = Literal["int", "days", "time", "choice", "bool", "exercise"]

_TIME_TEXT = re.compile(r"([0-9]{2}):([0-9]{2})")
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_MAX_VALUE_TEXT = 80


@dataclass(frozen=True)
class ScheduleSettings:
    """When breaks are due. Validated on construction so no code path can hold a bad value."""

    interval_minutes: int = 45
    work_days: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri")
    work_start: datetime.time = datetime.time(9, 0)
    work_end: datetime.time = datetime.time(17, 0)
    snooze_minutes: int = 10

    def __post_init__(self) -> None:
        _validate_section(self, "schedule")


@dataclass(frozen=True)
class BreakSettings:
    """What a break asks the user to do."""

    exercise: str | tuple[str, ...] = ALTERNATE
    """An exercise id, "alternate", or a tuple of ids to rotate through."""
    breathing_pattern: str = DEFAULT_BREATHING_PATTERN
    reduce_motion: bool = False

    def __post_init__(self) -> None:
        _validate_section(self, "break")


@dataclass(frozen=True)
class SoundSettings:
    """What a break sounds like."""

    chime: bool = True
    volume: int = 60
    speak: bool = False

    def __post_init__(self) -> None:
        _validate_section(self, "sound")


@dataclass(frozen=True)
class PresenceSettings:
    """How backbreak tells whether someone is at the computer."""

    idle_minutes: int = 2
    """No keyboard or mouse input for this long counts as being away."""

    def __post_init__(self) -> None:
        _validate_section(self, "presence")


@dataclass(frozen=True)
class InterruptionsSettings:
    """When a due prompt is held back rather than shown."""

    fullscreen: bool = True
    """Hold prompts back while the focused window is fullscreen (a presentation, a video call)."""
    do_not_disturb: bool = True
    """Hold prompts back while the desktop's do-not-disturb mode is on."""
    calls: bool = True
    """Hold prompts back while an app keeps the session awake (a video call, a presentation)."""

    def __post_init__(self) -> None:
        _validate_section(self, "interruptions")


@dataclass(frozen=True)
class Settings:
    """All user settings. ``break`` is a Python keyword, hence ``break_``."""

    schedule: ScheduleSettings = field(default_factory=ScheduleSettings)
    break_: BreakSettings = field(default_factory=BreakSettings)
    sound: SoundSettings = field(default_factory=SoundSettings)
    presence: PresenceSettings = field(default_factory=PresenceSettings)
    interruptions: InterruptionsSettings = field(default_factory=InterruptionsSettings)


_SECTION_TYPES: Mapping[str, type[Any]] = {
    "schedule": ScheduleSettings,
    "break": BreakSettings,
    "sound": SoundSettings,
    "presence": PresenceSettings,
    "interruptions": InterruptionsSettings,
}


@dataclass(frozen=True)
class KeySpec:
    """One documented key: where it lives, what it accepts and how it is written back."""

    section: str
    name: str
    kind: KeyKind
    default: object
    allowed: str
    description: str
    min_value: int | None = None
    max_value: int | None = None
    choices: tuple[str, ...] = ()
    """For "choice" and "days": the allowed values; for "exercise": the suggested ones."""

    @property
    def dotted(self) -> str:
        """The key as users see it in messages and docs, e.g. ``schedule.interval_minutes``."""
        return f"{self.section}.{self.name}"

    @property
    def attr(self) -> str:
        """Attribute of :class:`Settings` holding this key's section."""
        return section_attr(self.section)

    def parse(self, raw: object) -> object:
        """Return the canonical value for ``raw`` (as tomllib gives it) or raise ``ValueError``."""
        value: object
        if self.kind == "int":
            value = self._parse_int(raw)
        elif self.kind == "days":
            value = self._parse_days(raw)
        elif self.kind == "time":
            value = self._parse_time(raw)
        elif self.kind == "bool":
            value = self._parse_bool(raw)
        elif self.kind == "exercise":
            value = self._parse_exercise(raw)
        else:
            value = self._parse_choice(raw)
        if value is None:
            raise ValueError(f"{self.dotted} = {format_value(raw)} is not allowed ({self.allowed})")
        return value

    def to_toml(self, value: object) -> object:
        """Return ``value`` as it is written to the file (times become ``"HH:MM"`` strings)."""
        if isinstance(value, datetime.time):
            return value.strftime("%H:%M")
        if isinstance(value, tuple):
            return list(value)
        return value

    def get(self, settings: Settings) -> object:
        """Read this key's current value out of ``settings``."""
        return getattr(getattr(settings, self.attr), self.name)

    def _parse_int(self, raw: object) -> int | None:
        # bool is an int subclass; `interval_minutes = true` must not mean 1.
        if type(raw) is not int:
            return None
        if self.min_value is not None and raw < self.min_value:
            return None
        if self.max_value is not None and raw > self.max_value:
            return None
        return raw

    @staticmethod
    def _parse_days(raw: object) -> tuple[str, ...] | None:
        if not isinstance(raw, list | tuple):
            return None
        if not all(isinstance(day, str) and day in WEEKDAYS for day in raw):
            return None
        if len(set(raw)) != len(raw):
            return None
        return tuple(day for day in WEEKDAYS if day in raw)

    @staticmethod
    def _parse_time(raw: object) -> datetime.time | None:
        if isinstance(raw, datetime.time):
            # Minutes are the finest unit the schedule uses; seconds would be silently lost on
            # save, and an offset makes no sense for a local wall-clock time.
            if raw.tzinfo is not None or raw.second or raw.microsecond:
                return None
            return raw.replace(fold=0)
        if not isinstance(raw, str):
            return None
        match = _TIME_TEXT.fullmatch(raw)
        if match is None:
            return None
        hour, minute = int(match[1]), int(match[2])
        if hour > 23 or minute > 59:
            return None
        return datetime.time(hour, minute)

    def _parse_choice(self, raw: object) -> str | None:
        if isinstance(raw, str) and raw in self.choices:
            return raw
        return None

    @staticmethod
    def _parse_bool(raw: object) -> bool | None:
        # TOML true/false only: 1, 0 and "true" are typos waiting to be misread.
        return raw if type(raw) is bool else None

    def _parse_exercise(self, raw: object) -> str | tuple[str, ...] | None:
        if isinstance(raw, str):
            return raw if is_exercise_id(raw) else None
        if not isinstance(raw, list | tuple):
            return None
        if not 1 <= len(raw) <= MAX_ROTATION:
            return None
        if not all(is_exercise_id(item) and item != ALTERNATE for item in raw):
            return None
        return tuple(raw)


def _int_key(
    section: str, name: str, default: int, low: int, high: int, description: str
) -> KeySpec:
    return KeySpec(
        section=section,
        name=name,
        kind="int",
        default=default,
        allowed=f"a whole number from {low} to {high}",
        description=description,
        min_value=low,
        max_value=high,
    )


def _bool_key(section: str, name: str, default: bool, description: str) -> KeySpec:
    return KeySpec(
        section=section,
        name=name,
        kind="bool",
        default=default,
        allowed="true or false",
        description=description,
    )


_TIME_ALLOWED = 'a time "HH:MM" from 00:00 to 23:59'
_ID_SYNTAX = (
    f"lowercase letters, digits and hyphens, starting with a letter or digit, at most "
    f"{MAX_ID_LENGTH} characters"
)

KEYS: tuple[KeySpec, ...] = (
    _int_key(
        "schedule",
        "interval_minutes",
        ScheduleSettings.interval_minutes,
        5,
        240,
        "Minutes at the computer between breaks.",
    ),
    KeySpec(
        section="schedule",
        name="work_days",
        kind="days",
        default=ScheduleSettings.work_days,
        allowed="a list of different days, each one of " + ", ".join(WEEKDAYS) + "; may be empty",
        description="Days on which breaks are prompted; an empty list means no work days.",
        choices=WEEKDAYS,
    ),
    KeySpec(
        section="schedule",
        name="work_start",
        kind="time",
        default=ScheduleSettings.work_start,
        allowed=_TIME_ALLOWED,
        description="Local time the work period starts.",
    ),
    KeySpec(
        section="schedule",
        name="work_end",
        kind="time",
        default=ScheduleSettings.work_end,
        allowed=_TIME_ALLOWED,
        description=(
            "Local time the work period ends; earlier than work_start means it crosses "
            "midnight, equal to work_start means a 24-hour period."
        ),
    ),
    _int_key(
        "schedule",
        "snooze_minutes",
        ScheduleSettings.snooze_minutes,
        1,
        60,
        "Minutes a snoozed break is put off by.",
    ),
    KeySpec(
        section="break",
        name="exercise",
        kind="exercise",
        default=BreakSettings.exercise,
        allowed=(
            f'"{ALTERNATE}", an exercise id ({_ID_SYNTAX}) such as "seated-t-spine-matrix", '
            f"or a list of 1 to {MAX_ROTATION} exercise ids"
        ),
        description=(
            "Which exercise a break shows: alternate rotates through the office-friendly "
            "exercises with paced breathing after each; one id always shows that exercise; a "
            "list of ids is rotated through in order."
        ),
        choices=EXERCISE_CHOICES,
    ),
    KeySpec(
        section="break",
        name="breathing_pattern",
        kind="choice",
        default=BreakSettings.breathing_pattern,
        allowed="one of " + ", ".join(f'"{choice}"' for choice in BREATHING_PATTERN_CHOICES),
        description=(
            "The pace of the breathing exercise: box breathes in, holds, breathes out and holds "
            "for 4 seconds each; slow breathes in and out for 5.5 seconds each, without holds."
        ),
        choices=BREATHING_PATTERN_CHOICES,
    ),
    _bool_key(
        "break",
        "reduce_motion",
        BreakSettings.reduce_motion,
        "Show the breathing pacer as a countdown with the phase name instead of a moving shape.",
    ),
    _bool_key(
        "sound",
        "chime",
        SoundSettings.chime,
        "Play a soft chime when an exercise moves on to its next step.",
    ),
    _int_key("sound", "volume", SoundSettings.volume, 0, 100, "Volume of the chime, in percent."),
    _bool_key(
        "sound",
        "speak",
        SoundSettings.speak,
        "Read each step's instruction aloud where a speech engine is available.",
    ),
    _int_key(
        "presence",
        "idle_minutes",
        PresenceSettings.idle_minutes,
        1,
        30,
        "Minutes without keyboard or mouse input that count as being away from the computer; "
        "reading something for a while is not mistaken for a break.",
    ),
    _bool_key(
        "interruptions",
        "fullscreen",
        InterruptionsSettings.fullscreen,
        "Hold prompts back while the focused window is fullscreen.",
    ),
    _bool_key(
        "interruptions",
        "do_not_disturb",
        InterruptionsSettings.do_not_disturb,
        "Hold prompts back while the desktop's do-not-disturb mode is on.",
    ),
    _bool_key(
        "interruptions",
        "calls",
        InterruptionsSettings.calls,
        "Hold prompts back while an app keeps the session awake: a video call, a presentation "
        "or a video playing (GNOME, KDE Plasma and other desktops with the freedesktop "
        "power management interface).",
    ),
)

KEYS_BY_DOTTED: Mapping[str, KeySpec] = {spec.dotted: spec for spec in KEYS}


def keys_in(section: str) -> Iterator[KeySpec]:
    """The keys of one section, in registry order."""
    return (spec for spec in KEYS if spec.section == section)


def build_settings(values: Mapping[str, object]) -> Settings:
    """Settings from dotted-key values; keys not given keep their defaults.

    Raises ``ValueError`` for an unknown key or a value the key does not allow.
    """
    unknown = set(values) - set(KEYS_BY_DOTTED)
    if unknown:
        raise ValueError(f"unknown settings keys: {', '.join(sorted(unknown))}")
    by_section: dict[str, dict[str, Any]] = {section: {} for section in SECTIONS}
    for dotted, raw in values.items():
        spec = KEYS_BY_DOTTED[dotted]
        by_section[spec.section][spec.name] = spec.parse(raw)
    return settings_from_sections(by_section)


def settings_from_sections(by_section: Mapping[str, Mapping[str, Any]]) -> Settings:
    """Settings from already parsed values by section and field name; the rest are defaults."""
    parts = {
        section_attr(section): kind(**by_section.get(section, {}))
        for section, kind in _SECTION_TYPES.items()
    }
    return Settings(**parts)


def section_attr(section: str) -> str:
    """Attribute of :class:`Settings` that holds ``section``."""
    return "break_" if section == "break" else section


def _validate_section(instance: object, section: str) -> None:
    # Frozen dataclass: canonicalise (e.g. work-day order) through object.__setattr__.
    for spec in keys_in(section):
        object.__setattr__(instance, spec.name, spec.parse(getattr(instance, spec.name)))


def format_key(path: tuple[str, ...] | list[str]) -> str:
    """A dotted key path as it would be written in TOML (odd keys quoted)."""
    return ".".join(part if _BARE_KEY.fullmatch(part) else json.dumps(part) for part in path)


def format_value(value: object) -> str:
    """A value as short, single-line TOML-like text for messages."""
    text = _format_value(value, depth=0)
    if len(text) > _MAX_VALUE_TEXT:
        return text[: _MAX_VALUE_TEXT - 1] + "…"
    return text


def _format_value(value: object, depth: int) -> str:
    if depth > 3:
        return "…"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, list | tuple):
        items = [_format_value(item, depth + 1) for item in value[:10]]
        if len(value) > 10:
            items.append("…")
        return "[" + ", ".join(items) + "]"
    if isinstance(value, dict):
        pairs = [
            f"{format_key([str(k)])} = {_format_value(v, depth + 1)}"
            for k, v in list(value.items())[:10]
        ]
        if len(value) > 10:
            pairs.append("…")
        return "{" + ", ".join(pairs) + "}"
    return repr(value)


def replace_value(settings: Settings, dotted: str, raw: object) -> Settings:
    """A copy of ``settings`` with one key changed; ``ValueError`` if the value is not allowed."""
    spec = KEYS_BY_DOTTED[dotted]
    section = getattr(settings, spec.attr)
    changed = dataclasses.replace(section, **{spec.name: spec.parse(raw)})
    return dataclasses.replace(settings, **{spec.attr: changed})
