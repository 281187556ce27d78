"""The exercise catalogue: what a break consists of, how long it lasts and how it is breathed.

Shipped exercises live in ``resources/exercises/*.toml`` and find their illustrations in
``resources/illustrations/``. Users can add their own in ``<user config dir>/exercises/*.toml``
with their SVG illustrations in the same folder. Reading the files is
:mod:`backbreak.config.exercise_files`; this module checks what they say.

Exercise file format
--------------------

One TOML file per exercise (TOML only: nothing in a file is ever run as code)::

    id = "seated-t-spine-matrix"    # lowercase letters, digits and hyphens, starting with a
                                    # letter or digit, at most 48 characters; not "alternate"
    title = "Seated T-spine matrix" # at most 60 characters
    summary = "Gentle seated twists ..."              # one sentence, at most 240 characters
    position = "seated"             # "seated", "standing" or "floor"
    equipment = ["chair"]           # optional list of strings, e.g. "foam roller"; default []
    office = true                   # optional: part of the "alternate" office rotation;
                                    # default false
    safety = ["Move only within a comfortable range."]   # optional list of strings

    [[steps]]                       # one table per step, in order; 1 to 60 steps
    text = "Sit tall ..."           # the instruction, at most 400 characters
    seconds = 10                    # a whole number from 1 to 600
    illustration = "seated-tall.svg"   # optional: a file name ending in .svg
    mirrored = false                # optional: show the illustration flipped (the other side)
    breathing = false               # optional: this step is the paced-breathing pacer

The steps of one exercise add up to 20..600 seconds; that sum is the exercise's duration. Keys
that are not listed here are errors, so a misspelt key never passes silently. Every problem is
reported as an :class:`ExerciseError` whose message names the file, the step number and the key.

An illustration is a plain file name: no folders, no ``..``, no absolute path. Custom files and
their illustrations must stay inside their folder even after following symlinks, and each is at
most 256 KiB.
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

DEFAULT_EXERCISE = "seated-t-spine-matrix"
BREATHING_EXERCISE = "breathing"
ALTERNATE = "alternate"
ALTERNATE_ORDER = (
    "seated-t-spine-matrix",
    "seated-thoracic-extension",
    "scapular-squeeze",
    "standing-side-bend",
)
"""Preferred order of the office movement exercises in the "alternate" rotation; other office
exercises (custom ones included) follow in id order. See :func:`alternate_rotation`."""

POSITIONS = ("seated", "standing", "floor")
MAX_FILE_BYTES = 256 * 1024
MAX_ILLUSTRATION_BYTES = 256 * 1024
MAX_ID_LENGTH = 48
MIN_TOTAL_SECONDS = 20
MAX_TOTAL_SECONDS = 600
MAX_STEP_SECONDS = 600
MAX_STEPS = 60
MAX_LIST_ITEMS = 10
MAX_CUSTOM_FILES = 100
MAX_ROTATION = 20

_ID = re.compile(rf"[a-z0-9][a-z0-9-]{{0,{MAX_ID_LENGTH - 1}}}")
_TEXT_LIMITS = {"title": 60, "summary": 240, "text": 400, "equipment": 60, "safety": 300}
_EXERCISE_KEYS = (
    "id",
    "title",
    "summary",
    "position",
    "equipment",
    "office",
    "safety",
    "steps",
)
_STEP_KEYS = ("text", "seconds", "illustration", "mirrored", "breathing")
_FORBIDDEN_NAME_CHARACTERS = frozenset('/\\:*?"<>|')
_MAX_NAME_LENGTH = 128


class ExerciseError(ValueError):
    """An exercise file that cannot be used; the message names the file and the problem."""


@dataclass(frozen=True)
class Step:
    text: str
    seconds: int
    """1..600."""
    illustration: str | None
    """A file name such as ``"seated-rotation.svg"``; see ``config.exercise_files``."""
    mirrored: bool = False
    """Show the illustration flipped horizontally (the same move to the other side)."""
    breathing: bool = False
    """This step is the paced-breathing pacer, using the chosen :class:`BreathingPattern`."""


@dataclass(frozen=True)
class BreathPhase:
    name: str
    """``"in"``, ``"hold"`` or ``"out"``."""
    seconds: float
    """More than 0, at most 20."""

    def __post_init__(self) -> None:
        if self.name not in ("in", "hold", "out"):
            raise ValueError(f"breath phase {self.name!r} is not one of in, hold, out")
        if not (math.isfinite(self.seconds) and 0 < self.seconds <= 20):
            raise ValueError(f"breath phase seconds {self.seconds!r} is not in (0, 20]")


@dataclass(frozen=True)
class BreathingPattern:
    id: str
    title: str
    phases: tuple[BreathPhase, ...]

    def __post_init__(self) -> None:
        if not self.phases:
            raise ValueError(f"breathing pattern {self.id!r} has no phases")

    @property
    def cycle_seconds(self) -> float:
        """One full breath: the sum of the phases."""
        return sum(phase.seconds for phase in self.phases)


BREATHING_PATTERNS: dict[str, BreathingPattern] = {
    "box": BreathingPattern(
        "box",
        "Box breathing (4-4-4-4)",
        (
            BreathPhase("in", 4),
            BreathPhase("hold", 4),
            BreathPhase("out", 4),
            BreathPhase("hold", 4),
        ),
    ),
    "slow": BreathingPattern(
        "slow",
        "Slow breathing (5.5 in, 5.5 out)",
        (BreathPhase("in", 5.5), BreathPhase("out", 5.5)),
    ),
}
DEFAULT_BREATHING_PATTERN = "box"


@dataclass(frozen=True)
class Exercise:
    id: str
    title: str
    summary: str
    position: str
    """One of :data:`POSITIONS`."""
    equipment: tuple[str, ...]
    office: bool
    """Office-friendly: part of the "alternate" rotation."""
    steps: tuple[Step, ...]
    safety: tuple[str, ...]
    folder: Path | None
    """Where this exercise's illustrations are looked up."""

    @property
    def duration(self) -> timedelta:
        return timedelta(seconds=sum(step.seconds for step in self.steps))

    @property
    def mostly_breathing(self) -> bool:
        """Paced breathing takes at least half of the time: a breathing break, not a move."""
        breathing = sum(step.seconds for step in self.steps if step.breathing)
        return 2 * breathing >= sum(step.seconds for step in self.steps)


