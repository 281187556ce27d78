"""The shipped exercise catalogue and the breathing patterns: complete, consistent data."""

from __future__ import annotations

from datetime import timedelta

import pytest

from backbreak.config.exercise_files import (
    illustration_path,
    load_catalogue,
    load_exercise,
)
from backbreak.config.rotation import DEFAULT_EXERCISE
from backbreak.core.exercises import (
    BREATHING_PATTERNS,
    DEFAULT_BREATHING_PATTERN,
    POSITIONS,
    BreathingPattern,
    BreathPhase,
    Exercise,
    Step,
)
from backbreak.resources import resources_dir

EXERCISES = resources_dir() / "exercises"
ILLUSTRATIONS = resources_dir() / "illustrations"
SHIPPED = load_catalogue(EXERCISES, ILLUSTRATIONS)

OFFICE = {
    "seated-t-spine-matrix",
    "breathing",
    "seated-thoracic-extension",
    "scapular-squeeze",
    "standing-side-bend",
}
NOT_OFFICE = {"t-spine-rotation-all-fours", "foam-roll-thoracic-extension", "sport-cord-rows"}
REQUIRED_ILLUSTRATIONS = {
    "seated-tall.svg",
    "seated-hands-behind-head.svg",
    "seated-side-tall.svg",
    "seated-side-backrest.svg",
    "seated-side-hands-behind-head.svg",
    "seated-rotation.svg",
    "seated-extension.svg",
    "scapular-squeeze.svg",
    "standing-tall.svg",
    "standing-side-bend.svg",
    "quadruped.svg",
    "quadruped-rotation.svg",
    "foam-roller-setup.svg",
    "foam-roller-extension.svg",
    "cord-row-start.svg",
    "cord-row-pull.svg",
    "cord-row-done.svg",
    "breathing-seated.svg",
}
SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"/>'


# --- the shipped catalogue ---------------------------------------------------------------------


def test_the_shipped_catalogue_has_every_exercise_once() -> None:
    assert set(SHIPPED) == OFFICE | NOT_OFFICE
    files = sorted(EXERCISES.glob("*.toml"))
    assert [path.stem for path in files] == sorted(SHIPPED)  # file name = id
    for exercise_id, exercise in SHIPPED.items():
        assert exercise.id == exercise_id
        assert exercise.folder == ILLUSTRATIONS


def test_the_default_folder_for_illustrations_is_next_to_the_exercises() -> None:
    assert load_catalogue(EXERCISES) == SHIPPED


@pytest.mark.parametrize("exercise_id", sorted(OFFICE | NOT_OFFICE))
def test_every_shipped_exercise_is_complete(exercise_id: str) -> None:
    exercise = SHIPPED[exercise_id]
    assert exercise.position in POSITIONS
    assert exercise.safety, "every exercise has safety notes"
    assert any("stop" in note.lower() for note in exercise.safety)
    assert timedelta(seconds=20) <= exercise.duration <= timedelta(seconds=600)
    assert all(step.illustration for step in exercise.steps)
    assert all(1 <= step.seconds <= 600 for step in exercise.steps)
    # Custom-exercise rules hold for shipped data too (the files load through the same path).
    assert load_exercise(EXERCISES / f"{exercise_id}.toml", ILLUSTRATIONS) == exercise


def test_office_flags_and_equipment() -> None:
    assert {key for key, exercise in SHIPPED.items() if exercise.office} == OFFICE
    assert SHIPPED["t-spine-rotation-all-fours"].position == "floor"
    assert "floor space" in SHIPPED["t-spine-rotation-all-fours"].equipment
    assert "foam roller" in SHIPPED["foam-roll-thoracic-extension"].equipment
    assert "elastic cord anchored at chest height" in SHIPPED["sport-cord-rows"].equipment
    assert SHIPPED["seated-t-spine-matrix"].equipment == ("chair",)


def test_durations_of_the_two_everyday_exercises() -> None:
    assert timedelta(seconds=60) <= SHIPPED["seated-t-spine-matrix"].duration
    assert SHIPPED["seated-t-spine-matrix"].duration <= timedelta(seconds=120)
    assert timedelta(seconds=60) <= SHIPPED["breathing"].duration <= timedelta(seconds=180)


