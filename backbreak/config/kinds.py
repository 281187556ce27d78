"""The types a setting can have: what each accepts, how it is written, and how it is described.

A kind checks a raw value (as ``tomllib`` gives it, or as a settings dialog hands it over) and
returns the canonical value, or ``None`` when the value is not allowed. It also says, once, what
it allows: in words for messages (:attr:`Kind.allowed`) and in Markdown for the docs
(:attr:`Kind.doc`). Bounds and choices live on the kind, so the loader, a dialog and the docs
read the same ones.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from typing import Generic, TypeVar

from backbreak.core.exercises import ALTERNATE, MAX_ID_LENGTH, MAX_ROTATION, is_exercise_id

T = TypeVar("T")

WEEKDAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
"""Day names in canonical order; index = ``datetime.date.weekday()``."""

_TIME_TEXT = re.compile(r"([0-9]{2}):([0-9]{2})")


class Kind(Generic[T]):
    """The type of one setting. Subclasses set :attr:`allowed` and :attr:`doc`."""

    allowed: str
    """What the kind accepts, in the words of error messages ("a whole number from 5 to 240")."""
    doc: str
    """The same in Markdown, for the settings file's documentation."""

    def check(self, raw: object) -> T | None:
        """The canonical value for ``raw``, or ``None`` when it is not allowed."""
        raise NotImplementedError

    def to_toml(self, value: T) -> object:
        """``value`` as it is written to the file."""
        return value


class Whole(Kind[int]):
    """A whole number from :attr:`low` to :attr:`high`."""

    def __init__(self, low: int, high: int) -> None:
        self.low, self.high = low, high
        self.allowed = f"a whole number from {low} to {high}"
        self.doc = self.allowed

    def check(self, raw: object) -> int | None:
        # bool is an int subclass; `interval_minutes = true` must not mean 1.
        if type(raw) is not int or not self.low <= raw <= self.high:
            return None
        return raw


class Switch(Kind[bool]):
    """On or off: TOML ``true`` or ``false`` only; 1, 0 and "true" are typos waiting to be
    misread."""

    allowed = "true or false"
    doc = "`true` or `false`"

    def check(self, raw: object) -> bool | None:
        return raw if type(raw) is bool else None


class TimeOfDay(Kind[datetime.time]):
    """A local wall-clock time to the minute, written ``"HH:MM"``.

    ``span_from`` names the key of the same section whose time starts the period this one ends
    (``work_end`` ends what ``work_start`` starts), so a dialog can show the span between them.
    """

    allowed = 'a time "HH:MM" from 00:00 to 23:59'
    doc = 'a time `"HH:MM"` (00:00–23:59), or a TOML local time such as `09:00:00`'

    def __init__(self, *, span_from: str | None = None) -> None:
        self.span_from = span_from

    def check(self, raw: object) -> datetime.time | None:
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

    def to_toml(self, value: datetime.time) -> object:
        return value.strftime("%H:%M")


class Days(Kind[tuple[str, ...]]):
    """A set of week days, kept in week order; may be empty."""

    choices = WEEKDAYS
    allowed = "a list of different days, each one of " + ", ".join(WEEKDAYS) + "; may be empty"
    doc = "a list of distinct days from " + ", ".join(f"`{day}`" for day in WEEKDAYS)

    def check(self, raw: object) -> tuple[str, ...] | None:
        if not isinstance(raw, list | tuple):
            return None
        if not all(isinstance(day, str) and day in WEEKDAYS for day in raw):
            return None
        if len(set(raw)) != len(raw):
            return None
        return tuple(day for day in WEEKDAYS if day in raw)

    def to_toml(self, value: tuple[str, ...]) -> object:
        return list(value)


class OneOf(Kind[str]):
    """One of a few names; ``titles`` maps each to what a dialog shows for it."""

    def __init__(self, titles: Mapping[str, str]) -> None:
        self.titles = dict(titles)
        self.choices = tuple(self.titles)
        self.allowed = "one of " + ", ".join(f'"{choice}"' for choice in self.choices)
        self.doc = " or ".join(
            ", ".join(f'`"{choice}"`' for choice in self.choices).rsplit(", ", 1)
        )

    def check(self, raw: object) -> str | None:
        return raw if isinstance(raw, str) and raw in self.choices else None


_ID_SYNTAX = (
    f"lowercase letters, digits and hyphens, starting with a letter or digit, at most "
    f"{MAX_ID_LENGTH} characters"
)


class ExerciseChoice(Kind[str | tuple[str, ...]]):
    """ "alternate", one exercise id, or a list of ids to rotate through.

    Only the ids' syntax is checked: which exercises exist is known at run time, and ids that
    name none are dropped when the rotation is resolved.
    """

    allowed = (
        f'"{ALTERNATE}", an exercise id ({_ID_SYNTAX}) such as "seated-t-spine-matrix", '
        f"or a list of 1 to {MAX_ROTATION} exercise ids"
    )
    doc = f'`"{ALTERNATE}"`, one exercise id, or a list of 1 to {MAX_ROTATION} exercise ids'

    def check(self, raw: object) -> str | tuple[str, ...] | None:
        if isinstance(raw, str):
            return raw if is_exercise_id(raw) else None
        if not isinstance(raw, list | tuple):
            return None
        if not 1 <= len(raw) <= MAX_ROTATION:
            return None
        if not all(is_exercise_id(item) and item != ALTERNATE for item in raw):
            return None
        return tuple(raw)

    def to_toml(self, value: str | tuple[str, ...]) -> object:
        return list(value) if isinstance(value, tuple) else value
