"""What the current settings would produce: the planner run on a simulated clock.

Used by ``backbreak plan``. It drives the very same :class:`Planner` the app
uses, assuming the user is at the computer throughout every work period and
starts each break as soon as it is prompted.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from backbreak.core.planner import Planner, PromptDue, Rules

_MAX_STEPS = 200_000


@dataclass(frozen=True)
class PlannedPrompt:
    at: datetime
    exercise: str


def simulate(
    rules: Rules,
    rotation: tuple[str, ...],
    durations: Mapping[str, timedelta],
    start: datetime,
    end: datetime,
) -> list[PlannedPrompt]:
    """Prompts in [start, end).

    The simulation begins at the start of the work period containing ``start``
    (the user has been working since then), so a period's first prompt is
    always ``interval`` after its start.
    """
    current = rules.work.period_at(start)
    t = current.start if current is not None else start
    planner = Planner(rules, rotation, durations, t)
    prompts: list[PlannedPrompt] = []
    for _ in range(_MAX_STEPS):
        deadline = planner.next_deadline(t)
        if deadline is None or deadline >= end:
            break
        t = max(t, deadline)
        for event in planner.poll(t):
            if isinstance(event, PromptDue):
                if t >= start:
                    prompts.append(PlannedPrompt(t, event.exercise))
                exercise = planner.start_break(t)
                t += planner.break_length(exercise)
                planner.finish_break(t, completed=True)
    return prompts
