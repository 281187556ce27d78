"""The guided break as a state machine: which step is on, how long it has left, what is done.

Time comes in through ``tick(seconds)``; nothing here reads a clock, so the window
drives it with a timer and tests drive it by hand. Every call that changes the
state returns the events it caused (and appends them to ``events``), so the UI
reacts to ``StepChanged``, ``Completed`` and ``EndedEarly`` without polling.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

# Sub-microsecond remainders from fractional ticks count as zero.
_EPSILON = 1e-9


@dataclass(frozen=True)
class StepChanged:
    """Step ``index`` (0-based) is now on screen, its countdown at full length."""

    index: int


@dataclass(frozen=True)
class Completed:
    """The last step ran to its end (or the user went past it with Next)."""


@dataclass(frozen=True)
class EndedEarly:
    """The user stopped before the end, having exercised for ``seconds_done``."""

    seconds_done: float


Event = StepChanged | Completed | EndedEarly


class State(Enum):
    RUNNING = "running"
    COMPLETED = "completed"
    ENDED_EARLY = "ended early"


class Walkthrough:
    """Steps of given lengths, run one after the other; paused time does not count."""

    def __init__(self, step_seconds: Sequence[float]) -> None:
        if not step_seconds:
            raise ValueError("a walkthrough needs at least one step")
        if any(not seconds > 0 for seconds in step_seconds):
            raise ValueError("every step must last longer than zero seconds")
        self._durations = tuple(float(seconds) for seconds in step_seconds)
        self._index = 0
        self._left = self._durations[0]
        self._elapsed = 0.0
        self._paused = False
        self._state = State.RUNNING
        self.events: list[Event] = []

    # -- what the UI reads -------------------------------------------------

    @property
    def step_count(self) -> int:
        return len(self._durations)

    @property
    def index(self) -> int:
        """The current step, 0-based (the last step once finished)."""
        return self._index

    @property
    def step_seconds(self) -> float:
        """Full length of the current step."""
        return self._durations[self._index]

    @property
    def seconds_left(self) -> float:
        """What remains of the current step's countdown."""
        return self._left

    @property
    def display_seconds_left(self) -> int:
        """The countdown as a person reads it: 10, 9, … 1 (never 0 while the step is on)."""
        return max(0, math.ceil(self._left - _EPSILON))

    @property
    def step_elapsed(self) -> float:
        """How far into the current step the countdown is."""
        return self._durations[self._index] - self._left

    @property
    def elapsed(self) -> float:
        """Seconds actually spent exercising: ticks while running, not while paused."""
        return self._elapsed

    @property
    def total_seconds(self) -> float:
        return sum(self._durations)

    @property
    def position(self) -> float:
        """Where the walkthrough stands on the exercise's timeline, 0..total_seconds."""
        if self._state is State.COMPLETED:
            return self.total_seconds
        return sum(self._durations[: self._index]) + self.step_elapsed

    @property
    def paused(self) -> bool:
        return self._paused

    @property
    def state(self) -> State:
        return self._state

    @property
    def running(self) -> bool:
        """Neither completed nor ended early (it may be paused)."""
        return self._state is State.RUNNING

    @property
    def completed(self) -> bool:
        return self._state is State.COMPLETED

    @property
    def is_first_step(self) -> bool:
        return self._index == 0

    @property
    def is_last_step(self) -> bool:
        return self._index == len(self._durations) - 1

    # -- what drives it ----------------------------------------------------

    def tick(self, seconds: float) -> list[Event]:
        """``seconds`` of time passed. Ignored while paused or finished."""
        if seconds < 0:
            raise ValueError("time does not run backwards")
        events: list[Event] = []
        if self._paused or not self.running:
            return events
        remaining = float(seconds)
        while remaining > _EPSILON and self.running:
            used = min(remaining, self._left)
            self._left -= used
            self._elapsed += used
            remaining -= used
            if self._left <= _EPSILON:
                self._left = 0.0
                events.extend(self._advance())
        return self._record(events)

    def next(self) -> list[Event]:
        """Skip the rest of this step; past the last step the exercise is completed."""
        if not self.running:
            return []
        return self._record(self._advance())

    def back(self) -> list[Event]:
        """The previous step from its start; on the first step, restart it."""
        if not self.running:
            return []
        if self._index == 0:
            self._left = self._durations[0]
            return []
        self._index -= 1
        self._left = self._durations[self._index]
        return self._record([StepChanged(self._index)])

    def pause(self) -> list[Event]:
        if self.running:
            self._paused = True
        return []

    def resume(self) -> list[Event]:
        self._paused = False
        return []

    def toggle_pause(self) -> list[Event]:
        return self.resume() if self._paused else self.pause()

    def finish_early(self) -> list[Event]:
        """Stop here; the time done so far is reported."""
        if not self.running:
            return []
        self._state = State.ENDED_EARLY
        self._paused = False
        return self._record([EndedEarly(self._elapsed)])

    # -- internals -----------------------------------------------------------

    def _advance(self) -> list[Event]:
        if self._index + 1 >= len(self._durations):
            self._left = 0.0
            self._state = State.COMPLETED
            self._paused = False
            return [Completed()]
        self._index += 1
        self._left = self._durations[self._index]
        return [StepChanged(self._index)]

    def _record(self, events: list[Event]) -> list[Event]:
        self.events.extend(events)
        return events
