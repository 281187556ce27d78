"""Settings and the exercise catalogue become the planner's inputs the same way at start-up
and on every change."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

from backbreak.config.exercise_files import load_catalogue
from backbreak.config.schema import BreakSettings, ScheduleSettings, Settings
from backbreak.resources import resources_dir
from backbreak.shell.plan_inputs import plan_inputs

CATALOGUE = load_catalogue(resources_dir() / "exercises")


def test_the_interval_rotation_and_lengths_come_from_settings_and_catalogue() -> None:
    settings = Settings(
        schedule=ScheduleSettings(interval_minutes=30),
        break_=BreakSettings(exercise="breathing"),
    )
    plan = plan_inputs(settings, CATALOGUE)
    assert plan.rules.interval == timedelta(minutes=30)
    assert plan.rotation == ("breathing",)
    assert plan.durations["breathing"] == CATALOGUE["breathing"].duration
    assert set(plan.durations) == set(CATALOGUE)
    assert plan.warnings == ()


def test_an_exercise_the_catalogue_lacks_is_a_warning_not_a_failure() -> None:
    settings = dataclasses.replace(Settings(), break_=BreakSettings(exercise="no-such-move"))
    plan = plan_inputs(settings, CATALOGUE)
    assert plan.rotation  # the default exercise stands in
    assert any("no-such-move" in warning for warning in plan.warnings)
