"""The planner's vocabulary: its phases, the rules it follows, the events it reports and
the records it keeps. Plain values, shared by the state machine and its callers."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime, timedelta

from backbreak.core.workhours import WorkHours

# A prompt that comes due while the user is typing waits for this much quiet...
LULL_QUIET = timedelta(seconds=3)
# ...but never longer than this.
LULL_MAX = timedelta(seconds=60)
# After a meeting, a due break is offered this long after it ends, not the second it ends.
MEETING_GRACE = timedelta(minutes=1)


class Phase(enum.Enum):
    WORKING = "working"  # counting towards the next prompt
    PROMPT = "prompt"  # a prompt is on screen
    SNOOZED = "snoozed"  # the prompt comes back at snooze_until
    BREAK = "break"  # the user is doing an exercise


class Outcome(enum.Enum):
    """What happened to a break; every one is recorded (the history keeps them all)."""

    PROMPTED = "prompted"
    STARTED = "started"
    COMPLETED = "completed"
    ENDED_EARLY = "ended early"
    SKIPPED = "skipped"
    SNOOZED = "snoozed"
    NATURAL = "natural"  # away long enough to count as a break; cause: idle, lock or sleep
    DEFERRED = "deferred"  # due but held back; cause: what held it (meeting, fullscreen...)
    PAUSED = "paused"


AWAY_CAUSES = ("idle", "lock", "sleep")
"""Why the user was away, weakest first: a sleep outranks a lock, a lock outranks idling."""


@dataclass(frozen=True)
class Rules:
    """What the settings say, in the planner's terms."""

    work: WorkHours
    interval: timedelta
    snooze: timedelta


@dataclass(frozen=True)
class PromptDue:
    exercise: str


@dataclass(frozen=True)
class PromptWithdrawn:
    """A prompt on screen (or snoozed) is no longer wanted."""

    reason: str


@dataclass(frozen=True)
class PauseEnded:
    pass


@dataclass(frozen=True)
class MeetingEnded:
    pass


Event = PromptDue | PromptWithdrawn | PauseEnded | MeetingEnded


@dataclass(frozen=True)
class BreakRecord:
    """One thing that happened to a break, for history and streaks."""

    outcome: Outcome
    at: datetime
    exercise: str
    seconds: float = 0.0
    cause: str = ""
    """For NATURAL one of :data:`AWAY_CAUSES`; for DEFERRED what held the break back."""


@dataclass(frozen=True)
class Status:
    """What the tray shows."""

    phase: Phase
    next_prompt: datetime | None
    paused_until: datetime | None
    exercise: str
    in_work_period: bool
    meeting: bool = False
    meeting_until: datetime | None = None  # None with meeting=True: until the user ends it
    deferred_by: tuple[str, ...] = ()  # e.g. ("fullscreen", "do-not-disturb")