def is_exercise_id(text: object) -> bool:
    """Whether ``text`` has the syntax of an exercise id (``"alternate"`` included)."""
    return isinstance(text, str) and _ID.fullmatch(text) is not None


# --- validation --------------------------------------------------------------------------------


def _check_keys(table: Mapping[str, object], allowed: tuple[str, ...], where: str) -> None:
    unknown = [str(key) for key in table if key not in allowed]
    if unknown:
        names = ", ".join(f"'{key}'" for key in unknown)
        expected = ", ".join(allowed)
        raise ExerciseError(f"{where}: unknown key {names} (allowed: {expected})")


def _text(table: Mapping[str, object], key: str, where: str, limit: int) -> str:
    value = table.get(key)
    if value is None:
        raise ExerciseError(f"{where}: '{key}' is missing")
    if not isinstance(value, str) or not value.strip():
        raise ExerciseError(f"{where}: '{key}' must be a non-empty string")
    text = " ".join(value.split())
    if len(text) > limit:
        raise ExerciseError(f"{where}: '{key}' is longer than {limit} characters")
    return text


def _flag(table: Mapping[str, object], key: str, where: str) -> bool:
    value = table.get(key, False)
    if not isinstance(value, bool):
        raise ExerciseError(f"{where}: '{key}' must be true or false")
    return value


def _strings(table: Mapping[str, object], key: str, where: str) -> tuple[str, ...]:
    value = table.get(key, [])
    limit = _TEXT_LIMITS[key]
    if not isinstance(value, list) or len(value) > MAX_LIST_ITEMS:
        raise ExerciseError(f"{where}: '{key}' must be a list of at most {MAX_LIST_ITEMS} strings")
    items = []
    for number, item in enumerate(value, start=1):
        if not isinstance(item, str) or not item.strip() or len(item) > limit:
            raise ExerciseError(
                f"{where}: '{key}' item {number} must be a non-empty string of at most "
                f"{limit} characters"
            )
        items.append(" ".join(item.split()))
    return tuple(items)