def test_the_matrix_turns_to_alternate_sides_with_a_return_to_centre_between() -> None:
    steps = SHIPPED["seated-t-spine-matrix"].steps
    turns = [
        index for index, step in enumerate(steps) if step.illustration == "seated-rotation.svg"
    ]
    assert [steps[index].mirrored for index in turns] == [False, True] * 3
    for index in turns:
        assert "breathe out" in steps[index].text.lower()
        assert steps[index + 1].illustration == "seated-hands-behind-head.svg"
        assert "centre" in steps[index + 1].text
    assert steps[0].illustration == steps[-1].illustration == "seated-tall.svg"
    assert "tall" in steps[-1].text


@pytest.mark.parametrize(
    ("exercise_id", "illustration"),
    [
        ("standing-side-bend", "standing-side-bend.svg"),
        ("t-spine-rotation-all-fours", "quadruped-rotation.svg"),
    ],
)
def test_one_sided_moves_alternate_sides(exercise_id: str, illustration: str) -> None:
    sides = [s.mirrored for s in SHIPPED[exercise_id].steps if s.illustration == illustration]
    assert sides == [False, True] * (len(sides) // 2)
    assert len(sides) >= 4


def test_the_breathing_exercise_has_one_pacer_step() -> None:
    steps = SHIPPED["breathing"].steps
    pacers = [step for step in steps if step.breathing]
    assert len(pacers) == 1
    assert 90 <= pacers[0].seconds <= 150
    assert not steps[0].breathing
    assert not steps[-1].breathing
    others = [
        step for key, exercise in SHIPPED.items() if key != "breathing" for step in exercise.steps
    ]
    assert not any(step.breathing for step in others)


def test_referenced_illustrations_that_exist_resolve_inside_the_folder() -> None:
    for exercise in SHIPPED.values():
        for step in exercise.steps:
            assert step.illustration is not None
            if (ILLUSTRATIONS / step.illustration).is_file():
                found = illustration_path(exercise, step)
                assert found == (ILLUSTRATIONS / step.illustration).resolve()


def test_all_required_illustrations_are_shipped() -> None:
    referenced = {step.illustration for e in SHIPPED.values() for step in e.steps}
    assert referenced <= REQUIRED_ILLUSTRATIONS
    missing = sorted(
        name for name in REQUIRED_ILLUSTRATIONS if not (ILLUSTRATIONS / name).is_file()
    )
    assert missing == [], f"illustrations still to draw: {missing}"


def test_the_default_exercise_is_shipped() -> None:
    assert DEFAULT_EXERCISE in SHIPPED


def test_illustration_path_without_a_picture_or_folder() -> None:
    matrix = SHIPPED["seated-t-spine-matrix"]
    assert illustration_path(matrix, Step("x", 5, None)) is None
    assert illustration_path(matrix, Step("x", 5, "no-such.svg")) is None
    assert illustration_path(matrix, Step("x", 5, "../icons/backbreak.svg")) is None
    homeless = Exercise("x", "X", "x", "seated", (), False, matrix.steps, (), None)
    assert illustration_path(homeless, matrix.steps[0]) is None
    assert homeless.duration == matrix.duration


# --- breathing patterns ------------------------------------------------------------------------


def test_breathing_patterns() -> None:
    assert DEFAULT_BREATHING_PATTERN == "box"
    box, slow = BREATHING_PATTERNS["box"], BREATHING_PATTERNS["slow"]
    assert [(p.name, p.seconds) for p in box.phases] == [
        ("in", 4),
        ("hold", 4),
        ("out", 4),
        ("hold", 4),
    ]
    assert box.cycle_seconds == 16
    assert [(p.name, p.seconds) for p in slow.phases] == [("in", 5.5), ("out", 5.5)]
    assert slow.cycle_seconds == 11
    for key, pattern in BREATHING_PATTERNS.items():
        assert pattern.id == key
        assert all(0 < phase.seconds <= 20 for phase in pattern.phases)
    pacer = next(step for step in SHIPPED["breathing"].steps if step.breathing)
    assert pacer.seconds >= 5 * box.cycle_seconds  # time for several full breaths


@pytest.mark.parametrize(
    ("name", "seconds"),
    [("pause", 4), ("in", 0), ("out", -1), ("hold", 20.5), ("in", float("nan"))],
)
def test_breath_phases_are_checked(name: str, seconds: float) -> None:
    with pytest.raises(ValueError, match="breath phase"):
        BreathPhase(name, seconds)


def test_a_pattern_needs_phases() -> None:
    with pytest.raises(ValueError, match="no phases"):
        BreathingPattern("empty", ())
