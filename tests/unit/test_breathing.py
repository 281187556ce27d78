"""Where a breathing pattern stands after some seconds, and the pacer's size."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from backbreak.core.breathing import breath_at, cycle_seconds, ease, pacer_size, whole_breaths
from backbreak.ui.breathing_words import phase_label


@dataclass(frozen=True)
class Phase:
    name: str
    seconds: float


@dataclass(frozen=True)
class Pattern:
    phases: tuple[Phase, ...]


BOX = Pattern((Phase("in", 4), Phase("hold", 4), Phase("out", 4), Phase("hold", 4)))
SLOW = Pattern((Phase("in", 5.5), Phase("out", 5.5)))


@pytest.mark.parametrize(
    ("elapsed", "phase", "index", "fraction", "left", "cycle", "size"),
    [
        (0, "in", 0, 0.0, 4, 1, 0.0),
        (2, "in", 0, 0.5, 2, 1, 0.5),
        (4, "hold", 1, 0.0, 4, 1, 1.0),
        (7, "hold", 1, 0.75, 1, 1, 1.0),
        (8, "out", 2, 0.0, 4, 1, 1.0),
        (10, "out", 2, 0.5, 2, 1, 0.5),
        (12, "hold", 3, 0.0, 4, 1, 0.0),
        (15.5, "hold", 3, 0.875, 0.5, 1, 0.0),
        (16, "in", 0, 0.0, 4, 2, 0.0),
        (16 * 7 + 9, "out", 2, 0.25, 3, 8, None),
    ],
)
def test_box_breathing(
    elapsed: float,
    phase: str,
    index: int,
    fraction: float,
    left: float,
    cycle: int,
    size: float | None,
) -> None:
    state = breath_at(BOX, elapsed)
    assert (state.phase, state.phase_index, state.cycle) == (phase, index, cycle)
    assert state.fraction == pytest.approx(fraction)
    assert state.seconds_left == pytest.approx(left)
    if size is not None:
        assert state.size == pytest.approx(size)


def test_the_pacer_grows_breathing_in_holds_and_shrinks_breathing_out() -> None:
    def sizes(start: float, end: float) -> list[float]:
        return [pacer_size(BOX, start + (end - start) * i / 20) for i in range(21)]

    growing = sizes(0, 3.99)
    assert growing == sorted(growing)
    assert growing[0] == 0.0
    assert growing[-1] > 0.99
    assert set(sizes(4, 7.99)) == {1.0}
    shrinking = sizes(8, 11.99)
    assert shrinking == sorted(shrinking, reverse=True)
    assert shrinking[-1] < 0.01
    assert set(sizes(12, 15.99)) == {0.0}


def test_slow_breathing_has_no_holds() -> None:
    assert cycle_seconds(SLOW) == 11
    assert breath_at(SLOW, 5.49).phase == "in"
    assert breath_at(SLOW, 5.5).phase == "out"
    assert breath_at(SLOW, 5.5).size == pytest.approx(1.0)
    assert breath_at(SLOW, 11).phase == "in"
    assert breath_at(SLOW, 11).cycle == 2
    assert breath_at(SLOW, 11 * 3 + 8.25).size == pytest.approx(0.5)


def test_the_count_runs_down_through_each_phase() -> None:
    counts = [breath_at(BOX, t).count for t in range(8)]
    assert counts == [4, 3, 2, 1, 4, 3, 2, 1]
    labels = [phase_label(breath_at(BOX, t).phase) for t in (0, 4, 8, 12)]
    assert labels == ["Breathe in", "Hold", "Breathe out", "Hold"]
    assert breath_at(SLOW, 0).count == 6  # 5.5 s still to go: "6" first, down to "1"
    assert breath_at(SLOW, 5).count == 1


def test_a_pattern_opening_with_a_hold_holds_where_the_cycle_ends() -> None:
    held_full = Pattern((Phase("hold", 2), Phase("out", 3), Phase("in", 3)))
    assert breath_at(held_full, 1).size == 1.0
    held_empty = Pattern((Phase("hold", 2), Phase("in", 3), Phase("out", 3)))
    assert breath_at(held_empty, 1).size == 0.0


def test_zero_length_phases_are_skipped_and_negative_time_is_the_start() -> None:
    pattern = Pattern((Phase("in", 2), Phase("hold", 0), Phase("out", 2)))
    assert breath_at(pattern, 2).phase == "out"
    assert breath_at(pattern, -3) == breath_at(pattern, 0)


@pytest.mark.parametrize(
    "pattern",
    [
        Pattern(()),
        Pattern((Phase("sigh", 3),)),
        Pattern((Phase("in", -1), Phase("out", 3))),
        Pattern((Phase("in", 0), Phase("out", 0))),
    ],
)
def test_unusable_patterns_are_refused(pattern: Pattern) -> None:
    with pytest.raises(ValueError, match="breathing"):
        breath_at(pattern, 1)


def test_ease_is_slow_at_both_ends() -> None:
    assert ease(0) == 0
    assert ease(1) == pytest.approx(1)
    assert ease(0.5) == pytest.approx(0.5)
    assert ease(0.1) < 0.1
    assert ease(0.9) > 0.9
    assert ease(-1) == 0
    assert ease(2) == pytest.approx(1)


def test_breathing_steps_last_whole_breaths() -> None:
    assert whole_breaths(128, BOX) == 128
    assert whole_breaths(128, SLOW) == 132
    assert whole_breaths(120, SLOW) == 121
    assert whole_breaths(3, BOX) == 16


def test_the_shipped_patterns_fit() -> None:
    from backbreak.core.exercises import BREATHING_PATTERNS

    box = BREATHING_PATTERNS["box"]
    assert [breath_at(box, t).phase for t in (0, 4, 8, 12)] == ["in", "hold", "out", "hold"]
    slow = BREATHING_PATTERNS["slow"]
    assert [breath_at(slow, t).phase for t in (0, 6)] == ["in", "out"]
    assert cycle_seconds(slow) == slow.cycle_seconds
