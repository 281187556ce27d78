"""The guided break's state machine, driven by hand: no clock, no Qt."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backbreak.core.walkthrough import Completed, EndedEarly, State, StepChanged, Walkthrough


def test_steps_run_in_order_with_their_countdowns() -> None:
    walk = Walkthrough([3, 2, 4])
    seen = []
    events = []
    for _ in range(9):
        seen.append((walk.index, walk.display_seconds_left))
        events += walk.tick(1)
    assert seen == [(0, 3), (0, 2), (0, 1), (1, 2), (1, 1), (2, 4), (2, 3), (2, 2), (2, 1)]
    assert events == [StepChanged(1), StepChanged(2), Completed()]
    assert walk.completed
    assert walk.state is State.COMPLETED
    assert walk.elapsed == 9
    assert walk.events == events


def test_nothing_moves_after_completion() -> None:
    walk = Walkthrough([1])
    assert walk.tick(1) == [Completed()]
    assert walk.tick(5) == []
    assert walk.next() == []
    assert walk.back() == []
    assert walk.finish_early() == []
    assert walk.elapsed == 1
    assert walk.position == walk.total_seconds == 1


def test_a_long_tick_carries_over_into_the_next_steps() -> None:
    walk = Walkthrough([3, 2, 4])
    assert walk.tick(5.5) == [StepChanged(1), StepChanged(2)]
    assert walk.index == 2
    assert walk.seconds_left == pytest.approx(3.5)
    assert walk.display_seconds_left == 4
    assert walk.step_elapsed == pytest.approx(0.5)
    assert walk.position == pytest.approx(5.5)


def test_fractional_ticks_add_up_without_drift() -> None:
    walk = Walkthrough([1, 1])
    events = []
    for _ in range(10):
        events += walk.tick(0.1)
    assert events == [StepChanged(1)]
    assert walk.index == 1
    assert walk.display_seconds_left == 1


def test_paused_time_does_not_count() -> None:
    walk = Walkthrough([5, 5])
    walk.tick(2)
    walk.pause()
    assert walk.paused
    assert walk.tick(30) == []
    assert walk.elapsed == 2
    assert walk.display_seconds_left == 3
    walk.resume()
    assert not walk.paused
    walk.tick(1)
    assert walk.elapsed == 3
    assert walk.display_seconds_left == 2
    walk.toggle_pause()
    assert walk.paused
    walk.toggle_pause()
    assert not walk.paused


def test_next_and_back_move_between_steps_at_their_full_length() -> None:
    walk = Walkthrough([5, 6, 7])
    walk.tick(2)
    assert walk.next() == [StepChanged(1)]
    assert (walk.index, walk.seconds_left) == (1, 6)
    walk.tick(4)
    assert walk.back() == [StepChanged(0)]
    assert (walk.index, walk.seconds_left) == (0, 5)
    walk.tick(1)
    assert walk.back() == []  # the first step starts again
    assert (walk.index, walk.seconds_left) == (0, 5)
    assert walk.is_first_step
    walk.next()
    walk.next()
    assert walk.is_last_step
    assert walk.next() == [Completed()]
    assert walk.completed
    assert walk.elapsed == 7  # skipped time is not exercise time


def test_controls_work_while_paused_and_keep_it_paused() -> None:
    walk = Walkthrough([5, 5])
    walk.pause()
    assert walk.next() == [StepChanged(1)]
    assert walk.paused
    assert walk.tick(3) == []
    assert walk.seconds_left == 5


def test_finishing_early_reports_the_time_done() -> None:
    walk = Walkthrough([10, 10])
    walk.tick(4)
    walk.pause()
    walk.tick(100)
    walk.resume()
    walk.tick(3.5)
    assert walk.finish_early() == [EndedEarly(7.5)]
    assert walk.state is State.ENDED_EARLY
    assert not walk.running
    assert not walk.paused
    assert walk.tick(5) == []
    assert walk.finish_early() == []
    assert walk.events == [EndedEarly(7.5)]


def test_pause_after_the_end_is_ignored() -> None:
    walk = Walkthrough([1])
    walk.tick(1)
    walk.pause()
    assert not walk.paused


@pytest.mark.parametrize("steps", [[], [0], [3, -1]])
def test_steps_must_last(steps: list[float]) -> None:
    with pytest.raises(ValueError, match="step"):
        Walkthrough(steps)


def test_time_does_not_run_backwards() -> None:
    with pytest.raises(ValueError, match="backwards"):
        Walkthrough([3]).tick(-1)


@given(
    steps=st.lists(st.integers(1, 30), min_size=1, max_size=8),
    ticks=st.lists(st.sampled_from([0.25, 0.5, 1.0, 2.0, 7.0]), max_size=80),
)
def test_time_done_is_the_ticks_up_to_the_end(steps: list[int], ticks: list[float]) -> None:
    walk = Walkthrough(steps)
    changes = []
    for seconds in ticks:
        changes += [e.index for e in walk.tick(seconds) if isinstance(e, StepChanged)]
    total = sum(steps)
    assert walk.elapsed == pytest.approx(min(sum(ticks), total))
    assert walk.position == pytest.approx(min(sum(ticks), total))
    assert changes == list(range(1, len(changes) + 1))  # every step in order, none skipped
    assert walk.completed == (sum(ticks) >= total)
    assert walk.events.count(Completed()) == (1 if walk.completed else 0)
