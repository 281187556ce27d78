"""What the planner is given, from the settings and the exercise catalogue.

One function, used at start-up and on every settings change, so both read the settings the
same way.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta

from backbreak.config.rotation import resolve_rotation
from backbreak.config.rules import planner_rules
from backbreak.config.schema import Settings
from backbreak.core.exercises import Exercise
from backbreak.core.planner import Rules


@dataclass(frozen=True)
class PlanInputs:
    """The rules, the exercises rotated through and every exercise's length; ``warnings``
    are for the user (exercise ids the settings name but the catalogue lacks)."""

    rules: Rules
    rotation: tuple[str, ...]
    durations: Mapping[str, timedelta]
    warnings: tuple[str, ...] = ()


def plan_inputs(settings: Settings, catalogue: Mapping[str, Exercise]) -> PlanInputs:
    rotation, warnings = resolve_rotation(settings.break_.exercise, catalogue)
    return PlanInputs(
        planner_rules(settings),
        rotation,
        {key: exercise.duration for key, exercise in catalogue.items()},
        warnings,
    )
