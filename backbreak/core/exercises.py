"""The exercise catalogue: what a break consists of and how long it lasts.

Exercise data lives in ``resources/exercises/*.toml``, one file per exercise.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

DEFAULT_EXERCISE = "seated-t-spine-matrix"
ALTERNATE = "alternate"
# What "alternate" rotates through: the office-friendly move and the breathing exercise.
ALTERNATE_ROTATION = ("seated-t-spine-matrix", "breathing")
MAX_FILE_BYTES = 256 * 1024


class ExerciseError(ValueError):
    """An exercise file that cannot be used; the message names the file and the problem."""


@dataclass(frozen=True)
class Step:
    text: str
    seconds: int


@dataclass(frozen=True)
class Exercise:
    id: str
    title: str
    summary: str
    position: str
    equipment: tuple[str, ...]
    steps: tuple[Step, ...]

    @property
    def duration(self) -> timedelta:
        return timedelta(seconds=sum(step.seconds for step in self.steps))


def _text(doc: Mapping[str, object], key: str, where: str) -> str:
    value = doc.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ExerciseError(f"{where}: '{key}' must be a non-empty string")
    return value.strip()


def parse_exercise(doc: Mapping[str, object], where: str) -> Exercise:
    """Validate one parsed exercise document."""
    raw_steps = doc.get("steps")
    if not isinstance(raw_steps, list) or not raw_steps:
        raise ExerciseError(f"{where}: 'steps' must be a non-empty list of tables")
    steps = []
    for number, raw in enumerate(raw_steps, start=1):
        if not isinstance(raw, dict):
            raise ExerciseError(f"{where}: step {number} must be a table")
        seconds = raw.get("seconds")
        if isinstance(seconds, bool) or not isinstance(seconds, int) or not 1 <= seconds <= 600:
            raise ExerciseError(f"{where}: step {number} 'seconds' must be a whole number 1..600")
        steps.append(Step(_text(raw, "text", f"{where}: step {number}"), seconds))
    equipment = doc.get("equipment", [])
    if not isinstance(equipment, list) or not all(isinstance(e, str) for e in equipment):
        raise ExerciseError(f"{where}: 'equipment' must be a list of strings")
    return Exercise(
        id=_text(doc, "id", where),
        title=_text(doc, "title", where),
        summary=_text(doc, "summary", where),
        position=_text(doc, "position", where),
        equipment=tuple(equipment),
        steps=tuple(steps),
    )


def load_exercise(path: Path) -> Exercise:
    """Read and validate one exercise file."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise ExerciseError(f"{path}: larger than {MAX_FILE_BYTES // 1024} KiB")
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ExerciseError(f"{path}: {exc}") from exc
    return parse_exercise(doc, str(path))


def load_catalogue(folder: Path) -> dict[str, Exercise]:
    """Every exercise in ``folder``, keyed by id."""
    catalogue: dict[str, Exercise] = {}
    for path in sorted(folder.glob("*.toml")):
        exercise = load_exercise(path)
        catalogue[exercise.id] = exercise
    return catalogue


def rotation_for(choice: str, catalogue: Mapping[str, Exercise]) -> tuple[str, ...]:
    """The ids a ``[break] exercise`` setting rotates through, limited to known exercises."""
    wanted = ALTERNATE_ROTATION if choice == ALTERNATE else (choice,)
    known = tuple(exercise_id for exercise_id in wanted if exercise_id in catalogue)
    if known:
        return known
    if DEFAULT_EXERCISE in catalogue:
        return (DEFAULT_EXERCISE,)
    if not catalogue:
        raise ExerciseError("no exercises available")
    return (next(iter(catalogue)),)
