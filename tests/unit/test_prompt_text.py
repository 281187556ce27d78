"""The prompt's words: what the due exercise asks of the user, the same for both presentations."""

from __future__ import annotations

from backbreak.core.exercises import Exercise, Step
from backbreak.ui.prompt_text import prompt_text


def exercise(position: str, equipment: tuple[str, ...], steps: tuple[Step, ...]) -> Exercise:
    return Exercise(
        id="custom",
        title="Custom move",
        summary="Something of the user's own.",
        position=position,
        equipment=equipment,
        office=False,
        steps=steps,
        safety=(),
        folder=None,
    )


MOVE = Step("Move.", 40, None)
BREATHE = Step("Breathe with the pacer.", 40, None, breathing=True)


def test_a_floor_exercise_needs_floor_space_once_and_no_desk_chair() -> None:
    text = prompt_text(exercise("floor", ("Floor space", "chair", "yoga block"), (MOVE,)))
    assert text.heading == "Time for an exercise on the floor"
    assert text.needs == "Needs: floor space, yoga block"
    assert (
        text.body
        == "Custom move · 40\u00a0s\nNeeds: floor space, yoga block\nSomething of the user's own."
    )


def test_a_seated_exercise_with_nothing_special_says_no_needs() -> None:
    text = prompt_text(exercise("seated", ("chair",), (MOVE,)))
    assert text.heading == "Time for a seated exercise at your desk"
    assert text.needs == ""
    assert text.body == "Custom move · 40\u00a0s\nSomething of the user's own."


def test_breathing_for_half_the_time_or_more_makes_it_a_breathing_break() -> None:
    assert prompt_text(exercise("standing", (), (MOVE, BREATHE))).heading == (
        "Time for a breathing break"
    )
    short = Step("Breathe.", 39, None, breathing=True)
    assert prompt_text(exercise("standing", (), (MOVE, short))).heading == (
        "Time to stand up and move"
    )