def check_illustration_name(name: object) -> str | None:
    """Why ``name`` is not a plain ``.svg`` file name, or ``None`` if it is one."""
    if not isinstance(name, str):
        return "must be a file name (a string)"
    if not name or len(name) > _MAX_NAME_LENGTH:
        return f"must be a file name of 1 to {_MAX_NAME_LENGTH} characters"
    if any(char in _FORBIDDEN_NAME_CHARACTERS or not char.isprintable() for char in name):
        return "must be a plain file name in the exercise's folder (no folders or drive letters)"
    if name.startswith(".") or name != name.strip():
        return "must be a plain file name in the exercise's folder (not starting with '.')"
    if not name.endswith(".svg") or name == ".svg":
        return "must be an SVG file (a name ending in .svg)"
    return None


def _step(raw: object, number: int, where: str) -> Step:
    at = f"{where}: step {number}"
    if not isinstance(raw, dict):
        raise ExerciseError(f"{at} must be a table ([[steps]])")
    _check_keys(raw, _STEP_KEYS, at)
    text = _text(raw, "text", at, _TEXT_LIMITS["text"])
    seconds = raw.get("seconds")
    if seconds is None:
        raise ExerciseError(f"{at}: 'seconds' is missing")
    if type(seconds) is not int or not 1 <= seconds <= MAX_STEP_SECONDS:
        raise ExerciseError(f"{at}: 'seconds' must be a whole number from 1 to {MAX_STEP_SECONDS}")
    illustration = raw.get("illustration")
    if illustration is not None:
        problem = check_illustration_name(illustration)
        if problem is not None:
            raise ExerciseError(f"{at}: 'illustration' {problem}")
        assert isinstance(illustration, str)
    return Step(
        text=text,
        seconds=seconds,
        illustration=illustration,
        mirrored=_flag(raw, "mirrored", at),
        breathing=_flag(raw, "breathing", at),
    )


def parse_exercise(doc: Mapping[str, object], where: str, folder: Path | None = None) -> Exercise:
    """Validate one parsed exercise document; ``where`` (the file) starts every error message.

    Raises :class:`ExerciseError` for anything that does not follow the file format, and for
    nothing else. The illustrations are only checked by name here (see
    :func:`backbreak.config.exercise_files.check_illustrations`).
    """
    if not isinstance(doc, Mapping):
        raise ExerciseError(f"{where}: the file must be a TOML table")
    _check_keys(doc, _EXERCISE_KEYS, where)
    exercise_id = doc.get("id")
    if exercise_id is None:
        raise ExerciseError(f"{where}: 'id' is missing")
    if not is_exercise_id(exercise_id):
        raise ExerciseError(
            f"{where}: 'id' must be lowercase letters, digits and hyphens, starting with a "
            f"letter or digit, at most {MAX_ID_LENGTH} characters"
        )
    assert isinstance(exercise_id, str)
    if exercise_id == ALTERNATE:
        raise ExerciseError(f"{where}: 'id' cannot be \"{ALTERNATE}\" (it names the rotation)")
    title = _text(doc, "title", where, _TEXT_LIMITS["title"])
    summary = _text(doc, "summary", where, _TEXT_LIMITS["summary"])
    position = doc.get("position")
    if position is None:
        raise ExerciseError(f"{where}: 'position' is missing")
    if position not in POSITIONS:
        raise ExerciseError(f"{where}: 'position' must be one of {', '.join(POSITIONS)}")
    equipment = _strings(doc, "equipment", where)
    office = _flag(doc, "office", where)
    safety = _strings(doc, "safety", where)
    raw_steps = doc.get("steps")
    if raw_steps is None:
        raise ExerciseError(f"{where}: 'steps' is missing (add [[steps]] tables)")
    if not isinstance(raw_steps, list) or not 1 <= len(raw_steps) <= MAX_STEPS:
        raise ExerciseError(f"{where}: 'steps' must be 1 to {MAX_STEPS} [[steps]] tables")
    steps = tuple(_step(raw, number, where) for number, raw in enumerate(raw_steps, start=1))
    total = sum(step.seconds for step in steps)
    if not MIN_TOTAL_SECONDS <= total <= MAX_TOTAL_SECONDS:
        raise ExerciseError(
            f"{where}: the steps add up to {total} seconds; an exercise lasts "
            f"{MIN_TOTAL_SECONDS} to {MAX_TOTAL_SECONDS} seconds"
        )
    return Exercise(
        id=exercise_id,
        title=title,
        summary=summary,
        position=str(position),
        equipment=equipment,
        office=office,
        steps=steps,
        safety=safety,
        folder=folder,
    )


