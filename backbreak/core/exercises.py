"""The exercise catalogue's model: what a break consists of, how long it lasts and how it is
breathed.

Shipped exercises live in ``resources/exercises/*.toml``; users can add their own in
``<user config dir>/exercises/*.toml``. The file format and its checks are
:mod:`backbreak.config.exercise_format`, reading the files is
:mod:`backbreak.config.exercise_files`, and which exercises a break rotates through is
:mod:`backbreak.config.rotation`. This module holds only the values they agree on.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

ALTERNATE = "alternate"
"""The ``[break] exercise`` choice that rotates through the office exercises; never an id."""

POSITIONS = ("seated", "standing", "floor")
MAX_ID_LENGTH = 48
MAX_ROTATION = 20
"""The most exercises a ``[break] exercise`` list may name."""

_ID = re.compile(rf"[a-z0-9][a-z0-9-]{{0,{MAX_ID_LENGTH - 1}}}")


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
        (
            BreathPhase("in", 4),
            BreathPhase("hold", 4),
            BreathPhase("out", 4),
            BreathPhase("hold", 4),
        ),
    ),
    "slow": BreathingPattern(
        "slow",
        (BreathPhase("in", 5.5), BreathPhase("out", 5.5)),
    ),
}
DEFAULT_BREATHING_PATTERN = "box"


@dataclass(frozen=True)
class ExerciseText:
    """An exercise's words in another language: a translation its file carries."""

    language: str
    """An ISO 639-1 code such as ``"da"``."""
    title: str
    summary: str
    equipment: tuple[str, ...]
    """One per item of the exercise's own equipment, in the same order."""
    safety: tuple[str, ...]
    """One per safety note, in the same order."""
    steps: tuple[str, ...]
    """One text per step, in the same order."""


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
    routine: bool = False
    """Part of the mid-back routine the weekly programme counts (see the statistics)."""
    translations: tuple[ExerciseText, ...] = ()
    """The same words in other languages; see :meth:`in_language`."""

    def in_language(self, language: str) -> Exercise:
        """This exercise with its words in ``language`` where it carries them, else itself."""
        for text in self.translations:
            if text.language == language:
                steps = tuple(
                    dataclasses.replace(step, text=words)
                    for step, words in zip(self.steps, text.steps, strict=True)
                )
                return dataclasses.replace(
                    self,
                    title=text.title,
                    summary=text.summary,
                    equipment=text.equipment,
                    safety=text.safety,
                    steps=steps,
                )
        return self

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


def in_language(catalogue: Mapping[str, Exercise], language: str) -> dict[str, Exercise]:
    """Every exercise of ``catalogue`` in ``language``, in English where it has no translation."""
    return {key: exercise.in_language(language) for key, exercise in catalogue.items()}


def merge_catalogues(
    shipped: Mapping[str, Exercise], custom: Mapping[str, Exercise]
) -> dict[str, Exercise]:
    """Shipped exercises first, then custom ones; on an id clash the shipped one wins."""
    merged = dict(shipped)
    for exercise_id, exercise in custom.items():
        merged.setdefault(exercise_id, exercise)
    return merged
