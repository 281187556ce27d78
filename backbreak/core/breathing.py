"""Where a paced-breathing pattern stands after some seconds, and how big the pacer is.

A pattern is a cycle of phases named ``"in"``, ``"hold"`` and ``"out"``, each lasting
some seconds (box breathing: in 4, hold 4, out 4, hold 4). The pacer's size runs from
0 (lungs empty) to 1 (full): it grows during "in", shrinks during "out" and stays
where it is during "hold". What the pacer says for each phase is
:mod:`backbreak.ui.breathing_words`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

IN = "in"
HOLD = "hold"
OUT = "out"
PHASE_NAMES = (IN, HOLD, OUT)


class Phase(Protocol):
    """One phase of a pattern (``backbreak.core.exercises.BreathPhase`` fits)."""

    @property
    def name(self) -> str: ...

    @property
    def seconds(self) -> float: ...


class Pattern(Protocol):
    """A breathing pattern (``backbreak.core.exercises.BreathingPattern`` fits)."""

    @property
    def phases(self) -> Sequence[Phase]: ...


@dataclass(frozen=True)
class BreathState:
    phase: str
    """``"in"``, ``"hold"`` or ``"out"``."""
    phase_index: int
    """Position of the phase in the pattern, 0-based."""
    fraction: float
    """How far through the phase, 0..1."""
    seconds_left: float
    """Until the next phase starts."""
    cycle: int
    """Which round of the pattern this is, counting from 1."""
    size: float
    """The pacer's size, 0 (empty) .. 1 (full)."""

    @property
    def count(self) -> int:
        """The number a person counts down through the phase: 4, 3, 2, 1."""
        return max(1, math.ceil(self.seconds_left - 1e-9))


def cycle_seconds(pattern: Pattern) -> float:
    return float(sum(phase.seconds for phase in pattern.phases))


def _check(pattern: Pattern) -> None:
    if not pattern.phases:
        raise ValueError("a breathing pattern needs at least one phase")
    for phase in pattern.phases:
        if phase.name not in PHASE_NAMES:
            raise ValueError(f"unknown breathing phase {phase.name!r}")
        if phase.seconds < 0:
            raise ValueError("a breathing phase cannot last less than zero seconds")
    if cycle_seconds(pattern) <= 0:
        raise ValueError("a breathing pattern must last longer than zero seconds")


def ease(fraction: float) -> float:
    """Slow at both ends, like a breath: 0 → 0, 0.5 → 0.5, 1 → 1."""
    fraction = min(1.0, max(0.0, fraction))
    return (1.0 - math.cos(math.pi * fraction)) / 2.0


def _levels(pattern: Pattern) -> list[float]:
    """The size each phase starts at."""
    # A hold keeps the level the phase before it ended on; start from the level
    # the cycle ends on, so a pattern opening with a hold still knows it.
    end = 0.0
    for phase in pattern.phases:
        if phase.name == IN:
            end = 1.0
        elif phase.name == OUT:
            end = 0.0
    starts = []
    level = end
    for phase in pattern.phases:
        starts.append(level)
        if phase.name == IN:
            level = 1.0
        elif phase.name == OUT:
            level = 0.0
    return starts


def _size(phase: str, start: float, fraction: float) -> float:
    if phase == IN:
        return start + (1.0 - start) * ease(fraction)
    if phase == OUT:
        return start * (1.0 - ease(fraction))
    return start


def breath_at(pattern: Pattern, elapsed: float) -> BreathState:
    """The pattern's state ``elapsed`` seconds after it started (negative counts as 0)."""
    _check(pattern)
    total = cycle_seconds(pattern)
    elapsed = max(0.0, float(elapsed))
    cycle, into = divmod(elapsed, total)
    starts = _levels(pattern)
    timed = [i for i, phase in enumerate(pattern.phases) if phase.seconds > 0]
    offset = 0.0
    for index in timed:
        phase = pattern.phases[index]
        seconds = float(phase.seconds)
        # The last timed phase also takes what floating-point rounding leaves over.
        if into < offset + seconds or index == timed[-1]:
            fraction = min(1.0, max(0.0, (into - offset) / seconds))
            return BreathState(
                phase=phase.name,
                phase_index=index,
                fraction=fraction,
                seconds_left=max(0.0, offset + seconds - into),
                cycle=int(cycle) + 1,
                size=_size(phase.name, starts[index], fraction),
            )
        offset += seconds
    raise AssertionError("unreachable: _check guarantees a timed phase")  # pragma: no cover


def pacer_size(pattern: Pattern, elapsed: float) -> float:
    """The pacer's size 0..1 ``elapsed`` seconds into the pattern."""
    return breath_at(pattern, elapsed).size


def whole_breaths(seconds: float, pattern: Pattern) -> float:
    """``seconds`` rounded to a whole number of the pattern's cycles (at least one).

    A breathing step then ends as a breath ends, never halfway through breathing in.
    """
    _check(pattern)
    cycle = cycle_seconds(pattern)
    return max(1, round(seconds / cycle)) * cycle
