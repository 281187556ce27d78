"""The user's settings and exercises, read as the app reads them, without Qt.

``plan`` needs the rotation and the exercises' lengths, ``stats`` the goals and the mid-back
routine, ``history`` the exercises' titles: one loader, so they all agree with the app.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from backbreak.config.schema import Settings
from backbreak.core.exercises import Exercise


class SetupError(Exception):
    """The settings or the exercises cannot be used; ``usage`` tells bad usage (exit 2)."""

    def __init__(self, message: str, *, usage: bool) -> None:
        super().__init__(message)
        self.usage = usage


@dataclass(frozen=True)
class UserSetup:
    settings: Settings
    catalogue: Mapping[str, Exercise]
    rotation: tuple[str, ...]


def load_user_setup(prog: str) -> UserSetup:
    """Settings (never moved aside: the app owns the file), exercises and rotation; warnings
    go to stderr as ``prog: warning: ...``. Raises :class:`SetupError`."""
    from backbreak.config.exercise_files import load_catalogue, load_custom_exercises
    from backbreak.config.exercise_format import ExerciseError
    from backbreak.config.layers import load_layered, site_settings_paths
    from backbreak.config.loader import SettingsSyntaxError
    from backbreak.config.rotation import resolve_rotation
    from backbreak.config.store import custom_exercises_path, settings_path
    from backbreak.core.exercises import merge_catalogues
    from backbreak.resources import resources_dir

    try:
        layered = load_layered(
            settings_path(), site_settings_paths(), datetime.now(UTC), quarantine=False
        )
    except SettingsSyntaxError as exc:
        raise SetupError(str(exc), usage=True) from None
    for line in layered.problems:
        print(f"{prog}: warning: {line}", file=sys.stderr)
    settings = layered.settings
    try:
        resources = resources_dir()
        shipped = load_catalogue(resources / "exercises", resources / "illustrations")
        custom, problems = load_custom_exercises(custom_exercises_path(), reserved=shipped)
        catalogue = merge_catalogues(shipped, custom)
        rotation, warnings = resolve_rotation(settings.break_.exercise, catalogue)
    except ExerciseError as exc:
        raise SetupError(str(exc), usage=False) from None
    for message in (*problems, *warnings):
        print(f"{prog}: warning: {message}", file=sys.stderr)
    return UserSetup(settings, catalogue, rotation)


def exercise_titles() -> dict[str, str]:
    """Each known exercise's title by id (shipped and the user's own); empty if unreadable."""
    from backbreak.config.exercise_files import load_catalogue, load_custom_exercises
    from backbreak.config.exercise_format import ExerciseError
    from backbreak.config.store import custom_exercises_path
    from backbreak.core.exercises import merge_catalogues
    from backbreak.resources import resources_dir

    try:
        shipped = load_catalogue(resources_dir() / "exercises")
        custom, _problems = load_custom_exercises(custom_exercises_path(), reserved=shipped)
    except (ExerciseError, OSError):
        return {}
    return {key: exercise.title for key, exercise in merge_catalogues(shipped, custom).items()}