def merge_catalogues(
    shipped: Mapping[str, Exercise], custom: Mapping[str, Exercise]
) -> dict[str, Exercise]:
    """Shipped exercises first, then custom ones; on an id clash the shipped one wins."""
    merged = dict(shipped)
    for exercise_id, exercise in custom.items():
        merged.setdefault(exercise_id, exercise)
    return merged


# --- rotation ----------------------------------------------------------------------------------


def alternate_rotation(catalogue: Mapping[str, Exercise]) -> tuple[str, ...]:
    """What "alternate" rotates through: each office movement exercise followed by breathing.

    The movement exercises are the ``office = true`` ones other than ``breathing``: first those
    in :data:`ALTERNATE_ORDER`, then any others (custom ones) by id. With the shipped catalogue:
    matrix, breathing, thoracic extension, breathing, scapular squeeze, breathing, side bend,
    breathing. Empty when the catalogue has no office exercise.
    """
    movers = [
        exercise_id
        for exercise_id, exercise in catalogue.items()
        if exercise.office and exercise_id != BREATHING_EXERCISE
    ]
    preferred = {exercise_id: index for index, exercise_id in enumerate(ALTERNATE_ORDER)}
    movers.sort(key=lambda exercise_id: (preferred.get(exercise_id, len(preferred)), exercise_id))
    breathing = BREATHING_EXERCISE in catalogue and catalogue[BREATHING_EXERCISE].office
    if not movers:
        return (BREATHING_EXERCISE,) if breathing else ()
    if not breathing:
        return tuple(movers)
    return tuple(item for mover in movers for item in (mover, BREATHING_EXERCISE))


def _quoted(ids: Collection[str]) -> str:
    return ", ".join(f'"{exercise_id}"' for exercise_id in ids)


def resolve_rotation(
    choice: str | tuple[str, ...] | list[str], catalogue: Mapping[str, Exercise]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The ids a ``[break] exercise`` setting rotates through, and warnings about it.

    ``choice`` is ``"alternate"`` (see :func:`alternate_rotation`), one exercise id, or a
    sequence of ids rotated through in order (repeats allowed). Ids not in ``catalogue`` are
    left out with a warning naming them; when nothing usable is left the default exercise is
    used, with a warning. Raises :class:`ExerciseError` only for an empty catalogue.
    """
    if not catalogue:
        raise ExerciseError("no exercises available")
    if isinstance(choice, str):
        wanted = alternate_rotation(catalogue) if choice == ALTERNATE else (choice,)
    else:
        wanted = tuple(str(item) for item in choice)
    known = tuple(item for item in wanted if item in catalogue)
    unknown = tuple(dict.fromkeys(item for item in wanted if item not in catalogue))
    noun = "exercise" if len(unknown) == 1 else "exercises"
    if known:
        if not unknown:
            return known, ()
        return known, (f"break.exercise: unknown {noun} {_quoted(unknown)} left out",)
    fallback = DEFAULT_EXERCISE if DEFAULT_EXERCISE in catalogue else next(iter(catalogue))
    if unknown:
        problem = f"unknown {noun} {_quoted(unknown)}"
    elif choice == ALTERNATE:
        problem = "no office-friendly exercise to alternate between"
    else:
        problem = "no exercise given"
    return (fallback,), (f'break.exercise: {problem}; using "{fallback}" instead',)
