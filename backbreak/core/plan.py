"""What the settings would produce: the planner run on a simulated clock.

Used by ``backbreak plan``. It drives the very same :class:`Planner` the app
uses, in one of two ways:

- :func:`simulate`, from the settings alone: the user has been at the computer
  since the start of the work period and starts each break as soon as it is
  prompted. It knows nothing of what really happened today, so its times can
  differ from the tray's.
- :func:`simulate_live`, from a :class:`LiveState` the running app reports
  (time counted since the last break, rotation position, pause, meeting,
  snooze): its first prompt is the one the tray shows. What has no known end
  (a break under way, an open-ended meeting, do-not-disturb) is taken to end
  now.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from backbreak.core.planner import Phase, Planner, PromptDue, Rules

_MAX_STEPS = 200_000
_MAX_ROTATION = 1000
_MAX_ID = 200
_MAX_COUNTED = timedelta(days=2)


@dataclass(frozen=True)
class PlannedPrompt:
    at: datetime
    exercise: str


@dataclass(frozen=True)
class LiveState:
    """Where the running app's planner stands at ``at``: what a live plan starts from."""

    at: datetime
    phase: Phase
    counted: timedelta  # time at the computer counted towards the next prompt
    rotation: tuple[str, ...]
    position: int  # index in ``rotation`` of the next break's (or the current break's) exercise
    next_prompt: datetime | None  # what the tray shows
    paused_until: datetime | None = None
    meeting: bool = False
    meeting_until: datetime | None = None  # None with meeting=True: until the user ends it
    deferred_by: tuple[str, ...] = ()

    @property
    def exercise(self) -> str:
        return self.rotation[self.position]

    def to_json(self) -> dict[str, object]:
        def moment(t: datetime | None) -> str | None:
            return None if t is None else t.isoformat()

        return {
            "at": self.at.isoformat(),
            "phase": self.phase.value,
            "counted_seconds": self.counted.total_seconds(),
            "rotation": list(self.rotation),
            "position": self.position,
            "next_prompt": moment(self.next_prompt),
            "paused_until": moment(self.paused_until),
            "meeting": self.meeting,
            "meeting_until": moment(self.meeting_until),
            "deferred_by": list(self.deferred_by),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> LiveState:
        """Read what :meth:`to_json` wrote; ValueError (naming the field) for anything else."""
        rotation = data.get("rotation")
        if (
            not isinstance(rotation, list)
            or not 0 < len(rotation) <= _MAX_ROTATION
            or not all(isinstance(item, str) and 0 < len(item) <= _MAX_ID for item in rotation)
        ):
            raise ValueError("rotation: not a list of exercise ids")
        position = data.get("position")
        if not isinstance(position, int) or isinstance(position, bool):
            raise ValueError("position: not a whole number")
        if not 0 <= position < len(rotation):
            raise ValueError("position: outside the rotation")
        try:
            phase = Phase(data.get("phase"))
        except ValueError:
            raise ValueError("phase: unknown") from None
        seconds = data.get("counted_seconds")
        if not isinstance(seconds, int | float) or isinstance(seconds, bool):
            raise ValueError("counted_seconds: not a number")
        if not (math.isfinite(seconds) and 0 <= seconds <= _MAX_COUNTED.total_seconds()):
            raise ValueError("counted_seconds: out of range")
        deferred = data.get("deferred_by", [])
        if not isinstance(deferred, list) or not all(
            isinstance(item, str) and len(item) <= _MAX_ID for item in deferred[:_MAX_ROTATION]
        ):
            raise ValueError("deferred_by: not a list of names")
        meeting = data.get("meeting", False)
        if not isinstance(meeting, bool):
            raise ValueError("meeting: not true or false")
        at = _moment(data, "at")
        if at is None:
            raise ValueError("at: missing")
        return cls(
            at=at,
            phase=phase,
            counted=timedelta(seconds=seconds),
            rotation=tuple(rotation),
            position=position,
            next_prompt=_moment(data, "next_prompt"),
            paused_until=_moment(data, "paused_until"),
            meeting=meeting,
            meeting_until=_moment(data, "meeting_until"),
            deferred_by=tuple(deferred[:_MAX_ROTATION]),
        )


def _moment(data: Mapping[str, object], key: str) -> datetime | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or len(value) > 64:
        raise ValueError(f"{key}: not a date-time")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{key}: not a date-time") from None
    if moment.tzinfo is None:
        raise ValueError(f"{key}: no UTC offset")
    return moment


def live_state(planner: Planner, now: datetime) -> LiveState:
    """Snapshot ``planner`` at ``now``: read-only, apart from bringing it up to ``now``."""
    status = planner.status(now)
    return LiveState(
        at=now,
        phase=status.phase,
        counted=planner.worked(now),
        rotation=planner.rotation,
        position=planner.rotation_position,
        next_prompt=status.next_prompt,
        paused_until=status.paused_until,
        meeting=status.meeting,
        meeting_until=status.meeting_until,
        deferred_by=status.deferred_by,
    )


def simulate(
    rules: Rules,
    rotation: tuple[str, ...],
    durations: Mapping[str, timedelta],
    start: datetime,
    end: datetime,
) -> list[PlannedPrompt]:
    """Prompts in [start, end), from the settings alone.

    The simulation begins at the start of the work period containing ``start``
    (the user has been working since then), so a period's first prompt is
    always ``interval`` after its start.
    """
    current = rules.work.period_at(start)
    t = current.start if current is not None else start
    return _drive(Planner(rules, rotation, durations, t), t, start, end)


def simulate_live(
    rules: Rules, durations: Mapping[str, timedelta], state: LiveState, end: datetime
) -> list[PlannedPrompt]:
    """Prompts in [state.at, end), carrying on from where the running app stands.

    ``rules`` are the settings; ``durations`` must cover every id in the state's
    rotation. The user is taken to stay at the computer and to start each
    break when prompted, as in :func:`simulate`.
    """
    now = state.at
    position = state.position + (1 if state.phase is Phase.BREAK else 0)
    position %= len(state.rotation)
    rotation = state.rotation[position:] + state.rotation[:position]
    if state.phase is Phase.BREAK:
        # A break under way: the next interval starts when it ends, taken to be now.
        planner = Planner(rules, rotation, durations, now)
    elif state.phase is Phase.PROMPT:
        planner = Planner(rules, rotation, durations, now)
        planner.prompt_now(now)  # on screen now: the first prompt of the plan
    elif state.phase is Phase.SNOOZED and state.next_prompt is not None:
        # Snoozing now for exactly as long as is left brings the prompt back when the app will.
        left = max(timedelta(), state.next_prompt - now)
        planner = Planner(replace(rules, snooze=left), rotation, durations, now)
        planner.prompt_now(now)
        planner.poll(now)  # the prompt that snoozing answers; not one of the plan
        planner.snooze(now)
        planner.apply_rules(rules, now)
    else:
        period = rules.work.period_at(now)
        begin = now if period is None else max(now - state.counted, period.start)
        planner = Planner(rules, rotation, durations, begin)
        planner.worked(now)  # counts [begin, now): the time the app has counted
    if state.paused_until is not None and state.paused_until > now:
        planner.pause(now, state.paused_until)
    if state.meeting and state.meeting_until is not None and state.meeting_until > now:
        planner.start_meeting(now, state.meeting_until)
    return _drive(planner, now, now, end)


def _drive(planner: Planner, t: datetime, start: datetime, end: datetime) -> list[PlannedPrompt]:
    """Run ``planner`` from ``t`` to ``end``, starting every break as soon as it is prompted."""
    prompts: list[PlannedPrompt] = []
    for _ in range(_MAX_STEPS):
        for event in planner.poll(t):
            if isinstance(event, PromptDue):
                if t >= start:
                    prompts.append(PlannedPrompt(t, event.exercise))
                exercise = planner.start_break(t)
                t += planner.break_length(exercise)
                planner.finish_break(t, completed=True)
        deadline = planner.next_deadline(t)
        if deadline is None or deadline >= end:
            break
        t = max(t, deadline)
    return prompts
