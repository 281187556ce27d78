"""Which exercises a break rotates through: the ``[break] exercise`` setting resolved against
the catalogue, with the warnings the settings notice shows when it names unknown exercises.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from backbreak.config.exercise_format import ExerciseError
from backbreak.core.exercises import ALTERNATE, Exercise

DEFAULT_EXERCISE = "seated-t-spine-matrix"
BREATHING_EXERCISE = "breathing"
ALTERNATE_ORDER = (
    "seated-t-spine-matrix",
    "seated-thoracic-extension",
    "scapular-squeeze",
    "standing-side-bend",
)
"""Preferred order of the office movement exercises in the "alternate" rotation; other office
exercises (custom ones included) follow in id order. See :func:`alternate_rotation`."""


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


def routine_in(rotation: Collection[str], catalogue: Mapping[str, Exercise]) -> tuple[str, ...]:
    """The mid-back routine as the user can do it: the ``routine = true`` exercises of their
    rotation, by id. Empty when the rotation has none (the programme then has nothing to count).
    """
    return tuple(
        sorted({item for item in rotation if item in catalogue and catalogue[item].routine})
    )


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
